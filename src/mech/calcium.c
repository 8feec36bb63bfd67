/* Single-pool spine Ca2+ with fast buffers (Sabatini, Oertner & Svoboda 2002):
 *   d[Ca]/dt = -I_Ca / (2 F V (1 + kappa)) - ([Ca] - Ca_rest) / tau
 * kappa = kappa_endo + kappa_exo. The extrusion time constant scales with (1 + kappa)
 * (Neher & Augustine 1992), so added BAPTA/EGTA both shrinks and slows transients. */
#include "mech/calcium.h"

#include <math.h>
#include <stddef.h>

#define FARADAY_C_PER_MOL 96485.332

#define P(field) offsetof(ltp_params, calcium.field)
static const ltp_param_def calcium_table[] = {
    {"ca_o", "mM", 2.0, 0, 10, "slice ACSF, SCIENCE.md 5", "extracellular Ca2+", P(ca_o_mM), NULL},
    {"ca_rest", "uM", 0.1, 0.01, 0.5,
     "Graupner & Brunel 2007 operating point of the CaMKII switch (0.1 uM); within Sabatini "
     "et al. 2002 (70 +- 29 nM) and SCIENCE.md 1e (37-100 nM)",
     "resting free [Ca2+] in the spine", P(ca_rest_uM), NULL},
    {"kappa_endo", "1", 20, 0, 500, "Sabatini et al. 2002 (kappa ~ 20)",
     "endogenous buffer capacity", P(kappa_endo), NULL},
    {"tau", "ms", 12, 1, 1000, "Sabatini et al. 2002 (12-14 ms, no dye); GluSynapse 12 ms",
     "extrusion time constant with endogenous buffers", P(tau_extrusion_ms), NULL},
    {"kappa_exo", "1", 0, 0, 1e7, "set by the BAPTA/EGTA drug entries ([B]/Kd)",
     "exogenous buffer capacity", P(kappa_exo), NULL},
};
#undef P

const ltp_mech_def calcium_mech = {"calcium",
                                   "Spine head Ca2+ pool: influx, fast buffering, extrusion",
                                   calcium_table, LTP_COUNT(calcium_table)};

double calcium_flux_uM_per_ms(double i_ca_pA, double volume_um3) {
  /* pA / (2F) = mol/s x 1e-12; / (V um3 = 1e-15 L) -> M/s x 1e3; -> uM/ms: x 1e6 x 1e-3 */
  return -i_ca_pA * 1e6 / (2.0 * FARADAY_C_PER_MOL * volume_um3);
}

double calcium_tau_ms(const calcium_params *p) {
  return p->tau_extrusion_ms * (1.0 + p->kappa_endo + p->kappa_exo) / (1.0 + p->kappa_endo);
}

double calcium_step(const calcium_params *p, double ca_uM, double i_ca_pA, double volume_um3,
                    double dt_ms) {
  const double kappa = 1.0 + p->kappa_endo + p->kappa_exo;
  const double tau = calcium_tau_ms(p);
  const double ca_inf = p->ca_rest_uM + calcium_flux_uM_per_ms(i_ca_pA, volume_um3) / kappa * tau;
  return ca_inf + (ca_uM - ca_inf) * exp(-dt_ms / tau);
}
