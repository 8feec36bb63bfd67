/* Single-cell engine. Fast state (membrane, receptor gating, spine Ca2+) advances with a fixed
 * fine step; the slow ODEs (signalling, expression, late phase) are sub-cycled with the mean
 * spine Ca2+ of each sub-cycle. When no event is in flight and the fast state is steady within
 * engine.quiet_tol, the fast state is frozen and only the slow ODEs advance, in one CVODE call,
 * to the next event: quiet time costs what CVODE's large steps cost.
 * The model, protocol and recording pieces (declared in sim_internal.h) are shared with the
 * error-controlled reference integration (reference.c, engine.method = reference). */
#include "engine/sim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell/cable.h"
#include "cell/cell_model.h"
#include "core/clock.h"
#include "core/rng.h"
#include "engine/point.h"
#include "engine/readout.h"
#include "engine/reference.h"
#include "engine/sim_internal.h"
#include "engine/slow.h"
#include "mech/ampa.h"
#include "mech/calcium.h"
#include "mech/camkii.h"
#include "mech/hh.h"
#include "mech/nanodomain.h"
#include "mech/nmda.h"
#include "mech/release.h"
#include "mech/retrograde.h"
#include "mech/trafficking.h"
#include "mech/vgcc.h"

/* Random streams of the starting states, one per pathway, above the release model's (2 per
 * bouton, 2 x LTP_MAX_PATHWAYS boutons: mech/release.c). */
#define RNG_STREAM_START_STATE 1024u

/* one slow-subsystem synapse per pathway */
_Static_assert(SLOW_MAX_SYNAPSES >= LTP_MAX_PATHWAYS,
               "the slow subsystem holds fewer synapses than pathways");

/* ---- state derived from the slow subsystem ---- */

/* The slow state of synapse k (read in every fine step: s->slow_y is the slow subsystem's own
 * state vector, which stays in place for the whole run). */
static const double *synapse(const sim_t *s, int k) {
  return s->slow_y + k * SLOW_PER_SYNAPSE;
}

static double receptors(const sim_t *s, int k) {
  return synapse(s, k)[SLOW_RECEPTORS];
}
static double gamma_pS(const sim_t *s, int k) {
  return trafficking_gamma_pS(&s->p.trafficking, synapse(s, k)[SLOW_S831]);
}
static double retro_factor(const sim_t *s, int k) {
  return retrograde_release_factor(&s->p.retrograde, synapse(s, k)[SLOW_RETRO]);
}
/* Spine head volume: the lasting part follows the PSD slot count (PSD area ~ head volume,
 * Harris & Stevens 1989), the transient part is the actin enlargement pool (mech/actin.h). */
double sim_head_volume_um3(const sim_t *s, int k) {
  const double *syn = synapse(s, k);
  return s->p.cable.head_volume_um3 *
         (syn[SLOW_SLOTS] / s->p.trafficking.slots_0 + syn[SLOW_ACTIN]);
}

static double expressed_ampa_pS(const sim_t *s, int k) {
  return receptors(s, k) * gamma_pS(s, k);
}

double sim_synaptic_weight(const sim_t *s, int k) {
  if (sim_plasticity_active(&s->plast))
    return sim_plasticity_weight(&s->plast, k);
  return expressed_ampa_pS(s, k) / s->ampa_base[k];
}

/* ---- the model at the present state (shared with the reference integration) ---- */

int sim_clamp_at(const sim_t *s, double t, double *v_hold) {
  const ltp_protocol *pr = s->proto;
  for (size_t i = 0; i < pr->n_clamps; ++i)
    if (t >= pr->clamps[i].t0_ms && t < pr->clamps[i].t1_ms) {
      *v_hold = pr->clamps[i].v_mV;
      return 1;
    }
  return 0;
}

double sim_glu_mM(const receptor_group *g, double t) {
  return t < g->glu_until_ms ? g->glu_mM : 0.0;
}

/* AMPA-receptor current of the modelled spine of pathway k (pA, inward positive) at the head's
 * own potential: the unitary EPSC of that synapse, before any dendritic filtering. */
static double spine_ampa_inward_pA(const sim_t *s, int k) {
  const double g =
      ampa_conductance_nS(&s->p.ampa, s->spine[k].ampa_r, receptors(s, k), gamma_pS(s, k));
  return g * (s->p.ampa.e_rev_mV - s->cable.v_mV[s->cable.head[k]]);
}

static void add_synaptic_conductances(sim_t *s, int k) {
  const ltp_params *p = &s->p;
  ltp_cable *c = &s->cable;
  const int h = c->head[k];
  const double n_rec = receptors(s, k), gamma = gamma_pS(s, k);
  const double w_rule = sim_plasticity_weight(&s->plast, k); /* 1 under the cascade */
  const double g_ampa = w_rule * ampa_conductance_nS(&p->ampa, s->spine[k].ampa_r, n_rec, gamma);
  s->unblock[k] = nmda_mg_unblock(&p->nmda, c->v_mV[h], p->nmda.mg_o_mM);
  const double g_nmda = nmda_conductance_nS(&p->nmda, s->spine[k].nmda_r) * s->unblock[k];
  const double g_vgcc = vgcc_conductance_nS(&p->vgcc, &s->vg[k], c->area_um2[h]);
  c->g_nS[h] += g_ampa + g_nmda + g_vgcc;
  c->ge_pA[h] += g_ampa * p->ampa.e_rev_mV + g_nmda * p->nmda.e_rev_mV + g_vgcc * p->vgcc.e_ca_mV;
  /* the pathway's other co-active synapses, identical in their expressed strength to the
   * modelled one, receive the expected release (mean field) and are lumped on the dendrite:
   * their Mg2+ block sees the dendritic potential */
  const double others = p->cable.pathway_synapses - 1.0;
  if (others > 0.0) {
    const int a = c->attach;
    const double g_ampa_d = w_rule * ampa_conductance_nS(&p->ampa, s->pop[k].ampa_r, n_rec, gamma);
    const double g_nmda_d = nmda_conductance_nS(&p->nmda, s->pop[k].nmda_r) *
                            nmda_mg_unblock(&p->nmda, c->v_mV[a], p->nmda.mg_o_mM);
    c->g_nS[a] += others * (g_ampa_d + g_nmda_d);
    c->ge_pA[a] += others * (g_ampa_d * p->ampa.e_rev_mV + g_nmda_d * p->nmda.e_rev_mV);
  }
}

