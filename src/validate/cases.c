/* The validation cases: for each, the runs (experiment files under validation/), the checks
 * (published value and accepted band, with where it comes from) and the function that
 * measures the model's value of each check. Bands come from the data (SCIENCE.md, cited per
 * case), never from the model. One default parameter set serves every case: no case sets a
 * model parameter except the experimental conditions of its protocol.
 *
 * An expected failure is one line per case (.expected_failure): the reason, with the value
 * the model gave when it was set. Remove the line when the model passes. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "engine/settle.h"
#include "io/run.h"
#include "io/writers.h"
#include "mech/camkii.h"
#include "mech/nmda.h"
#include "mech/release.h"
#include "validate/validate.h"

#define OPEN HUGE_VAL /* an open side of a band */
#define NO_CHANGE_LO 90.0
#define NO_CHANGE_HI 110.0 /* "no change": within +-10 % of baseline (stated band) */
#define CHECKS(a) a, sizeof a / sizeof a[0]
#define RUNS(a) a, sizeof a / sizeof a[0]

/* ------------------------------------------------------------------ measuring helpers */

static const ltp_results *results(const ltp_val_ctx *ctx, size_t i) {
  return i < ctx->n_runs ? ltp_run_results(ctx->runs[i]) : NULL;
}

/* Potentiation (%) of run i, pathway (1-based), at the readout after_min after induction. */
static double pot(const ltp_val_ctx *ctx, size_t i, int pathway, double after_min) {
  double pct = NAN;
  if (i >= ctx->n_runs ||
      ltp_run_get_potentiation(ctx->runs[i], pathway, after_min, &pct) != LTP_OK)
    return NAN;
  return pct;
}

/* Postsynaptic weight (%) of run i at a readout: AMPAR count x unitary conductance, both in %
 * of baseline. Noise-free where stochastic release makes single test pulses fail. */
static double weight(const ltp_val_ctx *ctx, size_t i, double after_min) {
  const ltp_results *res = results(ctx, i);
  for (size_t k = 0; res != NULL && k < res->n_potentiation; ++k)
    if (res->potentiation[k].pathway == 0 &&
        fabs(res->potentiation[k].after_min - after_min) < 1e-6)
      return res->potentiation[k].receptors_pct * res->potentiation[k].conductance_pct / 100.0;
  return NAN;
}

/* Largest single test-pulse response (%) of run i within window_ms after the induction onset. */
static double max_response_after(const ltp_val_ctx *ctx, size_t i, double window_ms) {
  const ltp_results *res = results(ctx, i);
  double best = NAN;
  for (size_t k = 0; res != NULL && k < res->readouts.n; ++k) {
    const ltp_readout *r = &res->readouts.rows[k];
    if (r->t_ms > res->induction_ms && r->t_ms <= res->induction_ms + window_ms) {
      const double pct = ltp_output_readout_pct(res, r);
      if (!(best >= pct))
        best = pct;
    }
  }
  return best;
}

/* Peak rise over the first sample (uM) and time integral of the rise (uM ms) of a traced
 * variable of run i. */
static ltp_status transient(const ltp_val_ctx *ctx, size_t i, const char *var, double *peak,
                            double *integral, ltp_error *err) {
  const ltp_results *res = results(ctx, i);
  const ltp_trace *tr = res ? &res->trace : NULL;
  const size_t col = tr ? ltp_trace_column(tr, var) : 0;
  if (tr == NULL || col == tr->n_vars || tr->n_rows < 2)
    return ltp_error_set(err, LTP_ERR_ARG, "run %zu: no '%s' trace recorded", i + 1, var);
  const size_t w = tr->n_vars + 1;
  const double rest = tr->data[1 + col];
  *peak = 0.0;
  *integral = 0.0;
  for (size_t r = 1; r < tr->n_rows; ++r) {
    const double v = tr->data[r * w + 1 + col] - rest;
    *peak = fmax(*peak, v);
    *integral += v * (tr->data[r * w] - tr->data[(r - 1) * w]);
  }
  return LTP_OK;
}

/* How a state variable is summarised over a span: its mean or its largest sample. */
enum { SPAN_MEAN, SPAN_MAX };

/* Mean (SPAN_MEAN) or largest sample (SPAN_MAX) of a state variable of run i (state.csv, e.g.
 * "p1.head_volume") over [t0_min, t1_min) after the induction onset, in % of its mean over the
 * base_min minutes before the onset. */
static double state_pct(const ltp_val_ctx *ctx, size_t i, const char *var, double base_min,
                        double t0_min, double t1_min, int how) {
  const ltp_results *res = results(ctx, i);
  const ltp_trace *tr = res ? &res->state : NULL;
  const size_t col = tr ? ltp_trace_column(tr, var) : 0;
  if (tr == NULL || col == tr->n_vars || res->induction_ms < 0.0)
    return NAN;
  const size_t w = tr->n_vars + 1;
  double base = 0.0, span = how == SPAN_MAX ? -HUGE_VAL : 0.0;
  size_t n_base = 0, n_span = 0;
  for (size_t r = 0; r < tr->n_rows; ++r) {
    const double after_min = (tr->data[r * w] - res->induction_ms) / 60000.0;
    const double v = tr->data[r * w + 1 + col];
    if (after_min >= -base_min && after_min < 0.0) {
      base += v;
      ++n_base;
    } else if (after_min >= t0_min && after_min < t1_min) {
      span = how == SPAN_MAX ? fmax(span, v) : span + v;
      ++n_span;
    }
  }
  if (n_base == 0 || n_span == 0 || base == 0.0)
    return NAN;
  if (how == SPAN_MEAN)
    span /= (double)n_span;
  return 100.0 * span / (base / (double)n_base);
}

/* ------------------------------------------------------------------ 1. Mg2+ block */

/* SCIENCE.md 3.1 and the B(V) table of 1c ([C] from Jahr & Stevens 1990). Bands: -70 mV as
 * stated (+-0.002); other table values +-5 % (SCIENCE.md 0: [C] tolerance), capped at 1. */
static const ltp_val_check mg_checks[] = {
    {"B(-70 mV), 1 mM", "unblocked fraction B(V)", -70, 0.043, 0.047},
    {"B(0 mV), 1 mM", "unblocked fraction B(V)", 0, 0.741, 0.819},
    {"B(+40 mV), 1 mM", "unblocked fraction B(V)", 40, 0.928, 1.0},
    {"B(-70 mV), 2 mM", "unblocked fraction B(V)", -70, 0.02185, 0.02415},
    {"B(0 mV), 2 mM", "unblocked fraction B(V)", 0, 0.609, 0.673},
    {"V of the peak inward NMDA current, 1 mM", "V of peak inward I_NMDA (mV)", -27.5, -30, -25},
    {"max |B(V) - 1| over -100..+40 mV, 0 mM", "max |B - 1| at 0 mM", 0, 0, 1e-12},
    {"min over V of B(1 mM) - B(2 mM) (block grows with Mg2+)", "B(1 mM) - B(2 mM), minimum", 0,
     DBL_MIN, OPEN},
};

