/* Spine-head Ca2+: influx from NMDARs and VGCCs, fast buffering (capacity kappa), extrusion
 * to a resting level. */
#ifndef LTP_MECH_CALCIUM_H
#define LTP_MECH_CALCIUM_H

#include "core/param.h"
#include "mech/kinetics.h"
#include "mech/model_params.h"

extern const ltp_mech_def calcium_mech;

/* Free [Ca] change (uM/ms) per pA of inward Ca2+ current (negative pA) into volume_um3, before
 * buffering: 1e6 / (2 F V). */
double calcium_flux_uM_per_ms(double i_ca_pA, double volume_um3);
/* Exact update over dt with constant Ca2+ current i_ca_pA (inward negative). */
double calcium_step(const calcium_params *p, double ca_uM, double i_ca_pA, double volume_um3,
                    double dt_ms);
/* The same, remembering the decay factor in *decay for the next step (mech/kinetics.h), and
 * the exact integral of [Ca] over the step (uM ms) in *integral_uM_ms. */
double calcium_advance(const calcium_params *p, double ca_uM, double i_ca_pA, double volume_um3,
                       double dt_ms, exp_memo *decay, double *integral_uM_ms);
/* The level a constant Ca2+ current holds (the limit of calcium_step for long dt). */
double calcium_steady_uM(const calcium_params *p, double i_ca_pA, double volume_um3);
/* d[Ca]/dt (uM/ms) of the same equation. */
double calcium_rhs(const calcium_params *p, double ca_uM, double i_ca_pA, double volume_um3);
/* Ca2+ current (pA) that drives the kinase-site pool: kinase_nmda_enrichment times the NMDARs'
 * and kinase_vgcc_coupling of the VGCCs' (calcium.c). */
double calcium_kinase_current_pA(const calcium_params *p, double i_nmda_ca_pA, double i_vgcc_pA);
/* Effective decay time constant with exogenous buffer (Neher & Augustine 1992). */
double calcium_tau_ms(const calcium_params *p);

#endif