void sim_membrane_currents(sim_t *s, double t_in) {
  ltp_cable *c = &s->cable;
  ltp_cable_begin_step(c);
  hh_currents(&s->p.hh, &s->hh, c->area_um2[0], &c->g_nS[0], &c->ge_pA[0]);
  for (int k = 0; k < s->np; ++k)
    add_synaptic_conductances(s, k);
  c->i_inj_pA[0] = ltp_protocol_step_current_pA(s->proto, t_in) +
                   (t_in < s->spike_until_ms ? s->p.hh.spike_current_pA : 0);
}

spine_ca_currents sim_spine_ca_current(sim_t *s, int k) {
  const ltp_params *p = &s->p;
  const ltp_cable *c = &s->cable;
  const int h = c->head[k];
  const double v = c->v_mV[h];
  const double g_nmda = nmda_conductance_nS(&p->nmda, s->spine[k].nmda_r) * s->unblock[k];
  s->i_nmda_pA[k] = g_nmda * (v - p->nmda.e_rev_mV);
  /* outward Ca2+ current does not occur below E_Ca */
  const double drive_mV = fmin(v - p->vgcc.e_ca_mV, 0.0);
  const double i_vgcc = vgcc_conductance_nS(&p->vgcc, &s->vg[k], c->area_um2[h]) * drive_mV;
  const double i_nmda_ca = nmda_ca_current_pA(&p->nmda, g_nmda, v);
  return (spine_ca_currents){
      i_nmda_ca + i_vgcc, calcium_kinase_current_pA(&p->calcium, i_nmda_ca, i_vgcc),
      vgcc_ltype_conductance_nS(&p->vgcc, &s->vg[k], c->area_um2[h]) * drive_mV, i_nmda_ca};
}

void sim_kinase_gamma(const sim_t *s, int k, double *gamma, double *gamma2) {
  const ltp_params *p = &s->p;
  const double conducting = s->spine[k].nmda_r * (1.0 - p->nmda.block) * s->unblock[k];
  nanodomain_kinase_gamma(p, s->ca_kinase_uM[k], conducting, s->cable.v_mV[s->cable.head[k]], gamma,
                          gamma2);
}

void sim_track_peak_ca(sim_t *s, double t) {
  for (int k = 0; k < s->np; ++k)
    if (s->ca_uM[k] > s->peak_ca_uM[k]) {
      s->peak_ca_uM[k] = s->ca_uM[k];
      s->peak_ca_t_ms[k] = t;
    }
}

/* ---- one fine step ---- */

static void head_potentials(const sim_t *s, double *v_head) {
  for (int k = 0; k < s->np; ++k)
    v_head[k] = s->cable.v_mV[s->cable.head[k]];
}

/* Exponential (Rush-Larsen / exact two-state) updates of every gate at the step's voltages. */
static void step_gates(sim_t *s, double t, double dt) {
  const ltp_params *p = &s->p;
  const ltp_cable *c = &s->cable;
  step_memo *m = &s->memo;
  hh_gates_advance(m->hh_rate_factor, c->v_mV[0], dt, &s->hh);
  for (int k = 0; k < s->np; ++k) {
    receptor_group *groups[2] = {&s->spine[k], &s->pop[k]};
    for (int g = 0; g < 2; ++g) {
      const double glu = sim_glu_mM(groups[g], t);
      groups[g]->ampa_r = ampa_gate_advance(&p->ampa, groups[g]->ampa_r, glu, dt, &m->ampa[g][k]);
      groups[g]->nmda_r = nmda_gate_advance(&p->nmda, groups[g]->nmda_r, glu, dt, &m->nmda[g][k]);
    }
    vgcc_gates_advance(&p->vgcc, c->v_mV[c->head[k]], dt, &s->vg[k], m->vgcc[k]);
  }
}

static void update_calcium(sim_t *s, int k, double dt) {
  const spine_ca_currents i = sim_spine_ca_current(s, k);
  const double volume = sim_head_volume_um3(s, k);
  const double before = s->ca_uM[k];
  double integral_uM_ms; /* the slow ODEs see the step's exact mean, not its end value */
  s->ca_uM[k] = calcium_advance(&s->p.calcium, before, i.head_pA, volume, dt, &s->memo.ca[k],
                                &integral_uM_ms);
  const double rate = fabs(s->ca_uM[k] - before) / dt;
  if (rate > s->dca_max_uM_ms)
    s->dca_max_uM_ms = rate;
  s->ca_acc[k] += integral_uM_ms;
  /* the same pool equation and step: the memo's decay factor is shared */
  s->ca_kinase_uM[k] = calcium_advance(&s->p.calcium, s->ca_kinase_uM[k], i.kinase_pA, volume, dt,
                                       &s->memo.ca[k], &integral_uM_ms);
  s->ca_kinase_acc[k] += integral_uM_ms;
  s->ca_ltype_uM[k] = calcium_advance(&s->p.calcium, s->ca_ltype_uM[k], i.ltype_pA, volume, dt,
                                      &s->memo.ca[k], &integral_uM_ms);
  s->ca_nmda_uM[k] = calcium_advance(&s->p.calcium, s->ca_nmda_uM[k], i.nmda_pA, volume, dt,
                                     &s->memo.ca[k], &integral_uM_ms);
  s->ca_nmda_acc[k] += integral_uM_ms - s->ca_nmda_rest_uM[k] * dt;
  if (nanodomain_on(&s->p)) { /* the nanodomain follows the channels within the step: the open
                                 fraction and unblock of the step's Ca2+ current, the pool's end */
    double gamma, gamma2;
    sim_kinase_gamma(s, k, &gamma, &gamma2);
    s->kinase_gamma_acc[2 * k] += gamma * dt;
    s->kinase_gamma_acc[2 * k + 1] += gamma2 * dt;
  }
}

