/* NMDA receptors: two-state kinetic gating, voltage-dependent Mg2+ block (Jahr-Stevens by
 * default, other published fits selectable) and the Ca2+ current (GHK). */
#ifndef LTP_MECH_NMDA_H
#define LTP_MECH_NMDA_H

#include "core/param.h"
#include "mech/kinetics.h"
#include "mech/model_params.h"

extern const ltp_mech_def nmda_mech;

enum { NMDA_BLOCK_JAHR_STEVENS = 0, NMDA_BLOCK_VARGAS_CABALLERO = 1, NMDA_BLOCK_STRONG = 2 };

/* Constants of the selected fit: B(V) = 1 / (1 + [Mg]o / k0 * exp(-z V)). */
void nmda_mg_fit(const nmda_params *p, double *k0_mM, double *z_per_mV);
/* Unblocked fraction B(V) at [Mg]o for the selected fit. */
double nmda_mg_unblock(const nmda_params *p, double v_mV, double mg_o_mM);
double nmda_gate_step(const nmda_params *p, double r, double glu_mM, double dt_ms);
/* The same, remembering the decay factor in *decay for the next step (mech/kinetics.h). */
double nmda_gate_advance(const nmda_params *p, double r, double glu_mM, double dt_ms,
                         exp_memo *decay);
/* dr/dt (1/ms) of the same scheme. */
double nmda_gate_rhs(const nmda_params *p, double r, double glu_mM);
/* Conductance (nS, before Mg block) at open fraction r. */
double nmda_conductance_nS(const nmda_params *p, double r);
/* Ca2+ current (pA, inward < 0) through NMDARs of (Mg2+-unblocked) conductance g_nS at v_mV:
 * ca_fraction of the total current at ca_fraction_v, GHK-scaled to v_mV. */
double nmda_ca_current_pA(const nmda_params *p, double g_nS, double v_mV);

#endif
