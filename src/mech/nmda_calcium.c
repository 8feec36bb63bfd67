/* Point-synapse calcium from the NMDA current. tau_Ca and the bAP amplitude are the
 * "hippocampal slices" fit of Graupner & Brunel 2012 (PNAS 109:3991, Table S1, checked against
 * the authors' synapticChange.py); eta is the benchmark's calibration (bench/SPEC.md 2.4): one
 * isolated pulse at rest peaks at c = 0.885, below theta_d = 1, and 4-8 Hz trains sum between
 * the thresholds. */
#include "mech/nmda_calcium.h"

#include <math.h>
#include <stddef.h>

#define GB "Graupner & Brunel 2012 hippocampal-slices fit (bench/SPEC.md 2.4, 9)"
#define P(field) offsetof(ltp_params, nmda_calcium.field)
static const ltp_param_def nmda_calcium_table[] = {
    {"tau", "ms", 48.8373, 0.1, 1e4, GB, "calcium decay time constant tau_Ca", P(tau_ms), NULL},
    {"eta", "1/(pA ms)", 0.018, 0, 10,
     "bench/SPEC.md 2.4: one pulse at rest peaks at c = 0.885 (DOWN state), below theta_d",
     "calcium per NMDA charge", P(eta_per_pA_ms), NULL},
    {"c_bap", "1", 0.275865, 0, 100, GB " (C_post)",
     "calcium jump per back-propagating action potential", P(c_bap), NULL},
};
#undef P
#undef GB

const ltp_mech_def nmda_calcium_mech = {
    "nmda_calcium", "Point-synapse calcium: NMDA current fraction and bAP jumps (GB 2012 units)",
    nmda_calcium_table, LTP_COUNT(nmda_calcium_table)};

/* (e^{-r h} - e^{-h/tau}) / (1/tau - r), with its limit h e^{-h/tau} (1 + d/2 + ...) where
 * d = (1/tau - r) h is small. */
static double exp_difference_ms(double decay_r, double ca_decay, double inv_tau, double r,
                                double h_ms) {
  const double d = (inv_tau - r) * h_ms;
  if (fabs(d) < 1e-3)
    return h_ms * ca_decay * (1.0 + d * (0.5 + d * (1.0 / 6.0 + d * (1.0 / 24.0))));
  return (decay_r - ca_decay) / (inv_tau - r);
}

double nmda_calcium_step(const nmda_calcium_params *p, double c, double i_per_open_pA,
                         const point_nmda_course *s, double ca_decay, double h_ms) {
  /* dc/dt = -c/tau + eta i(t): c e^{-h/tau} + eta i_open [s_inf tau (1 - e^{-h/tau})
   *   + (s0 - s_inf) int_0^h e^{-(h-t)/tau} e^{-r t} dt] */
  const double inv_tau = 1.0 / p->tau_ms;
  const double drive =
      s->s_inf * p->tau_ms * (1.0 - ca_decay) +
      (s->s0 - s->s_inf) * exp_difference_ms(s->decay, ca_decay, inv_tau, s->rate_per_ms, h_ms);
  return c * ca_decay + p->eta_per_pA_ms * i_per_open_pA * drive;
}