static void fine_step(sim_t *s, double t, double dt) {
  ltp_cable *c = &s->cable;
  step_gates(s, t, dt);
  sim_membrane_currents(s, t);
  double v_hold = 0.0;
  const int clamped = sim_clamp_at(s, t, &v_hold);
  double v_before[2 * LTP_MAX_PATHWAYS + 1];
  v_before[0] = c->v_mV[0];
  for (int k = 0; k < s->np; ++k)
    v_before[1 + k] = c->v_mV[c->head[k]];
  s->i_clamp_pA = ltp_cable_solve(c, dt, clamped, v_hold);
  s->dv_max_mV_ms = clamped ? 0.0 : fabs(c->v_mV[0] - v_before[0]) / dt;
  for (int k = 0; k < s->np; ++k) {
    const double r = fabs(c->v_mV[c->head[k]] - v_before[1 + k]) / dt;
    if (r > s->dv_max_mV_ms)
      s->dv_max_mV_ms = r;
  }
  s->dca_max_uM_ms = 0.0;
  for (int k = 0; k < s->np; ++k)
    update_calcium(s, k, dt);
  sim_track_peak_ca(s, t + dt);
  if (sim_plasticity_active(&s->plast)) {
    /* an action potential: the soma crosses plasticity.ap_detect upwards (not under clamp) */
    const double ap_mV = s->p.rules.ap_detect_mV;
    if (!clamped && v_before[0] < ap_mV && c->v_mV[0] >= ap_mV)
      sim_plasticity_post_spike(&s->plast, t + dt);
    double v_head[LTP_MAX_PATHWAYS];
    head_potentials(s, v_head);
    sim_plasticity_step(&s->plast, t, dt, s->ca_uM, v_head);
  }
  s->acc_ms += dt;
  ++s->fine_steps;
}

static ltp_status check_finite(const sim_t *s, double t, ltp_error *err) {
  const ltp_cable *c = &s->cable;
  for (int i = 0; i < c->n; ++i)
    if (!isfinite(c->v_mV[i]) || fabs(c->v_mV[i]) > 1000.0)
      return ltp_error_set(err, LTP_ERR_NUMERIC,
                           "numerical blow-up at t = %.4f s: membrane potential of compartment "
                           "%d = %g mV; hint: reduce engine.dt (now %g ms)",
                           t * 1e-3, i, c->v_mV[i], s->p.engine.dt_ms);
  for (int k = 0; k < s->np; ++k)
    if (!isfinite(s->ca_uM[k]) || s->ca_uM[k] > 1e5)
      return ltp_error_set(err, LTP_ERR_NUMERIC,
                           "numerical blow-up at t = %.4f s: spine Ca2+ of pathway %d = %g uM; "
                           "hint: reduce engine.dt (now %g ms)",
                           t * 1e-3, k + 1, s->ca_uM[k], s->p.engine.dt_ms);
  /* the kinase site, the L-type and the NMDAR pools need no check of their own: their
   * currents are parts of the head's (the kinase site's scaled by
   * calcium.kinase_nmda_enrichment and kinase_vgcc_coupling), in the same linear pool equation,
   * so they stay finite while the head's Ca2+ does */
  return LTP_OK;
}

/* The accumulated sub-cycle goes to the slow ODEs (or is dropped under a reduced rule). The
 * fast state is checked here, before its Ca2+ reaches them, rather than after every fine step:
 * a blow-up is still named as the fast state's, at most a sub-cycle (<= 20 engine.slow_dt)
 * late. */
static ltp_status flush_slow(sim_t *s, double t, ltp_error *err) {
  ltp_status st = check_finite(s, t, err);
  if (st != LTP_OK || s->acc_ms <= 0.0)
    return st;
  if (sim_plasticity_active(&s->plast)) { /* a reduced rule replaces the signalling cascade */
    memset(s->ca_acc, 0, sizeof s->ca_acc);
    memset(s->ca_kinase_acc, 0, sizeof s->ca_kinase_acc);
    memset(s->ca_nmda_acc, 0, sizeof s->ca_nmda_acc);
    memset(s->kinase_gamma_acc, 0, sizeof s->kinase_gamma_acc);
    s->acc_ms = 0.0;
    return LTP_OK;
  }
  double mean[LTP_MAX_PATHWAYS], mean_kinase[LTP_MAX_PATHWAYS], mean_nmda[LTP_MAX_PATHWAYS];
  double mean_gamma[2 * LTP_MAX_PATHWAYS];
  for (int k = 0; k < s->np; ++k) {
    mean[k] = s->ca_acc[k] / s->acc_ms;
    mean_kinase[k] = s->ca_kinase_acc[k] / s->acc_ms;
    mean_nmda[k] = s->ca_nmda_acc[k] / s->acc_ms;
    s->ca_acc[k] = s->ca_kinase_acc[k] = s->ca_nmda_acc[k] = 0.0;
    for (int j = 2 * k; j < 2 * k + 2; ++j) {
      mean_gamma[j] = s->kinase_gamma_acc[j] / s->acc_ms;
      s->kinase_gamma_acc[j] = 0.0;
    }
  }
  s->acc_ms = 0.0;
  return ltp_slow_advance_explicit(s->slow, mean, mean_kinase, mean_nmda,
                                   nanodomain_on(&s->p) ? mean_gamma : NULL, t,
                                   s->p.engine.slow_rk_step_ms, err);
}

/* ---- events, changes, readouts, traces ---- */

/* The lumped population's bouton: always mean field, whatever release.mode says. */
static release_params population_release(const sim_t *s) {
  release_params pop = s->p.release;
  pop.mode = RELEASE_MEAN_FIELD;
  return pop;
}

/* Glutamate reaching the modelled spine of pathway k: the LTD count's coincidence term reads
 * the L-type channels' Ca2+ already in the head (mech/ltd_switch.c); it reached
 * synapses_reached of the pathway's cable.pathway_synapses (all of them for presynaptic
 * stimulation, one for uncaging at one spine), which the late phase's cell-wide drive counts. */
static void sim_glutamate_arrives(sim_t *s, int k, double t, double quanta,
                                  double synapses_reached) {
  const double share = fmin(1.0, synapses_reached / fmax(1.0, s->p.cable.pathway_synapses));
  ltp_slow_glutamate_arrives(s->slow, k, t, quanta, s->ca_ltype_uM[k] - s->ca_ltype_rest_uM[k],
                             share);
}

/* One square glutamate pulse of glu_mM into a receptor group's cleft (a later pulse replaces
 * an earlier one). */
static void glutamate_pulse(const ltp_params *p, receptor_group *g, double t, double glu_mM) {
  if (glu_mM <= 0.0)
    return;
  g->glu_mM = glu_mM;
  g->glu_until_ms = t + p->release.glu_dur_ms;
}

static void group_release(const ltp_params *p, receptor_group *g, double t, double vesicles) {
  glutamate_pulse(p, g, t, vesicles * p->release.glu_peak_mM);
}

/* A presynaptic spike on pathway k. The lumped population receives the expected number of
 * vesicles (many independent synapses sum to their mean). The modelled spine receives, by
 * release.mode: the expected number too (mean_field); a binomial draw (stochastic); or whole
 * quanta at the expected rate (quantal: expected quanta are accumulated and delivered whole
 * when due, deterministic thinning), so that the spine sees full-size Ca2+ transients.
 * Plasticity is a steep function of spine Ca2+, and a transient scaled down to the mean
 * release misrepresents it; the quantal mode is not yet calibrated (docs/model.md). */
