/* Retrograde signal r in [0,1]: rises while postsynaptic CaMKII drive exceeds a threshold,
 * decays slowly; release fraction F1 is scaled by (1 + gain r). The presynaptic share of CA1
 * LTP is disputed and small in most early-LTP data (SCIENCE.md 1h), so it is switchable. */
#include "mech/retrograde.h"

#include <stddef.h>

#define P(field) offsetof(ltp_params, retrograde.field)
static const ltp_param_def retrograde_table[] = {
    {"enabled", "1", 1, 0, 1, "SCIENCE.md 1h: keep switchable (disputed component)",
     "1 = presynaptic expression on, 0 = off", P(enabled), NULL},
    {"gain", "1", 0.15, 0, 3,
     "[M] Pr rises ~1.3-2x after strong induction (Enoki 2009; Bayazitov 2007; Zakharenko 2001)",
     "maximal relative increase of F1", P(gain), NULL},
    {"tau_rise", "s", 600, 1, 1e5, "[M] slow onset over tens of minutes (SCIENCE.md 1h)",
     "rise time constant while driven", P(tau_rise_s), NULL},
    {"tau_decay", "s", 5400, 1, 1e6, "[M] SCIENCE.md 1h: tau 10-30 min to hours",
     "decay time constant", P(tau_decay_s), NULL},
    {"threshold", "1", 0.1, 0, 1, "[M] strong induction only (SCIENCE.md 1h)",
     "CaMKII drive above which the messenger is produced", P(camkii_threshold), NULL},
};
#undef P

const ltp_mech_def retrograde_mech = {"retrograde",
                                      "Retrograde messenger raising presynaptic release",
                                      retrograde_table, LTP_COUNT(retrograde_table)};

double retrograde_rhs(const retrograde_params *p, double signal, double kinase_drive) {
  const double over = kinase_drive > p->camkii_threshold ? 1.0 : 0.0;
  return 1e-3 * (over * (1.0 - signal) / p->tau_rise_s - signal / p->tau_decay_s);
}

double retrograde_stiffness_per_ms(const retrograde_params *p) {
  return 1e-3 * (1.0 / p->tau_rise_s + 1.0 / p->tau_decay_s);
}

double retrograde_release_factor(const retrograde_params *p, double signal) {
  return p->enabled > 0.5 ? 1.0 + p->gain * signal : 1.0;
}
