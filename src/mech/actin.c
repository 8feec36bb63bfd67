/* Actin enlargement pool of the spine head (Honkura et al. 2008, Neuron 57:719):
 *   d pool/dt = k_poly (1 - block) a_K (pool_max - pool) - pool / tau_loss
 * a_K: the CaMKII T286-phosphorylated fraction. After single-spine uncaging CaMKII activates
 * RhoA and Cdc42; Rho-ROCK drives the initial growth and its activity decays over about five
 * minutes, Cdc42-Pak the maintenance (Murakoshi, Wang & Yasuda 2011, Nature 472:100). The
 * pool is the initial growth; the maintained enlargement is the PSD slots' (engine/sim.c:
 * head volume = baseline x (slots / slots_0 + pool)). Low-frequency input, which shrinks
 * spines (Zhou, Homma & Poo 2004), leaves CaMKII and so the pool at rest. */
#include "mech/actin.h"

#include <math.h>
#include <stddef.h>

#define P(field) offsetof(ltp_params, actin.field)
static const ltp_param_def actin_table[] = {
    {"pool_max", "1", 0.47, 0, 10,
     "[calibrated] the head volume 1-2 min after single-spine uncaging LTP is +113 +- 15 % "
     "(mean +- SEM, 27 spines; Kasai lab, Sci Rep 2016 6:32897, Fig. 3); tools/calibrate_actin.py "
     "(docs/model.md)",
     "largest enlargement pool, in units of the baseline head volume", P(pool_max), NULL},
    {"k_poly", "1/s", 0.05, 0, 100,
     "[M] the pool fills within the ~1 min of CaMKII activity after induction (Lee et al. 2009, "
     "Nature 458:299) and unitary potentiation completes in < 1 min (O'Connor et al. 2005): "
     "20 s at full drive",
     "polymerisation rate at full CaMKII drive", P(k_poly_per_s), NULL},
    {"tau_loss", "s", 100, 1, 1e5,
     "[M] Murakoshi et al. 2011: RhoA/Cdc42 activity (initial growth via Rho-ROCK) decays over "
     "about five minutes; read as three time constants",
     "lifetime of the enlargement pool in the head", P(tau_loss_s), NULL},
    {"block", "1", 0, 0, 1,
     "0: none; 1 models an actin polymerisation blocker for the transient (latrunculin; "
     "Matsuzaki et al. 2004)",
     "fraction of activity-driven actin polymerisation blocked", P(block), NULL},
};
#undef P

const ltp_mech_def actin_mech = {"actin", "Spine actin enlargement pool (transient head growth)",
                                 actin_table, LTP_COUNT(actin_table)};

double actin_pool_rhs(const actin_params *p, double pool, double kinase) {
  return 1e-3 * (p->k_poly_per_s * (1.0 - p->block) * kinase * (p->pool_max - pool) -
                 pool / p->tau_loss_s);
}

double actin_stiffness_per_ms(const actin_params *p, double kinase) {
  return 1e-3 * (p->k_poly_per_s * (1.0 - p->block) * fabs(kinase) + 1.0 / p->tau_loss_s);
}