static void deliver_release(sim_t *s, int k, double t, double *p_rel, double *vesicles) {
  const release_params pop = population_release(s);
  const int ip = LTP_MAX_PATHWAYS + k;
  const double retro = retro_factor(s, k), ca_o = s->p.calcium.ca_o_mM;
  double p_site = 0.0;
  *p_rel = release_probability_now(&pop, &s->rel, ip, t, ca_o, retro);
  const double expected = release_spike(&pop, &s->rel, ip, t, ca_o, retro, s->seed, &p_site);
  group_release(&s->p, &s->pop[k], t, expected);
  double quanta = expected;
  if (s->p.release.mode == RELEASE_STOCHASTIC) {
    quanta = release_spike(&s->p.release, &s->rel, k, t, ca_o, retro, s->seed, &p_site);
  } else if (s->p.release.mode == RELEASE_QUANTAL) {
    s->quanta_due[k] += expected;
    quanta = floor(s->quanta_due[k]);
    s->quanta_due[k] -= quanta;
  }
  group_release(&s->p, &s->spine[k], t, quanta);
  sim_glutamate_arrives(s, k, t, quanta, s->p.cable.pathway_synapses);
  *vesicles = quanta; /* onto the modelled spine */
}

/* Two-photon uncaging at the modelled spine of the event's pathway: glutamate in that one
 * cleft, with the time course of a quantum (release.glu_dur), and nothing else: no release
 * probability, no short-term plasticity, no lumped population, so the soma sees one spine's
 * input (Matsuzaki et al. 2004, Nature 429:761: "quantum-like photorelease" at one spine).
 * Returns the glutamate in quanta. */
static double deliver_uncaging(sim_t *s, const ltp_event *ev, double t) {
  const double glu_mM =
      ev->glu_unit == LTP_GLU_MM ? ev->glu : (double)ev->glu * s->p.release.glu_peak_mM;
  glutamate_pulse(&s->p, &s->spine[ev->pathway], t, glu_mM);
  const double quanta = glu_mM / s->p.release.glu_peak_mM;
  sim_glutamate_arrives(s, ev->pathway, t, quanta, 1.0);
  return quanta;
}

ltp_status sim_finish_readout(sim_t *s, ltp_results *res) {
  readout_probe *ro = &s->ro;
  if (!ro->active)
    return LTP_OK;
  ro->active = 0;
  ltp_readout r = {0};
  r.t_ms = ro->t0;
  r.pathway = ro->pathway;
  r.uncaging = ro->uncaging;
  r.epsp_amp_mV = ro->vmax - ro->v0;
  r.epsp_slope_mV_ms = ro->slope_max;
  r.epsc_pA = ro->i0 - ro->imin;
  r.n_ampa_syn = receptors(s, ro->pathway);
  r.gamma_ampa_pS = gamma_pS(s, ro->pathway);
  r.p_release = ro->p_rel;
  r.vesicles = ro->vesicles;
  r.uepsc_pA = ro->uepsc_max;
  return ltp_readout_append(&res->readouts, &r);
}

void sim_probe_sample(sim_t *s, double t, double v, double slope) {
  readout_probe *ro = &s->ro;
  if (v > ro->vmax)
    ro->vmax = v;
  if (t - ro->t0 < SLOPE_WINDOW_MS && slope > ro->slope_max)
    ro->slope_max = slope;
  if (s->i_clamp_pA < ro->imin)
    ro->imin = s->i_clamp_pA;
  const double uepsc = spine_ampa_inward_pA(s, ro->pathway);
  if (uepsc > ro->uepsc_max)
    ro->uepsc_max = uepsc;
}

/* Open the readout of a test pulse on a pathway (closing the previous one). */
static ltp_status open_readout(sim_t *s, const ltp_event *ev, double t, double p_rel,
                               double vesicles, ltp_results *res) {
  ltp_status st = sim_finish_readout(s, res);
  const double v = s->cable.v_mV[0], i = s->i_clamp_pA;
  s->ro = (readout_probe){.active = 1,
                          .pathway = ev->pathway,
                          .uncaging = ev->kind == LTP_EV_UNCAGE_TEST,
                          .t0 = t,
                          .v0 = v,
                          .vmax = v,
                          .i0 = i,
                          .imin = i,
                          .p_rel = p_rel,
                          .vesicles = vesicles};
  return st;
}

ltp_status sim_deliver_events(sim_t *s, double t, double horizon_ms, ltp_results *res) {
  const ltp_protocol *pr = s->proto;
  while (s->next_event < pr->n_events && pr->events[s->next_event].t_ms < horizon_ms) {
    const ltp_event *ev = &pr->events[s->next_event++];
    if (ev->kind == LTP_EV_POST) {
      s->spike_until_ms = t + s->p.hh.spike_current_ms;
      continue;
    }
    double p_rel = 1.0, ves; /* an uncaging pulse never fails */
    /* a rule's presynaptic term stands for glutamate reaching the spine: uncaging counts */
    sim_plasticity_pre_spike(&s->plast, ev->pathway, t);
    if (ltp_event_is_uncaging(ev))
      ves = deliver_uncaging(s, ev, t);
    else
      deliver_release(s, ev->pathway, t, &p_rel, &ves);
    if (ltp_event_is_test(ev)) {
      ltp_status st = open_readout(s, ev, t, p_rel, ves, res);
      if (st != LTP_OK)
        return st;
    }
    ++res->events;
  }
  return LTP_OK;
}

void sim_apply_changes(sim_t *s, double horizon_ms) {
  const ltp_protocol *pr = s->proto;
  int changed = 0;
  while (s->next_change < pr->n_changes && pr->changes[s->next_change].t_ms < horizon_ms) {
    const ltp_param_change *c = &pr->changes[s->next_change++];
    *(double *)((char *)&s->p + c->param_offset) = c->value;
    changed = 1;
  }
  if (changed) {
    ltp_slow_reset(s->slow);
    s->memo.hh_rate_factor = hh_rate_factor(&s->p.hh); /* the exp memos follow by themselves */
  }
}

