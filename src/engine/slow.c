/* Slow subsystem integrated with SUNDIALS CVODE (Debian libsundials-dev): BDF with a dense
 * Newton solver, because PP1 dephosphorylation (k12 = 6000/s) is stiff while the quantities we
 * follow change over minutes to hours. Large steps in quiet stretches cost almost nothing. */
#include "engine/slow.h"

#include <cvode/cvode.h>
#include <math.h>
#include <nvector/nvector_serial.h>
#include <stdlib.h>
#include <string.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include "mech/actin.h"
#include "mech/glun2b.h"
#include "mech/late_phase.h"
#include "mech/ltd_switch.h"
#include "mech/retrograde.h"
#include "mech/trafficking.h"

struct ltp_slow {
  const ltp_params *params; /* live: drugs change values during the run */
  int n_syn, n;
  /* kinetic CaM (camkii.cam_kinetics = two_lobe at creation): its CAMKII_N_CAM entries per
   * synapse follow the cell-wide ones, from cam_off on; with equilibrium CaM they are left out
   * (the dense LU of the quiet stretches grows with the cube of n) */
  int cam_kinetic, cam_off;
  SUNContext ctx;
  void *cvode;
  N_Vector y;
  double *rk; /* 5 work vectors of n for the explicit sub-cycle integrator */
  SUNMatrix jac;
  SUNLinearSolver ls;
  double t_ms;
  camkii_inputs cam_in[SLOW_MAX_SYNAPSES]; /* what camkii_rhs needs from the Ca2+ of synapse k,
                                              computed once */
  double ca_nmda_in[SLOW_MAX_SYNAPSES];    /* NMDAR-borne Ca2+ over rest of synapse k (uM) */
  /* CaMKII's T286 fraction at rest, the reference of GluN2B binding (mech/glun2b.c): set when
   * the subsystem has settled at rest; while settling (settling = 1) the synapse reads a_K */
  double kinase_rest[SLOW_MAX_SYNAPSES];
  int settling;
  /* share of pathway k's synapses that its last input reached (ltp_slow_glutamate_arrives) */
  double reached[SLOW_MAX_SYNAPSES];
  double pp1_rest_uM; /* PP1 at resting Ca2+: the reference of the phosphatase drive */
  double ca_rest_uM;  /* resting head Ca2+: the reference of the LTD count */
  int need_init;
  ltd_coincidence_supply coincidence[SLOW_MAX_SYNAPSES]; /* event-driven, not in y */
  uint64_t explicit_steps, cvode_steps_before;
};

static double kinase_drive(const ltp_params *p, const double *syn) {
  return camkii_phospho_fraction(&p->camkii, syn + SLOW_CAMKII);
}

static double phosphatase_drive(const ltp_slow *s, const double *syn) {
  const double rel =
      syn[SLOW_CAMKII + CAMKII_PP1] / s->pp1_rest_uM - 1.0 - s->params->trafficking.pp1_threshold;
  return rel > 0.0 ? rel : 0.0;
}

/* What the expression of synapse k reads: its GluN2B-bound CaMKII (mech/glun2b.c). */
static double synapse_drive(const ltp_slow *s, int k, const double *syn) {
  const double a_k = kinase_drive(s->params, syn);
  return s->settling ? a_k
                     : glun2b_drive(&s->params->glun2b, syn[SLOW_BOUND], a_k, s->kinase_rest[k]);
}

