/* Late phase: synaptic tag, cell-wide plasticity-related protein (PRP) synthesis, capture by
 * tagged synapses and consolidation into a lasting state (Frey & Morris 1997; Clopath et al.
 * 2008 tag-trigger-consolidation). */
#ifndef LTP_MECH_LATE_PHASE_H
#define LTP_MECH_LATE_PHASE_H

#include "core/param.h"
#include "mech/model_params.h"

extern const ltp_mech_def late_mech;

/* Per synapse: tag and consolidation z. Per cell: synthesis drive and PRP level. */
double late_tag_rhs(const late_params *p, double tag, double kinase_drive);
double late_consolidation_rhs(const late_params *p, double z, double tag, double prp);
/* drive_in: sum over synapses of the kinase drive above tag threshold. */
double late_drive_rhs(const late_params *p, double drive, double drive_in);
double late_prp_rhs(const late_params *p, double prp, double drive);

/* Largest rate (1/ms) of the late-phase variables: every one
 * depends on itself and on earlier ones only (tag, drive -> PRP -> z), so the diagonal rates
 * bound the eigenvalues; the consolidation term |d/dz z(1-z)(z-kappa)| <= 1 on [0, 1]. */
double late_stiffness_per_ms(const late_params *p, double kinase_drive);
#endif
