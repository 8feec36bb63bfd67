/* The point-model engine (point.h): per-cell adaptive stepping with exponential integrators
 * and exact fast-forward through quiet stretches. */
#include "engine/point.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell/lif.h"
#include "core/clock.h"
#include "core/expo.h"
#include "engine/plasticity.h"
#include "engine/readout.h"
#include "mech/nmda.h"
#include "mech/nmda_calcium.h"
#include "mech/point_synapse.h"
#include "mech/registry.h"

static double earlier(double a, double b) {
  return b < a ? b : a;
}

/* Open readout of a test pulse: EPSP peak and initial slope at the soma. */
typedef struct {
  int open, rising; /* rising: the EPSP has not peaked yet (fine steps) */
  double t_ms, t_end_ms, v0_mV, peak_mV, slope_mV_ms;
} epsp_probe;

/* Constants of one step length. */
typedef struct {
  point_gating_step gating;
  double ca_decay, leak_decay;
} step_consts;

/* Step lengths: level 0 is engine.dt, each level twice the last, up to engine.tail_max. */
#define POINT_MAX_LEVELS 64

typedef struct {
  ltp_params p; /* private copy: timed changes apply here */
  const ltp_protocol *proto;
  const ltp_sim_options *opt;
  int np;
  double g_ampa_nS, g_nmda_nS; /* after antagonist blocks */
  /* state */
  double t_ms, v_mV, refractory_until_ms, i_inj_pA;
  point_gating gating[LTP_MAX_PATHWAYS];
  double ca[LTP_MAX_PATHWAYS];
  double ca_inner[LTP_MAX_PATHWAYS]; /* extremum inside the last step (inner_extremum) */
  double peak_ca[LTP_MAX_PATHWAYS], peak_ca_t_ms[LTP_MAX_PATHWAYS];
  uint64_t spikes;
  sim_plasticity pl;
  /* While the rule is quiet it is not stepped: it lags at rule_t_ms with the (quiet) inputs it
   * had then, and catches up in one drive-free step when it must act (rule.h, item 6). */
  double rule_t_ms, rule_ca[LTP_MAX_PATHWAYS], rule_v_mV[LTP_MAX_PATHWAYS];
  double weight[LTP_MAX_PATHWAYS]; /* the rule's weights at rule_t_ms */
  int rule_known, rule_quiet;      /* rule_status() of the current state */
  long rule_regime;
  int level; /* current step length (grows in tails) */
  epsp_probe probe[LTP_MAX_PATHWAYS];
  step_consts levels[POINT_MAX_LEVELS];
  int n_levels, active_cap;             /* active_cap: longest level <= engine.active_max */
  int rule_has_regimes;                 /* the rule names its drive regimes (rule.h item 7) */
  int rule_cap;                         /* longest level <= engine.rule_max */
  double mg_k0_mM, mg_z_per_mV, mg_exp; /* Mg2+ block: mg_exp = e^{-z V} at v_mV */
  double mg_ratio;                      /* [Mg]o / k0 */
  /* cursors */
  size_t next_event, next_change;
  double next_edge_ms, next_state_ms, next_trace_ms;
  uint64_t steps, events;
} point_cell;

static void consts_init(const point_cell *c, double h_ms, step_consts *k) {
  point_gating_step_init(&c->p.point_synapse, h_ms, &k->gating);
  k->ca_decay = exp(-h_ms / c->p.nmda_calcium.tau_ms);
  k->leak_decay = lif_leak_decay(&c->p.lif, h_ms);
}

static void derive(point_cell *c) {
  const ltp_params *p = &c->p;
  c->g_ampa_nS = p->point_synapse.g_ampa_nS * (1.0 - p->ampa.block);
  c->g_nmda_nS = p->point_synapse.g_nmda_nS * (1.0 - p->nmda.block);
  c->n_levels = 0;
  c->active_cap = c->rule_cap = 0;
  for (double h = p->engine.dt_ms; c->n_levels < POINT_MAX_LEVELS; h *= 2.0) { /* doubling */
    const int last = h >= p->engine.tail_max_ms || c->n_levels == POINT_MAX_LEVELS - 1;
    if (last && c->n_levels > 0)
      h = p->engine.tail_max_ms;
    consts_init(c, h, &c->levels[c->n_levels]);
    if (h <= p->engine.active_max_ms)
      c->active_cap = c->n_levels;
    if (h <= p->engine.rule_max_ms)
      c->rule_cap = c->n_levels;
    ++c->n_levels;
    if (last)
      break;
  }
  if (c->level >= c->n_levels)
    c->level = c->n_levels - 1;
  nmda_mg_fit(&p->nmda, &c->mg_k0_mM, &c->mg_z_per_mV);
  c->mg_ratio = p->nmda.mg_o_mM / c->mg_k0_mM;
}

