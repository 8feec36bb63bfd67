/* The numerical reference: every state variable of the single-cell model (compartment
 * voltages, HH gates, AMPA/NMDA open fractions, VGCC gates, spine Ca2+ and the whole slow
 * state) is one ODE system integrated by CVODE (BDF, dense Newton) under error control, with
 * no operator splitting and no frozen fast state. The protocol's discontinuities (release ->
 * glutamate pulse start and end, spike-current pulse start and end, clamp and current-step
 * edges, parameter changes) are stop times at which CVODE restarts (CVodeReInit); nothing is
 * rounded to a grid. Between them CVODE takes whatever steps its error test allows, through
 * quiet stretches too. Readouts, traces and state samples are read from CVODE's dense output
 * at the times they need; the peak spine Ca2+ is located by root-finding on d[Ca]/dt.
 * The right-hand side is assembled from the same model functions as the fixed-step engine
 * (sim_internal.h, the mechanisms' *_rhs next to their *_step), and events, release, readouts
 * and recording are sim.c's own. */
#include "engine/reference.h"

#include <cvode/cvode.h>
#include <float.h>
#include <math.h>
#include <nvector/nvector_serial.h>
#include <stdio.h>
#include <stdlib.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include "mech/ampa.h"
#include "mech/calcium.h"
#include "mech/nanodomain.h"
#include "mech/nmda.h"

/* Readout windows are sampled from the dense output at this spacing (the fixed engine's
 * default fine step): the slope maximum and the EPSP peak are smooth at this resolution. */
#define PROBE_DT_MS 0.025

/* Per-pathway block of the state vector. */
/* per pathway: gating of the modelled spine and of the lumped population, VGCC gates, Ca2+ */
enum {
  SYN_AMPA = 0,
  SYN_NMDA,
  SYN_POP_AMPA,
  SYN_POP_NMDA,
  SYN_R_M,
  SYN_R_H,
  SYN_L_M,
  SYN_CA,
  SYN_CA_KINASE,
  SYN_CA_LTYPE,
  SYN_CA_NMDA,
  SYN_FAST
};

typedef struct {
  sim_t *s;
  int n, off_hh, off_syn, off_slow;
  SUNContext ctx;
  void *cvode;
  N_Vector y, atol, weights, local_err;
  SUNMatrix jac;
  SUNLinearSolver ls;
  double t_in;     /* inputs (glutamate, spike and step currents, clamp) are those at t_in */
  double *dy;      /* scratch derivatives for outputs and the root function */
  double probe_t0; /* readout being sampled and its next sample */
  long probe_j;
  long steps_before; /* CVODE steps before the last restart */
} reference;

/* ---- state vector <-> engine state ---- */

static void pack(const reference *r, double *y) {
  const sim_t *s = r->s;
  for (int i = 0; i < s->cable.n; ++i)
    y[i] = s->cable.v_mV[i];
  y[r->off_hh + 0] = s->hh.m;
  y[r->off_hh + 1] = s->hh.h;
  y[r->off_hh + 2] = s->hh.n;
  for (int k = 0; k < s->np; ++k) {
    double *syn = y + r->off_syn + k * SYN_FAST;
    syn[SYN_AMPA] = s->spine[k].ampa_r;
    syn[SYN_NMDA] = s->spine[k].nmda_r;
    syn[SYN_POP_AMPA] = s->pop[k].ampa_r;
    syn[SYN_POP_NMDA] = s->pop[k].nmda_r;
    syn[SYN_R_M] = s->vg[k].r_m;
    syn[SYN_R_H] = s->vg[k].r_h;
    syn[SYN_L_M] = s->vg[k].l_m;
    syn[SYN_CA] = s->ca_uM[k];
    syn[SYN_CA_KINASE] = s->ca_kinase_uM[k];
    syn[SYN_CA_LTYPE] = s->ca_ltype_uM[k];
    syn[SYN_CA_NMDA] = s->ca_nmda_uM[k];
  }
  const double *slow = ltp_slow_state(s->slow);
  for (int i = 0; i < r->n - r->off_slow; ++i)
    y[r->off_slow + i] = slow[i];
}

/* Load y (at time t) into the engine state, so that sim.c's model and recording functions
 * read it: every right-hand side evaluation does this, and so does every output. */