static ltp_status eval_mg(const ltp_val_ctx *ctx, double *v, ltp_error *err) {
  (void)err;
  const nmda_params *n = &ctx->params->nmda;
  v[0] = nmda_mg_unblock(n, -70, 1.0);
  v[1] = nmda_mg_unblock(n, 0, 1.0);
  v[2] = nmda_mg_unblock(n, 40, 1.0);
  v[3] = nmda_mg_unblock(n, -70, 2.0);
  v[4] = nmda_mg_unblock(n, 0, 2.0);
  /* I-V with E_NMDA = 0: I ~ B(V) V, scanned every 0.01 mV */
  double i_min = 0.0, v_peak = NAN, dev0 = 0.0, diff_min = HUGE_VAL;
  for (int k = 0; k <= 14000; ++k) {
    const double vm = -100.0 + 0.01 * k;
    const double i = nmda_mg_unblock(n, vm, 1.0) * vm;
    if (i < i_min) {
      i_min = i;
      v_peak = vm;
    }
    dev0 = fmax(dev0, fabs(nmda_mg_unblock(n, vm, 0.0) - 1.0));
    diff_min = fmin(diff_min, nmda_mg_unblock(n, vm, 1.0) - nmda_mg_unblock(n, vm, 2.0));
  }
  v[5] = v_peak;
  v[6] = dev0;
  v[7] = diff_min;
  return LTP_OK;
}

/* ------------------------------------------------------------------ 2. spine Ca2+ */

#define SPINE_SEEDS 20 /* P(no success in 20 draws at p ~ 0.24) ~ 0.4 %: then not measurable */
static const ltp_val_run_spec spine_runs[] = {
    {"spine_ca.exp", {{"pre", "1"}, {"post", "0"}}, {NULL}, 0},
    {"spine_ca.exp", {{"pre", "0"}, {"post", "1"}}, {NULL}, 0},
    {"spine_ca.exp", {{"delay", "10 ms"}}, {NULL}, 0},
    {"spine_ca.exp", {{"delay", "-10 ms"}}, {NULL}, 0},
    /* a pre pulse with the modelled spine's release drawn (n_sites = 1): Ca2+ imaging measures
     * the transient of a release success, failures are told apart by their missing response */
    {"spine_ca.exp", {{"pre", "1"}, {"post", "0"}}, {"release.mode=stochastic"}, SPINE_SEEDS},
    {"spine_ca_uncaging.exp", {{NULL}}, {NULL}, 0},
};

/* SCIENCE.md 4 fig 2 and 1e. x: 1 one quantum (0.9 released with the pathway's population
 * EPSP, 1.1 uncaged at the spine alone), 2 post alone, 3 pre->post, 4 post->pre. The mean-field
 * pre pulse (0.24 expected quanta) is no measured quantity: it only enters the sums. */
static const ltp_val_check spine_checks[] = {
    {"one released quantum (stochastic release, mean over successes): peak rise (uM)",
     "spine Ca2+ peak rise (uM)", 0.9, 1.0, 3.0},
    {"one uncaged quantum at the spine alone: peak rise (uM)", "spine Ca2+ peak rise (uM)", 1.1,
     1.0, 3.0},
    {"post alone (bAP): peak rise (uM)", "spine Ca2+ peak rise (uM)", 2, 0.6, 8.2},
    {"pre->post +10 ms: max(peak, integral) / sum of pre and post alone", "pairing / (pre + post)",
     3, 1.0 + 1e-9, OPEN},
    {"post->pre -10 ms: integral / sum of pre and post alone", "pairing / (pre + post)", 4, -OPEN,
     1.1},
};

/* Mean peak Ca2+ rise over the SPINE_SEEDS stochastic runs from `first` whose spine received
 * glutamate (a failure leaves its NMDA current exactly 0, so its time integral is 0 too). NAN
 * when no draw released, or when every one did: then the release was not drawn (a --set
 * release.mode override; at p ~ 0.24 twenty successes in a row have a chance of ~1e-13). */
static ltp_status released_quantum_peak(const ltp_val_ctx *ctx, size_t first, double *mean,
                                        ltp_error *err) {
  double sum = 0.0;
  size_t n = 0;
  for (size_t i = first; i < first + SPINE_SEEDS; ++i) {
    double peak, area, i_nmda_peak, i_nmda_area = 0.0;
    ltp_status st = transient(ctx, i, "spine_ca", &peak, &area, err);
    if (st == LTP_OK)
      st = transient(ctx, i, "i_nmda", &i_nmda_peak, &i_nmda_area, err);
    if (st != LTP_OK)
      return st;
    if (i_nmda_area != 0.0) {
      sum += peak;
      ++n;
    }
  }
  *mean = n > 0 && n < SPINE_SEEDS ? sum / (double)n : NAN;
  return LTP_OK;
}

static ltp_status eval_spine(const ltp_val_ctx *ctx, double *v, ltp_error *err) {
  double peak[4], area[4], uncaged_peak, uncaged_area;
  for (size_t i = 0; i < 4; ++i) {
    const ltp_status st = transient(ctx, i, "spine_ca", &peak[i], &area[i], err);
    if (st != LTP_OK)
      return st;
  }
  ltp_status st = released_quantum_peak(ctx, 4, &v[0], err);
  if (st == LTP_OK)
    st = transient(ctx, 4 + SPINE_SEEDS, "spine_ca", &uncaged_peak, &uncaged_area, err);
  if (st != LTP_OK)
    return st;
  v[1] = uncaged_peak;
  v[2] = peak[1];
  v[3] = fmax(peak[2] / (peak[0] + peak[1]), area[2] / (area[0] + area[1]));
  v[4] = area[3] / (area[0] + area[1]);
  return LTP_OK;
}

/* ------------------------------------------------------------------ 3. CaMKII switch */

#define SETTLE_MS 2e6        /* 2000 s: far longer than any relaxation of the switch (< 300 s) */
#define BRANCH_SPLIT_UM 50.0 /* S_active above this: UP branch (DOWN ~0, UP > 100 uM) */

/* S_active after settling from the DOWN (up = 0) or fully phosphorylated (up = 1) start, as in
 * GB2007 Fig. 3 (branches followed from both ends), at the Ca2+ where p's kinase CaM holds the
 * Ca4-CaM that GB2007's CaM holds at gb2007_ca_uM. The switch reads Ca2+ only through CaM, so
 * its thresholds are the paper's when they are compared in Ca4-CaM; with the defaults' CaM
 * (GB2007's x the Ca2+ scale, mech/ca_scale.h) the model's Ca2+ is gb2007_ca_uM x 21/13. */
static ltp_status settled(const camkii_params *p, double gb2007_ca_uM, int up, double *s_active,
                          ltp_error *err) {
  const double ca_uM = camkii_ca_equivalent_to_gb2007_uM(p, gb2007_ca_uM);
  double y[CAMKII_N_STATE];
  camkii_init_down(p, y);
  if (up) {
    y[0] = 0.0;
    y[CAMKII_N_RINGS - 1] = p->s_tot_uM;
  }
  camkii_cascade_steady(p, ca_uM, &y[CAMKII_PP1], &y[CAMKII_I1P]);
  const ltp_status st = ltp_camkii_integrate(p, ca_uM, y, SETTLE_MS, err);
  *s_active = camkii_phospho_subunits_uM(y);
  return st;
}

/* Ca2+ in [lo, hi] (read through GB2007's CaM, as settled) where the branch started from `up`
 * changes between UP and DOWN, by bisection to 1e-4 uM (the branch must differ at lo and hi). */
static ltp_status edge(const camkii_params *p, int up, double lo, double hi, double *ca,
                       ltp_error *err) {
  double s_lo, s_hi, s;
  ltp_status st = settled(p, lo, up, &s_lo, err);
  if (st == LTP_OK)
    st = settled(p, hi, up, &s_hi, err);
  if (st != LTP_OK)
    return st;
  const int at_lo = s_lo > BRANCH_SPLIT_UM;
  if (at_lo == (s_hi > BRANCH_SPLIT_UM)) {
    *ca = NAN; /* no switch in this range: the check fails with the value missing */
    return LTP_OK;
  }
  while (hi - lo > 1e-4) {
    const double mid = 0.5 * (lo + hi);
    if ((st = settled(p, mid, up, &s, err)) != LTP_OK)
      return st;
    if ((s > BRANCH_SPLIT_UM) == at_lo)
      lo = mid;
    else
      hi = mid;
  }
  *ca = 0.5 * (lo + hi);
  return LTP_OK;
}