static ltp_status check_supported(const ltp_params *p, const ltp_protocol *proto, ltp_error *err) {
  if (ltp_rule_selected(p) == NULL)
    return ltp_error_set(err, LTP_ERR_ARG,
                         "the point cell (cell.model = point_lif) has no signalling cascade: "
                         "choose a reduced rule, e.g. plasticity = \"graupner_brunel\";");
  if (proto->n_clamps > 0)
    return ltp_error_set(err, LTP_ERR_ARG,
                         "voltage clamp is not available for the point cell (cell.model = "
                         "point_lif); use cell.model = cable");
  for (size_t k = 0; k < proto->n_events; ++k)
    if (ltp_event_is_uncaging(&proto->events[k]))
      return ltp_error_set(err, LTP_ERR_ARG,
                           "glutamate uncaging at %.6g ms needs a modelled spine: use cell.model "
                           "= cable (the point cell has lumped synapses)",
                           proto->events[k].t_ms);
  if (!(p->lif.e_leak_mV < p->lif.v_th_mV) || !(p->lif.v_reset_mV < p->lif.v_th_mV))
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "lif: e_leak (%g mV) and v_reset (%g mV) must lie below v_th (%g mV)",
                         p->lif.e_leak_mV, p->lif.v_reset_mV, p->lif.v_th_mV);
  return LTP_OK;
}

/* traces.csv (pathway 1) and state.csv columns of the point model (docs/outputs.md) */
static const char *const trace_names[] = {"soma_v", "mg_unblock", "i_nmda",
                                          "s_nmda", "calcium",    "weight"};
static const char *const trace_units[] = {"mV", "1", "pA", "1", "1", "1"};
static const char *const state_names[] = {"weight", "calcium"};
static const char *const state_units[] = {"1", "1"};
static const char *const cell_names[] = {"cell.v"}, *const cell_units[] = {"mV"};

static void record_columns(ltp_results *res, int np) {
  res->trace.n_vars = res->state.n_vars = 0;
  ltp_trace_add_columns(&res->trace, trace_names, trace_units, LTP_COUNT(trace_names));
  ltp_trace_add_pathway_columns(&res->state, np, state_names, state_units, LTP_COUNT(state_names));
  ltp_trace_add_columns(&res->state, cell_names, cell_units, LTP_COUNT(cell_names));
}

static double mg_unblock(const point_cell *c, double v_mV) {
  return nmda_mg_unblock(&c->p.nmda, v_mV, c->p.nmda.mg_o_mM);
}

/* Set the membrane potential; the Mg2+ block's exponential is recomputed (set_v) or updated
 * by the exponential of the change (move_v: small changes cost no exp call). */
static void set_v(point_cell *c, double v_mV) {
  c->v_mV = v_mV;
  c->mg_exp = exp(-c->mg_z_per_mV * v_mV);
}

static void move_v(point_cell *c, double v_mV) {
  c->mg_exp *= ltp_exp_near0(-c->mg_z_per_mV * (v_mV - c->v_mV));
  c->v_mV = v_mV;
}

static double mg_unblock_now(const point_cell *c) {
  return 1.0 / (1.0 + c->mg_ratio * c->mg_exp);
}

static void refresh_weights(point_cell *c) {
  for (int k = 0; k < c->np; ++k)
    c->weight[k] = sim_plasticity_weight(&c->pl, k);
}

/* Bring the lagging rule up to the current time. */
static void rule_catch_up(point_cell *c) {
  if (c->rule_t_ms < c->t_ms) {
    sim_plasticity_step(&c->pl, c->rule_t_ms, c->t_ms - c->rule_t_ms, c->rule_ca, c->rule_v_mV);
    c->rule_t_ms = c->t_ms;
    c->rule_known = 0;
    refresh_weights(c);
  }
}

/* The rule's quiet flag and drive regime for the current state, computed once per state: every
 * change of time, calcium, potential, events or rule state clears rule_known. */
