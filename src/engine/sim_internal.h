/* The single-cell engine's state and the pieces of sim.c that both time integrators use: the
 * fixed-step engine (sim.c's run loop) and the error-controlled reference (reference.c). The
 * model (membrane currents, synaptic and Ca2+ currents), the protocol (events, release,
 * parameter changes, clamps) and the recording (readout probes, traces, state samples) are
 * written once here; the integrators differ only in how they advance time. Private to
 * src/engine. */
#ifndef LTP_ENGINE_SIM_INTERNAL_H
#define LTP_ENGINE_SIM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "cell/cable.h"
#include "engine/plasticity.h"
#include "engine/recorder.h"
#include "engine/slow.h"
#include "mech/hh.h"
#include "mech/kinetics.h"
#include "mech/model_params.h"
#include "mech/release.h"
#include "mech/vgcc.h"
#include "protocol/protocol.h"

#define SLOPE_WINDOW_MS 10.0

/* engine.method */
enum { ENGINE_FIXED = 0, ENGINE_REFERENCE = 1 };

/* Glutamate and receptor gating of a group of identical synapses. */
typedef struct {
  double glu_mM, glu_until_ms, ampa_r, nmda_r;
} receptor_group;

/* Step-constant factors of the fixed step, remembered between steps (they change only with
 * the step size, the glutamate concentration or a parameter change): the receptor, VGCC and
 * Ca2+ decay factors and the HH temperature factor. */
typedef struct {
  exp_memo ampa[2][LTP_MAX_PATHWAYS], nmda[2][LTP_MAX_PATHWAYS]; /* [spine, population] */
  exp_memo vgcc[LTP_MAX_PATHWAYS][3], ca[LTP_MAX_PATHWAYS];
  double hh_rate_factor;
} step_memo;

/* The open readout of a test pulse: soma voltage, its slope and the clamp current, and the
 * largest unitary EPSC of the pathway's modelled spine. */
typedef struct {
  int active, pathway, uncaging;
  double t0, v0, vmax, slope_max, i0, imin, p_rel, vesicles, uepsc_max;
} readout_probe;

typedef struct {
  ltp_params p; /* live copy: timed changes write into it */
  const ltp_protocol *proto;
  uint64_t seed;
  int np;
  ltp_cable cable;
  hh_gates hh;
  /* per pathway: the modelled spine receives whole quanta; the lumped co-active synapses
   * (population) the expected release */
  receptor_group spine[LTP_MAX_PATHWAYS], pop[LTP_MAX_PATHWAYS];
  double quanta_due[LTP_MAX_PATHWAYS];   /* expected quanta not yet delivered (mean-field mode) */
  double ca_uM[LTP_MAX_PATHWAYS];        /* free Ca2+ of the head */
  double ca_kinase_uM[LTP_MAX_PATHWAYS]; /* Ca2+ at the PSD's CaMKII (mech/calcium.c) */
  /* the head's Ca2+ as if only L-type channels carried it (the pool equation is linear, so its
   * rise over ca_ltype_rest_uM is their share of the head's): what glutamate finds there
   * (mech/ltd_switch.c, the coincidence term) */
  double ca_ltype_uM[LTP_MAX_PATHWAYS], ca_ltype_rest_uM[LTP_MAX_PATHWAYS];
  /* the same for the head's NMDARs: what CaMKII's binding to GluN2B reads (mech/glun2b.c) */
  double ca_nmda_uM[LTP_MAX_PATHWAYS], ca_nmda_rest_uM[LTP_MAX_PATHWAYS];
  vgcc_gates vg[LTP_MAX_PATHWAYS];
  /* presynaptic state: [k] the modelled spine's bouton (stochastic mode), [LTP_MAX_PATHWAYS + k]
   * the population's mean-field state */
  double rel_caxf[2 * LTP_MAX_PATHWAYS], rel_caxd[2 * LTP_MAX_PATHWAYS];
  double rel_ready[2 * LTP_MAX_PATHWAYS], rel_tlast[2 * LTP_MAX_PATHWAYS];
  double rel_ptp[2 * LTP_MAX_PATHWAYS], rel_reserve[2 * LTP_MAX_PATHWAYS];
  uint64_t rel_n[2 * LTP_MAX_PATHWAYS];
  release_state rel;
  ltp_slow *slow;
  const double *slow_y;               /* ltp_slow_state(slow): in place for the whole run */
  sim_plasticity plast;               /* a reduced rule in place of the cascade, if chosen */
  double ampa_base[LTP_MAX_PATHWAYS]; /* receptors x unitary conductance at t = 0 (pS) */
  double ca_acc[LTP_MAX_PATHWAYS], ca_kinase_acc[LTP_MAX_PATHWAYS], acc_ms;
  double ca_nmda_acc[LTP_MAX_PATHWAYS]; /* integral of ca_nmda_uM - ca_nmda_rest_uM */
  /* with nanodomain.mode = nmda: the kinase's <gamma>, <gamma^2> of each pathway, integrated */
  double kinase_gamma_acc[2 * LTP_MAX_PATHWAYS];
  double spike_until_ms, i_clamp_pA;
  double unblock[LTP_MAX_PATHWAYS], i_nmda_pA[LTP_MAX_PATHWAYS];
  double dv_max_mV_ms, dca_max_uM_ms; /* largest rates of change in the last step */
  double peak_ca_uM[LTP_MAX_PATHWAYS], peak_ca_t_ms[LTP_MAX_PATHWAYS]; /* from t = 0 on */
  readout_probe ro;
  step_memo memo;
  double next_trace_ms, next_state_ms;
  size_t next_event, next_change;
  uint64_t fine_steps;
} sim_t;