/* The right-hand side at the Ca2+ inputs in[k] and ca_nmda[k] of each synapse. */
static void derivatives(const ltp_slow *s, const camkii_inputs *in, const double *ca_nmda,
                        const double *y, double *dy) {
  const ltp_params *p = s->params;
  const double *cell = y + s->n_syn * SLOW_PER_SYNAPSE;
  double *dcell = dy + s->n_syn * SLOW_PER_SYNAPSE;
  double drive_in = 0.0;
  for (int k = 0; k < s->n_syn; ++k) {
    const double *syn = y + k * SLOW_PER_SYNAPSE;
    double *dsyn = dy + k * SLOW_PER_SYNAPSE;
    const int cam = s->cam_off + k * CAMKII_N_CAM;
    camkii_rhs_parts(&p->camkii, &in[k], syn + SLOW_CAMKII, s->cam_kinetic ? y + cam : NULL,
                     dsyn + SLOW_CAMKII, s->cam_kinetic ? dy + cam : NULL);
    const double a_k = kinase_drive(p, syn), a_syn = synapse_drive(s, k, syn);
    const double a_expr =
        a_syn > p->trafficking.camkii_threshold ? a_syn - p->trafficking.camkii_threshold : 0.0;
    const trafficking_drive drive = {
        a_expr, phosphatase_drive(s, syn), syn[SLOW_Z],
        ltd_switch_removal_per_s(&p->ltd_switch, syn[SLOW_LTD_COMMIT])};
    const trafficking_state ts = {syn[SLOW_SLOTS], syn[SLOW_RECEPTORS], syn[SLOW_S831]};
    trafficking_state dts;
    trafficking_rhs(&p->trafficking, &ts, &drive, &dts);
    dsyn[SLOW_SLOTS] = dts.slots;
    dsyn[SLOW_RECEPTORS] = dts.receptors;
    dsyn[SLOW_S831] = dts.s831;
    dsyn[SLOW_RETRO] = retrograde_rhs(&p->retrograde, syn[SLOW_RETRO], a_syn);
    dsyn[SLOW_TAG] = late_tag_rhs(&p->late, syn[SLOW_TAG], a_syn);
    dsyn[SLOW_Z] =
        late_consolidation_rhs(&p->late, syn[SLOW_Z], syn[SLOW_TAG], cell[SLOW_CELL_PRP]);
    dsyn[SLOW_ACTIN] = actin_pool_rhs(&p->actin, syn[SLOW_ACTIN], a_syn);
    dsyn[SLOW_LTD_COUNT] =
        ltd_switch_count_rhs(&p->ltd_switch, syn[SLOW_LTD_COUNT], in[k].ca_phosphatase_uM,
                             s->ca_rest_uM, p->camkii.calcineurin_block, a_k);
    dsyn[SLOW_LTD_COMMIT] =
        ltd_switch_commit_rhs(&p->ltd_switch, syn[SLOW_LTD_COMMIT], syn[SLOW_LTD_COUNT]);
    dsyn[SLOW_BOUND] = glun2b_bound_rhs(
        &p->glun2b, syn[SLOW_BOUND],
        camkii_unphosphorylated_ring_fraction(&p->camkii, syn + SLOW_CAMKII), ca_nmda[k]);
    if (a_syn > p->late.tag_threshold) /* the synapses of the pathway that were reached */
      drive_in += s->reached[k] * (a_syn - p->late.tag_threshold);
  }
  dcell[SLOW_CELL_DRIVE] = late_drive_rhs(&p->late, cell[SLOW_CELL_DRIVE], drive_in);
  dcell[SLOW_CELL_PRP] = late_prp_rhs(&p->late, cell[SLOW_CELL_PRP], cell[SLOW_CELL_DRIVE]);
}

/* The inputs of synapse k: from its Ca2+, with the kinase's rates from kinase_gamma if given. */
static void synapse_inputs(const ltp_slow *s, int k, const double *ca_uM,
                           const double *ca_kinase_uM, const double *kinase_gamma,
                           camkii_inputs *in) {
  const camkii_params *p = &s->params->camkii;
  camkii_inputs_split(p, ca_kinase_uM[k], ca_uM[k], in);
  if (kinase_gamma != NULL)
    camkii_inputs_set_kinase_gamma(p, kinase_gamma[2 * k], kinase_gamma[2 * k + 1], in);
}

void ltp_slow_derivatives(const ltp_slow *s, const double *ca_uM, const double *ca_kinase_uM,
                          const double *ca_nmda_uM, const double *kinase_gamma, const double *y,
                          double *dy) {
  camkii_inputs in[SLOW_MAX_SYNAPSES];
  for (int k = 0; k < s->n_syn; ++k)
    synapse_inputs(s, k, ca_uM, ca_kinase_uM, kinase_gamma, &in[k]);
  derivatives(s, in, ca_nmda_uM, y, dy);
}

