/* Expression of plasticity at the PSD: AMPAR slots (scaffold capacity), receptor
 * exo/endocytosis into those slots, GluA1-S831 phosphorylation raising unitary conductance. */
#ifndef LTP_MECH_TRAFFICKING_H
#define LTP_MECH_TRAFFICKING_H

#include "core/param.h"
#include "mech/model_params.h"

extern const ltp_mech_def trafficking_mech;

typedef struct {
  double slots, receptors, s831; /* PSD slots, AMPARs in the PSD, S831-phosphorylated fraction */
} trafficking_state;

/* Signalling drives, dimensionless: kinase = CaMKII T286-phosphorylated fraction; phosphatase =
 * relative PP1 activity above rest; consolidation z in [0,1] from the late phase;
 * committed_removal_per_s: removal of a synapse committed to LTD (mech/ltd_switch.h), 1/s. */
typedef struct {
  double kinase, phosphatase, consolidation, committed_removal_per_s;
} trafficking_drive;

void trafficking_rest(const trafficking_params *p, trafficking_state *s);
/* Derivatives per ms. */
void trafficking_rhs(const trafficking_params *p, const trafficking_state *s,
                     const trafficking_drive *d, trafficking_state *ds_per_ms);
/* Largest rate (1/ms) of the three variables at drive d. Each depends on itself and on the
 * ones before it only (slots -> receptors), so these diagonal rates are the eigenvalues. */
double trafficking_stiffness_per_ms(const trafficking_params *p, const trafficking_drive *d);
/* Mean unitary conductance (pS) for the S831 fraction (Derkach et al. 1999; Benke 1998). */
double trafficking_gamma_pS(const trafficking_params *p, double s831);

#endif