static void rule_status(point_cell *c) {
  if (c->rule_known)
    return;
  double v[LTP_MAX_PATHWAYS];
  for (int k = 0; k < c->np; ++k)
    v[k] = c->v_mV;
  c->rule_quiet = sim_plasticity_quiet(&c->pl, c->t_ms, c->ca, v);
  c->rule_regime = c->rule_has_regimes ? sim_plasticity_regime(&c->pl, c->t_ms, c->ca, v) : -1;
  c->rule_known = 1;
}

static int rule_quiet_now(point_cell *c) {
  rule_status(c);
  return c->rule_quiet;
}

static long regime_now(point_cell *c) {
  rule_status(c);
  return c->rule_regime;
}

/* Step the rule over [t, t + h] with the step's starting calcium and potential held (rule.h
 * contract), or let it lag while it is quiet with them. */
static void rule_step(point_cell *c, double h) {
  double v[LTP_MAX_PATHWAYS];
  for (int k = 0; k < c->np; ++k)
    v[k] = c->v_mV;
  if (rule_quiet_now(c)) {
    if (c->rule_t_ms == c->t_ms) /* lag starts: keep its inputs */
      for (int k = 0; k < c->np; ++k) {
        c->rule_ca[k] = c->ca[k];
        c->rule_v_mV[k] = v[k];
      }
    return;
  }
  rule_catch_up(c);
  sim_plasticity_step(&c->pl, c->t_ms, h, c->ca, v);
  c->rule_t_ms = c->t_ms + h;
  c->rule_known = 0;
  refresh_weights(c);
}

static ltp_status sample_trace(point_cell *c, ltp_results *res) {
  rule_catch_up(c);
  const double b = mg_unblock(c, c->v_mV);
  const double i_nmda = c->g_nmda_nS * c->gating[0].s_nmda * b * (c->v_mV - c->p.nmda.e_rev_mV);
  const double row[] = {c->v_mV, b, i_nmda, c->gating[0].s_nmda, c->ca[0], c->weight[0]};
  return ltp_trace_append(&res->trace, c->t_ms, row);
}

static ltp_status sample_state(point_cell *c, ltp_results *res) {
  double row[LTP_MAX_TRACE_VARS];
  size_t n = 0;
  rule_catch_up(c);
  for (int k = 0; k < c->np; ++k) {
    row[n++] = c->weight[k];
    row[n++] = c->ca[k];
  }
  row[n++] = c->v_mV;
  return ltp_trace_append(&res->state, c->t_ms, row);
}

static ltp_status close_probe(point_cell *c, int k, ltp_results *res) {
  epsp_probe *pr = &c->probe[k];
  pr->open = 0;
  const ltp_readout r = {.t_ms = pr->t_ms,
                         .pathway = k,
                         .epsp_amp_mV = pr->peak_mV,
                         .epsp_slope_mV_ms = pr->slope_mV_ms,
                         .p_release = 1.0,
                         .vesicles = 1.0};
  return ltp_readout_append(&res->readouts, &r);
}

static void spike(point_cell *c, double t_ms) {
  set_v(c, c->p.lif.v_reset_mV);
  c->refractory_until_ms = t_ms + c->p.lif.t_ref_ms;
  for (int k = 0; k < c->np; ++k)
    c->ca[k] += c->p.nmda_calcium.c_bap; /* the back-propagating action potential */
  rule_catch_up(c);
  sim_plasticity_post_spike(&c->pl, t_ms);
  c->rule_known = 0;
  ++c->spikes;
}

static ltp_status deliver_events(point_cell *c, ltp_results *res) {
  const ltp_protocol *proto = c->proto;
  ltp_status st = LTP_OK;
  while (st == LTP_OK && c->next_event < proto->n_events &&
         proto->events[c->next_event].t_ms <= c->t_ms) {
    const ltp_event *e = &proto->events[c->next_event++];
    ++c->events;
    if (e->kind == LTP_EV_POST) {
      /* the somatic current pulse of a pairing: the point cell fires at once */
      if (c->t_ms >= c->refractory_until_ms)
        spike(c, c->t_ms);
      continue;
    }
    const int k = e->pathway;
    c->level = 0; /* the onset of a response at the fine step */
    c->gating[k].s_ampa += 1.0;
    c->gating[k].x_nmda += 1.0;
    rule_catch_up(c);
    sim_plasticity_pre_spike(&c->pl, k, c->t_ms);
    c->rule_known = 0;
    if (e->kind == LTP_EV_TEST) {
      if (c->probe[k].open)
        st = close_probe(c, k, res);
      c->probe[k] = (epsp_probe){1, 1, c->t_ms, c->t_ms + c->p.lif.epsp_window_ms, c->v_mV, 0, 0};
    }
  }
  return st;
}