/* Bound (1/ms) on the spectral radius of the Jacobian at y: the slow state is block
 * triangular (CaMKII and PP1 -> expression, tag, PRPs -> consolidation), so its eigenvalues
 * are those of the mechanisms' own blocks, each bounded by the mechanism. */
static double stiffness_per_ms(const ltp_slow *s, const double *y) {
  const ltp_params *p = s->params;
  double rate = retrograde_stiffness_per_ms(&p->retrograde);
  for (int k = 0; k < s->n_syn; ++k) {
    const double *syn = y + k * SLOW_PER_SYNAPSE;
    const double a_syn = synapse_drive(s, k, syn);
    const trafficking_drive drive = {
        a_syn, phosphatase_drive(s, syn), syn[SLOW_Z],
        ltd_switch_removal_per_s(&p->ltd_switch, syn[SLOW_LTD_COMMIT])};
    rate = fmax(rate, camkii_stiffness_per_ms(&p->camkii, &s->cam_in[k], syn + SLOW_CAMKII));
    rate = fmax(rate, ltd_switch_stiffness_per_ms(&p->ltd_switch, syn[SLOW_LTD_COUNT]));
    rate = fmax(rate, trafficking_stiffness_per_ms(&p->trafficking, &drive));
    rate = fmax(rate, late_stiffness_per_ms(&p->late, a_syn));
    rate = fmax(rate, actin_stiffness_per_ms(&p->actin, a_syn));
    rate = fmax(rate, glun2b_stiffness_per_ms(&p->glun2b, s->ca_nmda_in[k]));
  }
  return rate;
}

/* Hold Ca2+ of each synapse at ca_uM[k] (head), ca_kinase_uM[k] (kinase site) and
 * ca_nmda_uM[k] (NMDAR-borne rise), and the kinase's rates at kinase_gamma if given, for the
 * next stretch. */
static void set_calcium(ltp_slow *s, const double *ca_uM, const double *ca_kinase_uM,
                        const double *ca_nmda_uM, const double *kinase_gamma) {
  for (int k = 0; k < s->n_syn; ++k) {
    synapse_inputs(s, k, ca_uM, ca_kinase_uM, kinase_gamma, &s->cam_in[k]);
    s->ca_nmda_in[k] = ca_nmda_uM[k];
  }
}

static int slow_rhs(sunrealtype t, N_Vector yv, N_Vector dv, void *user) {
  (void)t;
  const ltp_slow *s = user;
  derivatives(s, s->cam_in, s->ca_nmda_in, N_VGetArrayPointer(yv), N_VGetArrayPointer(dv));
  return 0;
}

/* CVODE's own messages go to stderr; ltpsim reports failures itself (with the variable, the
 * time and a hint) and retries after a restart, so they are silenced. */
static void quiet_cvode_errors(int code, const char *module, const char *function, char *msg,
                               void *user) {
  (void)code, (void)module, (void)function, (void)msg, (void)user;
}

static void set_rest(ltp_slow *s) {
  const ltp_params *p = s->params;
  double *y = N_VGetArrayPointer(s->y);
  for (int k = 0; k < s->n_syn; ++k) {
    double *syn = y + k * SLOW_PER_SYNAPSE;
    double camkii[CAMKII_N_STATE]; /* core and CaM block, stored apart */
    camkii_init_down(&p->camkii, camkii);
    memcpy(syn + SLOW_CAMKII, camkii, sizeof(double) * CAMKII_N_CORE);
    if (s->cam_kinetic)
      memcpy(y + s->cam_off + k * CAMKII_N_CAM, camkii + CAMKII_N_CORE,
             sizeof(double) * CAMKII_N_CAM);
    trafficking_state ts;
    trafficking_rest(&p->trafficking, &ts);
    syn[SLOW_SLOTS] = ts.slots;
    syn[SLOW_RECEPTORS] = ts.receptors;
    syn[SLOW_S831] = ts.s831;
    syn[SLOW_RETRO] = syn[SLOW_TAG] = syn[SLOW_Z] = syn[SLOW_ACTIN] = 0.0;
    syn[SLOW_LTD_COUNT] = syn[SLOW_LTD_COMMIT] = syn[SLOW_BOUND] = 0.0;
  }
  y[s->n_syn * SLOW_PER_SYNAPSE + SLOW_CELL_DRIVE] = 0.0;
  y[s->n_syn * SLOW_PER_SYNAPSE + SLOW_CELL_PRP] = 0.0;
}

