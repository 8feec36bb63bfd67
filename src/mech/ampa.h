/* AMPA receptors: two-state kinetic gating by cleft glutamate; conductance = receptors in
 * the PSD x mean unitary conductance (set by GluA1-S831 phosphorylation) x open fraction. */
#ifndef LTP_MECH_AMPA_H
#define LTP_MECH_AMPA_H

#include "core/param.h"
#include "mech/kinetics.h"
#include "mech/model_params.h"

extern const ltp_mech_def ampa_mech;

/* Advance the open fraction r over dt with cleft glutamate glu_mM. */
double ampa_gate_step(const ampa_params *p, double r, double glu_mM, double dt_ms);
/* The same, remembering the decay factor in *decay for the next step (mech/kinetics.h). */
double ampa_gate_advance(const ampa_params *p, double r, double glu_mM, double dt_ms,
                         exp_memo *decay);
/* dr/dt (1/ms) of the same scheme. */
double ampa_gate_rhs(const ampa_params *p, double r, double glu_mM);
/* Conductance in nS for n_receptors of unitary conductance gamma_pS at open fraction r. */
double ampa_conductance_nS(const ampa_params *p, double r, double n_receptors, double gamma_pS);

#endif