static ltp_status apply_changes(point_cell *c, ltp_error *err) {
  const ltp_protocol *proto = c->proto;
  int changed = 0;
  while (c->next_change < proto->n_changes && proto->changes[c->next_change].t_ms <= c->t_ms) {
    const ltp_param_change *ch = &proto->changes[c->next_change++];
    *(double *)((char *)&c->p + ch->param_offset) = ch->value;
    changed = 1;
  }
  if (!changed)
    return LTP_OK;
  rule_catch_up(c); /* the lag ran under the old parameters */
  derive(c);
  set_v(c, c->v_mV); /* [Mg]o or the block fit may have changed */
  c->rule_known = 0;
  c->pl.rule->resolve(&c->p, c->pl.par);
  refresh_weights(c);
  (void)err;
  return LTP_OK;
}

/* A spike, an injected current or a test pulse's rising EPSP: the fine step engine.dt. */
static int needs_fine_step(const point_cell *c) {
  if (c->t_ms < c->refractory_until_ms || c->i_inj_pA != 0.0)
    return 1;
  for (int k = 0; k < c->np; ++k)
    if (c->probe[k].open && c->probe[k].rising)
      return 1;
  return 0;
}

/* AMPA or NMDA-rise gating of a recent pulse still above engine.fast_tol. */
static int gating_active(const point_cell *c) {
  const double tol = c->p.engine.fast_tol;
  for (int k = 0; k < c->np; ++k)
    if (c->gating[k].s_ampa > tol || c->gating[k].x_nmda > tol)
      return 1;
  return 0;
}

/* The next step level: engine.dt when needs_fine_step; otherwise the step doubles each
 * step, up to engine.active_max while a pulse's AMPA or NMDA-rise gating is active (the
 * membrane holds the conductances at their step means) or a rule without drive regimes acts;
 * up to engine.tail_max otherwise: gating and calcium updates are exact for the step, and a
 * step across a rule threshold is taken again (step_to). */
static int next_level(const point_cell *c) {
  if (needs_fine_step(c))
    return 0;
  const int rule_acts = c->rule_t_ms >= c->t_ms;
  int cap = c->n_levels - 1;
  if (gating_active(c) || (rule_acts && !c->rule_has_regimes))
    cap = c->active_cap;
  else if (rule_acts)
    cap = c->rule_cap;
  return c->level + 1 < cap ? c->level + 1 : cap;
}

/* Nothing left to integrate but linear relaxation and the rule's drive-free dynamics. */
static int is_quiet(const point_cell *c) {
  if (c->t_ms < c->refractory_until_ms || c->i_inj_pA != 0.0)
    return 0;
  const double tol = c->p.engine.quiet_tol;
  double zero[LTP_MAX_PATHWAYS] = {0}, v[LTP_MAX_PATHWAYS];
  for (int k = 0; k < c->np; ++k) {
    const point_gating *g = &c->gating[k];
    if (g->s_ampa > tol || g->x_nmda > tol || g->s_nmda > tol || c->ca[k] > tol)
      return 0;
    v[k] = c->v_mV;
  }
  return sim_plasticity_quiet(&c->pl, c->t_ms, zero, v);
}

/* Jump to t1 through a quiet stretch: the residual gating and calcium are dropped (all below
 * engine.quiet_tol), the membrane relaxes exactly to rest, the rule runs drive-free. */
static void fast_forward(point_cell *c, double t1_ms) {
  const double h = t1_ms - c->t_ms;
  for (int k = 0; k < c->np; ++k) {
    c->gating[k] = (point_gating){0, 0, 0};
    c->ca[k] = 0.0;
  }
  rule_step(c, h); /* quiet: starts or continues the lag */
  set_v(c, lif_membrane_step(&c->p.lif, c->v_mV, 0.0, 0.0, 0.0, h, lif_leak_decay(&c->p.lif, h)));
  c->t_ms = t1_ms;
  c->level = 0;
}

