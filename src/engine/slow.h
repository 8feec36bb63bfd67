/* The slow subsystem: signalling, expression and late-phase ODEs of every synapse plus the
 * cell-wide PRP pool, integrated by SUNDIALS CVODE (BDF: the PP1 kinetics are stiff). Ca2+ of
 * each spine is an input held constant over each call (operator splitting). */
#ifndef LTP_ENGINE_SLOW_H
#define LTP_ENGINE_SLOW_H

#include <stdint.h>

#include "core/status.h"
#include "mech/camkii.h"
#include "mech/model_params.h"

/* Per-synapse layout of the state vector. */
enum {
  SLOW_CAMKII = 0,
  SLOW_SLOTS = CAMKII_N_CORE,
  SLOW_RECEPTORS,
  SLOW_S831,
  SLOW_RETRO,
  SLOW_TAG,
  SLOW_Z,
  SLOW_ACTIN,      /* enlargement pool of the head, in baseline head volumes */
  SLOW_LTD_COUNT,  /* count of the head's Ca2+ entry, uM s (mech/ltd_switch.c) */
  SLOW_LTD_COMMIT, /* LTD commitment, 0..1 */
  SLOW_BOUND,      /* CaMKII bound at the synapse's GluN2B, 0..1 (mech/glun2b.c) */
  SLOW_PER_SYNAPSE
};
/* Synapses (one per pathway: protocol.h's LTP_MAX_PATHWAYS) one subsystem holds at most. */
#define SLOW_MAX_SYNAPSES 8
/* Cell-wide entries after the synapses. */
enum { SLOW_CELL_DRIVE = 0, SLOW_CELL_PRP, SLOW_PER_CELL };

typedef struct ltp_slow ltp_slow;

ltp_status ltp_slow_create(ltp_slow **out, const ltp_params *params, int n_synapses,
                           ltp_error *err);
void ltp_slow_free(ltp_slow *s);
/* Every function that takes Ca2+ takes three values per synapse k: ca_uM[k], the head's free
 * Ca2+ (calcineurin, PKA, PP1), ca_kinase_uM[k], the Ca2+ at the PSD's CaMKII (the NMDAR-borne
 * part, mech/calcium.c), and ca_nmda_uM[k], the head's Ca2+ above rest that its NMDARs brought
 * (CaMKII's binding to GluN2B, mech/glun2b.c); the sub-cycles and the right-hand side may also
 * take the kinase's <gamma>, <gamma^2> from the NMDAR nanodomain (mech/nanodomain.c). */
/* Equilibrate at constant resting Ca2+ for duration_ms (the DOWN state at rest). */
ltp_status ltp_slow_equilibrate(ltp_slow *s, const double *ca_uM, const double *ca_kinase_uM,
                                const double *ca_nmda_uM, double duration_ms, ltp_error *err);
/* Advance from the current time to t_to_ms with constant Ca2+ per synapse. */
ltp_status ltp_slow_advance(ltp_slow *s, const double *ca_uM, const double *ca_kinase_uM,
                            const double *ca_nmda_uM, double t_to_ms, ltp_error *err);
/* Resting spine Ca2+ that defines "no phosphatase drive" (PP1 at rest). */
void ltp_slow_set_rest_calcium(ltp_slow *s, double ca_rest_uM);
/* Advance with explicit RK4 sub-steps of at most max_step_ms (short sub-cycles during fine
 * stepping); the next CVODE call restarts its history. kinase_gamma, if not NULL, holds per
 * synapse the kinase's <gamma> and <gamma^2> (kinase_gamma[2k], [2k + 1]; mech/nanodomain.c) in
 * place of those of ca_kinase_uM[k]. */
ltp_status ltp_slow_advance_explicit(ltp_slow *s, const double *ca_uM, const double *ca_kinase_uM,
                                     const double *ca_nmda_uM, const double *kinase_gamma,
                                     double t_to_ms, double max_step_ms, ltp_error *err);
/* The right-hand side itself, at the spine Ca2+ given (kinase_gamma as above): the reference
 * integration (engine/reference.c) couples it to the fast state instead of holding Ca2+
 * constant. */
void ltp_slow_derivatives(const ltp_slow *s, const double *ca_uM, const double *ca_kinase_uM,
                          const double *ca_nmda_uM, const double *kinase_gamma, const double *y,
                          double *dy);
/* Size of the state vector, the whole vector, and replacing it (state at t_ms, computed
 * elsewhere; the next CVODE call restarts its history). */
int ltp_slow_size(const ltp_slow *s);
const double *ltp_slow_state(const ltp_slow *s);
void ltp_slow_load(ltp_slow *s, const double *y, double t_ms);
/* Parameter-style name of entry i of the state vector ("camkii.pp1", "late.tag", ...), and
 * the pathway (from 1) it belongs to, 0 for the cell-wide entries. */
const char *ltp_slow_variable_name(const ltp_slow *s, int i);
int ltp_slow_variable_pathway(const ltp_slow *s, int i);
/* Glutamate (quanta) reaches synapse k while the L-type channels hold its head's Ca2+
 * ca_ltype_uM above rest: the LTD count's coincidence term (mech/ltd_switch.h), a jump of the
 * count. It reaches share_reached (0..1] of the pathway's synapses: from then on, the share of
 * the pathway whose kinase counts towards the cell-wide synthesis drive (mech/late_phase.h). */
void ltp_slow_glutamate_arrives(ltp_slow *s, int k, double t_ms, double quanta, double ca_ltype_uM,
                                double share_reached);
/* Put synapse k in the high state (consolidated, late.z = 1) before the subsystem settles at
 * rest: its slots then settle at the consolidated level (mech/late_phase.c, start_high). */
void ltp_slow_start_high(ltp_slow *s, int k);
/* Restart the integrator (after a discontinuous parameter change). */
void ltp_slow_reset(ltp_slow *s);

/* Current state (read-only view) and derived quantities. */
const double *ltp_slow_synapse(const ltp_slow *s, int k);
const double *ltp_slow_cell(const ltp_slow *s);
double ltp_slow_phosphatase_drive(const ltp_slow *s, int k);
uint64_t ltp_slow_steps(const ltp_slow *s);

#endif