/* GB2007 (PLoS Comput Biol 3:e221) Fig. 3B/C via SCIENCE.md 1f and 4 fig 7: bistable at rest
 * (0.1 uM), DOWN near 0, UP near 130 uM (132 at 0.2 uM [V], +-5 % as SCIENCE.md 0); saddle
 * nodes at 0.09, 0.22, 0.36, 0.37 uM (the paper's two digits: +-0.005 uM, half the last
 * digit; as quoted in docs/model.md and tests/test_camkii.c). Every Ca2+ here is read through
 * GB2007's CaM (settled): the model's own Ca2+ for each is 21/13 times as large. */
static const ltp_val_check camkii_checks[] = {
    {"DOWN branch at 0.1 uM (uM)", "S_active (uM subunits)", 0.1, 0.0, 5.0},
    {"UP branch at 0.1 uM (uM)", "S_active (uM subunits)", 0.1, 100.0, 200.0},
    {"UP branch at 0.2 uM (uM)", "S_active (uM subunits)", 0.2, 125.4, 138.6},
    {"lower end of bistability: UP lost below (uM)", "saddle-node Ca2+ (uM)", 0.09, 0.085, 0.095},
    {"UP lost above (LTD window starts) (uM)", "saddle-node Ca2+ (uM)", 0.22, 0.215, 0.225},
    {"UP reappears above (uM)", "saddle-node Ca2+ (uM)", 0.36, 0.355, 0.365},
    {"DOWN lost above (LTP threshold) (uM)", "saddle-node Ca2+ (uM)", 0.37, 0.365, 0.375},
};

static ltp_status eval_camkii(const ltp_val_ctx *ctx, double *v, ltp_error *err) {
  const camkii_params *p = &ctx->params->camkii;
  ltp_status st = settled(p, 0.1, 0, &v[0], err);
  if (st == LTP_OK)
    st = settled(p, 0.1, 1, &v[1], err);
  if (st == LTP_OK)
    st = settled(p, 0.2, 1, &v[2], err);
  if (st == LTP_OK)
    st = edge(p, 1, 0.05, 0.15, &v[3], err);
  if (st == LTP_OK)
    st = edge(p, 1, 0.15, 0.30, &v[4], err);
  if (st == LTP_OK)
    st = edge(p, 1, 0.30, 0.45, &v[5], err);
  if (st == LTP_OK)
    st = edge(p, 0, 0.30, 0.45, &v[6], err);
  return st;
}

/* ------------------------------------------------------------------ 4. short-term plasticity */

/* SCIENCE.md 1a [C] (Dittman, Kreitzer & Regehr 2000 SC set) and 4 fig 12, +-5 % (SCIENCE.md
 * 0). x: interval between pulses (ms); trains: EPSC_10/EPSC_1 at 5-100 Hz. */
static const ltp_val_check stp_checks[] = {
    {"PPR at 20 ms", "paired-pulse ratio", 20, 2.09, 2.31},
    {"PPR at 50 ms", "paired-pulse ratio", 50, 2.0045, 2.2155},
    {"PPR at 200 ms", "paired-pulse ratio", 200, 1.3205, 1.4595},
    {"PPR at 500 ms", "paired-pulse ratio", 500, 0.931, 1.029},
    {"EPSC10/EPSC1 at 5 Hz", "EPSC10 / EPSC1 (train)", 200, 1.2255, 1.3545},
    {"EPSC10/EPSC1 at 10 Hz", "EPSC10 / EPSC1 (train)", 100, 1.52, 1.68},
    {"EPSC10/EPSC1 at 20 Hz", "EPSC10 / EPSC1 (train)", 50, 1.501, 1.659},
    {"EPSC10/EPSC1 at 50 Hz", "EPSC10 / EPSC1 (train)", 20, 1.121, 1.239},
    {"EPSC10/EPSC1 at 100 Hz", "EPSC10 / EPSC1 (train)", 10, 0.741, 0.819},
};

static ltp_status eval_stp(const ltp_val_ctx *ctx, double *v, ltp_error *err) {
  (void)err;
  for (size_t k = 0; k < sizeof stp_checks / sizeof stp_checks[0]; ++k)
    v[k] = release_train_ratio(&ctx->params->release, stp_checks[k].x, k < 4 ? 2 : 10, 2.0);
  return LTP_OK;
}

/* ------------------------------------------------------------------ 5. field LTP */

static const ltp_val_run_spec field_runs[] = {{"field_ltp.exp", {{NULL}}, {NULL}, 0}};

/* SCIENCE.md 3.2 [M] and 4 fig 8. x: minutes after the tetanus. */
static const ltp_val_check field_checks[] = {
    {"PTP: largest test response in the first minute (%)", "fEPSP slope (% of baseline)", 1, 200,
     300},
    {"STP at 5 min (%)", "fEPSP slope (% of baseline)", 5, 150, 200},
    {"LTP at 60 min (%)", "fEPSP slope (% of baseline)", 60, 130, 180},
};

static ltp_status eval_field(const ltp_val_ctx *ctx, double *v, ltp_error *err) {
  (void)err;
  v[0] = max_response_after(ctx, 0, 61000.0); /* the train lasts 1 s */
  v[1] = pot(ctx, 0, 1, 5);
  v[2] = pot(ctx, 0, 1, 60);
  return LTP_OK;
}

/* ------------------------------------------------------------------ 6. frequency response */

static const ltp_val_run_spec freq_runs[] = {
    {"frequency_response.exp", {{"rate", "1 Hz"}}, {NULL}, 0},
    {"frequency_response.exp", {{"rate", "3 Hz"}}, {NULL}, 0},
    {"frequency_response.exp", {{"rate", "5 Hz"}}, {NULL}, 0},
    {"frequency_response.exp", {{"rate", "10 Hz"}}, {NULL}, 0},
    {"frequency_response.exp", {{"rate", "50 Hz"}}, {NULL}, 0},
};

/* SCIENCE.md 3.3 table and 4 fig 4, magnitudes [M] with their stated +-5 %. */
static const ltp_val_check freq_checks[] = {
    {"1 Hz (%)", "fEPSP slope at 60 min (% of baseline)", 1, 75, 85},
    {"3 Hz (%)", "fEPSP slope at 60 min (% of baseline)", 3, 75, 85},
    {"5 Hz (%)", "fEPSP slope at 60 min (% of baseline)", 5, 85, 95},
    {"10 Hz (%)", "fEPSP slope at 60 min (% of baseline)", 10, 95, 105},
    {"50 Hz (%)", "fEPSP slope at 60 min (% of baseline)", 50, 110, 120},
};

/* Potentiation at 60 min of every run, in order (one check per run). */
static ltp_status eval_pot60_each(const ltp_val_ctx *ctx, double *v, ltp_error *err) {
  (void)err;
  for (size_t i = 0; i < ctx->n_runs; ++i)
    v[i] = pot(ctx, i, 1, 60);
  return LTP_OK;
}

/* ------------------------------------------------------------------ 7. STDP window */

#define STDP(dt)                                                                                   \
  { "stdp.exp", {{"delay", dt}}, {NULL}, 0 }
static const ltp_val_run_spec stdp_runs[] = {
    STDP("-100 ms"), STDP("-50 ms"), STDP("-40 ms"), STDP("-20 ms"), STDP("-10 ms"), STDP("-5 ms"),
    STDP("5 ms"),    STDP("10 ms"),  STDP("20 ms"),  STDP("40 ms"),  STDP("50 ms"),  STDP("100 ms"),
};

