/* Shared gating equations, used by every receptor and channel: the exact updates of the fixed
 * step and the right-hand sides of the reference integration (engine/reference.c), written
 * next to each other so that both integrate the same equation. */
#ifndef LTP_MECH_KINETICS_H
#define LTP_MECH_KINETICS_H

#include <math.h>

/* exp(arg) remembered for the last argument. Most exponential updates of the fixed step have
 * an argument that changes only with the step size or the glutamate concentration (-dt / tau
 * with a constant tau, -(alpha T + beta) dt), so each caller keeps one of these per update
 * and exp() runs only when the argument changes; the value is exp()'s, bit for bit. Start
 * from EXP_MEMO_EMPTY. */
typedef struct {
  double arg, value;
} exp_memo;
#define EXP_MEMO_EMPTY ((exp_memo){NAN, NAN})

static inline double exp_memo_of(exp_memo *m, double arg) {
  if (arg != m->arg) { /* NaN never compares equal: an empty memo computes */
    m->arg = arg;
    m->value = exp(arg);
  }
  return m->value;
}

/* Hill activation x^n / (k^n + x^n), written 1 / (1 + (k/x)^n): calcineurin and PKA on
 * Ca4-CaM (GB2007 Eq. 23), drugs on their targets, the LTD commitment on its Ca2+ count.
 * 0 for x <= 0. */
static inline double hill_activation(double x, double k, double n) {
  if (x <= 0.0)
    return 0.0;
  return 1.0 / (1.0 + pow(k / x, n));
}

/* Two-state binding scheme dr/dt = alpha*T*(1-r) - beta*r with T constant over dt
 * (Destexhe, Mainen & Sejnowski 1994): exact exponential update. */
static inline double kinetic2_advance(double r, double alpha_T, double beta, double dt,
                                      exp_memo *decay) {
  const double rate = alpha_T + beta;
  const double r_inf = alpha_T / rate;
  return r_inf + (r - r_inf) * exp_memo_of(decay, -rate * dt);
}

static inline double kinetic2_step(double r, double alpha_T, double beta, double dt) {
  exp_memo decay = EXP_MEMO_EMPTY;
  return kinetic2_advance(r, alpha_T, beta, dt, &decay);
}

static inline double kinetic2_rhs(double r, double alpha_T, double beta) {
  return alpha_T * (1.0 - r) - beta * r;
}

/* Rush-Larsen update of a gate towards x_inf with time constant tau. */
static inline double gate_advance(double x, double x_inf, double tau, double dt, exp_memo *decay) {
  return x_inf + (x - x_inf) * exp_memo_of(decay, -dt / tau);
}

static inline double gate_step(double x, double x_inf, double tau, double dt) {
  return x_inf + (x - x_inf) * exp(-dt / tau);
}

static inline double gate_rhs(double x, double x_inf, double tau) {
  return (x_inf - x) / tau;
}

#endif
