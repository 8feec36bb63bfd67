/* Single-pool spine Ca2+ with fast buffers (Sabatini, Oertner & Svoboda 2002; Neher &
 * Augustine 1992):
 *   (1 + kappa_endo + kappa_exo) d[Ca]/dt = -I_Ca / (2 F V)
 *       - ((1 + kappa_endo) / tau + kappa_exo / tau_exchange) ([Ca] - Ca_rest)
 * Pumps extrude free Ca2+ (tau is the measured decay with endogenous buffers only). An
 * exogenous buffer loaded through the pipette (BAPTA, EGTA) is mobile: Ca2+ bound to it leaves
 * the head with the buffer's spine-dendrite exchange, so a large kappa_exo shrinks transients
 * ~(1 + kappa) fold without prolonging them beyond tau_exchange.
 *
 * The kinase site. CaMKII at the PSD is bound to the NMDAR's GluN2B subunit (Bayer et al.
 * 2001, Nature 411:801, abstract) and EPSPs set up Ca2+ gradients across the PSD that activate
 * CaM there (Keller, Franks, Bartol & Sejnowski 2008, PLoS One 3:e2045, abstract). CaMKII sees the
 * Ca2+ the NMDARs bring in plus kinase_vgcc_coupling of the VGCC current, while calcineurin, PKA
 * and PP1 see the head's free Ca2+. The kinase-site Ca2+ is a second pool with the same buffering
 * and extrusion driven by those currents alone; because the pool is linear it is exactly the
 * resting level plus the part of the head's Ca2+ those currents bring. With coupling 1 (default)
 * both pools are the head's Ca2+, the single-pool model of Shouval et al. 2002 and Graupner &
 * Brunel 2007/2012, which the validation suite was calibrated with. Coupling 0 is the nanodomain
 * limit: VGCC Ca2+ alone then drives only the phosphatase side, as VGCC activation without synaptic
 * input gives LTD, not LTP (Cummings, Mulkey, Nicoll & Malenka 1996, abstract) and depolarising
 * pulses alone only short-term potentiation (Wang, Rowan & Anwyl 1997, abstract); but Bi & Poo 1998
 * found nimodipine reduced spike-timing LTP, so the coupling is not 0 either (docs/model.md).
 * kinase_nmda_enrichment scales the NMDARs' part: CaMKII anchored to GluN2B sits within tens of
 * nm of the pore, where an open channel's Ca2+ is far above the head's average (Neher 1986's
 * point-source nanodomain; Keller et al. 2008). 1 (default) is the single pool; the factor is a
 * lumped, provisional [M] description of that gradient, for the probes of docs/model.md. */
#include "mech/calcium.h"

#include <math.h>
#include <stddef.h>

#include "core/constants.h"
#include "mech/ca_scale.h"

#define P(field) offsetof(ltp_params, calcium.field)
static const ltp_param_def calcium_table[] = {
    {"ca_o", "mM", 2.0, 0, 10, "slice ACSF, SCIENCE.md 5", "extracellular Ca2+", P(ca_o_mM), NULL},
    {"ca_rest", "uM", ON_SPINE_CA_SCALE(0.07), 0.01, 0.5,
     "Sabatini, Oertner & Svoboda 2002 (70 +- 29 nM; GluSynapse Ca_min 70 nM) x the Ca2+ "
     "scale 21/13 (mech/ca_scale.h): 113 nM; GB2007 and Shouval et al. 2002 use 100 nM",
     "resting free [Ca2+] in the spine", P(ca_rest_uM), NULL},
    {"kappa_endo", "1", SPINE_CA_KAPPA_ENDO, 0, 500,
     "Sabatini et al. 2002 (mean ~20, median 14, range 2-31, SCIENCE.md 1e [S]): 12 makes one "
     "quantum and a bAP ~1 uM as imaged (mech/ca_scale.h)",
     "endogenous buffer capacity", P(kappa_endo), NULL},
    {"tau", "ms", 12, 1, 1000, "Sabatini et al. 2002 (12-14 ms, no dye); GluSynapse 12 ms",
     "extrusion time constant with endogenous buffers", P(tau_extrusion_ms), NULL},
    {"kappa_exo", "1", 0, 0, 1e7, "set by the BAPTA/EGTA drug entries ([B]/Kd)",
     "exogenous buffer capacity", P(kappa_exo), NULL},
    {"tau_exo_exchange", "ms", 50, 1, 10000,
     "[M] spine-dendrite diffusional coupling of small molecules, tens to ~100 ms (Svoboda, "
     "Tank & Denk 1996)",
     "exchange time of the mobile exogenous buffer between spine head and dendrite",
     P(tau_exo_exchange_ms), NULL},
    {"kinase_nmda_enrichment", "1", 1, 0, 1000,
     "1: single pool (Shouval 2002; GB2007/2012); > 1: [M] NMDAR Ca2+ nanodomain at the "
     "GluN2B-bound CaMKII (Bayer et al. 2001; Keller et al. 2008), docs/model.md",
     "NMDAR-borne Ca2+ at the PSD's CaMKII relative to the head's average",
     P(kinase_nmda_enrichment), NULL},
    {"kinase_vgcc_coupling", "1", 1, 0, 1,
     "1: single pool (Shouval 2002; GB2007/2012); 0: nanodomain limit (Cummings et al. 1996: "
     "VGCC Ca2+ alone gives LTD); docs/model.md",
     "fraction of the VGCC Ca2+ current that reaches CaMKII at the PSD", P(kinase_vgcc_coupling),
     NULL},
};
#undef P