void sim_sample_trace(sim_t *s, double t, ltp_results *res) {
  const ltp_protocol *pr = s->proto;
  if (pr->trace_dt_ms <= 0.0 || t < s->next_trace_ms || t > pr->trace_t1_ms)
    return;
  const double *syn = ltp_slow_synapse(s->slow, 0);
  double nmda_rise[LTP_MAX_PATHWAYS];
  sim_nmda_rise(s, nmda_rise);
  const double v[] = {s->cable.v_mV[0],
                      s->cable.v_mV[s->cable.head[0]],
                      s->unblock[0],
                      s->i_nmda_pA[0],
                      s->ca_uM[0],
                      camkii_phospho_fraction(&s->p.camkii, syn + SLOW_CAMKII),
                      ltp_slow_phosphatase_drive(s->slow, 0),
                      syn[SLOW_RECEPTORS],
                      s->ca_kinase_uM[0],
                      nmda_rise[0]};
  (void)ltp_trace_append(&res->trace, t, v);
  s->next_trace_ms += pr->trace_dt_ms;
}

static const char *const trace_names[] = {"soma_v",    "spine_v",  "mg_unblock", "i_nmda",
                                          "spine_ca",  "camkii_p", "pp1_drive",  "ampar_psd",
                                          "kinase_ca", "nmda_ca"};
static const char *const trace_units[] = {"mV", "mV", "1", "pA", "uM", "1", "1", "1", "uM", "uM"};

/* Slow variables of every pathway plus the cell-wide ones, named "p1.camkii_p" etc. */
static const char *const state_vars[] = {
    "camkii_p",  "pp1_drive",  "slots",        "ampar_psd",   "s831",
    "gamma",     "retrograde", "tag",          "z",           "actin_pool",
    "ltd_count", "ltd_commit", "glun2b_bound", "head_volume", "weight"};
static const char *const state_units[] = {"1", "1", "1",    "1", "1", "pS",  "1", "1",
                                          "1", "1", "uM s", "1", "1", "um3", "1"};
static const char *const cell_vars[] = {"cell.synthesis_drive", "cell.prp"};
static const char *const cell_units[] = {"1", "1"};

static void record_columns(ltp_results *res, int np) {
  res->trace.n_vars = res->state.n_vars = 0;
  ltp_trace_add_columns(&res->trace, trace_names, trace_units, LTP_COUNT(trace_names));
  ltp_trace_add_pathway_columns(&res->state, np, state_vars, state_units, LTP_COUNT(state_vars));
  ltp_trace_add_columns(&res->state, cell_vars, cell_units, LTP_COUNT(cell_vars));
}

void sim_sample_state(const sim_t *s, double t, ltp_results *res) {
  double v[LTP_MAX_TRACE_VARS];
  size_t n = 0;
  for (int k = 0; k < s->np; ++k) {
    const double *syn = ltp_slow_synapse(s->slow, k);
    v[n++] = camkii_phospho_fraction(&s->p.camkii, syn + SLOW_CAMKII);
    v[n++] = ltp_slow_phosphatase_drive(s->slow, k);
    v[n++] = syn[SLOW_SLOTS];
    v[n++] = syn[SLOW_RECEPTORS];
    v[n++] = syn[SLOW_S831];
    v[n++] = gamma_pS(s, k);
    v[n++] = syn[SLOW_RETRO];
    v[n++] = syn[SLOW_TAG];
    v[n++] = syn[SLOW_Z];
    v[n++] = syn[SLOW_ACTIN];
    v[n++] = syn[SLOW_LTD_COUNT];
    v[n++] = syn[SLOW_LTD_COMMIT];
    v[n++] = syn[SLOW_BOUND];
    v[n++] = sim_head_volume_um3(s, k);
    v[n++] = sim_synaptic_weight(s, k);
  }
  const double *cell = ltp_slow_cell(s->slow);
  v[n++] = cell[SLOW_CELL_DRIVE];
  v[n++] = cell[SLOW_CELL_PRP];
  (void)ltp_trace_append(&res->state, t, v);
}

/* ---- quiet stretches ---- */

/* The reduced rule (if any) may be stepped over a long stretch at the present inputs. */
static int rule_quiet(const sim_t *s, double t) {
  double v_head[LTP_MAX_PATHWAYS];
  head_potentials(s, v_head);
  return sim_plasticity_quiet(&s->plast, t, s->ca_uM, v_head);
}

static int is_quiet(const sim_t *s, double t) {
  const double tol = s->p.engine.quiet_tol;
  if (s->ro.active || t < s->spike_until_ms)
    return 0;
  if (s->proto->trace_dt_ms > 0.0 && t >= s->proto->trace_t0_ms && t <= s->proto->trace_t1_ms)
    return 0;
  if (s->dv_max_mV_ms > tol || s->dca_max_uM_ms > tol)
    return 0;
  for (int k = 0; k < s->np; ++k)
    if (t < s->spine[k].glu_until_ms || t < s->pop[k].glu_until_ms || s->spine[k].ampa_r > tol ||
        s->spine[k].nmda_r > tol || s->pop[k].ampa_r > tol || s->pop[k].nmda_r > tol)
      return 0;
  return rule_quiet(s, t);
}

double sim_next_edge_ms(const sim_t *s, double t) {
  const ltp_protocol *pr = s->proto;
  double next = pr->t_end_ms;
  if (s->next_event < pr->n_events && pr->events[s->next_event].t_ms < next)
    next = pr->events[s->next_event].t_ms;
  if (s->next_change < pr->n_changes && pr->changes[s->next_change].t_ms < next)
    next = pr->changes[s->next_change].t_ms;
  for (size_t i = 0; i < pr->n_clamps; ++i) {
    if (pr->clamps[i].t0_ms > t && pr->clamps[i].t0_ms < next)
      next = pr->clamps[i].t0_ms;
    if (pr->clamps[i].t1_ms > t && pr->clamps[i].t1_ms < next)
      next = pr->clamps[i].t1_ms;
  }
  const double step_edge = ltp_protocol_next_step_edge_ms(pr, t);
  return step_edge < next ? step_edge : next;
}

/* Next time anything can happen: a protocol edge, the trace window, a state sample. */
static double next_activity_ms(const sim_t *s, double t) {
  const ltp_protocol *pr = s->proto;
  double next = sim_next_edge_ms(s, t);
  if (pr->trace_dt_ms > 0.0 && pr->trace_t0_ms > t && pr->trace_t0_ms < next)
    next = pr->trace_t0_ms;
  if (s->next_state_ms > t && s->next_state_ms < next)
    next = s->next_state_ms;
  return next;
}

/* ---- set-up and the main loop ---- */