/* The extremum inside a step of a smooth course with ends y0, y1 and slopes m0, m1 (per step
 * length), from its cubic Hermite interpolant; y1 when the slopes have one sign (no inner
 * extremum). The calcium can cross a rule threshold and come back inside a long step; the
 * regime check of step_to looks at this value too. */
static double inner_extremum(double y0, double y1, double m0, double m1) {
  if ((m0 > 0.0) == (m1 > 0.0) || m0 == 0.0 || m1 == 0.0)
    return y1;
  /* p'(x) = a x^2 + b x + m0 on (0, 1) */
  const double d = y0 - y1, a = 6.0 * d + 3.0 * (m0 + m1), b = -6.0 * d - 4.0 * m0 - 2.0 * m1;
  double x = 0.5;
  if (fabs(a) < 1e-300)
    x = b != 0.0 ? -m0 / b : 0.5;
  else {
    const double disc = b * b - 4.0 * a * m0;
    if (disc < 0.0)
      return y1;
    const double q = -0.5 * (b + (b >= 0.0 ? sqrt(disc) : -sqrt(disc)));
    const double r1 = q / a, r2 = q != 0.0 ? m0 / q : r1;
    x = (r1 > 0.0 && r1 < 1.0) ? r1 : r2;
  }
  if (!(x > 0.0 && x < 1.0))
    return y1;
  const double x2 = x * x, x3 = x2 * x;
  return (2 * x3 - 3 * x2 + 1) * y0 + (x3 - 2 * x2 + x) * m0 + (-2 * x3 + 3 * x2) * y1 +
         (x3 - x2) * m1;
}

/* The membrane potential after a step with the synaptic conductances at their step means and
 * the Mg2+ unblock b held. */
static double membrane_after(const point_cell *c, double h, const step_consts *k, double g_ampa,
                             double g_nmda_open, double b) {
  const double g_n = g_nmda_open * b, g_syn = g_ampa + g_n;
  const double g_e = g_ampa * c->p.ampa.e_rev_mV + g_n * c->p.nmda.e_rev_mV;
  return lif_membrane_step(&c->p.lif, c->v_mV, g_syn, g_syn > 0.0 ? g_e / g_syn : 0.0, c->i_inj_pA,
                           h, k->leak_decay);
}

/* One step of h with the constants k of that length. Gating and calcium are exact for the
 * step's mean conductances; the membrane is exact with the conductances held at their means
 * and the Mg2+ block at the step's mid potential (predictor-corrector: a first pass with the
 * block at the starting potential finds the end point). */
static void step(point_cell *c, double h, const step_consts *k) {
  const double v0 = c->v_mV, e_nmda = c->p.nmda.e_rev_mV;
  double g_ampa = 0.0, g_nmda_open = 0.0; /* summed over the pathways */
  point_nmda_course nmda[LTP_MAX_PATHWAYS];
  for (int p = 0; p < c->np; ++p) {
    double s_ampa_mean = 0.0;
    point_gating_advance(&c->p.point_synapse, &k->gating, &c->gating[p], &s_ampa_mean, &nmda[p]);
    g_ampa += c->g_ampa_nS * c->weight[p] * s_ampa_mean;
    g_nmda_open += c->g_nmda_nS * nmda[p].mean;
  }
  const int refractory = c->t_ms < c->refractory_until_ms;
  double v1 = v0, b_mid = mg_unblock_now(c);
  if (!refractory) {
    v1 = membrane_after(c, h, k, g_ampa, g_nmda_open, b_mid);
    const double mg_exp_mid = c->mg_exp * ltp_exp_near0(-c->mg_z_per_mV * 0.5 * (v1 - v0));
    b_mid = 1.0 / (1.0 + c->mg_ratio * mg_exp_mid);
    v1 = membrane_after(c, h, k, g_ampa, g_nmda_open, b_mid);
  }
  rule_step(c, h);
  const double v_mid = 0.5 * (v0 + v1);
  const double eta = c->p.nmda_calcium.eta_per_pA_ms, inv_tau = 1.0 / c->p.nmda_calcium.tau_ms;
  for (int p = 0; p < c->np; ++p) {
    const double i_open = c->g_nmda_nS * b_mid * (e_nmda - v_mid); /* inward, at s = 1 */
    const double c0 = c->ca[p];
    c->ca[p] = nmda_calcium_step(&c->p.nmda_calcium, c0, i_open, &nmda[p], k->ca_decay, h);
    c->ca_inner[p] = inner_extremum(c0, c->ca[p], h * (eta * i_open * nmda[p].s0 - c0 * inv_tau),
                                    h * (eta * i_open * c->gating[p].s_nmda - c->ca[p] * inv_tau));
    if (c->ca[p] > c->peak_ca[p]) {
      c->peak_ca[p] = c->ca[p];
      c->peak_ca_t_ms[p] = c->t_ms + h;
    }
  }
  move_v(c, v1);
  c->t_ms += h;
  c->rule_known = 0;
  ++c->steps;
  for (int p = 0; p < c->np; ++p) {
    epsp_probe *pr = &c->probe[p];
    if (!pr->open)
      continue;
    const double dv = v1 - pr->v0_mV, slope = (v1 - v0) / h;
    pr->peak_mV = dv > pr->peak_mV ? dv : pr->peak_mV;
    pr->slope_mV_ms = slope > pr->slope_mV_ms ? slope : pr->slope_mV_ms;
    if (v1 < v0)
      pr->rising = 0;
  }
  if (!refractory && c->v_mV >= c->p.lif.v_th_mV)
    spike(c, c->t_ms);
}

