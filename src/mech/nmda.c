/* NMDA receptors: two-state gating (Destexhe et al. 1994 binding rate, decay set to the adult
 * CA1 value), Mg2+ block B(V) = 1 / (1 + [Mg]o/K0 exp(-z V)):
 *   Jahr & Stevens 1990:           K0 = 3.57 mM, z = 0.062 /mV
 *   Vargas-Caballero & Robinson 2003 (Blue Brain GluSynapse): K0 = 2.552 mM, z = 0.072 /mV
 *   "strong" CA1 variant:           K0 = 3.57 mM, z = 0.072 /mV (ModelDB adaptive_sNMDA)
 * and the Ca2+ current: the fraction P_f ~ 10 % of the total current at the potential where it was
 * measured (Schneggenburger 1993, Burnashev 1995), carried to other potentials by the
 * Goldman-Hodgkin-Katz flux of Ca2+ (SCIENCE.md 1c): Ca2+ keeps entering near 0 mV, where the
 * total current reverses. */
#include "mech/nmda.h"

#include <math.h>
#include <stddef.h>

#include "core/constants.h"
#include "mech/kinetics.h"

static const char *const block_fits[] = {"jahr_stevens", "vargas_caballero", "strong", NULL};

typedef struct {
  double k0_mM, z_per_mV;
} mg_block_fit;

/* The published fits, in the order of block_fits. */
static const mg_block_fit mg_fits[] = {{3.57, 0.062}, {2.552, 0.072}, {3.57, 0.072}};

#define P(field) offsetof(ltp_params, nmda.field)
static const ltp_param_def nmda_table[] = {
    {"alpha", "1/(mM ms)", 0.072, 0.001, 100, "Destexhe, Mainen & Sejnowski 1994 NMDA scheme",
     "glutamate binding/opening rate", P(alpha_per_mM_ms), NULL},
    {"beta", "1/ms", 0.0143, 0.001, 1,
     "1/70 ms: adult CA1 NMDA decay at 35 C (SCIENCE.md 1c default; GluSynapse tau_d 70 ms)",
     "unbinding/closing rate", P(beta_per_ms), NULL},
    {"e_rev", "mV", 0, -20, 20, "Jahr & Stevens 1990; all sources", "reversal potential",
     P(e_rev_mV), NULL},
    {"n_receptors", "1", 15, 0, 200,
     "Rodrigues et al. 2023 (N = 15; Nimchinsky 2004, Spruston 1995)", "NMDARs per synapse",
     P(n_receptors), NULL},
    {"gamma", "pS", 50, 1, 200, "Rodrigues et al. 2023; Maki & Popescu 2014 (53 pS)",
     "single-channel conductance", P(gamma_pS), NULL},
    {"mg_o", "mM", 1.0, 0, 20, "slice ACSF, SCIENCE.md 5", "extracellular Mg2+", P(mg_o_mM), NULL},
    {"block_fit", "choice", NMDA_BLOCK_JAHR_STEVENS, 0, 2,
     "Jahr & Stevens 1990; Vargas-Caballero & Robinson 2003; ModelDB adaptive_sNMDA",
     "Mg2+ block fit", P(block_fit), block_fits},
    {"ca_fraction", "1", 0.10, 0, 1,
     "Schneggenburger et al. 1993; Burnashev et al. 1995 (7-11 %); Rodrigues 2023 f_Ca = 0.1",
     "fraction of the NMDAR current carried by Ca2+ at ca_fraction_v", P(ca_fraction), NULL},
    {"ca_fraction_v", "mV", -60, -120, -20,
     "[M] Schneggenburger et al. 1993; Burnashev et al. 1995 (not verified in the texts; a "
     "calyx study measured at -80 mV): -60 or -80 mV changes the Ca2+ current by < 1 %",
     "potential at which ca_fraction holds", P(ca_fraction_v_mV), NULL},
    {"temp", "C", 35, 0, 45, "SCIENCE.md model temperature (CA1 slice LTP work, 30-35 C)",
     "temperature of the GHK Ca2+ flux (RT/F)", P(temp_C), NULL},
    {"block", "1", 0, 0, 1, "set by the AP5 drug entry (docs/experiment-format.md)",
     "fraction of NMDARs blocked by antagonist", P(block), NULL},
};
#undef P

const ltp_mech_def nmda_mech = {"nmda",
                                "NMDA receptors: two-state kinetics, Mg2+ block B(V), Ca2+ "
                                "current (GHK)",
                                nmda_table, LTP_COUNT(nmda_table)};

void nmda_mg_fit(const nmda_params *p, double *k0_mM, double *z_per_mV) {
  int fit = (int)p->block_fit;
  if (fit < 0 || fit > NMDA_BLOCK_STRONG)
    fit = NMDA_BLOCK_JAHR_STEVENS;
  *k0_mM = mg_fits[fit].k0_mM;
  *z_per_mV = mg_fits[fit].z_per_mV;
}

double nmda_mg_unblock(const nmda_params *p, double v_mV, double mg_o_mM) {
  double k0 = 0, z = 0;
  nmda_mg_fit(p, &k0, &z);
  return 1.0 / (1.0 + mg_o_mM / k0 * exp(-z * v_mV));
}

double nmda_gate_advance(const nmda_params *p, double r, double glu_mM, double dt_ms,
                         exp_memo *decay) {
  return kinetic2_advance(r, p->alpha_per_mM_ms * glu_mM, p->beta_per_ms, dt_ms, decay);
}

double nmda_gate_step(const nmda_params *p, double r, double glu_mM, double dt_ms) {
  exp_memo decay = EXP_MEMO_EMPTY;
  return nmda_gate_advance(p, r, glu_mM, dt_ms, &decay);
}

double nmda_gate_rhs(const nmda_params *p, double r, double glu_mM) {
  return kinetic2_rhs(r, p->alpha_per_mM_ms * glu_mM, p->beta_per_ms);
}

double nmda_conductance_nS(const nmda_params *p, double r) {
  return p->n_receptors * p->gamma_pS * 1e-3 * r * (1.0 - p->block);
}

/* GHK Ca2+ flux with [Ca]i << [Ca]o, relative to its value at 0 mV: u / (exp(u) - 1),
 * u = 2 F V / (R T). */
static double ghk_ca_flux_shape(double v_mV, double temp_C) {
  const double rt_over_f_mV =
      LTP_GAS_CONSTANT_J_PER_MOL_K * (temp_C + LTP_KELVIN_AT_0_C) / LTP_FARADAY_C_PER_MOL * 1e3;
  const double u = 2.0 * v_mV / rt_over_f_mV;
  return fabs(u) < 1e-9 ? 1.0 - 0.5 * u : u / expm1(u);
}

double nmda_ca_current_pA(const nmda_params *p, double g_nS, double v_mV) {
  const double i_ref_pA = p->ca_fraction * g_nS * (p->ca_fraction_v_mV - p->e_rev_mV);
  return i_ref_pA * ghk_ca_flux_shape(v_mV, p->temp_C) /
         ghk_ca_flux_shape(p->ca_fraction_v_mV, p->temp_C);
}