static void unpack(reference *r, const double *y, double t) {
  sim_t *s = r->s;
  for (int i = 0; i < s->cable.n; ++i)
    s->cable.v_mV[i] = y[i];
  s->hh = (hh_gates){y[r->off_hh + 0], y[r->off_hh + 1], y[r->off_hh + 2]};
  for (int k = 0; k < s->np; ++k) {
    const double *syn = y + r->off_syn + k * SYN_FAST;
    s->spine[k].ampa_r = syn[SYN_AMPA];
    s->spine[k].nmda_r = syn[SYN_NMDA];
    s->pop[k].ampa_r = syn[SYN_POP_AMPA];
    s->pop[k].nmda_r = syn[SYN_POP_NMDA];
    s->vg[k] = (vgcc_gates){syn[SYN_R_M], syn[SYN_R_H], syn[SYN_L_M]};
    s->ca_uM[k] = syn[SYN_CA];
    s->ca_kinase_uM[k] = syn[SYN_CA_KINASE];
    s->ca_ltype_uM[k] = syn[SYN_CA_LTYPE];
    s->ca_nmda_uM[k] = syn[SYN_CA_NMDA];
  }
  ltp_slow_load(s->slow, y + r->off_slow, t);
}

/* Derivatives of the fast variables at y (also sets the engine's derived quantities: clamp
 * current, NMDA current, Mg2+ unblock). */
static void fast_derivatives(reference *r, const double *y, double t, double *dy) {
  sim_t *s = r->s;
  const ltp_params *p = &s->p;
  unpack(r, y, t);
  sim_membrane_currents(s, r->t_in);
  double v_hold = 0.0;
  const int clamped = sim_clamp_at(s, r->t_in, &v_hold);
  s->i_clamp_pA = ltp_cable_derivatives(&s->cable, clamped, dy);
  hh_gates dg;
  hh_gates_rhs(&p->hh, s->cable.v_mV[0], &s->hh, &dg);
  dy[r->off_hh + 0] = dg.m;
  dy[r->off_hh + 1] = dg.h;
  dy[r->off_hh + 2] = dg.n;
  for (int k = 0; k < s->np; ++k) {
    double *dsyn = dy + r->off_syn + k * SYN_FAST;
    const double glu = sim_glu_mM(&s->spine[k], r->t_in), glu_pop = sim_glu_mM(&s->pop[k], r->t_in);
    dsyn[SYN_AMPA] = ampa_gate_rhs(&p->ampa, s->spine[k].ampa_r, glu);
    dsyn[SYN_NMDA] = nmda_gate_rhs(&p->nmda, s->spine[k].nmda_r, glu);
    dsyn[SYN_POP_AMPA] = ampa_gate_rhs(&p->ampa, s->pop[k].ampa_r, glu_pop);
    dsyn[SYN_POP_NMDA] = nmda_gate_rhs(&p->nmda, s->pop[k].nmda_r, glu_pop);
    vgcc_gates dvg;
    vgcc_gates_rhs(&p->vgcc, s->cable.v_mV[s->cable.head[k]], &s->vg[k], &dvg);
    dsyn[SYN_R_M] = dvg.r_m;
    dsyn[SYN_R_H] = dvg.r_h;
    dsyn[SYN_L_M] = dvg.l_m;
    const spine_ca_currents i = sim_spine_ca_current(s, k);
    const double volume = sim_head_volume_um3(s, k);
    dsyn[SYN_CA] = calcium_rhs(&p->calcium, s->ca_uM[k], i.head_pA, volume);
    dsyn[SYN_CA_KINASE] = calcium_rhs(&p->calcium, s->ca_kinase_uM[k], i.kinase_pA, volume);
    dsyn[SYN_CA_LTYPE] = calcium_rhs(&p->calcium, s->ca_ltype_uM[k], i.ltype_pA, volume);
    dsyn[SYN_CA_NMDA] = calcium_rhs(&p->calcium, s->ca_nmda_uM[k], i.nmda_pA, volume);
  }
}

static int rhs(sunrealtype t, N_Vector yv, N_Vector dv, void *user) {
  reference *r = user;
  const double *y = N_VGetArrayPointer(yv);
  double *dy = N_VGetArrayPointer(dv);
  fast_derivatives(r, y, t, dy);
  double gamma[2 * LTP_MAX_PATHWAYS];
  const int nano = nanodomain_on(&r->s->p);
  for (int k = 0; nano && k < r->s->np; ++k)
    sim_kinase_gamma(r->s, k, &gamma[2 * k], &gamma[2 * k + 1]);
  double rise[LTP_MAX_PATHWAYS];
  sim_nmda_rise(r->s, rise);
  ltp_slow_derivatives(r->s->slow, r->s->ca_uM, r->s->ca_kinase_uM, rise, nano ? gamma : NULL,
                       y + r->off_slow, dy + r->off_slow);
  for (int i = 0; i < r->n; ++i)
    if (!isfinite(dy[i]))
      return 1; /* recoverable: CVODE retries with a smaller step */
  return 0;
}

