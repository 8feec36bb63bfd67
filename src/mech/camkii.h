/* CaMKII-PP1 bistable switch of Graupner & Brunel 2007 (PLoS Comput Biol 3:e221, ModelDB
 * 114452): six-subunit CaMKII rings autophosphorylated under Ca2+/calmodulin, dephosphorylated
 * by PP1 (Michaelis-Menten), with PP1 controlled by inhibitor-1, PKA and calcineurin.
 *
 * State per synapse: CAMKII_N_STATE doubles, all in uM; the full array holds them contiguously,
 * the slow engine stores the CaM block y[18..25] apart (camkii_rhs_parts):
 *   y[0..13]  rings in each of the 14 rotation-distinct phosphorylation patterns of a
 *             six-ring (the paper's S_0..S_13, same order; y[0] = no subunit phosphorylated,
 *             y[13] = all six); sum(y[0..13]) = s_tot is conserved;
 *   y[14]     free (active) PP1, the paper's D;
 *   y[15]     phosphorylated inhibitor-1 (I1P), the paper's I;
 *   y[16]     active fraction of calcineurin (0..1). GB2007 has CaN in equilibrium with
 *             Ca4-CaM; here it relaxes to that equilibrium quickly on activation and slowly
 *             (tau ~ 1 min) on deactivation, as imaged in spines (Fujii et al. 2013; Chang et
 *             al. 2019, via Rodrigues et al. 2023);
 *   y[17]     active fraction of PKA, likewise (Ca2+-stimulated adenylyl cyclase, cAMP);
 *   y[18..21] CaM with 1, 2, 3, 4 Ca2+ bound that the kinase sees, y[22..25] the same for
 *             calcineurin and PKA (uM; used with camkii.cam_kinetics = two_lobe only).
 * A time constant of 0 restores the paper's instantaneous (equilibrium) form.
 * Ca2+ is an input (free spine Ca2+, uM). Ca4-CaM is in equilibrium with it (GB2007), or, with
 * cam_kinetics = two_lobe, binds it at the measured rates of the two lobes with GB2007's
 * equilibrium. Time is in ms. */
#ifndef LTP_MECH_CAMKII_H
#define LTP_MECH_CAMKII_H

#include "core/param.h"
#include "mech/model_params.h"

#define CAMKII_N_RINGS 14
#define CAMKII_PP1 14
#define CAMKII_I1P 15
#define CAMKII_CAN 16
#define CAMKII_PKA 17
#define CAMKII_N_CORE 18 /* rings, PP1, I1P, CaN, PKA */
/* The kinetic CaM block (camkii.cam_kinetics = two_lobe): CaM with 1..4 Ca2+ bound at the
 * kinase, then the same for calcineurin and PKA. In a full state array it follows the core; an
 * integrator that runs equilibrium CaM may leave it out (engine/slow.c). */
#define CAMKII_N_CAM 8
#define CAMKII_CAM_KINASE 18      /* index in a full state array */
#define CAMKII_CAM_PHOSPHATASE 22 /* index in a full state array */

/* GB2007's CaM, Table 1A (Linse et al. 1991): the dissociation constants (uM) with which the
 * paper's switch has its thresholds. The defaults (camkii.l1..l4) are these times the spine's
 * Ca2+ scale (mech/ca_scale.h). */
#define CAMKII_GB2007_L1_UM 0.1
#define CAMKII_GB2007_L2_UM 0.025
#define CAMKII_GB2007_L3_UM 0.32
#define CAMKII_GB2007_L4_UM 0.40
#define CAMKII_N_STATE 26

enum { CAMKII_CAM_EQUILIBRIUM = 0, CAMKII_CAM_TWO_LOBE = 1 };

extern const ltp_mech_def camkii_mech;

/* Right-hand side: dydt_per_ms[k] = d y[k] / dt in uM/ms at free Ca2+ ca_uM. */
void camkii_rhs(const camkii_params *p, double ca_uM, const double *y, double *dydt_per_ms);

/* What the right-hand side needs from Ca2+ alone: Ca4-CaM, the autophosphorylation rates and
 * the equilibrium calcineurin and PKA activations. An integrator that holds Ca2+ constant over
 * many evaluations computes them once (they cost two pow() and the CaM binding). */
typedef struct {
  double initiation_per_s, propagation_per_s, can_equilibrium, pka_equilibrium;
  double ca_kinase_uM, ca_phosphatase_uM; /* the Ca2+ itself, for kinetic CaM */
} camkii_inputs;
void camkii_inputs_at(const camkii_params *p, double ca_uM, camkii_inputs *in);
/* The same where the kinase and the phosphatase cascade see different Ca2+: CaMKII's
 * autophosphorylation follows ca_kinase_uM, calcineurin and PKA follow ca_phosphatase_uM
 * (mech/calcium.c, the kinase site). */