static void init_memo(sim_t *s) {
  step_memo *m = &s->memo;
  for (int k = 0; k < LTP_MAX_PATHWAYS; ++k) {
    for (int g = 0; g < 2; ++g)
      m->ampa[g][k] = m->nmda[g][k] = EXP_MEMO_EMPTY;
    for (int i = 0; i < 3; ++i)
      m->vgcc[k][i] = EXP_MEMO_EMPTY;
    m->ca[k] = EXP_MEMO_EMPTY;
  }
  m->hh_rate_factor = hh_rate_factor(&s->p.hh);
}

/* Settings that cannot go together, refused before any work. */
static ltp_status check_kinase_inputs(const ltp_params *p, ltp_error *err) {
  if (!nanodomain_on(p))
    return LTP_OK;
  if ((int)p->camkii.cam_kinetics == CAMKII_CAM_TWO_LOBE)
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "nanodomain.mode = nmda averages equilibrium Ca4-CaM over the "
                         "holoenzymes; it cannot drive camkii.cam_kinetics = two_lobe (set one "
                         "of them back to its default)");
  if (p->calcium.kinase_nmda_enrichment != 1.0)
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "nanodomain.mode = nmda and calcium.kinase_nmda_enrichment = %g both "
                         "describe the NMDARs' Ca2+ gradient at the kinase; use one (enrichment "
                         "1 with the nanodomain)",
                         p->calcium.kinase_nmda_enrichment);
  return LTP_OK;
}

static ltp_status sim_init(sim_t *s, const ltp_params *params, const ltp_protocol *proto,
                           uint64_t seed, ltp_error *err) {
  ltp_status st = check_kinase_inputs(params, err);
  if (st != LTP_OK)
    return st;
  memset(s, 0, sizeof *s);
  s->p = *params;
  s->proto = proto;
  s->seed = seed;
  s->np = proto->n_pathways;
  s->rel = (release_state){s->rel_caxf,  s->rel_caxd, s->rel_ready,  s->rel_ptp,
                           s->rel_tlast, s->rel_n,    s->rel_reserve};
  st = ltp_cable_build(&s->cable, &s->p.cable, s->np, err);
  if (st != LTP_OK)
    return st;
  st = ltp_slow_create(&s->slow, &s->p, s->np, err);
  if (st != LTP_OK)
    return st;
  s->slow_y = ltp_slow_state(s->slow);
  for (int k = 0; k < s->np; ++k) /* the synapse's starting state (late.start_high) */
    if (s->p.late.start_high > 0.0 &&
        ltp_rng_uniform(seed, RNG_STREAM_START_STATE + (uint64_t)k, 0) < s->p.late.start_high)
      ltp_slow_start_high(s->slow, k);
  double ca_rest[LTP_MAX_PATHWAYS], ca_kinase_rest[LTP_MAX_PATHWAYS];
  for (int k = 0; k < s->np; ++k) {
    release_init(&s->p.release, &s->rel, k);
    const release_params pop = population_release(s);
    release_init(&pop, &s->rel, LTP_MAX_PATHWAYS + k);
    /* half a quantum due: the first whole quantum comes after half the mean interval */
    s->quanta_due[k] = 0.5;
    ca_rest[k] = s->ca_uM[k] = s->ca_kinase_uM[k] = s->ca_ltype_uM[k] = s->ca_nmda_uM[k] =
        s->p.calcium.ca_rest_uM;
    s->spine[k].glu_until_ms = s->pop[k].glu_until_ms = -INFINITY;
    vgcc_gates_rest(&s->p.vgcc, s->p.cable.e_leak_mV, &s->vg[k]);
  }
  hh_gates_rest(&s->p.hh, s->p.cable.e_leak_mV, &s->hh);
  s->spike_until_ms = -INFINITY;
  init_memo(s);
  /* membrane at rest: 2 s without input (HH, leak, VGCC and Ca2+ settle), in event-tail steps:
   * every update is exact or implicit, so the rest point they relax to does not depend on the
   * step, and 2 s are > 70 of the slowest time constants (VGCC inactivation, 27 ms) */
  const double rest_step_ms = fmax(s->p.engine.dt_ms, s->p.engine.tail_dt_ms);
  for (int i = 0; i < (int)(2000.0 / rest_step_ms); ++i)
    fine_step(s, -1.0, rest_step_ms);
  /* signalling at the resulting resting Ca2+: 10^6 s settles every slow variable (the slowest,
   * tau_early and the tag, are hours), so the baseline is flat */
  for (int k = 0; k < s->np; ++k) {
    ca_rest[k] = s->ca_uM[k];
    ca_kinase_rest[k] = s->ca_kinase_uM[k];
    s->ca_ltype_rest_uM[k] = s->ca_ltype_uM[k];
    s->ca_nmda_rest_uM[k] = s->ca_nmda_uM[k];
  }
  ltp_slow_set_rest_calcium(s->slow, ca_rest[0]);
  const double no_nmda[LTP_MAX_PATHWAYS] = {0.0};
  st = ltp_slow_equilibrate(s->slow, ca_rest, ca_kinase_rest, no_nmda, 1e9, err);
  if (st != LTP_OK)
    return st;
  for (int k = 0; k < s->np; ++k)
    s->ampa_base[k] = expressed_ampa_pS(s, k);
  if (s->p.engine.method == ENGINE_REFERENCE && ltp_rule_selected(&s->p) != NULL)
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "engine.method = reference integrates the cascade only; run "
                         "plasticity.rule = %s with engine.method = fixed",
                         ltp_plasticity_names[(int)s->p.rules.rule]);
  st = sim_plasticity_init(&s->plast, &s->p, s->np, seed, err);
  if (st != LTP_OK)
    return st;
  sim_plasticity_set_rest(&s->plast, ca_rest);
  for (int k = 0; k < s->np; ++k) {
    s->ca_acc[k] = s->ca_kinase_acc[k] = s->ca_nmda_acc[k] = 0.0;
    s->kinase_gamma_acc[2 * k] = s->kinase_gamma_acc[2 * k + 1] = 0.0;
    s->peak_ca_uM[k] = s->ca_uM[k];
    s->peak_ca_t_ms[k] = 0.0;
  }
  s->acc_ms = 0.0;
  s->fine_steps = 0;
  s->next_trace_ms = proto->trace_t0_ms;
  s->next_state_ms = 0.0;
  return check_finite(s, 0.0, err);
}

static void sim_free(sim_t *s) {
  sim_plasticity_free(&s->plast);
  ltp_cable_free(&s->cable);
  ltp_slow_free(s->slow);
}