/* d[Ca]/dt of each spine: its downward zero crossings are the Ca2+ peaks. Offset by a rate
 * far below any transient's (Ca2+ at the crossing is below the peak by ~offset^2 / 2|Ca''|,
 * ~1e-12 uM), because at rest, above all under voltage clamp, d[Ca]/dt sits at zero and
 * CVODE's root-finder cannot handle a function that stays at its root. */
#define CA_PEAK_OFFSET_UM_MS 1e-6

static int ca_peaks(sunrealtype t, N_Vector yv, sunrealtype *g, void *user) {
  reference *r = user;
  fast_derivatives(r, N_VGetArrayPointer(yv), t, r->dy);
  for (int k = 0; k < r->s->np; ++k)
    g[k] = r->dy[r->off_syn + k * SYN_FAST + SYN_CA] + CA_PEAK_OFFSET_UM_MS;
  return 0;
}

static void quiet_cvode_errors(int code, const char *module, const char *function, char *msg,
                               void *user) {
  (void)code, (void)module, (void)function, (void)msg, (void)user;
}

/* ---- set-up ---- */

/* Absolute tolerance = rtol x the scale below which a variable's value does not matter. */
static void set_atol(reference *r, double rtol) {
  double *a = N_VGetArrayPointer(r->atol);
  for (int i = 0; i < r->n; ++i)
    a[i] = rtol * 1e-3; /* gates, open fractions, signalling (uM, counts, fractions) */
  for (int i = 0; i < r->s->cable.n; ++i)
    a[i] = rtol * 1.0;               /* mV */
  for (int k = 0; k < r->s->np; ++k) /* uM, resting Ca2+ is 0.11 */
    a[r->off_syn + k * SYN_FAST + SYN_CA] = a[r->off_syn + k * SYN_FAST + SYN_CA_KINASE] =
        a[r->off_syn + k * SYN_FAST + SYN_CA_LTYPE] = a[r->off_syn + k * SYN_FAST + SYN_CA_NMDA] =
            rtol * 1e-3;
}

static void reference_free(reference *r) {
  if (r->cvode)
    CVodeFree(&r->cvode);
  if (r->ls)
    SUNLinSolFree(r->ls);
  if (r->jac)
    SUNMatDestroy(r->jac);
  if (r->y)
    N_VDestroy(r->y);
  if (r->atol)
    N_VDestroy(r->atol);
  if (r->weights)
    N_VDestroy(r->weights);
  if (r->local_err)
    N_VDestroy(r->local_err);
  if (r->ctx)
    SUNContext_Free(&r->ctx);
  free(r->dy);
}

static ltp_status reference_create(reference *r, sim_t *s, ltp_error *err) {
  r->s = s;
  r->off_hh = s->cable.n;
  r->off_syn = r->off_hh + 3;
  r->off_slow = r->off_syn + SYN_FAST * s->np;
  r->n = r->off_slow + ltp_slow_size(s->slow);
  r->probe_t0 = -INFINITY;
  int ok = SUNContext_Create(NULL, &r->ctx) == 0;
  if (ok) {
    r->y = N_VNew_Serial(r->n, r->ctx);
    r->atol = N_VNew_Serial(r->n, r->ctx);
    r->weights = N_VNew_Serial(r->n, r->ctx);
    r->local_err = N_VNew_Serial(r->n, r->ctx);
    r->dy = calloc((size_t)r->n, sizeof *r->dy);
    r->cvode = CVodeCreate(CV_BDF, r->ctx);
    r->jac = SUNDenseMatrix(r->n, r->n, r->ctx);
  }
  ok = ok && r->y && r->atol && r->weights && r->local_err && r->dy && r->cvode && r->jac;
  if (ok)
    r->ls = SUNLinSol_Dense(r->y, r->jac, r->ctx);
  ok = ok && r->ls;
  if (ok) {
    pack(r, N_VGetArrayPointer(r->y));
    set_atol(r, s->p.engine.reference_rtol);
    int dir[LTP_MAX_PATHWAYS];
    for (int k = 0; k < s->np; ++k)
      dir[k] = -1;
    ok = CVodeInit(r->cvode, rhs, 0.0, r->y) == CV_SUCCESS &&
         CVodeSetUserData(r->cvode, r) == CV_SUCCESS &&
         CVodeSetErrHandlerFn(r->cvode, quiet_cvode_errors, NULL) == CV_SUCCESS &&
         CVodeSVtolerances(r->cvode, s->p.engine.reference_rtol, r->atol) == CV_SUCCESS &&
         CVodeSetLinearSolver(r->cvode, r->ls, r->jac) == CV_SUCCESS &&
         CVodeSetMaxNumSteps(r->cvode, 10000000) == CV_SUCCESS &&
         CVodeRootInit(r->cvode, s->np, ca_peaks) == CV_SUCCESS &&
         CVodeSetRootDirection(r->cvode, dir) == CV_SUCCESS &&
         CVodeSetNoInactiveRootWarn(r->cvode) == CV_SUCCESS;
  }
  if (!ok) {
    reference_free(r);
    return ltp_error_set(err, LTP_ERR_NOMEM, "reference integration: CVODE set-up failed");
  }
  return LTP_OK;
}

