/* A retrograde messenger (NO-like) that raises presynaptic release after strong induction. */
#ifndef LTP_MECH_RETROGRADE_H
#define LTP_MECH_RETROGRADE_H

#include "core/param.h"
#include "mech/model_params.h"

extern const ltp_mech_def retrograde_mech;

/* d(signal)/dt per ms, driven by the postsynaptic CaMKII drive above threshold. */
double retrograde_rhs(const retrograde_params *p, double signal, double kinase_drive);
/* Factor on the presynaptic release fraction F1: 1 + gain x signal (1 when disabled). */
double retrograde_release_factor(const retrograde_params *p, double signal);

/* Rate (1/ms) of the signal's own relaxation, its only eigenvalue. */
double retrograde_stiffness_per_ms(const retrograde_params *p);
#endif
