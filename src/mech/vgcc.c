/* Spine VGCCs. R-type as in Blue Brain GluSynapse.mod (Magee & Johnston 1995; Sabatini &
 * Svoboda 2000): I = g m^2 h (V - E_Ca), m_inf = 1/(1+exp(-(V+5.9)/9.5)),
 * h_inf = 1/(1+exp((V+39)/9.2)), tau_m = 1 ms, tau_h = 27 ms. L-type: high-voltage-activated,
 * non-inactivating on the time scale of an EPSP or bAP; blocked by nimodipine. */
#include "mech/vgcc.h"

#include <math.h>
#include <stddef.h>

#include "mech/kinetics.h"

#define P(field) offsetof(ltp_params, vgcc.field)
static const ltp_param_def vgcc_table[] = {
    {"r_density", "nS/um2", 0.0744, 0, 10,
     "GluSynapse.mod: 20 channels/um2 x 3.72 pS (Magee & Johnston 1995; Bartol 2015)",
     "R-type conductance density in the spine head", P(r_density_nS_um2), NULL},
    {"l_density", "nS/um2", 0.125, 0, 10,
     "Rodrigues et al. 2023: 3 L-type channels x 27 pS per spine, over a 0.65 um2 head; with "
     "l_po_max about 10 x the current per channel measured in 2 mM Ca2+ (Guia et al. 2001; "
     "docs/model.md, Known limits)",
     "L-type conductance density in the spine head", P(l_density_nS_um2), NULL},
    {"e_ca", "mV", 130, 50, 200, "Shouval, Bear & Cooper 2002 (Ca reversal +130 mV)",
     "Ca2+ reversal of the linear driving force", P(e_ca_mV), NULL},
    {"r_tau_m", "ms", 1, 0.01, 100, "GluSynapse.mod", "R-type activation time constant",
     P(r_tau_m_ms), NULL},
    {"r_tau_h", "ms", 27, 1, 1000, "GluSynapse.mod", "R-type inactivation time constant",
     P(r_tau_h_ms), NULL},
    {"l_tau_m", "ms", 1, 0.01, 100, "[M] HVA activation ~1 ms (Magee & Johnston 1995 class)",
     "L-type activation time constant", P(l_tau_m_ms), NULL},
    {"l_po_max", "1", 0.1, 0, 1,
     "[M] Cav1.2 channels open briefly and rarely without agonist (mode 1; Hess, Lansman & "
     "Tsien 1984): P_o max ~0.1",
     "maximal open probability of L-type channels", P(l_po_max), NULL},
    {"l_block", "1", 0, 0, 1, "set by the nimodipine drug entry",
     "fraction of L-type channels blocked", P(l_block), NULL},
};
#undef P

const ltp_mech_def vgcc_mech = {"vgcc", "Spine R-type and L-type Ca2+ channels", vgcc_table,
                                LTP_COUNT(vgcc_table)};

static double r_m_inf(double v) {
  return 1.0 / (1.0 + exp(-(v + 5.9) / 9.5));
}
static double r_h_inf(double v) {
  return 1.0 / (1.0 + exp((v + 39.0) / 9.2));
}
/* [M] Cav1.2-like activation: half at -10 mV, slope 6 mV */
static double l_m_inf(double v) {
  return 1.0 / (1.0 + exp(-(v + 10.0) / 6.0));
}

void vgcc_gates_rest(const vgcc_params *p, double v_mV, vgcc_gates *g) {
  (void)p;
  g->r_m = r_m_inf(v_mV);
  g->r_h = r_h_inf(v_mV);
  g->l_m = l_m_inf(v_mV);
}

void vgcc_gates_advance(const vgcc_params *p, double v_mV, double dt_ms, vgcc_gates *g,
                        exp_memo decay[3]) {
  g->r_m = gate_advance(g->r_m, r_m_inf(v_mV), p->r_tau_m_ms, dt_ms, &decay[0]);
  g->r_h = gate_advance(g->r_h, r_h_inf(v_mV), p->r_tau_h_ms, dt_ms, &decay[1]);
  g->l_m = gate_advance(g->l_m, l_m_inf(v_mV), p->l_tau_m_ms, dt_ms, &decay[2]);
}

void vgcc_gates_step(const vgcc_params *p, double v_mV, double dt_ms, vgcc_gates *g) {
  exp_memo decay[3] = {EXP_MEMO_EMPTY, EXP_MEMO_EMPTY, EXP_MEMO_EMPTY};
  vgcc_gates_advance(p, v_mV, dt_ms, g, decay);
}

void vgcc_gates_rhs(const vgcc_params *p, double v_mV, const vgcc_gates *g, vgcc_gates *dg) {
  dg->r_m = gate_rhs(g->r_m, r_m_inf(v_mV), p->r_tau_m_ms);
  dg->r_h = gate_rhs(g->r_h, r_h_inf(v_mV), p->r_tau_h_ms);
  dg->l_m = gate_rhs(g->l_m, l_m_inf(v_mV), p->l_tau_m_ms);
}

double vgcc_ltype_conductance_nS(const vgcc_params *p, const vgcc_gates *g, double area_um2) {
  return p->l_density_nS_um2 * p->l_po_max * g->l_m * (1.0 - p->l_block) * area_um2;
}

double vgcc_conductance_nS(const vgcc_params *p, const vgcc_gates *g, double area_um2) {
  const double r = p->r_density_nS_um2 * g->r_m * g->r_m * g->r_h;
  return r * area_um2 + vgcc_ltype_conductance_nS(p, g, area_um2);
}
