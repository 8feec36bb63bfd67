/* The lumped synapse of the point model: AMPA conductance with first-order decay, NMDA
 * conductance with a rise variable x and a saturating open fraction s (Brunel & Wang 2001):
 *   dsA/dt = -sA / tau_A                       sA += 1 per presynaptic pulse
 *   dx/dt  = -x / tau_x                        x  += 1 per presynaptic pulse
 *   ds/dt  = -s / tau_N + alpha x (1 - s)
 * I_AMPA = g_A w sA (V - E_AMPA), I_NMDA = g_N (1 - AP5 block) s B(V) (V - E_NMDA), with the
 * Mg2+ unblock B(V) and the reversal potentials of the ampa and nmda tables (mech/nmda.c). */
#ifndef LTP_MECH_POINT_SYNAPSE_H
#define LTP_MECH_POINT_SYNAPSE_H

#include "core/param.h"
#include "mech/model_params.h"

extern const ltp_mech_def point_synapse_mech;

/* Gating of one synapse. */
typedef struct {
  double s_ampa, x_nmda, s_nmda;
} point_gating;

/* Step-constant decay factors for a step of h_ms (computed once per step length). */
typedef struct {
  double h_ms, decay_ampa, decay_x, decay_nmda; /* e^{-h/tau} */
  double mean_ampa, mean_x;                     /* mean / initial value over the step */
} point_gating_step;

void point_gating_step_init(const point_synapse_params *p, double h_ms, point_gating_step *k);

/* The NMDA open fraction over a step: s(t) = s_inf + (s0 - s_inf) e^{-rate t}, exact for x
 * held at its step mean; decay = e^{-rate h}. */
typedef struct {
  double s0, s_inf, rate_per_ms, decay, mean;
} point_nmda_course;

/* Advance the gating over the step; returns the step mean of sA (for the AMPA conductance held
 * over the step) and the course of s. x is averaged exactly over the step, s is then exact for
 * that mean (exponential integrator). */
void point_gating_advance(const point_synapse_params *p, const point_gating_step *k,
                          point_gating *g, double *mean_s_ampa, point_nmda_course *nmda);

#endif