/* ---- failure report ---- */

static void variable_name(const reference *r, int i, char *buf, size_t len) {
  static const char *const syn_names[SYN_FAST] = {"ampa.open_fraction",
                                                  "nmda.open_fraction",
                                                  "population.ampa.open_fraction",
                                                  "population.nmda.open_fraction",
                                                  "vgcc.r_m",
                                                  "vgcc.r_h",
                                                  "vgcc.l_m",
                                                  "spine.ca",
                                                  "spine.kinase_ca"};
  static const char *const hh_names[3] = {"hh.m", "hh.h", "hh.n"};
  const sim_t *s = r->s;
  if (i < r->off_hh)
    snprintf(buf, len, "membrane potential of compartment %d", i);
  else if (i < r->off_syn)
    snprintf(buf, len, "%s", hh_names[i - r->off_hh]);
  else if (i < r->off_slow)
    snprintf(buf, len, "p%d.%s", (i - r->off_syn) / SYN_FAST + 1,
             syn_names[(i - r->off_syn) % SYN_FAST]);
  else {
    const int pathway = ltp_slow_variable_pathway(s->slow, i - r->off_slow);
    const char *name = ltp_slow_variable_name(s->slow, i - r->off_slow);
    if (pathway > 0)
      snprintf(buf, len, "p%d.%s", pathway, name);
    else
      snprintf(buf, len, "%s", name);
  }
}

/* The variable with the largest weighted local error estimate: the one that failed. */
static ltp_status failure(reference *r, int flag, double t, ltp_error *err) {
  const double *y = N_VGetArrayPointer(r->y);
  int worst = 0;
  double worst_err = -1.0;
  if (CVodeGetErrWeights(r->cvode, r->weights) == CV_SUCCESS &&
      CVodeGetEstLocalErrors(r->cvode, r->local_err) == CV_SUCCESS) {
    const double *wt = N_VGetArrayPointer(r->weights);
    const double *ele = N_VGetArrayPointer(r->local_err);
    for (int i = 0; i < r->n; ++i) {
      const double e = isfinite(y[i]) ? fabs(wt[i] * ele[i]) : INFINITY;
      if (e > worst_err) {
        worst_err = e;
        worst = i;
      }
    }
  }
  char name[96];
  variable_name(r, worst, name, sizeof name);
  return ltp_error_set(err, LTP_ERR_NUMERIC,
                       "reference integration failed at t = %.4f s: %s = %g (CVODE flag %d, %s); "
                       "hint: loosen engine.reference_rtol (now %g) or check the parameters "
                       "changed with --set",
                       t * 1e-3, name, y[worst], flag, CVodeGetReturnFlagName(flag),
                       r->s->p.engine.reference_rtol);
}

/* ---- outputs ---- */

static double probe_time(const reference *r) {
  return r->probe_t0 + (double)r->probe_j * PROBE_DT_MS;
}

/* Next time a readout window, the trace or the state samples need the state. */
static double next_output_ms(reference *r) {
  const sim_t *s = r->s;
  const ltp_protocol *pr = s->proto;
  double next = s->next_state_ms;
  if (s->ro.active) {
    if (s->ro.t0 != r->probe_t0) { /* a new readout: sample from its start */
      r->probe_t0 = s->ro.t0;
      r->probe_j = 1;
    }
    if (probe_time(r) < next)
      next = probe_time(r);
  }
  if (pr->trace_dt_ms > 0.0 && s->next_trace_ms <= pr->trace_t1_ms && s->next_trace_ms < next)
    next = s->next_trace_ms;
  return next;
}