ltp_status ltp_slow_create(ltp_slow **out, const ltp_params *params, int n_synapses,
                           ltp_error *err) {
  if (n_synapses < 1 || n_synapses > SLOW_MAX_SYNAPSES)
    return ltp_error_set(err, LTP_ERR_RANGE, "slow subsystem: %d synapses (1 to %d)", n_synapses,
                         SLOW_MAX_SYNAPSES);
  ltp_slow *s = calloc(1, sizeof *s);
  if (s == NULL)
    return ltp_error_set(err, LTP_ERR_NOMEM, "slow subsystem: out of memory");
  s->params = params;
  s->n_syn = n_synapses;
  for (int k = 0; k < n_synapses; ++k) {
    ltd_coincidence_supply_init(&s->coincidence[k]);
    s->reached[k] = 1.0;
  }
  s->cam_kinetic = (int)params->camkii.cam_kinetics == CAMKII_CAM_TWO_LOBE;
  s->cam_off = n_synapses * SLOW_PER_SYNAPSE + SLOW_PER_CELL;
  s->n = s->cam_off + (s->cam_kinetic ? n_synapses * CAMKII_N_CAM : 0);
  int ok = SUNContext_Create(NULL, &s->ctx) == 0;
  if (ok)
    s->y = N_VNew_Serial(s->n, s->ctx);
  if (ok && s->y)
    s->cvode = CVodeCreate(CV_BDF, s->ctx);
  if (ok)
    s->rk = calloc(5 * (size_t)s->n, sizeof(double));
  ok = ok && s->rk != NULL;
  if (ok && s->cvode)
    s->jac = SUNDenseMatrix(s->n, s->n, s->ctx);
  if (ok && s->jac)
    s->ls = SUNLinSol_Dense(s->y, s->jac, s->ctx);
  ok = ok && s->ls != NULL;
  if (ok) {
    set_rest(s);
    ltp_slow_set_rest_calcium(s, params->calcium.ca_rest_uM);
    ok = CVodeInit(s->cvode, slow_rhs, 0.0, s->y) == CV_SUCCESS &&
         CVodeSetUserData(s->cvode, s) == CV_SUCCESS &&
         CVodeSetErrHandlerFn(s->cvode, quiet_cvode_errors, NULL) == CV_SUCCESS &&
         /* absolute tolerance 1e-7 (uM, receptors, fractions): far below anything observable */
         CVodeSStolerances(s->cvode, params->engine.rtol, 1e-7) == CV_SUCCESS &&
         CVodeSetLinearSolver(s->cvode, s->ls, s->jac) == CV_SUCCESS &&
         CVodeSetMaxNumSteps(s->cvode, 100000) == CV_SUCCESS &&
         /* the Jacobian changes slowly: reuse its LU for longer (the dense LU dominated) */
         CVodeSetLSetupFrequency(s->cvode, 50) == CV_SUCCESS &&
         CVodeSetJacEvalFrequency(s->cvode, 200) == CV_SUCCESS;
  }
  if (!ok) {
    ltp_slow_free(s);
    return ltp_error_set(err, LTP_ERR_NOMEM, "slow subsystem: CVODE set-up failed");
  }
  *out = s;
  return LTP_OK;
}

void ltp_slow_free(ltp_slow *s) {
  if (s == NULL)
    return;
  if (s->cvode)
    CVodeFree(&s->cvode);
  if (s->ls)
    SUNLinSolFree(s->ls);
  if (s->jac)
    SUNMatDestroy(s->jac);
  if (s->y)
    N_VDestroy(s->y);
  if (s->ctx)
    SUNContext_Free(&s->ctx);
  free(s->rk);
  free(s);
}

void ltp_slow_start_high(ltp_slow *s, int k) {
  N_VGetArrayPointer(s->y)[k * SLOW_PER_SYNAPSE + SLOW_Z] = 1.0;
  s->need_init = 1;
}

