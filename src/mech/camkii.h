/* CaMKII-PP1 bistable switch of Graupner & Brunel 2007 (PLoS Comput Biol 3:e221, ModelDB
 * 114452): six-subunit CaMKII rings autophosphorylated under Ca2+/calmodulin, dephosphorylated
 * by PP1 (Michaelis-Menten), with PP1 controlled by inhibitor-1, PKA and calcineurin.
 *
 * State per synapse: CAMKII_N_STATE contiguous doubles, all in uM:
 *   y[0..13]  rings in each of the 14 rotation-distinct phosphorylation patterns of a
 *             six-ring (the paper's S_0..S_13, same order; y[0] = no subunit phosphorylated,
 *             y[13] = all six); sum(y[0..13]) = s_tot is conserved;
 *   y[14]     free (active) PP1, the paper's D;
 *   y[15]     phosphorylated inhibitor-1 (I1P), the paper's I.
 * Ca2+ is an input (free spine Ca2+, uM); Ca4-CaM is in equilibrium with it. Time is in ms. */
#ifndef LTP_MECH_CAMKII_H
#define LTP_MECH_CAMKII_H

#include "core/param.h"
#include "mech/model_params.h"

#define CAMKII_N_RINGS 14
#define CAMKII_PP1 14
#define CAMKII_I1P 15
#define CAMKII_N_STATE 16

extern const ltp_mech_def camkii_mech;

/* Right-hand side: dydt_per_ms[k] = d y[k] / dt in uM/ms at free Ca2+ ca_uM. */
void camkii_rhs(const camkii_params *p, double ca_uM, const double *y, double *dydt_per_ms);

/* DOWN state without Ca2+: every ring unphosphorylated; PP1 and I1P at their steady state
 * for Ca = 0 (basal PKA and CaN activity only). */
void camkii_init_down(const camkii_params *p, double *y);

/* Steady state of the PP1 / I1P cascade at constant Ca2+ (it does not depend on CaMKII). */
void camkii_cascade_steady(const camkii_params *p, double ca_uM, double *pp1_uM, double *i1p_uM);

/* Ca4-CaM (uM) in equilibrium with free Ca2+ (sequential binding, dissociation L1..L4). */
double camkii_cam_ca4_uM(const camkii_params *p, double ca_uM);

/* Total phosphorylated subunits, the paper's S_active (uM of subunits, 0..6*s_tot). */
double camkii_phospho_subunits_uM(const double *y);

/* S_active / (6 s_tot), 0..1. */
double camkii_phospho_fraction(const camkii_params *p, const double *y);

/* Calcineurin rate on I1P, v_CaN (1/s), with the FK506 block applied to its Ca-dependent part. */
double camkii_can_rate_per_s(const camkii_params *p, double ca_uM);

/* PKA rate on I1, v_PKA (1/s). */
double camkii_pka_rate_per_s(const camkii_params *p, double ca_uM);

#endif