/* SCIENCE.md 3.4 and 4 fig 3: LTP for 0 < dt <= 20 ms, LTD for -20 <= dt < 0 [V: abstract];
 * +80 +- 30 % near +5 ms and -30 +- 10 % near -5 ms [M]; no change outside +-40 ms [M] (the
 * exponential fits of Bi & Poo 2001, tau+ 16.8 ms and tau- 33.7 ms, put |change| < 10 % at
 * +-40 ms). LTP and LTD elsewhere: outside the +-10 % no-change band (stated). */
#define W "EPSP slope 30 min after pairing (% of baseline)"
static const ltp_val_check stdp_checks[] = {
    {"-100 ms", W, -100, NO_CHANGE_LO, NO_CHANGE_HI},
    {"-50 ms", W, -50, NO_CHANGE_LO, NO_CHANGE_HI},
    {"-40 ms", W, -40, NO_CHANGE_LO, NO_CHANGE_HI},
    {"-20 ms", W, -20, -OPEN, NO_CHANGE_LO},
    {"-10 ms", W, -10, -OPEN, NO_CHANGE_LO},
    {"-5 ms", W, -5, 60, 80},
    {"+5 ms", W, 5, 150, 210},
    {"+10 ms", W, 10, NO_CHANGE_HI, OPEN},
    {"+20 ms", W, 20, NO_CHANGE_HI, OPEN},
    {"+40 ms", W, 40, NO_CHANGE_LO, NO_CHANGE_HI},
    {"+50 ms", W, 50, NO_CHANGE_LO, NO_CHANGE_HI},
    {"+100 ms", W, 100, NO_CHANGE_LO, NO_CHANGE_HI},
};
#undef W

static ltp_status eval_pot30_each(const ltp_val_ctx *ctx, double *v, ltp_error *err) {
  (void)err;
  for (size_t i = 0; i < ctx->n_runs; ++i)
    v[i] = pot(ctx, i, 1, 30);
  return LTP_OK;
}

/* ------------------------------------------------------------------ 8. voltage-clamp pairing */

#define HOLD(mv)                                                                                   \
  { "vc_pairing.exp", {{"hold", mv}}, {NULL}, 0 }
static const ltp_val_run_spec vc_runs[] = {
    HOLD("-70 mV"), HOLD("-65 mV"), HOLD("-60 mV"), HOLD("-55 mV"),
    HOLD("-50 mV"), HOLD("-40 mV"), HOLD("-20 mV"), HOLD("0 mV"),
};

/* SCIENCE.md 3.8 and 4 fig 5 (Shouval et al. 2002 model check [V]): no change below -63 mV,
 * LTD -63..-53 mV, LTP from -50 mV; 150-250 % at 0 mV [M]. LTP/LTD/no change: the +-10 %
 * band (stated). */
#define E "EPSC 20 min after pairing (% of baseline)"
static const ltp_val_check vc_checks[] = {
    {"-70 mV", E, -70, NO_CHANGE_LO, NO_CHANGE_HI}, {"-65 mV", E, -65, NO_CHANGE_LO, NO_CHANGE_HI},
    {"-60 mV", E, -60, -OPEN, NO_CHANGE_LO},        {"-55 mV", E, -55, -OPEN, NO_CHANGE_LO},
    {"-50 mV", E, -50, NO_CHANGE_HI, OPEN},         {"-40 mV", E, -40, NO_CHANGE_HI, OPEN},
    {"-20 mV", E, -20, NO_CHANGE_HI, OPEN},         {"0 mV", E, 0, 150, 250},
};
#undef E

static ltp_status eval_pot20_each(const ltp_val_ctx *ctx, double *v, ltp_error *err) {
  (void)err;
  for (size_t i = 0; i < ctx->n_runs; ++i)
    v[i] = pot(ctx, i, 1, 20);
  return LTP_OK;
}

/* ------------------------------------------------------------------ 9. pharmacology */

/* SCIENCE.md 3.9. Each drug case has the drug-free control (the effect must be there, else a
 * block means nothing) and the drug run. Bands: LTP control = 3.2's 130-180 % at 60 min; LTD
 * control = at most 90 % (LTD present: half the -20 % of 3.3 at 1 Hz, stated); blocked = the
 * +-10 % no-change band. x: 1 control, 2 with the drug. */
#define P60 "fEPSP slope at 60 min (% of baseline)"
static const ltp_val_run_spec ap5_ltp_runs[] = {{"field_ltp.exp", {{NULL}}, {NULL}, 0},
                                                {"pharmacology/ap5_hfs.exp", {{NULL}}, {NULL}, 0}};
static const ltp_val_run_spec bapta_ltp_runs[] = {
    {"field_ltp.exp", {{NULL}}, {NULL}, 0}, {"pharmacology/bapta_hfs.exp", {{NULL}}, {NULL}, 0}};
static const ltp_val_run_spec kn62_ltp_runs[] = {
    {"field_ltp.exp", {{NULL}}, {NULL}, 0}, {"pharmacology/kn62_hfs.exp", {{NULL}}, {NULL}, 0}};
static const ltp_val_check ltp_block_checks[] = {
    {"control HFS (%)", P60, 1, 130, 180},
    {"HFS with the drug (%)", P60, 2, NO_CHANGE_LO, NO_CHANGE_HI},
};

/* Pairing LTP under voltage clamp (SCIENCE.md 3.8: 150-250 %, NMDAR dependent [M]; 3.9: AP5
 * abolishes LTP). x: 1 control, 2 with the drug. */
#define P20 "EPSC at 20 min (% of baseline)"
static const ltp_val_run_spec ap5_pairing_runs[] = {
    HOLD("0 mV"), {"pharmacology/ap5_vc_pairing.exp", {{"hold", "0 mV"}}, {NULL}, 0}};
static const ltp_val_check pairing_block_checks[] = {
    {"control pairing at 0 mV (%)", P20, 1, 150, 250},
    {"pairing at 0 mV with the drug (%)", P20, 2, NO_CHANGE_LO, NO_CHANGE_HI},
};

static const ltp_val_run_spec ap5_ltd_runs[] = {{"frequency_response.exp", {{NULL}}, {NULL}, 0},
                                                {"pharmacology/ap5_lfs.exp", {{NULL}}, {NULL}, 0}};
static const ltp_val_run_spec bapta_ltd_runs[] = {
    {"frequency_response.exp", {{NULL}}, {NULL}, 0},
    {"pharmacology/bapta_lfs.exp", {{NULL}}, {NULL}, 0}};
static const ltp_val_run_spec fk506_ltd_runs[] = {
    {"frequency_response.exp", {{NULL}}, {NULL}, 0},
    {"pharmacology/fk506_lfs.exp", {{NULL}}, {NULL}, 0}};
static const ltp_val_check ltd_block_checks[] = {
    {"control 1 Hz LFS (%)", P60, 1, -OPEN, NO_CHANGE_LO},
    {"1 Hz LFS with the drug (%)", P60, 2, NO_CHANGE_LO, NO_CHANGE_HI},
};

/* STDP at +10 and -10 ms, then the same with a drug (its file includes stdp.exp) */
#define DRUG_STDP(file, dt)                                                                        \
  { file, {{"delay", dt}}, {NULL}, 0 }
#define STDP_WITH_DRUG(file)                                                                       \
  STDP("10 ms"), STDP("-10 ms"), DRUG_STDP(file, "10 ms"), DRUG_STDP(file, "-10 ms")
