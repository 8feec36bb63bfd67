/* The NMDAR Ca2+ nanodomain at the PSD's CaMKII (nanodomain.mode = nmda; off by default). */
#ifndef LTP_MECH_NANODOMAIN_H
#define LTP_MECH_NANODOMAIN_H

#include "core/param.h"
#include "mech/model_params.h"

extern const ltp_mech_def nanodomain_mech;

enum { NANODOMAIN_OFF = 0, NANODOMAIN_NMDA = 1 };

int nanodomain_on(const ltp_params *p);
/* Steady rise of free Ca2+ (uM) at nanodomain.distance from a pore carrying i_ca_pA of inward
 * (negative) Ca2+ current: an unbuffered point source into the half-space below the membrane. */
double nanodomain_rise_uM(const nanodomain_params *p, double i_ca_pA);
/* The kinase's CaM-bound fraction averaged over the synapse's GluN2B-bound holoenzymes, <gamma>
 * and <gamma^2> (camkii_inputs_set_kinase_gamma): a fraction `conducting` of them (open and
 * Mg2+-unblocked NMDARs) sees ca_site_uM plus one channel's nanodomain at v_mV, the rest
 * ca_site_uM alone. */
void nanodomain_kinase_gamma(const ltp_params *p, double ca_site_uM, double conducting, double v_mV,
                             double *gamma, double *gamma2);

#endif