void ltp_slow_reset(ltp_slow *s) {
  s->need_init = 1;
}

void ltp_slow_glutamate_arrives(ltp_slow *s, int k, double t_ms, double quanta, double ca_ltype_uM,
                                double share_reached) {
  const ltp_params *p = s->params;
  if (share_reached != s->reached[k]) {
    s->reached[k] = share_reached;
    s->need_init = 1;
  }
  double *syn = N_VGetArrayPointer(s->y) + k * SLOW_PER_SYNAPSE;
  const ltd_coincidence_input in = {quanta, ca_ltype_uM, p->nmda.block, p->camkii.calcineurin_block,
                                    kinase_drive(p, syn)};
  const double jump = ltd_switch_coincidence_uM_s(&p->ltd_switch, &s->coincidence[k], t_ms, &in);
  if (jump > 0.0) {
    syn[SLOW_LTD_COUNT] += jump;
    s->need_init = 1;
  }
}

void ltp_slow_set_rest_calcium(ltp_slow *s, double ca_rest_uM) {
  double pp1, i1p;
  camkii_cascade_steady(&s->params->camkii, ca_rest_uM, &pp1, &i1p);
  s->pp1_rest_uM = pp1 > 0.0 ? pp1 : 1e-9;
  s->ca_rest_uM = ca_rest_uM;
}

const char *ltp_slow_variable_name(const ltp_slow *s, int i) {
  static const char *names[SLOW_PER_SYNAPSE] = {[SLOW_CAMKII + CAMKII_PP1] = "camkii.pp1",
                                                [SLOW_CAMKII + CAMKII_I1P] = "camkii.i1p",
                                                [SLOW_CAMKII + CAMKII_CAN] = "camkii.can",
                                                [SLOW_CAMKII + CAMKII_PKA] = "camkii.pka",
                                                [SLOW_SLOTS] = "trafficking.slots",
                                                [SLOW_RECEPTORS] = "trafficking.receptors",
                                                [SLOW_S831] = "trafficking.s831",
                                                [SLOW_RETRO] = "retrograde.signal",
                                                [SLOW_TAG] = "late.tag",
                                                [SLOW_Z] = "late.z",
                                                [SLOW_ACTIN] = "actin.pool",
                                                [SLOW_LTD_COUNT] = "ltd_switch.count",
                                                [SLOW_LTD_COMMIT] = "ltd_switch.commit",
                                                [SLOW_BOUND] = "glun2b.bound"};
  if (i >= s->cam_off)
    return "camkii.cam";
  if (i >= s->n_syn * SLOW_PER_SYNAPSE)
    return i - s->n_syn * SLOW_PER_SYNAPSE == SLOW_CELL_PRP ? "late.prp" : "late.synthesis_drive";
  const int j = i % SLOW_PER_SYNAPSE;
  return names[j] ? names[j] : "camkii.rings";
}

int ltp_slow_variable_pathway(const ltp_slow *s, int i) {
  if (i >= s->cam_off)
    return (i - s->cam_off) / CAMKII_N_CAM + 1;
  return i < s->n_syn * SLOW_PER_SYNAPSE ? i / SLOW_PER_SYNAPSE + 1 : 0;
}

/* Name the first non-finite entry for the blow-up message. */
static const char *bad_variable(const ltp_slow *s, double *value) {
  const double *y = N_VGetArrayPointer(s->y);
  for (int i = 0; i < s->n; ++i) {
    if (!isfinite(y[i])) {
      *value = y[i];
      return ltp_slow_variable_name(s, i);
    }
  }
  return NULL;
}

/* Restart CVODE's history at t from the current state, keeping the step count. */
static void restart(ltp_slow *s, double t) {
  long n = 0;
  CVodeGetNumSteps(s->cvode, &n);
  s->cvode_steps_before += (uint64_t)n;
  CVodeReInit(s->cvode, t, s->y);
}