static const ltp_val_run_spec nimo_runs[] = {STDP_WITH_DRUG("pharmacology/nimodipine_stdp.exp")};
/* Bi & Poo 1998 [V: abstract]: nimodipine reduces LTP (stated: the drug keeps at most 90 % of
 * the control's potentiation) and abolishes LTD (no-change band). */
static const ltp_val_check nimo_checks[] = {
    {"control +10 ms (%)", "EPSP slope at 30 min (% of baseline)", 1, NO_CHANGE_HI, OPEN},
    {"control -10 ms (%)", "EPSP slope at 30 min (% of baseline)", 2, -OPEN, NO_CHANGE_LO},
    {"nimodipine +10 ms: potentiation / control potentiation", "fraction of control LTP", 3, -OPEN,
     0.9},
    {"nimodipine -10 ms (%)", "EPSP slope at 30 min (% of baseline)", 4, NO_CHANGE_LO,
     NO_CHANGE_HI},
};

static ltp_status eval_nimo(const ltp_val_ctx *ctx, double *v, ltp_error *err) {
  (void)err;
  v[0] = pot(ctx, 0, 1, 30);
  v[1] = pot(ctx, 1, 1, 30);
  v[2] = (pot(ctx, 2, 1, 30) - 100.0) / (v[0] - 100.0);
  v[3] = pot(ctx, 3, 1, 30);
  return LTP_OK;
}

static const ltp_val_run_spec ap5_stdp_runs[] = {STDP_WITH_DRUG("pharmacology/ap5_stdp.exp")};
/* Bi & Poo 1998 [V: abstract]: STDP-LTP and STDP-LTD both need NMDARs; with AP5 each pairing
 * stays in the no-change band. */
static const ltp_val_check ap5_stdp_checks[] = {
    {"control +10 ms (%)", "EPSP slope at 30 min (% of baseline)", 1, NO_CHANGE_HI, OPEN},
    {"control -10 ms (%)", "EPSP slope at 30 min (% of baseline)", 2, -OPEN, NO_CHANGE_LO},
    {"AP5 +10 ms (%)", "EPSP slope at 30 min (% of baseline)", 3, NO_CHANGE_LO, NO_CHANGE_HI},
    {"AP5 -10 ms (%)", "EPSP slope at 30 min (% of baseline)", 4, NO_CHANGE_LO, NO_CHANGE_HI},
};

static const ltp_val_run_spec aniso_runs[] = {
    {"late_ltp.exp", {{NULL}}, {NULL}, 0},
    {"pharmacology/anisomycin_late_ltp.exp", {{NULL}}, {NULL}, 0}};
/* Frey et al. 1988; Frey & Morris 1997 [V: abstract]; SCIENCE.md 3.2, 3.9, 3.10: control
 * L-LTP 150-200 % at 8 h; with anisomycin early LTP spared (>= 130 %, the lower end of 3.2's
 * 60-min band) and late LTP gone (< 110 %, the no-change band). x: minutes after the first
 * train. */
static const ltp_val_check aniso_checks[] = {
    {"control 3 x HFS at 475 min (%)", "fEPSP slope (% of baseline)", 475, 150, 200},
    {"anisomycin: 60 min (%)", "fEPSP slope (% of baseline)", 60, 130, OPEN},
    {"anisomycin: 475 min (%)", "fEPSP slope (% of baseline)", 475, -OPEN, NO_CHANGE_HI},
};

static ltp_status eval_aniso(const ltp_val_ctx *ctx, double *v, ltp_error *err) {
  (void)err;
  v[0] = pot(ctx, 0, 1, 475);
  v[1] = pot(ctx, 1, 1, 60);
  v[2] = pot(ctx, 1, 1, 475);
  return LTP_OK;
}

/* ------------------------------------------------------------------ 10. early vs late LTP */

static const ltp_val_run_spec early_late_runs[] = {{"early_ltp.exp", {{NULL}}, {NULL}, 0},
                                                   {"late_ltp.exp", {{NULL}}, {NULL}, 0}};
/* SCIENCE.md 3.2 and 1i: one train decays to baseline within ~3 h (the no-change band at 3
 * and 4 h); three trains 150-200 % at 7-8 h [M]. x: minutes after the first train. */
static const ltp_val_check early_late_checks[] = {
    {"1 train at 180 min (%)", "fEPSP slope (% of baseline)", 180, NO_CHANGE_LO, NO_CHANGE_HI},
    {"1 train at 240 min (%)", "fEPSP slope (% of baseline)", 240, NO_CHANGE_LO, NO_CHANGE_HI},
    {"3 trains at 420 min (%)", "fEPSP slope (% of baseline)", 420, 150, 200},
    {"3 trains at 475 min (%)", "fEPSP slope (% of baseline)", 475, 150, 200},
};

static ltp_status eval_early_late(const ltp_val_ctx *ctx, double *v, ltp_error *err) {
  (void)err;
  v[0] = pot(ctx, 0, 1, 180);
  v[1] = pot(ctx, 0, 1, 240);
  v[2] = pot(ctx, 1, 1, 420);
  v[3] = pot(ctx, 1, 1, 475);
  return LTP_OK;
}

/* ------------------------------------------------------------------ 11. tagging and capture */

static const ltp_val_run_spec tag_runs[] = {{"tagging_capture.exp", {{NULL}}, {NULL}, 0},
                                            {"tagging_capture_anisomycin.exp", {{NULL}}, {NULL}, 0},
                                            {"weak_tetanus.exp", {{NULL}}, {NULL}, 0}};
/* SCIENCE.md 3.10 (Frey & Morris 1997 [V: abstract]): pathway 2 captured into L-LTP (the
 * L-LTP band of 3.2, 150-200 %), also with anisomycin during the weak tetanus; the weak
 * tetanus alone back at baseline (no-change band) at 4 h. x: minutes after the STET (for the
 * WTET alone: after the WTET). */
static const ltp_val_check tag_checks[] = {
    {"pathway 2 (WTET 45 min after STET) at 300 min (%)", "fEPSP slope (% of baseline)", 300, 150,
     200},
    {"pathway 2 at 475 min (%)", "fEPSP slope (% of baseline)", 475, 150, 200},
    {"pathway 2, anisomycin during WTET, at 475 min (%)", "fEPSP slope (% of baseline)", 475, 150,
     200},
    {"WTET alone at 240 min (%)", "fEPSP slope (% of baseline)", 240, NO_CHANGE_LO, NO_CHANGE_HI},
};

static ltp_status eval_tag(const ltp_val_ctx *ctx, double *v, ltp_error *err) {
  (void)err;
  v[0] = pot(ctx, 0, 2, 300);
  v[1] = pot(ctx, 0, 2, 475);
  v[2] = pot(ctx, 1, 2, 475);
  v[3] = pot(ctx, 2, 1, 240);
  return LTP_OK;
}

/* ------------------------------------------------------------------ 13. all-or-none */

#define N_SYNAPSES 40
static const ltp_val_run_spec aon_runs[] = {
    {"single_synapse_pairing.exp", {{NULL}}, {NULL}, N_SYNAPSES}};
/* O'Connor, Wittenberg & Wang 2005 [V: abstract] and Petersen et al. 1998 [M] (SCIENCE.md
 * 3.11): single synapses potentiate all-or-none. Statistic (stated): with each synapse's
 * weight change normalised to the largest of the 40 (x = (w - 100) / (w_max - 100)), fewer
 * than 20 % lie in the middle third (1/3 < x < 2/3), and both outcomes occur (the top third
 * holds 10-90 % of the synapses). */
