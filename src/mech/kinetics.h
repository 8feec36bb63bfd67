/* Shared exact updates for linear gating equations, used by every receptor and channel. */
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

/* Rush-Larsen update of a gate towards x_inf with time constant tau. */
static inline double gate_step(double x, double x_inf, double tau, double dt) {
  return x_inf + (x - x_inf) * exp(-dt / tau);
}

#endif