static ltp_status advance_cvode(ltp_slow *s, const double *ca_uM, const double *ca_kinase_uM,
                                const double *ca_nmda_uM, double t_to_ms, ltp_error *err) {
  if (t_to_ms <= s->t_ms)
    return LTP_OK;
  set_calcium(s, ca_uM, ca_kinase_uM, ca_nmda_uM, NULL);
  if (s->need_init) {
    restart(s, s->t_ms);
    s->need_init = 0;
  }
  CVodeSetStopTime(s->cvode, t_to_ms);
  sunrealtype t_reached = s->t_ms;
  int flag = CVode(s->cvode, t_to_ms, s->y, &t_reached, CV_NORMAL);
  /* a step-size collapse right after a jump of the inputs (a drug, the onset of a tetanus) is
   * cured by restarting the multistep history from the last good point; retry twice */
  for (int retry = 0; flag < 0 && retry < 2 && bad_variable(s, &(double){0}) == NULL; ++retry) {
    restart(s, t_reached);
    CVodeSetStopTime(s->cvode, t_to_ms);
    flag = CVode(s->cvode, t_to_ms, s->y, &t_reached, CV_NORMAL);
  }
  double value = 0.0;
  const char *bad = bad_variable(s, &value);
  if (flag < 0 || bad != NULL)
    return ltp_error_set(err, LTP_ERR_NUMERIC,
                         "numerical blow-up in the signalling ODEs at t = %.3f s: %s = %g "
                         "(CVODE flag %d, %s); hint: reduce engine.slow_dt or engine.rtol, or "
                         "check the parameters changed with --set",
                         s->t_ms * 1e-3, bad ? bad : "state", value, flag,
                         CVodeGetReturnFlagName(flag));
  s->t_ms = t_to_ms;
  return LTP_OK;
}

/* Where CVODE must restart (after RK4 sub-cycles, a parameter change, a new state), its
 * first second or so after a synaptic event is spent on steps of ~10 ms at order 1-4 while
 * the PP1 / I1P mode (~17/s at rest) relaxes; each costs a Newton iteration with a dense LU.
 * RK4 steps of that size cost four right-hand sides, so the first engine.quiet_explicit of a
 * stretch is stepped explicitly (stability-bounded steps) and CVODE takes the rest. */
ltp_status ltp_slow_advance(ltp_slow *s, const double *ca_uM, const double *ca_kinase_uM,
                            const double *ca_nmda_uM, double t_to_ms, ltp_error *err) {
  if (t_to_ms <= s->t_ms)
    return LTP_OK;
  const double span = s->params->engine.quiet_explicit_ms;
  if (s->need_init && span > 0.0) {
    const double t_rk = fmin(t_to_ms, s->t_ms + span);
    /* steps as long as stability allows: the sub-cycle cap does not apply */
    ltp_status st =
        ltp_slow_advance_explicit(s, ca_uM, ca_kinase_uM, ca_nmda_uM, NULL, t_rk, span, err);
    if (st != LTP_OK || t_rk >= t_to_ms)
      return st;
  }
  return advance_cvode(s, ca_uM, ca_kinase_uM, ca_nmda_uM, t_to_ms, err);
}

/* Classic RK4 over [t, t_to]. Used for the short sub-cycles during fine stepping, where CVODE
 * would restart its history at every change of the Ca2+ input, and for the start of quiet
 * stretches. Each step is at most max_step_ms and at most engine.slow_rk_courant / (the
 * stiffness bound at the step's start), which keeps h lambda inside RK4's stability interval
 * (|h lambda| <= 2.78 on the real axis) for every eigenvalue lambda of the Jacobian: short
 * steps while Ca2+ drives the fast PP1 / I1P and ring kinetics (~1/ms), long ones near rest. */