static const ltp_val_check aon_checks[] = {
    {"fraction of synapses in the middle third", "fraction of 40 synapses", 1, 0.0, 0.2},
    {"fraction of synapses in the top third", "fraction of 40 synapses", 2, 0.1, 0.9},
};

static ltp_status eval_aon(const ltp_val_ctx *ctx, double *v, ltp_error *err) {
  (void)err;
  double w[N_SYNAPSES], w_max = -HUGE_VAL;
  for (size_t i = 0; i < N_SYNAPSES; ++i) {
    w[i] = weight(ctx, i, 15) - 100.0;
    w_max = fmax(w_max, w[i]);
  }
  size_t mid = 0, top = 0;
  for (size_t i = 0; i < N_SYNAPSES && w_max > 0.0; ++i) {
    const double x = w[i] / w_max;
    mid += x > 1.0 / 3.0 && x < 2.0 / 3.0;
    top += x >= 2.0 / 3.0;
  }
  v[0] = w_max > 0.0 ? (double)mid / N_SYNAPSES : NAN; /* no potentiation at all: no modes */
  v[1] = w_max > 0.0 ? (double)top / N_SYNAPSES : NAN;
  return LTP_OK;
}

/* ------------------------------------------------------------------ 14. single-spine uncaging */

static const ltp_val_run_spec uncaging_runs[] = {
    {"single_spine_uncaging.exp", {{NULL}}, {NULL}, 0}};
/* Single-spine structural LTP. Magnitudes from the Kasai lab's uncaging experiments (Sci Rep
 * 2016 6:32897, Fig. 3 legend [V]: control spines +113 +- 15 % at 1-2 min, 27 spines, and
 * +46 +- 7.7 % averaged over 15-60 min, 31 spines; mean +- SEM); each band is the mean +- 2
 * SEM. Matsuzaki et al. 2004 (Nature 429:761) [V: abstract]: the enlargement is "associated
 * with an increase in AMPA-receptor-mediated currents" at that synapse; SCIENCE.md 1i reads it
 * as roughly proportional, here a uEPSC change 0.5-2 x the volume change (stated). x: minutes
 * after the train onset. */
#define UNCAGE_BASELINE_MIN 10.0 /* the exp file's baseline window */
static const ltp_val_check uncaging_checks[] = {
    {"head volume, mean 1-2 min (%)", "spine head volume (% of baseline)", 1.5,
     113.0 + 100.0 - 30.0, 113.0 + 100.0 + 30.0},
    {"head volume, mean 15-60 min (%)", "spine head volume (% of baseline)", 37.5,
     46.0 + 100.0 - 15.4, 46.0 + 100.0 + 15.4},
    {"uEPSC change / volume change, 15-60 min", "uEPSC change / volume change", 37.5, 0.5, 2.0},
};

static ltp_status eval_uncaging(const ltp_val_ctx *ctx, double *v, ltp_error *err) {
  (void)err;
  v[0] = state_pct(ctx, 0, "p1.head_volume", UNCAGE_BASELINE_MIN, 1.0, 2.0, SPAN_MEAN);
  v[1] = state_pct(ctx, 0, "p1.head_volume", UNCAGE_BASELINE_MIN, 15.0, 60.0, SPAN_MEAN);
  /* the exp file's readout at 37.5 min averages the test uEPSCs of 15-60 min */
  v[2] = (pot(ctx, 0, 1, 37.5) - 100.0) / (v[1] - 100.0);
  return LTP_OK;
}

/* ------------------------------------------------------------------ the table */