/* Sub-cycle of the slow ODEs: engine.slow_dt while any spine is above twice its resting Ca2+
 * (signalling moves), 20 x longer otherwise (test-pulse tails barely move CaMKII). */
static double slow_subcycle_ms(const sim_t *s) {
  for (int k = 0; k < s->np; ++k)
    if (s->ca_uM[k] > 2.0 * s->p.calcium.ca_rest_uM)
      return s->p.engine.slow_dt_ms;
  return 20.0 * s->p.engine.slow_dt_ms;
}

static ltp_status after_step(sim_t *s, double t, double v_prev, double dt, ltp_results *res,
                             ltp_error *err) {
  ltp_status st = LTP_OK;
  if (s->ro.active) {
    sim_probe_sample(s, t, s->cable.v_mV[0], (s->cable.v_mV[0] - v_prev) / dt);
    if (t - s->ro.t0 >= LTP_READOUT_WINDOW_MS)
      st = sim_finish_readout(s, res);
  }
  sim_sample_trace(s, t, res);
  if (st == LTP_OK && s->acc_ms >= slow_subcycle_ms(s) - 1e-9)
    st = flush_slow(s, t, err);
  return st;
}

/* An event tail: no glutamate pulse or spike current in the last few ms, no readout in its
 * rising phase and no trace window. Every fast update is then exponential or implicit, so
 * longer steps follow the decays accurately (tail_step_ms). */
static int in_tail(const sim_t *s, double t) {
  const ltp_protocol *pr = s->proto;
  if (t < s->spike_until_ms + 5.0 || s->dv_max_mV_ms > 0.5 || !rule_quiet(s, t))
    return 0;
  if (s->ro.active && t - s->ro.t0 < 25.0)
    return 0;
  if (pr->trace_dt_ms > 0.0 && t >= pr->trace_t0_ms && t <= pr->trace_t1_ms)
    return 0;
  for (int k = 0; k < s->np; ++k)
    if (t < s->spine[k].glu_until_ms + 2.0 || t < s->pop[k].glu_until_ms + 2.0)
      return 0;
  return 1;
}

/* The step in an event tail, after a step of h_prev: as long as the membrane potential moves
 * by at most engine.tail_dv per step at its last rate of change (the splitting error of the
 * exponential and implicit updates scales with it), at most engine.tail_dt, at most twice the
 * last step, never shorter than engine.dt, never past the end of the slow sub-cycle (so the
 * signalling still sees Ca2+ means over engine.slow_dt while Ca2+ is raised), and ending on the
 * next protocol edge, trace window or state sample rather than stepping over it. Membrane
 * changes of more than 0.5 mV/ms (in_tail) keep the fine step: spike-timing pairing
 * (examples/stdp_pair.exp) needs the membrane between pre- and postsynaptic spike that
 * exactly. */
static double slow_subcycle_ms(const sim_t *s);

static double tail_step_ms(const sim_t *s, double t, double h_prev) {
  const double dt = s->p.engine.dt_ms;
  double h = fmin(s->p.engine.tail_dt_ms, slow_subcycle_ms(s) - s->acc_ms);
  if (s->dv_max_mV_ms * h > s->p.engine.tail_dv_mV)
    h = s->p.engine.tail_dv_mV / s->dv_max_mV_ms;
  if (h > 2.0 * h_prev)
    h = 2.0 * h_prev;
  if (h <= dt)
    return dt;
  const double next = next_activity_ms(s, t);
  if (t + h > next)
    h = next - t >= dt ? next - t : dt;
  return h;
}

/* Entering a quiet stretch, the fast state is still within engine.quiet_tol of its end point:
 * receptor gates near 0, Ca2+ a little above the level it is relaxing to. Over a stretch of
 * seconds to hours these relax completely (time constants <= ~100 ms), so they are set to their
 * end point first: receptors closed, VGCC gates at their steady state for the present
 * potential, Ca2+ at the level that VGCC current holds. Advancing the slow ODEs at the frozen,
 * slightly raised Ca2+ instead would bias the steeply Ca2+-dependent CaMKII baseline (by ~10 %
 * at quiet_tol = 1e-4; docs/numerics.md). */
static void relax_fast_state(sim_t *s) {
  const ltp_params *p = &s->p;
  const ltp_cable *c = &s->cable;
  for (int k = 0; k < s->np; ++k) {
    s->spine[k].ampa_r = s->spine[k].nmda_r = s->pop[k].ampa_r = s->pop[k].nmda_r = 0.0;
    const int h = c->head[k];
    vgcc_gates_rest(&p->vgcc, c->v_mV[h], &s->vg[k]);
    const spine_ca_currents i = sim_spine_ca_current(s, k);
    const double volume = sim_head_volume_um3(s, k);
    s->ca_uM[k] = calcium_steady_uM(&p->calcium, i.head_pA, volume);
    s->ca_kinase_uM[k] = calcium_steady_uM(&p->calcium, i.kinase_pA, volume);
    s->ca_ltype_uM[k] = calcium_steady_uM(&p->calcium, i.ltype_pA, volume);
    s->ca_nmda_uM[k] = calcium_steady_uM(&p->calcium, i.nmda_pA, volume);
  }
}

void sim_nmda_rise(const sim_t *s, double *rise_uM) {
  for (int k = 0; k < s->np; ++k)
    rise_uM[k] = s->ca_nmda_uM[k] - s->ca_nmda_rest_uM[k];
}

/* A quiet stretch [t, target]: the fast state is relaxed and frozen, the slow ODEs (or the
 * reduced rule) advance in one call. */
static ltp_status advance_quiet(sim_t *s, double t, double target, ltp_error *err) {
  relax_fast_state(s);
  if (!sim_plasticity_active(&s->plast)) {
    double rise[LTP_MAX_PATHWAYS];
    sim_nmda_rise(s, rise);
    return ltp_slow_advance(s->slow, s->ca_uM, s->ca_kinase_uM, rise, target, err);
  }
  double v_head[LTP_MAX_PATHWAYS];
  head_potentials(s, v_head);
  sim_plasticity_step(&s->plast, t, target - t, s->ca_uM, v_head);
  return LTP_OK;
}