/* The fast state a rejected tail step restores. */
typedef struct {
  double t_ms, v_mV, mg_exp;
  point_gating gating[LTP_MAX_PATHWAYS];
  double ca[LTP_MAX_PATHWAYS];
} fast_state;

static void save_fast(const point_cell *c, fast_state *f) {
  f->t_ms = c->t_ms;
  f->v_mV = c->v_mV;
  f->mg_exp = c->mg_exp;
  memcpy(f->gating, c->gating, (size_t)c->np * sizeof f->gating[0]);
  memcpy(f->ca, c->ca, (size_t)c->np * sizeof f->ca[0]);
}

static void restore_fast(point_cell *c, const fast_state *f) {
  c->t_ms = f->t_ms;
  c->v_mV = f->v_mV;
  c->mg_exp = f->mg_exp;
  memcpy(c->gating, f->gating, (size_t)c->np * sizeof f->gating[0]);
  memcpy(c->ca, f->ca, (size_t)c->np * sizeof f->ca[0]);
  c->rule_known = 0;
}

/* One step at a level, shortened to land exactly on stop when it would reach it. */
static void step_clipped(point_cell *c, int level, double stop, double eps_ms) {
  const step_consts *k = &c->levels[level];
  double h = k->gating.h_ms;
  if (c->t_ms + h < stop - eps_ms) {
    step(c, h, k);
    return;
  }
  step_consts own;
  h = stop - c->t_ms;
  consts_init(c, h, &own);
  step(c, h, &own);
  c->t_ms = stop;
}

/* Whether the rule's drive at the calcium extrema inside the last step is that of its start
 * (quiet when it lagged, else regime0). */
static int same_drive_inside(const point_cell *c, int lagging, long regime0) {
  int inner = 0;
  for (int k = 0; k < c->np; ++k)
    inner |= c->ca_inner[k] != c->ca[k];
  if (!inner)
    return 1;
  double v[LTP_MAX_PATHWAYS];
  for (int k = 0; k < c->np; ++k)
    v[k] = c->v_mV;
  if (lagging)
    return sim_plasticity_quiet(&c->pl, c->t_ms, c->ca_inner, v);
  return sim_plasticity_regime(&c->pl, c->t_ms, c->ca_inner, v) == regime0;
}

/* One step towards stop at the next level. A step longer than engine.dt across which the rule's
 * drive changed (the quiet rule woke, or the acting rule's calcium crossed a threshold) is taken
 * again at engine.dt, so thresholds are met within the fine step; the step then grows again.
 * (Locating the crossing by bisection instead saves 10 % of the steps of W2 but leaves the
 * steps near a crossing long, and a short excursion of the calcium across a threshold inside
 * a step goes unseen: W2's error doubled.) */
