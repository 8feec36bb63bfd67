/* exp() of arguments near zero without a libm call: the hot loops of the point model multiply
 * a step-constant decay factor (cached) by the exponential of a small, state-dependent
 * correction (a weak synaptic conductance, the Mg2+ block after a small voltage change). */
#ifndef LTP_CORE_EXPO_H
#define LTP_CORE_EXPO_H

#include <math.h>

/* e^u; the 5-term Taylor series when |u| < 1e-3 (remainder < u^5/120 < 1e-17, below the
 * rounding of the result), libm otherwise. */
static inline double ltp_exp_near0(double u) {
  if (fabs(u) < 1e-3)
    return 1.0 + u * (1.0 + u * (0.5 + u * (1.0 / 6.0 + u * (1.0 / 24.0))));
  return exp(u);
}

#endif