/* ---- the model at the present state ---- */

/* Membrane conductances, conductance x reversal and injected current of every compartment
 * (into s->cable's accumulators) from the present voltages, gates and slow state, with the
 * protocol's piecewise-constant inputs (glutamate, spike current, current steps) at t_in. */
void sim_membrane_currents(sim_t *s, double t_in);
/* Ca2+ currents (pA, inward negative) of the head of pathway k: into the head, the part that
 * drives the kinase-site pool and the parts carried by L-type channels and by NMDARs; needs
 * s->unblock from
 * sim_membrane_currents and records the NMDA current for the traces. */
typedef struct {
  double head_pA, kinase_pA, ltype_pA, nmda_pA;
} spine_ca_currents;
spine_ca_currents sim_spine_ca_current(sim_t *s, int k);
/* The head's NMDAR-borne Ca2+ above its rest (uM) of every pathway: what CaMKII's binding to
 * GluN2B reads (mech/glun2b.c). */
void sim_nmda_rise(const sim_t *s, double *rise_uM);
/* The kinase's <gamma> and <gamma^2> of pathway k with the NMDAR nanodomain (mech/nanodomain.c)
 * at the present state; needs s->unblock. */
void sim_kinase_gamma(const sim_t *s, int k, double *gamma, double *gamma2);
/* Cleft glutamate (mM) of a receptor group at t. */
double sim_glu_mM(const receptor_group *g, double t);
int sim_clamp_at(const sim_t *s, double t, double *v_hold);
double sim_head_volume_um3(const sim_t *s, int k);
/* AMPA strength of pathway k relative to t = 0: the cascade's receptors x conductance, or the
 * reduced rule's weight. */
double sim_synaptic_weight(const sim_t *s, int k);
void sim_track_peak_ca(sim_t *s, double t);

/* ---- protocol ---- */

/* Timed parameter changes and events with t_ms < horizon_ms, delivered at time t. */
void sim_apply_changes(sim_t *s, double horizon_ms);
ltp_status sim_deliver_events(sim_t *s, double t, double horizon_ms, ltp_results *res);
/* Next protocol edge after t: event, parameter change, clamp or current-step edge, end. */
double sim_next_edge_ms(const sim_t *s, double t);

/* ---- recording ---- */

/* One sample of the open readout: soma voltage v, its slope (mV/ms) and the clamp current. */
void sim_probe_sample(sim_t *s, double t, double v, double slope);
ltp_status sim_finish_readout(sim_t *s, ltp_results *res);
void sim_sample_trace(sim_t *s, double t, ltp_results *res);
void sim_sample_state(const sim_t *s, double t, ltp_results *res);

#endif
