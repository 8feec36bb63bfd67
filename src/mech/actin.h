/* The actin "enlargement pool" of a spine head (Honkura, Matsuzaki, Noguchi, Ellis-Davies &
 * Kasai 2008): F-actin polymerised after strong NMDA-receptor activation swells the head
 * within a minute and is lost again within minutes unless the synapse keeps it. In ltpsim
 * the lasting enlargement follows the CaMKII-driven PSD slots instead (engine/sim.c). */
#ifndef LTP_MECH_ACTIN_H
#define LTP_MECH_ACTIN_H

#include "core/param.h"
#include "mech/model_params.h"

extern const ltp_mech_def actin_mech;

/* d(pool)/dt per ms at CaMKII drive kinase (T286-phosphorylated fraction, 0..1); pool = extra
 * head volume in units of the baseline head volume. */
double actin_pool_rhs(const actin_params *p, double pool, double kinase);
/* Its only rate (1/ms), the eigenvalue of this one-variable block. */
double actin_stiffness_per_ms(const actin_params *p, double kinase);
#endif