/* Record whatever is due at t (the engine state holds y(t), from unpack). */
static ltp_status outputs_at(reference *r, double t, ltp_results *res) {
  sim_t *s = r->s;
  ltp_status st = LTP_OK;
  sim_track_peak_ca(s, t);
  if (t >= s->next_state_ms) {
    sim_sample_state(s, t, res);
    s->next_state_ms += s->p.engine.state_dt_s * 1e3;
  }
  if (s->ro.active && s->ro.t0 == r->probe_t0 && t >= probe_time(r)) {
    sim_probe_sample(s, t, s->cable.v_mV[0], r->dy[0]); /* dV/dt of the soma */
    ++r->probe_j;
    if (t - s->ro.t0 >= LTP_READOUT_WINDOW_MS)
      st = sim_finish_readout(s, res);
  }
  sim_sample_trace(s, t, res);
  return st;
}

/* ---- the run ---- */

/* Next discontinuity of the right-hand side after t: a protocol edge, or the end of a
 * glutamate or spike-current pulse. */
static double next_stop_ms(const sim_t *s, double t) {
  double next = sim_next_edge_ms(s, t);
  for (int k = 0; k < s->np; ++k)
    for (int g = 0; g < 2; ++g) {
      const double until = (g ? &s->pop[k] : &s->spine[k])->glu_until_ms;
      if (until > t && until < next)
        next = until;
    }
  if (s->spike_until_ms > t && s->spike_until_ms < next)
    next = s->spike_until_ms;
  return next;
}

static void restart(reference *r, double t) {
  long n = 0;
  CVodeGetNumSteps(r->cvode, &n);
  r->steps_before += n;
  r->t_in = t;
  pack(r, N_VGetArrayPointer(r->y));
  CVodeReInit(r->cvode, t, r->y);
}

/* Times closer than this to the present are taken as the present: CVODE cannot resolve them
 * (accumulated sampling grids land a few ulps off a stop time). */
static int same_time(double a, double b) {
  return fabs(a - b) <= 8.0 * DBL_EPSILON * fmax(1.0, fabs(b));
}

/* Integrate from t to the stop t_stop, recording every output on the way. */
static ltp_status advance(reference *r, double t, double t_stop, ltp_results *res, ltp_error *err) {
  double *y = N_VGetArrayPointer(r->y);
  restart(r, t);
  fast_derivatives(r, y, t, r->dy);
  CVodeSetStopTime(r->cvode, t_stop);
  sunrealtype t_ret = t;
  for (;;) {
    const double out = next_output_ms(r);
    const double t_out = out < t_stop ? out : t_stop;
    if (t_out <= t_ret || same_time(t_out, t_ret)) { /* due now: the state is y(t_ret) */
      ltp_status st = outputs_at(r, t_out, res);
      if (st != LTP_OK || t_out >= t_stop)
        return st;
      continue;
    }
    const int flag = CVode(r->cvode, t_out, r->y, &t_ret, CV_NORMAL);
    if (flag < 0)
      return failure(r, flag, t_ret, err);
    fast_derivatives(r, y, t_ret, r->dy);
    if (flag == CV_ROOT_RETURN) {
      sim_track_peak_ca(r->s, t_ret);
      continue;
    }
    ltp_status st = outputs_at(r, t_ret, res);
    if (st != LTP_OK)
      return st;
    if (t_ret >= t_stop)
      return LTP_OK;
  }
}

ltp_status ltp_reference_run(sim_t *s, const ltp_sim_options *opt, ltp_results *res,
                             ltp_error *err) {
  reference r = {0};
  ltp_status st = reference_create(&r, s, err);
  if (st != LTP_OK)
    return st;
  const double t_end = s->proto->t_end_ms;
  double t = 0.0;
  /* outputs due at the start (the state sample at t = 0) */
  fast_derivatives(&r, N_VGetArrayPointer(r.y), t, r.dy);
  st = outputs_at(&r, t, res);
  for (uint64_t stops = 0; st == LTP_OK && t < t_end; ++stops) {
    /* discontinuities at t, exactly: changes and events at or before t */
    const double at_t = nextafter(t, INFINITY);
    sim_apply_changes(s, at_t);
    st = sim_deliver_events(s, t, at_t, res);
    double v_hold;
    if (sim_clamp_at(s, t, &v_hold))
      s->cable.v_mV[0] = v_hold; /* a clamp holds the soma from its onset */
    const double t_stop = next_stop_ms(s, t);
    if (st == LTP_OK)
      st = advance(&r, t, t_stop, res, err);
    t = t_stop;
    if (opt->progress && stops % 1000 == 999)
      opt->progress(opt->progress_ctx, t / t_end);
  }
  if (st == LTP_OK)
    st = sim_finish_readout(s, res);
  long n = 0;
  CVodeGetNumSteps(r.cvode, &n);
  s->fine_steps = (uint64_t)(r.steps_before + n);
  reference_free(&r);
  return st;
}
