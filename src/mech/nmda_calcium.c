/* Point-synapse calcium from the NMDA current. tau_Ca and the bAP amplitude are the
 * "hippocampal slices" fit of Graupner & Brunel 2012 (PNAS 109:3991, Table S1, checked against
 * the authors' synapticChange.py); eta is the benchmark's calibration (bench/SPEC.md 2.4): one
 * isolated pulse at rest peaks at c = 0.885, below theta_d = 1, and 4-8 Hz trains sum between
 * the thresholds. */
#include "mech/nmda_calcium.h"

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

double nmda_calcium_step(const nmda_calcium_params *p, double c, double i_in_pA, double decay) {
  /* dc/dt = -c/tau + eta i: relax to eta i tau with factor decay = e^{-h/tau} */
  const double c_inf = p->eta_per_pA_ms * i_in_pA * p->tau_ms;
  return c_inf + (c - c_inf) * decay;
}
