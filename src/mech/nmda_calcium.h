/* Calcium of a point synapse in the normalised units of Graupner & Brunel 2012: a pool fed by
 * a fixed fraction of the NMDA current, decaying with tau_Ca, plus a jump for each
 * back-propagating action potential (bench/SPEC.md 2.2):
 *   dc/dt = -c / tau_Ca - eta I_NMDA,   c += C_bAP at each postsynaptic spike. */
#ifndef LTP_MECH_NMDA_CALCIUM_H
#define LTP_MECH_NMDA_CALCIUM_H

#include "core/param.h"
#include "mech/model_params.h"
#include "mech/point_synapse.h"

extern const ltp_mech_def nmda_calcium_mech;

/* c after a step of h_ms (ca_decay = e^{-h/tau_Ca}) fed by an inward NMDA current
 * i(t) = i_per_open_pA * s(t) with the open fraction s(t) = s_inf + (s0 - s_inf) e^{-r t} of
 * the step (point_synapse.h): the exact convolution, so calcium needs no small steps in the
 * NMDA tails. */
double nmda_calcium_step(const nmda_calcium_params *p, double c, double i_per_open_pA,
                         const point_nmda_course *s, double ca_decay, double h_ms);

#endif