ltp_status ltp_slow_advance_explicit(ltp_slow *s, const double *ca_uM, const double *ca_kinase_uM,
                                     const double *ca_nmda_uM, const double *kinase_gamma,
                                     double t_to_ms, double max_step_ms, ltp_error *err) {
  if (t_to_ms <= s->t_ms)
    return LTP_OK;
  set_calcium(s, ca_uM, ca_kinase_uM, ca_nmda_uM, kinase_gamma);
  const int n = s->n;
  const camkii_inputs *in = s->cam_in;
  const double courant = s->params->engine.slow_rk_courant;
  double *y = N_VGetArrayPointer(s->y), *k1 = s->rk, *k2 = k1 + n, *k3 = k2 + n, *k4 = k3 + n,
         *tmp = k4 + n;
  double t = s->t_ms;
  uint64_t steps = 0;
  while (t < t_to_ms) {
    /* a non-finite state (a blow-up, reported below) takes the longest step */
    const double bound = stiffness_per_ms(s, y);
    double h = bound > 0.0 && isfinite(bound) ? fmin(max_step_ms, courant / bound) : max_step_ms;
    /* the last step ends exactly at t_to; a step just short of it is stretched over it */
    if (t + 1.001 * h >= t_to_ms)
      h = t_to_ms - t;
    derivatives(s, in, s->ca_nmda_in, y, k1);
    for (int j = 0; j < n; ++j)
      tmp[j] = y[j] + 0.5 * h * k1[j];
    derivatives(s, in, s->ca_nmda_in, tmp, k2);
    for (int j = 0; j < n; ++j)
      tmp[j] = y[j] + 0.5 * h * k2[j];
    derivatives(s, in, s->ca_nmda_in, tmp, k3);
    for (int j = 0; j < n; ++j)
      tmp[j] = y[j] + h * k3[j];
    derivatives(s, in, s->ca_nmda_in, tmp, k4);
    for (int j = 0; j < n; ++j)
      y[j] += h / 6.0 * (k1[j] + 2.0 * k2[j] + 2.0 * k3[j] + k4[j]);
    t = t + h >= t_to_ms ? t_to_ms : t + h;
    ++steps;
  }
  s->explicit_steps += steps;
  s->t_ms = t_to_ms;
  s->need_init = 1; /* CVODE's history no longer matches the state */
  double value = 0.0;
  const char *bad = bad_variable(s, &value);
  if (bad != NULL)
    return ltp_error_set(err, LTP_ERR_NUMERIC,
                         "numerical blow-up in the signalling ODEs at t = %.3f s: %s = %g; "
                         "hint: reduce engine.slow_dt",
                         s->t_ms * 1e-3, bad, value);
  return LTP_OK;
}

ltp_status ltp_slow_equilibrate(ltp_slow *s, const double *ca_uM, const double *ca_kinase_uM,
                                const double *ca_nmda_uM, double duration_ms, ltp_error *err) {
  s->settling = 1;
  ltp_status st = ltp_slow_advance(s, ca_uM, ca_kinase_uM, ca_nmda_uM, s->t_ms + duration_ms, err);
  s->settling = 0;
  if (st != LTP_OK)
    return st;
  double *y = N_VGetArrayPointer(s->y);
  for (int k = 0; k < s->n_syn; ++k) { /* the resting synapse holds its basal kinase */
    s->kinase_rest[k] = kinase_drive(s->params, y + k * SLOW_PER_SYNAPSE);
    y[k * SLOW_PER_SYNAPSE + SLOW_BOUND] = 0.0;
  }
  /* the experiment clock starts at 0 after equilibration */
  s->t_ms = 0.0;
  s->need_init = 1;
  return LTP_OK;
}

int ltp_slow_size(const ltp_slow *s) {
  return s->n;
}

const double *ltp_slow_state(const ltp_slow *s) {
  return N_VGetArrayPointer(s->y);
}

void ltp_slow_load(ltp_slow *s, const double *y, double t_ms) {
  double *dst = N_VGetArrayPointer(s->y);
  for (int i = 0; i < s->n; ++i)
    dst[i] = y[i];
  s->t_ms = t_ms;
  s->need_init = 1;
}

const double *ltp_slow_synapse(const ltp_slow *s, int k) {
  return N_VGetArrayPointer(s->y) + k * SLOW_PER_SYNAPSE;
}
const double *ltp_slow_cell(const ltp_slow *s) {
  return N_VGetArrayPointer(s->y) + s->n_syn * SLOW_PER_SYNAPSE;
}
double ltp_slow_phosphatase_drive(const ltp_slow *s, int k) {
  return phosphatase_drive(s, ltp_slow_synapse(s, k));
}
uint64_t ltp_slow_steps(const ltp_slow *s) {
  long n = 0;
  CVodeGetNumSteps(s->cvode, &n);
  return s->cvode_steps_before + (uint64_t)n + s->explicit_steps;
}