const ltp_mech_def calcium_mech = {"calcium",
                                   "Spine head Ca2+ pool: influx, fast buffering, extrusion",
                                   calcium_table, LTP_COUNT(calcium_table)};

double calcium_flux_uM_per_ms(double i_ca_pA, double volume_um3) {
  /* pA / (2F) = mol/s x 1e-12; / (V um3 = 1e-15 L) -> M/s x 1e3; -> uM/ms: x 1e6 x 1e-3 */
  return -i_ca_pA * 1e6 / (2.0 * LTP_FARADAY_C_PER_MOL * volume_um3);
}

double calcium_kinase_current_pA(const calcium_params *p, double i_nmda_ca_pA, double i_vgcc_pA) {
  return p->kinase_nmda_enrichment * i_nmda_ca_pA + p->kinase_vgcc_coupling * i_vgcc_pA;
}

double calcium_tau_ms(const calcium_params *p) {
  const double removal_per_ms =
      (1.0 + p->kappa_endo) / p->tau_extrusion_ms + p->kappa_exo / p->tau_exo_exchange_ms;
  return (1.0 + p->kappa_endo + p->kappa_exo) / removal_per_ms;
}

/* The pool is linear in [Ca] at constant current: d[Ca]/dt = (ca_inf - [Ca]) / tau, with the
 * level ca_inf the current would hold and the effective time constant tau. */
static double calcium_target_uM(const calcium_params *p, double i_ca_pA, double volume_um3,
                                double tau) {
  const double kappa = 1.0 + p->kappa_endo + p->kappa_exo;
  return p->ca_rest_uM + calcium_flux_uM_per_ms(i_ca_pA, volume_um3) / kappa * tau;
}

double calcium_advance(const calcium_params *p, double ca_uM, double i_ca_pA, double volume_um3,
                       double dt_ms, exp_memo *decay, double *integral_uM_ms) {
  const double tau = calcium_tau_ms(p);
  const double ca_inf = calcium_target_uM(p, i_ca_pA, volume_um3, tau);
  const double next = ca_inf + (ca_uM - ca_inf) * exp_memo_of(decay, -dt_ms / tau);
  /* integral of ca_inf + (ca - ca_inf) exp(-s / tau) over [0, dt] */
  *integral_uM_ms = ca_inf * dt_ms + tau * (ca_uM - next);
  return next;
}

double calcium_step(const calcium_params *p, double ca_uM, double i_ca_pA, double volume_um3,
                    double dt_ms) {
  exp_memo decay = EXP_MEMO_EMPTY;
  double integral_uM_ms;
  return calcium_advance(p, ca_uM, i_ca_pA, volume_um3, dt_ms, &decay, &integral_uM_ms);
}

double calcium_steady_uM(const calcium_params *p, double i_ca_pA, double volume_um3) {
  return calcium_target_uM(p, i_ca_pA, volume_um3, calcium_tau_ms(p));
}

double calcium_rhs(const calcium_params *p, double ca_uM, double i_ca_pA, double volume_um3) {
  const double tau = calcium_tau_ms(p);
  return (calcium_target_uM(p, i_ca_pA, volume_um3, tau) - ca_uM) / tau;
}
