/* Shared gating equations, used by every receptor and channel: the exact updates of the fixed
 * step and the right-hand sides of the reference integration (engine/reference.c), written
 * next to each other so that both integrate the same equation. */
#ifndef LTP_MECH_KINETICS_H
#define LTP_MECH_KINETICS_H

#include <math.h>

/* Two-state binding scheme dr/dt = alpha*T*(1-r) - beta*r with T constant over dt
 * (Destexhe, Mainen & Sejnowski 1994): exact exponential update. */
static inline double kinetic2_step(double r, double alpha_T, double beta, double dt) {
  const double rate = alpha_T + beta;
  const double r_inf = alpha_T / rate;
  return r_inf + (r - r_inf) * exp(-rate * dt);
}

static inline double kinetic2_rhs(double r, double alpha_T, double beta) {
  return alpha_T * (1.0 - r) - beta * r;
}

/* Rush-Larsen update of a gate towards x_inf with time constant tau. */
static inline double gate_step(double x, double x_inf, double tau, double dt) {
  return x_inf + (x - x_inf) * exp(-dt / tau);
}

static inline double gate_rhs(double x, double x_inf, double tau) {
  return (x_inf - x) / tau;
}

#endif