void camkii_inputs_split(const camkii_params *p, double ca_kinase_uM, double ca_phosphatase_uM,
                         camkii_inputs *in);
/* The kinase's CaM-bound fraction of subunits, gamma = C / (K5 + C) (GB2007 Eq. 2), with C the
 * kinase's Ca4-CaM at ca_uM. */
double camkii_kinase_gamma(const camkii_params *p, double ca_uM);
/* Autophosphorylation rates of in from gamma and gamma^2 averaged over the holoenzymes
 * (propagation k7 <gamma>, initiation k6 <gamma^2>: both neighbours bound), for kinase
 * populations that see different Ca2+ (mech/nanodomain.c). */
void camkii_inputs_set_kinase_gamma(const camkii_params *p, double gamma, double gamma2,
                                    camkii_inputs *in);
/* camkii_rhs with the Ca2+-dependent inputs precomputed (same result, bit for bit). */
void camkii_rhs_inputs(const camkii_params *p, const camkii_inputs *in, const double *y,
                       double *dydt_per_ms);
/* The same with the core (CAMKII_N_CORE entries) and the kinetic CaM block apart; cam and dcam
 * may be NULL, and are then ignored: equilibrium CaM whatever camkii.cam_kinetics says. */
void camkii_rhs_parts(const camkii_params *p, const camkii_inputs *in, const double *core,
                      const double *cam, double *dcore_per_ms, double *dcam_per_ms);
/* Upper bound (1/ms) on the spectral radius of the right-hand side's Jacobian at y: explicit
 * steps h with h x bound inside the method's stability interval are stable. */
double camkii_stiffness_per_ms(const camkii_params *p, const camkii_inputs *in, const double *y);

/* DOWN state without Ca2+: every ring unphosphorylated; PP1 and I1P at their steady state
 * for Ca = 0 (basal PKA and CaN activity only). */
void camkii_init_down(const camkii_params *p, double *y);

/* Steady state of the PP1 / I1P cascade at constant Ca2+ (it does not depend on CaMKII). */
void camkii_cascade_steady(const camkii_params *p, double ca_uM, double *pp1_uM, double *i1p_uM);

/* Ca4-CaM (uM) in equilibrium with free Ca2+ (sequential binding, dissociation L1..L4): the
 * CaM that calcineurin and PKA read. */
double camkii_cam_ca4_uM(const camkii_params *p, double ca_uM);
/* The same for the CaM that CaMKII reads (kinase_l1..l4 where set, > 0; else L1..L4: GB2007's
 * single CaM, the default). */
double camkii_kinase_cam_ca4_uM(const camkii_params *p, double ca_uM);
/* Both CaMs set to GB2007's (CAMKII_GB2007_L*_UM; kinase_l1..l4 = 0): the paper's switch. */
void camkii_use_gb2007_cam(camkii_params *p);
/* The free Ca2+ (uM) at which the kinase's CaM of p holds the Ca4-CaM that GB2007's CaM holds
 * at gb2007_ca_uM: the same point of the switch expressed in p's Ca2+ (the identity when p's
 * CaM is GB2007's; gb2007_ca_uM x the Ca2+ scale for the defaults). */
double camkii_ca_equivalent_to_gb2007_uM(const camkii_params *p, double gb2007_ca_uM);
/* The kinetic CaM block cam[0..7] (both pools) set to its equilibrium at the Ca2+ given. */
void camkii_cam_equilibrium(const camkii_params *p, double ca_kinase_uM, double ca_phosphatase_uM,
                            double *cam);

/* Total phosphorylated subunits, the paper's S_active (uM of subunits, 0..6*s_tot). */
double camkii_phospho_subunits_uM(const double *y);

/* S_active / (6 s_tot), 0..1. */
double camkii_phospho_fraction(const camkii_params *p, const double *y);
/* Fraction of the holoenzymes with no subunit phosphorylated (the paper's S_0 / S_tot). */
double camkii_unphosphorylated_ring_fraction(const camkii_params *p, const double *y);

/* Calcineurin rate on I1P, v_CaN (1/s), at the equilibrium activation for ca_uM, with the
 * FK506 block applied to its Ca-dependent part. */
double camkii_can_rate_per_s(const camkii_params *p, double ca_uM);

/* Equilibrium active fractions of calcineurin and PKA at ca_uM (GB2007 Eq. 23 Hill terms). */
double camkii_can_activation(const camkii_params *p, double ca_uM);
double camkii_pka_activation(const camkii_params *p, double ca_uM);

/* PKA rate on I1, v_PKA (1/s). */
double camkii_pka_rate_per_s(const camkii_params *p, double ca_uM);

#endif