static ltp_status run_loop(sim_t *s, const ltp_sim_options *opt, ltp_results *res, ltp_error *err) {
  const double t_end = s->proto->t_end_ms;
  double t_base = 0.0, dt = s->p.engine.dt_ms;
  uint64_t k = 0, since_progress = 0;
  ltp_status st = LTP_OK;
  for (double t = 0.0; t < t_end - 0.5 * dt && st == LTP_OK; t = t_base + (double)k * dt) {
    /* step size: fine, or longer in event tails */
    double h = s->p.engine.dt_ms;
    if (!opt->no_fast_forward && in_tail(s, t))
      h = tail_step_ms(s, t, dt);
    if (h != dt) {
      t_base = t;
      k = 0;
      dt = h;
    }
    sim_apply_changes(s, t + 0.5 * dt);
    if (t >= s->next_state_ms - 0.5 * dt) {
      st = flush_slow(s, t, err);
      if (st != LTP_OK)
        break;
      sim_sample_state(s, t, res);
      s->next_state_ms += s->p.engine.state_dt_s * 1e3;
    }
    st = sim_deliver_events(s, t, t + 0.5 * dt, res);
    if (st != LTP_OK)
      break;
    if (!opt->no_fast_forward && is_quiet(s, t)) {
      const double target = next_activity_ms(s, t);
      if (target > t + dt) {
        st = flush_slow(s, t, err);
        if (st == LTP_OK)
          st = advance_quiet(s, t, target, err);
        t_base = target;
        k = 0;
        continue;
      }
    }
    const double v_prev = s->cable.v_mV[0];
    fine_step(s, t, dt);
    ++k;
    st = after_step(s, t_base + (double)k * dt, v_prev, dt, res, err);
    if (opt->progress && ++since_progress >= 200000) {
      since_progress = 0;
      opt->progress(opt->progress_ctx, t / t_end);
    }
  }
  if (st == LTP_OK)
    st = sim_finish_readout(s, res);
  if (st == LTP_OK)
    st = flush_slow(s, t_end, err);
  if (st == LTP_OK && !sim_plasticity_active(&s->plast)) {
    double rise[LTP_MAX_PATHWAYS];
    sim_nmda_rise(s, rise);
    st = ltp_slow_advance(s->slow, s->ca_uM, s->ca_kinase_uM, rise, t_end, err);
  }
  return st;
}

static ltp_status record_final_state(const sim_t *s, ltp_results *res) {
  static const struct {
    int index;
    const char *name, *unit;
  } syn_vars[] = {{SLOW_CAMKII + CAMKII_PP1, "camkii.pp1", "uM"},
                  {SLOW_SLOTS, "trafficking.slots", "1"},
                  {SLOW_RECEPTORS, "trafficking.receptors", "1"},
                  {SLOW_S831, "trafficking.s831", "1"},
                  {SLOW_RETRO, "retrograde.signal", "1"},
                  {SLOW_TAG, "late.tag", "1"},
                  {SLOW_Z, "late.z", "1"},
                  {SLOW_ACTIN, "actin.pool", "1"},
                  {SLOW_LTD_COUNT, "ltd_switch.count", "uM s"},
                  {SLOW_LTD_COMMIT, "ltd_switch.commit", "1"},
                  {SLOW_BOUND, "glun2b.bound", "1"}};
  ltp_status st = LTP_OK;
  char name[64];
  for (int k = 0; k < s->np && st == LTP_OK; ++k) {
    const double *syn = ltp_slow_synapse(s->slow, k);
    snprintf(name, sizeof name, "p%d.camkii.phospho_fraction", k + 1);
    st = ltp_results_add_state(res, name, "1", camkii_phospho_fraction(&s->p.camkii, syn));
    for (size_t i = 0; i < LTP_COUNT(syn_vars) && st == LTP_OK; ++i) {
      snprintf(name, sizeof name, "p%d.%s", k + 1, syn_vars[i].name);
      st = ltp_results_add_state(res, name, syn_vars[i].unit, syn[syn_vars[i].index]);
    }
    snprintf(name, sizeof name, "p%d.spine.head_volume", k + 1);
    if (st == LTP_OK)
      st = ltp_results_add_state(res, name, "um3", sim_head_volume_um3(s, k));
    snprintf(name, sizeof name, "p%d.plasticity.weight", k + 1);
    if (st == LTP_OK)
      st = ltp_results_add_state(res, name, "1", sim_synaptic_weight(s, k));
    snprintf(name, sizeof name, "p%d.spine.ca", k + 1);
    if (st == LTP_OK)
      st = ltp_results_add_state(res, name, "uM", s->ca_uM[k]);
    snprintf(name, sizeof name, "p%d.spine.kinase_ca", k + 1);
    if (st == LTP_OK)
      st = ltp_results_add_state(res, name, "uM", s->ca_kinase_uM[k]);
  }
  const double *cell = ltp_slow_cell(s->slow);
  if (st == LTP_OK)
    st = ltp_results_add_state(res, "cell.prp", "1", cell[SLOW_CELL_PRP]);
  if (st == LTP_OK)
    st = ltp_results_add_state(res, "cell.synthesis_drive", "1", cell[SLOW_CELL_DRIVE]);
  if (st == LTP_OK)
    st = ltp_results_add_state(res, "cell.soma_v", "mV", s->cable.v_mV[0]);
  return st;
}

ltp_status ltp_simulate(const ltp_params *params, const ltp_protocol *proto, uint64_t seed,
                        const ltp_sim_options *opt, ltp_results *res, ltp_error *err) {
  if (ltp_cell_is_point(params))
    return ltp_point_simulate(params, proto, seed, opt, res, err);
  const double w0_s = ltp_monotonic_s();
  sim_t *s = calloc(1, sizeof *s);
  if (s == NULL)
    return ltp_error_set(err, LTP_ERR_NOMEM, "engine: out of memory");
  record_columns(res, proto->n_pathways);
  ltp_status st = sim_init(s, params, proto, seed, err);
  if (st == LTP_OK)
    st = s->p.engine.method == ENGINE_REFERENCE ? ltp_reference_run(s, opt, res, err)
                                                : run_loop(s, opt, res, err);
  if (st == LTP_OK)
    st = record_final_state(s, res);
  res->fine_steps = s->fine_steps;
  res->slow_steps = s->slow ? ltp_slow_steps(s->slow) : 0;
  for (int k = 0; k < s->np; ++k) {
    res->peak_ca_uM[k] = s->peak_ca_uM[k];
    res->peak_ca_t_ms[k] = s->peak_ca_t_ms[k];
  }
  res->t_end_ms = proto->t_end_ms;
  sim_free(s);
  free(s);
  if (st == LTP_OK)
    st = ltp_results_analyse(res, proto, err);
  res->wall_s = ltp_monotonic_s() - w0_s;
  return st;
}
