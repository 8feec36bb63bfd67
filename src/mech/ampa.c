/* AMPA receptor gating (Destexhe, Mainen & Sejnowski 1994 two-state scheme, NEURON ampa.mod
 * lineage) and the expressed conductance g = N_syn x gamma x r x (1 - CNQX block). */
#include "mech/ampa.h"

#include <stddef.h>

#include "mech/kinetics.h"

#define P(field) offsetof(ltp_params, ampa.field)
static const ltp_param_def ampa_table[] = {
    {"alpha", "1/(mM ms)", 1.1, 0.01, 100,
     "Destexhe, Mainen & Sejnowski 1994; NEURON ampa.mod (1 mM x 1 ms pulse)",
     "glutamate binding/opening rate", P(alpha_per_mM_ms), NULL},
    {"beta", "1/ms", 0.19, 0.01, 10, "Destexhe, Mainen & Sejnowski 1994 (decay ~5.3 ms)",
     "closing rate", P(beta_per_ms), NULL},
    {"e_rev", "mV", 0, -20, 20, "all sources", "reversal potential", P(e_rev_mV), NULL},
    {"block", "1", 0, 0, 1, "set by the CNQX drug entry (docs/experiment-format.md)",
     "fraction of AMPARs blocked by antagonist", P(block), NULL},
};
#undef P

const ltp_mech_def ampa_mech = {"ampa",
                                "AMPA receptors: two-state kinetics; g = N x gamma(S831) x "
                                "open fraction",
                                ampa_table, LTP_COUNT(ampa_table)};

double ampa_gate_advance(const ampa_params *p, double r, double glu_mM, double dt_ms,
                         exp_memo *decay) {
  return kinetic2_advance(r, p->alpha_per_mM_ms * glu_mM, p->beta_per_ms, dt_ms, decay);
}

double ampa_gate_step(const ampa_params *p, double r, double glu_mM, double dt_ms) {
  exp_memo decay = EXP_MEMO_EMPTY;
  return ampa_gate_advance(p, r, glu_mM, dt_ms, &decay);
}

double ampa_gate_rhs(const ampa_params *p, double r, double glu_mM) {
  return kinetic2_rhs(r, p->alpha_per_mM_ms * glu_mM, p->beta_per_ms);
}

double ampa_conductance_nS(const ampa_params *p, double r, double n_receptors, double gamma_pS) {
  return n_receptors * gamma_pS * 1e-3 * r * (1.0 - p->block);
}
