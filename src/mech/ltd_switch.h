/* A count of the spine's Ca2+ entry and an all-or-none LTD commitment (ltd_switch.k_rem = 0
 * turns it off, leaving LTD to the PP1 drive of mech/trafficking.c). LTD at CA1 synapses needs many
 * low-frequency pulses (Dudek & Bear 1992: 900 at 1-3 Hz) and single synapses depress all-or-none
 * (O'Connor, Wittenberg & Wang 2005): here a leaky count of the Ca2+ that entered the head commits
 * the synapse to LTD once it passes a threshold, and a committed synapse loses AMPAR slots for as
 * long as the commitment lasts, however far past the threshold the count went (docs/model.md). The
 * count also jumps when glutamate arrives while L-type Ca2+ from a preceding spike is still in
 * the head: spike-timing LTD (the coincidence term). */
#ifndef LTP_MECH_LTD_SWITCH_H
#define LTP_MECH_LTD_SWITCH_H

#include "core/param.h"
#include "mech/model_params.h"

extern const ltp_mech_def ltd_switch_mech;

/* d(count)/dt per ms (count in uM s) at head Ca2+ ca_uM over the rest ca_rest_uM, with a
 * fraction calcineurin_block of calcineurin inhibited and the CaMKII T286-phosphorylated
 * fraction kinase. */
double ltd_switch_count_rhs(const ltd_switch_params *p, double count_uM_s, double ca_uM,
                            double ca_rest_uM, double calcineurin_block, double kinase);
/* The coincidence term's supply at one synapse: the fraction available after the last
 * arrival, and its time. */
typedef struct {
  double available, t_ms;
} ltd_coincidence_supply;
void ltd_coincidence_supply_init(ltd_coincidence_supply *s);
/* What the coincidence term reads when glutamate reaches a head: the quanta, the Ca2+ that the
 * head's L-type channels hold above rest (uM), the fractions of NMDARs (AP5) and calcineurin
 * blocked, and the CaMKII T286-phosphorylated fraction. */
typedef struct {
  double quanta, ca_ltype_uM, nmda_block, calcineurin_block, kinase;
} ltd_coincidence_input;
/* Count (uM s) added when glutamate reaches a head at t_ms: Ca2+ that entered through L-type
 * channels before it (a preceding bAP) meets the glutamate read at NMDARs. Uses up part of
 * the supply. */
double ltd_switch_coincidence_uM_s(const ltd_switch_params *p, ltd_coincidence_supply *supply,
                                   double t_ms, const ltd_coincidence_input *in);
/* d(commitment)/dt per ms: commitment in [0, 1] rises while the count is past the threshold
 * and decays with tau_commit. */
double ltd_switch_commit_rhs(const ltd_switch_params *p, double commit, double count_uM_s);
/* Slot and receptor removal rate (1/s) of a synapse with this commitment. */
double ltd_switch_removal_per_s(const ltd_switch_params *p, double commit);
/* Largest rate (1/ms) of the two variables (the count feeds the commitment only). */
double ltd_switch_stiffness_per_ms(const ltd_switch_params *p, double count_uM_s);

#endif
