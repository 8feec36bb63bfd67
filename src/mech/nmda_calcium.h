/* Calcium of a point synapse in the normalised units of Graupner & Brunel 2012: a pool fed by
 * a fixed fraction of the NMDA current, decaying with tau_Ca, plus a jump for each
 * back-propagating action potential (bench/SPEC.md 2.2):
 *   dc/dt = -c / tau_Ca - eta I_NMDA,   c += C_bAP at each postsynaptic spike. */
#ifndef LTP_MECH_NMDA_CALCIUM_H
#define LTP_MECH_NMDA_CALCIUM_H

#include "core/param.h"
#include "mech/model_params.h"

extern const ltp_mech_def nmda_calcium_mech;

/* c after a step with the inward NMDA current held at i_in_pA (> 0 inward), decay =
 * e^{-h/tau_Ca}: exact. */
double nmda_calcium_step(const nmda_calcium_params *p, double c, double i_in_pA, double decay);

#endif