static void step_to(point_cell *c, double stop, double eps_ms) {
  c->level = next_level(c);
  const int lagging = c->rule_t_ms < c->t_ms;
  if (c->level == 0 || (!lagging && !c->rule_has_regimes)) {
    step_clipped(c, c->level, stop, eps_ms);
    return;
  }
  const long regime0 = lagging ? 0 : regime_now(c);
  fast_state before;
  save_fast(c, &before);
  const uint64_t spikes = c->spikes;
  step_clipped(c, c->level, stop, eps_ms);
  if (c->spikes != spikes || (same_drive_inside(c, lagging, regime0) &&
                              (lagging ? rule_quiet_now(c) : regime_now(c) == regime0)))
    return;
  restore_fast(c, &before); /* the rule's drive changed inside the step: again, at dt */
  c->level = 0;
  step_clipped(c, c->level, stop, eps_ms);
}

static ltp_status check_finite(const point_cell *c, ltp_error *err) {
  const char *bad = NULL;
  if (!isfinite(c->v_mV) || fabs(c->v_mV) > 1e4)
    bad = "membrane potential (cell.v)";
  for (int k = 0; bad == NULL && k < c->np; ++k)
    if (!isfinite(c->ca[k]) || !isfinite(c->gating[k].s_nmda) || !isfinite(c->weight[k]))
      bad = "synapse calcium, NMDA gating or weight";
  if (bad == NULL)
    return LTP_OK;
  return ltp_error_set(err, LTP_ERR_NUMERIC,
                       "numerical blow-up of the %s at t = %.6g ms (point model); reduce "
                       "engine.dt or engine.active_max, or check the parameters",
                       bad, c->t_ms);
}

/* The earliest time at which something must happen. It changes only at a stop or a spike
 * (refractoriness ends), so it is cached in stop_ms. */
static double next_stop(const point_cell *c) {
  const ltp_protocol *proto = c->proto;
  double t = proto->t_end_ms;
  if (c->next_event < proto->n_events)
    t = earlier(t, proto->events[c->next_event].t_ms);
  if (c->next_change < proto->n_changes)
    t = earlier(t, proto->changes[c->next_change].t_ms);
  t = earlier(t, earlier(c->next_edge_ms, earlier(c->next_state_ms, c->next_trace_ms)));
  if (c->refractory_until_ms > c->t_ms)
    t = earlier(t, c->refractory_until_ms);
  for (int k = 0; k < c->np; ++k)
    if (c->probe[k].open)
      t = earlier(t, c->probe[k].t_end_ms);
  return t;
}

/* Work due at the current time: probes that end, samples, current edges, changes, events. */
static ltp_status at_stop(point_cell *c, ltp_results *res, ltp_error *err) {
  const ltp_protocol *proto = c->proto;
  ltp_status st = LTP_OK;
  set_v(c, c->v_mV); /* the Mg2+ block's exponential afresh, without drift */
  for (int k = 0; st == LTP_OK && k < c->np; ++k)
    if (c->probe[k].open && c->t_ms >= c->probe[k].t_end_ms)
      st = close_probe(c, k, res);
  if (st == LTP_OK && c->t_ms >= c->next_edge_ms) {
    c->i_inj_pA = ltp_protocol_step_current_pA(proto, c->t_ms);
    c->next_edge_ms = ltp_protocol_next_step_edge_ms(proto, c->t_ms);
  }
  if (st == LTP_OK)
    st = apply_changes(c, err);
  if (st == LTP_OK)
    st = deliver_events(c, res);
  if (st == LTP_OK && c->t_ms >= c->next_state_ms) {
    st = sample_state(c, res);
    c->next_state_ms += 1e3 * c->p.engine.state_dt_s;
  }
  if (st == LTP_OK && c->t_ms >= c->next_trace_ms) {
    st = sample_trace(c, res);
    c->next_trace_ms += proto->trace_dt_ms;
    if (c->next_trace_ms > proto->trace_t1_ms)
      c->next_trace_ms = INFINITY;
  }
  return st;
}