static const ltp_val_case cases[] = {
    {.name = "mg_block",
     .source = "Jahr & Stevens 1990 (J Neurosci 10:3178); SCIENCE.md 3.1 and the B(V) table of 1c",
     .protocol = "Mechanism functions of src/mech/nmda.h at the default parameters, no simulation",
     .metric = "unblocked fraction B(V) at 0, 1, 2 mM Mg2+; voltage of the most negative B(V) V",
     .target = "B(-70) = 0.045, B(0) = 0.78, B(+40) = 0.977 at 1 mM; 0.023 and 0.641 at 2 mM; "
               "peak inward current at -30..-25 mV; B = 1 without Mg2+; more block at 2 mM",
     .tolerance = "+-0.002 at -70 mV (as stated); other table values +-5 % (SCIENCE.md 0, [C])",
     .x_label = "membrane potential (mV)",
     .checks = CHECKS(mg_checks),
     .eval = eval_mg},
    {.name = "spine_ca",
     .source = "SCIENCE.md 4 fig 2 and 1e (Chang et al. 2017 via Rodrigues et al. 2023 [S]; "
               "Sabatini et al. 2002 [S]; Koester & Sakmann 1998 [M])",
     .protocol = "One quantum (a pre pulse with release drawn, seeds 1-20, mean over the "
                 "successes; one uncaging pulse at the spine alone), one post spike, pre->post "
                 "+10 ms, post->pre -10 ms (validation/spine_ca.exp, spine_ca_uncaging.exp)",
     .metric = "peak rise of spine Ca2+ (uM); pairing / sum of the single responses "
               "(peak or time integral; the single pre pulse there is the mean field)",
     .target = "one quantum (single synaptic release / uncaging at rest, 1 mM Mg) ~1-3 uM; post "
               "~1 uM (0.6-8.2); pre->post supralinear (> sum); post->pre about the sum or less",
     .tolerance = "the published ranges; 'about the sum or less': at most 1.1 x the sum (stated)",
     .x_label = "1 one quantum (0.9 released, 1.1 uncaged), 2 post, 3 pre->post, 4 post->pre",
     .runs = RUNS(spine_runs),
     .checks = CHECKS(spine_checks),
     .eval = eval_spine},
    {.name = "camkii_bistability",
     .source = "Graupner & Brunel 2007 (PLoS Comput Biol 3:e221) Fig. 3; SCIENCE.md 1f, 4 fig 7",
     .protocol = "The CaMKII-PP1 switch alone at constant Ca2+ (src/mech/camkii.h), settled "
                 "2000 s from the DOWN and the fully phosphorylated state; thresholds by "
                 "bisection; each Ca2+ is the model's that gives the Ca4-CaM GB2007's CaM holds "
                 "there (21/13 x the value with the defaults' CaM, mech/ca_scale.h)",
     .metric = "total phosphorylated subunits S_active (uM); Ca2+ of the saddle-nodes read "
               "through GB2007's CaM (uM)",
     .target = "bistable at 0.1 uM (DOWN ~0, UP ~130 uM; 132 uM at 0.2 uM); saddle-nodes "
               "0.09, 0.22, 0.36, 0.37 uM",
     .tolerance = "132 +- 5 % (SCIENCE.md 0); saddle-nodes +-0.005 uM (the paper's two digits); "
                  "DOWN < 5 uM and UP > 100 uM (stated)",
     .x_label = "Ca2+ read through GB2007's CaM (uM)",
     .checks = CHECKS(camkii_checks),
     .eval = eval_camkii},
    {.name = "short_term_plasticity",
     .source = "Dittman, Kreitzer & Regehr 2000 (J Neurosci 20:1374) SC set; SCIENCE.md 1a "
               "[C] and 4 fig 12",
     .protocol = "Release model (src/mech/release.h), mean field, 2 mM Ca_o: pulse pairs and "
                 "10-pulse trains from rest",
     .metric = "EPSC2/EPSC1 (PPR) and EPSC10/EPSC1",
     .target = "PPR 2.20, 2.11, 1.39, 0.98 at 20, 50, 200, 500 ms; trains 1.29, 1.60, 1.58, "
               "1.18, 0.78 at 5, 10, 20, 50, 100 Hz",
     .tolerance = "+-5 % ([C], SCIENCE.md 0)",
     .x_label = "interval between pulses (ms)",
     .checks = CHECKS(stp_checks),
     .eval = eval_stp},
    {.name = "field_ltp",
     .source = "SCIENCE.md 3.2 [M] and 4 fig 8 (CA1 field LTP; Bliss & Lomo 1973 style)",
     .protocol = "One 100 Hz x 1 s tetanus, test pulses every 10 s (validation/field_ltp.exp)",
     .metric = "fEPSP slope in % of baseline: largest test response in the first minute, mean "
               "at 5 and 60 min",
     .target = "PTP 200-300 %, STP 150-200 % at 5 min, LTP 130-180 % at 60 min",
     .tolerance = "the published ranges",
     .x_label = "time after the tetanus (min)",
     .runs = RUNS(field_runs),
     .checks = CHECKS(field_checks),
     .eval = eval_field},
    {.name = "frequency_response",
     .source = "Dudek & Bear 1992 (PNAS 89:4363); SCIENCE.md 3.3 and 4 fig 4 (magnitudes [M])",
     .protocol = "900 pulses at 1, 3, 5, 10, 50 Hz, 2.5 mM Ca, 1.5 mM Mg "
                 "(validation/frequency_response.exp)",
     .metric = "fEPSP slope 60 min after the train onset (% of baseline)",
     .target = "-20, -20, -10, 0, +15 % at 1, 3, 5, 10, 50 Hz",
     .tolerance = "+-5 % as stated with the [M] magnitudes",
     .x_label = "stimulation frequency (Hz)",
     .runs = RUNS(freq_runs),
     .checks = CHECKS(freq_checks),
     .eval = eval_pot60_each,
     .expected_failure = "78.7, 76.2, 74.6, 85.7, 118.5 % at 1, 3, 5, 10, 50 Hz: 1, 3 and 50 Hz "
                         "pass; 5 and 10 Hz depress too much, the crossover lying above 10 Hz. "
                         "LTD reads the Ca2+ a train brings in total (the clamp pairings require "
                         "it), and per pulse 5 Hz brings 1.15-1.2 x what 1 Hz does, so no such "
                         "count depresses less at 5 Hz (docs/model.md, Known limits R5, 'Why no "
                         "count of Ca2+ passes R5')"},
    {.name = "stdp_window",
     .source = "Bi & Poo 1998 (J Neurosci 18:10464); SCIENCE.md 3.4 and 4 fig 3",
     .protocol = "60 pre/post pairs at 1 Hz at 12 delays (validation/stdp.exp)",
     .metric = "EPSP slope 30 min after pairing (% of baseline)",
     .target = "LTP for 0 < dt <= 20 ms (+80 % near +5), LTD for -20 <= dt < 0 (-30 % near "
               "-5), no change beyond +-40 ms",
     .tolerance = "+80 +- 30 % and -30 +- 10 % as stated; elsewhere outside / inside the "
                  "+-10 % no-change band (stated)",
     .x_label = "spike timing dt = t_post - t_pre (ms)",
     .runs = RUNS(stdp_runs),
     .checks = CHECKS(stdp_checks),
     .eval = eval_pot30_each},
    {.name = "vc_pairing",
     .source = "SCIENCE.md 3.8 and 4 fig 5 (Shouval, Bear & Cooper 2002 model check [V]; "
               "0 mV pairing [M])",
     .protocol = "200 pulses at 2 Hz at a held potential, EPSCs at -70 mV "
                 "(validation/vc_pairing.exp)",
     .metric = "EPSC 20 min after pairing (% of baseline)",
     .target = "none below -63 mV, LTD -63..-53 mV, LTP from -50 mV, 150-250 % at 0 mV",
     .tolerance = "the +-10 % no-change band (stated); 150-250 % at 0 mV as stated",
     .x_label = "holding potential during pairing (mV)",
     .runs = RUNS(vc_runs),
     .checks = CHECKS(vc_checks),
     .eval = eval_pot20_each},
    {.name = "pharmacology_ap5_ltp",
     .group = "pharmacology",
     .source = "Collingridge et al. 1983 [M]; CA3-CA3 196.8 -> 98.7 % [V]; SCIENCE.md 3.9",
     .protocol = "field_ltp.exp without and with 50 uM D-AP5 (5-30 min)",
     .metric = "fEPSP slope at 60 min (% of baseline)",
     .target = "control LTP; AP5 abolishes it",
     .tolerance = "control 130-180 % (3.2); drug within the +-10 % no-change band (stated)",
     .x_label = "1 control, 2 D-AP5",
     .runs = RUNS(ap5_ltp_runs),
     .checks = CHECKS(ltp_block_checks),
     .eval = eval_pot60_each},
    {.name = "pharmacology_ap5_pairing",
     .group = "pharmacology",
     .source = "SCIENCE.md 3.8 (pairing LTP NMDAR dependent [M]) and 3.9 (AP5 abolishes LTP)",
     .protocol = "vc_pairing.exp at 0 mV without and with 50 uM D-AP5 (5-20 min)",
     .metric = "EPSC at 20 min after the pairing (% of baseline)",
     .target = "control pairing LTP; AP5 abolishes it",
     .tolerance = "control 150-250 % (3.8); drug within the +-10 % no-change band (stated)",
     .x_label = "1 control, 2 D-AP5",
     .runs = RUNS(ap5_pairing_runs),
     .checks = CHECKS(pairing_block_checks),
     .eval = eval_pot20_each},
    {.name = "pharmacology_ap5_ltd",
     .group = "pharmacology",
     .source = "Dudek & Bear 1992 [M]; SCIENCE.md 3.3 and 3.9",
     .protocol = "1 Hz LFS (frequency_response.exp) without and with 50 uM D-AP5 (5-45 min)",
     .metric = "fEPSP slope at 60 min after the LFS onset (% of baseline)",
     .target = "control LTD; AP5 abolishes it",
     .tolerance = "control at most 90 % (stated); drug within +-10 % (stated)",
     .x_label = "1 control, 2 D-AP5",
     .runs = RUNS(ap5_ltd_runs),
     .checks = CHECKS(ltd_block_checks),
     .eval = eval_pot60_each},
    {.name = "pharmacology_bapta_ltp",
     .group = "pharmacology",
     .source = "Lynch et al. 1983 (Nature 305:719) [V: abstract]; SCIENCE.md 3.9",
     .protocol = "field_ltp.exp without and with 10 mM intracellular BAPTA",
     .metric = "fEPSP slope at 60 min (% of baseline)",
     .target = "control LTP; BAPTA blocks it",
     .tolerance = "control 130-180 % (3.2); drug within +-10 % (stated)",
     .x_label = "1 control, 2 BAPTA",
     .runs = RUNS(bapta_ltp_runs),
     .checks = CHECKS(ltp_block_checks),
     .eval = eval_pot60_each},
    {.name = "pharmacology_bapta_ltd",
     .group = "pharmacology",
     .source = "Mulkey & Malenka 1992 (Neuron 9:967) [V: abstract]; SCIENCE.md 3.9",
     .protocol = "1 Hz LFS without and with 10 mM intracellular BAPTA",
     .metric = "fEPSP slope at 60 min after the LFS onset (% of baseline)",
     .target = "control LTD; BAPTA blocks it",
     .tolerance = "control at most 90 % (stated); drug within +-10 % (stated)",
     .x_label = "1 control, 2 BAPTA",
     .runs = RUNS(bapta_ltd_runs),
     .checks = CHECKS(ltd_block_checks),
     .eval = eval_pot60_each},
    {.name = "pharmacology_kn62_ltp",
     .group = "pharmacology",
     .source = "Malinow et al. 1989 [M]; SCIENCE.md 3.9",
     .protocol = "field_ltp.exp without and with 10 uM KN-62 (5-30 min)",
     .metric = "fEPSP slope at 60 min (% of baseline)",
     .target = "control LTP; CaMKII inhibition blocks it",
     .tolerance = "control 130-180 % (3.2); drug within +-10 % (stated)",
     .x_label = "1 control, 2 KN-62",
     .runs = RUNS(kn62_ltp_runs),
     .checks = CHECKS(ltp_block_checks),
     .eval = eval_pot60_each},
    {.name = "pharmacology_fk506_ltd",
     .group = "pharmacology",
     .source = "Mulkey et al. 1994 [M]; SCIENCE.md 3.9",
     .protocol = "1 Hz LFS without and with 1 uM FK506",
     .metric = "fEPSP slope at 60 min after the LFS onset (% of baseline)",
     .target = "control LTD; calcineurin inhibition blocks it",
     .tolerance = "control at most 90 % (stated); drug within +-10 % (stated)",
     .x_label = "1 control, 2 FK506",
     .runs = RUNS(fk506_ltd_runs),
     .checks = CHECKS(ltd_block_checks),
     .eval = eval_pot60_each},
    {.name = "pharmacology_nimodipine_stdp",
     .group = "pharmacology",
     .source = "Bi & Poo 1998 [V: abstract]; SCIENCE.md 3.4 and 3.9",
     .protocol = "STDP +10 and -10 ms (stdp.exp) without and with 10 uM nimodipine",
     .metric = "EPSP slope 30 min after pairing (% of baseline); drug LTP as a fraction of the "
               "control's",
     .target = "nimodipine reduces STDP-LTP and abolishes STDP-LTD",
     .tolerance = "control LTP > 110 %, LTD < 90 %; reduced: at most 0.9 of control; abolished: "
                  "within +-10 % (all stated)",
     .x_label = "1 control +10, 2 control -10, 3 drug +10, 4 drug -10",
     .runs = RUNS(nimo_runs),
     .checks = CHECKS(nimo_checks),
     .eval = eval_nimo},
    {.name = "pharmacology_ap5_stdp",
     .group = "pharmacology",
     .source = "Bi & Poo 1998 [V: abstract]; SCIENCE.md 3.4 and 3.9",
     .protocol = "STDP +10 and -10 ms (stdp.exp) without and with 50 uM D-AP5",
     .metric = "EPSP slope 30 min after pairing (% of baseline)",
     .target = "AP5 blocks STDP-LTP and STDP-LTD",
     .tolerance = "control LTP > 110 %, LTD < 90 %; with AP5 within +-10 % (all stated)",
     .x_label = "1 control +10, 2 control -10, 3 AP5 +10, 4 AP5 -10",
     .runs = RUNS(ap5_stdp_runs),
     .checks = CHECKS(ap5_stdp_checks),
     .eval = eval_pot30_each},
    {.name = "pharmacology_anisomycin",
     .group = "pharmacology",
     .source = "Frey et al. 1988 (Brain Res 452:57); Frey & Morris 1997 [V: abstract]; "
               "SCIENCE.md 3.2, 3.9, 3.10",
     .protocol = "3 x HFS 10 min apart, 8 h, without and with 20 uM anisomycin (10-200 min)",
     .metric = "fEPSP slope (% of baseline) at 60 and 475 min after the first train",
     .target = "control L-LTP; anisomycin spares early LTP and blocks late LTP",
     .tolerance = "control 150-200 %; drug >= 130 % at 60 min, < 110 % at 475 min",
     .x_label = "time after the first train (min)",
     .runs = RUNS(aniso_runs),
     .checks = CHECKS(aniso_checks),
     .eval = eval_aniso},
    {.name = "early_vs_late",
     .source = "Frey & Morris 1997 [V: abstract]; Huang & Kandel 1994 [M]; SCIENCE.md 3.2, "
               "3.10, 1i",
     .protocol = "1 x HFS followed 4 h (early_ltp.exp); 3 x HFS 10 min apart followed 8 h "
                 "(late_ltp.exp)",
     .metric = "fEPSP slope (% of baseline)",
     .target = "one train back to baseline within ~3 h; three trains 150-200 % at 6-8 h",
     .tolerance = "+-10 % no-change band at 3 and 4 h (stated); 150-200 % as stated",
     .x_label = "time after the first train (min)",
     .runs = RUNS(early_late_runs),
     .checks = CHECKS(early_late_checks),
     .eval = eval_early_late},
    {.name = "tagging_capture",
     .source = "Frey & Morris 1997 (Nature 385:533) [V: abstract]; SCIENCE.md 3.10",
     .protocol = "STET on pathway 1, WTET on pathway 2 45 min later, 8 h; the same with "
                 "anisomycin around the WTET; WTET alone",
     .metric = "fEPSP slope of pathway 2 (% of baseline)",
     .target = "pathway 2 L-LTP at 4-8 h, also with anisomycin during the WTET; WTET alone "
               "decays",
     .tolerance = "L-LTP band 150-200 % (3.2); WTET alone within +-10 % at 4 h (stated)",
     .x_label = "time after the STET (WTET alone: after the WTET) (min)",
     .runs = RUNS(tag_runs),
     .checks = CHECKS(tag_checks),
     .eval = eval_tag},
    {.name = "all_or_none",
     .source = "O'Connor, Wittenberg & Wang 2005 (PNAS 102:9679) [V: abstract]; Petersen et al. "
               "1998 (PNAS 95:4732) [M]; SCIENCE.md 3.11",
     .protocol = "40 single synapses (seeds 1-40), stochastic release, one synapse per "
                 "pathway, each starting potentiated with probability 1/4 as naive synapses "
                 "do (O'Connor et al. 2005), pairing (validation/single_synapse_pairing.exp)",
     .metric = "distribution of the postsynaptic weight change 15 min after pairing",
     .target = "all-or-none (bimodal) potentiation",
     .tolerance = "< 20 % of synapses in the middle third of the range and 10-90 % in the top "
                  "third (stated)",
     .x_label = "1 middle third, 2 top third",
     .runs = RUNS(aon_runs),
     .checks = CHECKS(aon_checks),
     .eval = eval_aon},
    {.name = "single_spine_uncaging",
     .source = "Kasai lab, Sci Rep 2016 6:32897 Fig. 3 [V: figure legend]; Matsuzaki, Honkura, "
               "Ellis-Davies & Kasai 2004 (Nature 429:761) [V: abstract]; SCIENCE.md 1i, 3.11",
     .protocol = "60 uncaging pulses at 1 Hz, one quantum each, at the modelled spine only, "
                 "Mg2+-free during the train; test uncaging every 2 min in 1 mM Mg2+ "
                 "(validation/single_spine_uncaging.exp)",
     .metric = "spine head volume (% of the 10-min baseline), mean 1-2 min and 15-60 min after "
               "the train onset; uEPSC change over volume change, 15-60 min",
     .target = "+113 +- 15 % at 1-2 min, +46 +- 7.7 % over 15-60 min (mean +- SEM); the uEPSC "
               "rises with the volume (roughly proportional)",
     .tolerance = "mean +- 2 SEM: 183-243 %, 130.6-161.4 %; uEPSC change 0.5-2 x the volume "
                  "change (stated)",
     .x_label = "time after the train onset (min)",
     .runs = RUNS(uncaging_runs),
     .checks = CHECKS(uncaging_checks),
     .eval = eval_uncaging},
};

const ltp_val_case *ltp_val_cases(size_t *n) {
  *n = sizeof cases / sizeof cases[0];
  return cases;
}