static ltp_status run_loop(point_cell *c, ltp_results *res, ltp_error *err) {
  const ltp_protocol *proto = c->proto;
  const double t_end = proto->t_end_ms;
  /* a stop closer than this is reached now (times are sums of steps) */
  const double eps_ms = 1e-9 * fmax(1.0, t_end);
  uint64_t since_progress = 0;
  ltp_status st = at_stop(c, res, err);
  double stop = next_stop(c);
  while (st == LTP_OK && c->t_ms < t_end) {
    if (stop - c->t_ms <= eps_ms) {
      c->t_ms = stop;
      st = at_stop(c, res, err);
      stop = next_stop(c);
      continue;
    }
    if (!c->opt->no_fast_forward && is_quiet(c)) {
      fast_forward(c, stop);
    } else {
      const uint64_t spikes = c->spikes;
      step_to(c, stop, eps_ms);
      if (c->spikes != spikes)
        stop = next_stop(c); /* refractoriness ends at a new stop */
    }
    if (c->t_ms >= stop - eps_ms) {
      c->t_ms = stop;
      if ((st = check_finite(c, err)) == LTP_OK)
        st = at_stop(c, res, err);
      stop = next_stop(c);
    }
    if (c->opt->progress && ++since_progress >= 100000) {
      since_progress = 0;
      if ((st == LTP_OK) && (st = check_finite(c, err)) == LTP_OK)
        c->opt->progress(c->opt->progress_ctx, c->t_ms / t_end);
    }
  }
  for (int k = 0; st == LTP_OK && k < c->np; ++k)
    if (c->probe[k].open)
      st = close_probe(c, k, res);
  return st == LTP_OK ? check_finite(c, err) : st;
}

static ltp_status record_final_state(point_cell *c, ltp_results *res) {
  ltp_status st = LTP_OK;
  char name[64];
  rule_catch_up(c);
  for (int k = 0; k < c->np && st == LTP_OK; ++k) {
    snprintf(name, sizeof name, "p%d.plasticity.weight", k + 1);
    st = ltp_results_add_state(res, name, "1", c->weight[k]);
    snprintf(name, sizeof name, "p%d.calcium", k + 1);
    if (st == LTP_OK)
      st = ltp_results_add_state(res, name, "1", c->ca[k]);
  }
  if (st == LTP_OK)
    st = ltp_results_add_state(res, "cell.v", "mV", c->v_mV);
  if (st == LTP_OK)
    st = ltp_results_add_state(res, "cell.spikes", "1", (double)c->spikes);
  return st;
}

size_t ltp_point_state_bytes(const ltp_params *params, int n_pathways) {
  const ltp_rule *r = ltp_rule_selected(params);
  size_t rule_bytes = 0;
  if (r != NULL)
    rule_bytes = r->par_size + ((size_t)n_pathways * r->n_state + r->n_cell) * sizeof(double);
  return sizeof(point_cell) + rule_bytes;
}

ltp_status ltp_point_simulate(const ltp_params *params, const ltp_protocol *proto, uint64_t seed,
                              const ltp_sim_options *opt, ltp_results *res, ltp_error *err) {
  const double w0_s = ltp_monotonic_s();
  ltp_status st = check_supported(params, proto, err);
  if (st != LTP_OK)
    return st;
  point_cell *c = calloc(1, sizeof *c);
  if (c == NULL)
    return ltp_error_set(err, LTP_ERR_NOMEM, "point engine: out of memory");
  c->p = *params;
  c->proto = proto;
  c->opt = opt;
  c->np = proto->n_pathways;
  derive(c);
  record_columns(res, c->np);
  st = sim_plasticity_init(&c->pl, &c->p, c->np, seed, err);
  if (st == LTP_OK) {
    c->rule_has_regimes = c->pl.rule->regime != NULL;
    refresh_weights(c);
    set_v(c, c->p.lif.e_leak_mV); /* the cell starts at rest, out of refractoriness */
    c->refractory_until_ms = -INFINITY;
    c->next_edge_ms = 0.0;
    c->next_state_ms = opt->no_traces ? INFINITY : 0.0;
    c->next_trace_ms =
        !opt->no_traces && proto->trace_dt_ms > 0.0 && proto->trace_t1_ms > proto->trace_t0_ms
            ? fmax(0.0, proto->trace_t0_ms)
            : INFINITY;
    st = run_loop(c, res, err);
  }
  if (st == LTP_OK)
    st = record_final_state(c, res);
  res->fine_steps = c->steps;
  for (int k = 0; k < c->np; ++k) {
    res->peak_ca_uM[k] = c->peak_ca[k]; /* GB 2012 units for the point model */
    res->peak_ca_t_ms[k] = c->peak_ca_t_ms[k];
  }
  res->events = c->events;
  res->t_end_ms = proto->t_end_ms;
  sim_plasticity_free(&c->pl);
  free(c);
  if (st == LTP_OK)
    st = ltp_results_analyse(res, proto, err);
  res->wall_s = ltp_monotonic_s() - w0_s;
  return st;
}
