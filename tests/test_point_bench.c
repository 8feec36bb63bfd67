/* The point model against the benchmark workloads of ../shared/bench/SPEC.md, with the
 * agreement criteria of its section 7, and the batch engine (engine/batch.h):
 *   - W1s (bench/w1_short.exp) against the converged RK4 reference (tests/data/bench, copied
 *     from ../shared/bench/reference): rho within 0.002, EPSPs within 2 %, their ratio within
 *     0.5 %, 49 +- 1 spikes; at engine.dt = 0.025 ms (the required fixed step) and 0.1 ms;
 *   - W2 at N = 50 (bench/w2.exp at 50 log-spaced rates) as one batch: >= 95 % of the synapses
 *     within 0.02 of the reference rho, LTD onset at the same or an adjacent grid frequency,
 *     crossover within 3 %, dw_min and dw_max within 0.01;
 *   - a batch gives every unit exactly (bit for bit) the result of running it alone, with 1 or
 *     2 threads, and reports the lowest failing unit whatever the thread count. */
#include <jansson.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmocka needs the headers above */
#include <cmocka.h>

#include "engine/batch.h"
#include "io/vary.h"
#include "sim_run.h"

/* rel (relative to the source tree) as a path */
static void source_path(char *buf, size_t cap, const char *rel) {
  snprintf(buf, cap, "%s/%s", getenv("LTP_SOURCE_DIR"), rel);
}

static json_t *read_reference(const char *rel) {
  char path[1024];
  snprintf(path, sizeof path, "%s/tests/data/bench/%s", getenv("LTP_SOURCE_DIR"), rel);
  json_error_t e;
  json_t *j = json_load_file(path, 0, &e);
  if (j == NULL)
    fail_msg("%s: %s", path, e.text);
  return j;
}

static double ref_number(const json_t *j, const char *key) {
  const json_t *v = json_object_get(j, key);
  if (!json_is_number(v))
    fail_msg("reference has no number %s", key);
  return json_number_value(v);
}

static double final_state(const ltp_results *res, const char *name) {
  for (size_t i = 0; i < res->n_final_state; ++i)
    if (strcmp(res->final_state[i].name, name) == 0)
      return res->final_state[i].value;
  fail_msg("no %s in the final state", name);
  return NAN;
}

/* SPEC.md 2.4: b of the GB2012 hippocampal-slices set; rho = (w - 1) / (b - 1) */
static const double gb_b = 5.28145;

static double rho_of_weight(double w) {
  return (w - 1.0) / (gb_b - 1.0);
}

/* The weight sample of the state trace at t_ms (sampled every engine.state_dt). */
static double state_weight_at(const ltp_results *res, double t_ms) {
  const ltp_trace *tr = &res->state;
  for (size_t r = 0; r < tr->n_rows; ++r) {
    const double *row = tr->data + r * (1 + tr->n_vars);
    if (fabs(row[0] - t_ms) < 1e-6)
      return row[1]; /* column 1: p1.weight */
  }
  fail_msg("no state sample at %g ms", t_ms);
  return NAN;
}

static double epsp_at(const ltp_results *res, double t_ms) {
  for (size_t i = 0; i < res->readouts.n; ++i)
    if (fabs(res->readouts.rows[i].t_ms - t_ms) < 1e-6)
      return res->readouts.rows[i].epsp_amp_mV;
  fail_msg("no test pulse at %g ms", t_ms);
  return NAN;
}

static void w1_short_at(const char *dt) {
  char path[1024];
  source_path(path, sizeof path, "bench/w1_short.exp");
  json_t *ref = read_reference("W1_short_ref_rk4_dt0.005.json");
  const char *sets[] = {dt, NULL};
  sim_run r;
  ltp_error err = {LTP_OK, ""};
  if (sim_run_file(&r, path, sets, 0, &err) != LTP_OK)
    fail_msg("%s", err.msg);
  const double rho_tet = rho_of_weight(state_weight_at(&r.res, 61000.0));
  const double rho_final = rho_of_weight(final_state(&r.res, "p1.plasticity.weight"));
  const double before = epsp_at(&r.res, 50000.0), after = epsp_at(&r.res, 360000.0);
  const double spikes = final_state(&r.res, "cell.spikes");
  print_message("W1s %s: rho_tet_end %.6f rho_final %.6f EPSP %.6f -> %.6f mV (x%.5f) %g "
                "spikes, %llu steps\n",
                dt, rho_tet, rho_final, before, after, after / before, spikes,
                (unsigned long long)r.res.fine_steps);
  assert_true(fabs(rho_tet - ref_number(ref, "rho_tet_end")) <= 0.002);
  assert_true(fabs(rho_final - ref_number(ref, "rho_final")) <= 0.002);
  assert_true(fabs(before / ref_number(ref, "epsp_before_mV") - 1.0) <= 0.02);
  assert_true(fabs(after / ref_number(ref, "epsp_after_mV") - 1.0) <= 0.02);
  assert_true(fabs(after / before / ref_number(ref, "epsp_ratio") - 1.0) <= 0.005);
  assert_true(fabs(spikes - ref_number(ref, "n_post_spikes_tet")) <= 1.0);
  sim_run_free(&r);
  json_decref(ref);
}

static void w1_short_dt_0025(void **state) {
  (void)state;
  w1_short_at("engine.dt=0.025 ms");
}

static void w1_short_dt_01(void **state) {
  (void)state;
  w1_short_at("engine.dt=0.1 ms");
}

/* ---- W2 as a batch ----------------------------------------------------------------- */

enum { W2_N = 50 };

typedef struct {
  sim_run unit[W2_N]; /* parameters and protocols (loaded, not run) */
  double weight[W2_N];
  int fail_unit; /* a unit made to fail (-1: none) */
} w2_batch;

/* SPEC.md 4: f_i = 0.5 Hz * 200^(i / (N - 1)) */
static double w2_rate_hz(int i) {
  return 0.5 * pow(200.0, (double)i / (W2_N - 1));
}

/* bench/w2.exp with its "# vary: rate" placeholder set to each rate (io/vary.h, as ltpsim sweep
 * does), loaded and finalized, not run */
static void w2_load(w2_batch *b) {
  char path[1024];
  source_path(path, sizeof path, "bench/w2.exp");
  ltp_error err = {LTP_OK, ""};
  ltp_svg_buf base;
  ltp_svg_buf_init(&base);
  if (ltp_vary_read(path, &base, &err) != LTP_OK)
    fail_msg("%s", err.msg);
  for (int i = 0; i < W2_N; ++i) {
    char rate[64];
    snprintf(rate, sizeof rate, "%.17g Hz", w2_rate_hz(i));
    const char *names[] = {"rate"}, *values[] = {rate};
    ltp_svg_buf text, label;
    ltp_svg_buf_init(&text);
    ltp_svg_buf_init(&label);
    sim_run *r = &b->unit[i];
    memset(r, 0, sizeof *r);
    ltp_protocol_init(&r->proto);
    ltp_status st = ltp_vary_substitute(base.data, path, names, values, 1, &text, &label, &err);
    if (st == LTP_OK)
      st = ltp_experiment_load_string(text.data, label.data, &r->params, &r->proto, &r->seed, &err);
    if (st == LTP_OK)
      st = ltp_experiment_finalize(&r->params, &r->proto, &err);
    ltp_svg_buf_free(&text);
    ltp_svg_buf_free(&label);
    if (st != LTP_OK)
      fail_msg("unit %d: %s", i, err.msg);
  }
  ltp_svg_buf_free(&base);
  b->fail_unit = -1;
}

static ltp_status w2_unit(void *ctx, size_t i, int thread, const ltp_params **params,
                          const ltp_protocol **proto, uint64_t *seed, ltp_error *err) {
  (void)thread;
  w2_batch *b = ctx;
  if ((int)i == b->fail_unit || (b->fail_unit >= 0 && (int)i == b->fail_unit + 3))
    return ltp_error_set(err, LTP_ERR_ARG, "made to fail");
  *params = &b->unit[i].params;
  *proto = &b->unit[i].proto;
  *seed = b->unit[i].seed;
  return LTP_OK;
}

static ltp_status w2_done(void *ctx, size_t i, int thread, ltp_results *res, ltp_error *err) {
  (void)err, (void)thread;
  w2_batch *b = ctx;
  b->weight[i] = final_state(res, "p1.plasticity.weight");
  return LTP_OK;
}

static ltp_status w2_run(w2_batch *b, int threads, ltp_error *err) {
  const ltp_batch batch = {.n_units = W2_N,
                           .unit = w2_unit,
                           .done = w2_done,
                           .ctx = b,
                           .threads = threads,
                           .block = 3,
                           .no_traces = 1};
  return ltp_batch_run(&batch, err);
}

static void w2_free(w2_batch *b) {
  for (int i = 0; i < W2_N; ++i)
    sim_run_free(&b->unit[i]);
}

/* dw_i = w(rho_i) / w(0.5) - 1 (SPEC.md 4) */
static double dw_of_weight(double w) {
  return w / (1.0 + (gb_b - 1.0) * 0.5) - 1.0;
}

/* The summary values of SPEC.md 4 from a rho curve. */
typedef struct {
  int onset; /* index of the lowest rate with dw < -0.001, -1: none */
  double f_cross_hz, dw_min, dw_max;
} w2_summary;

static w2_summary summarise(const double *rho) {
  w2_summary s = {-1, NAN, INFINITY, -INFINITY};
  double dw[W2_N];
  for (int i = 0; i < W2_N; ++i) {
    dw[i] = (1.0 + (gb_b - 1.0) * rho[i]) / (1.0 + (gb_b - 1.0) * 0.5) - 1.0;
    s.dw_min = fmin(s.dw_min, dw[i]);
    s.dw_max = fmax(s.dw_max, dw[i]);
    if (s.onset < 0 && dw[i] < -0.001)
      s.onset = i;
  }
  for (int i = 0; i + 1 < W2_N && isnan(s.f_cross_hz); ++i)
    if (dw[i] < 0.0 && dw[i + 1] > 0.0) { /* interpolated linearly in log f */
      const double l0 = log(w2_rate_hz(i)), l1 = log(w2_rate_hz(i + 1));
      s.f_cross_hz = exp(l0 + (l1 - l0) * (0.0 - dw[i]) / (dw[i + 1] - dw[i]));
    }
  return s;
}

static void w2_agrees_with_reference(void **state) {
  (void)state;
  static w2_batch b;
  w2_load(&b);
  ltp_error err = {LTP_OK, ""};
  if (w2_run(&b, 2, &err) != LTP_OK)
    fail_msg("%s", err.msg);
  json_t *ref = read_reference("W2_N50_ref_rk4_dt0.1.json");
  const json_t *ref_rho = json_object_get(ref, "rho_final");
  assert_int_equal(json_array_size(ref_rho), W2_N);
  double rho[W2_N], rho_ref[W2_N], max_diff = 0.0;
  int within = 0;
  for (int i = 0; i < W2_N; ++i) {
    rho[i] = rho_of_weight(b.weight[i]);
    rho_ref[i] = json_number_value(json_array_get(ref_rho, (size_t)i));
    const double d = fabs(rho[i] - rho_ref[i]);
    within += d <= 0.02;
    max_diff = fmax(max_diff, d);
  }
  const w2_summary m = summarise(rho), r = summarise(rho_ref);
  print_message("W2 N=50: %d/%d within 0.02 (max |d rho| %.4f); LTD onset %.4f Hz (ref %.4f); "
                "crossover %.4f Hz (ref %.4f); dw %.5f..%.5f (ref %.5f..%.5f)\n",
                within, W2_N, max_diff, w2_rate_hz(m.onset), w2_rate_hz(r.onset), m.f_cross_hz,
                r.f_cross_hz, m.dw_min, m.dw_max, r.dw_min, r.dw_max);
  assert_true(within >= 0.95 * W2_N);
  assert_true(m.onset >= 0 && abs(m.onset - r.onset) <= 1);
  assert_true(fabs(m.f_cross_hz / r.f_cross_hz - 1.0) <= 0.03);
  assert_true(fabs(m.dw_min - r.dw_min) <= 0.01 && fabs(m.dw_max - r.dw_max) <= 0.01);
  assert_true(fabs(dw_of_weight(b.weight[0])) < 1e-9); /* 0.5 Hz: rho stays at rho* */
  json_decref(ref);
  w2_free(&b);
}

/* Every unit of a batch equals its run alone with the same recording options, with 1 and 2
 * threads, bit for bit. Recording traces makes the sample times step boundaries, which moves a
 * result within the integration error: less than SPEC.md 7's 0.002 in rho (measured: 0.0013 at
 * the 10.3 Hz unit, on the LTD/LTP transition). */
static void batch_equals_single_runs(void **state) {
  (void)state;
  static w2_batch b;
  w2_load(&b);
  ltp_error err = {LTP_OK, ""};
  double one[W2_N], two[W2_N];
  assert_int_equal(w2_run(&b, 1, &err), LTP_OK);
  memcpy(one, b.weight, sizeof one);
  assert_int_equal(w2_run(&b, 2, &err), LTP_OK);
  memcpy(two, b.weight, sizeof two);
  for (int i = 0; i < W2_N; i += 7) { /* a sample of units run alone */
    ltp_results res;
    memset(&res, 0, sizeof res);
    const ltp_sim_options opt = {.no_traces = 1};
    assert_int_equal(
        ltp_simulate(&b.unit[i].params, &b.unit[i].proto, b.unit[i].seed, &opt, &res, &err),
        LTP_OK);
    const double alone = final_state(&res, "p1.plasticity.weight");
    ltp_results_free(&res);
    assert_memory_equal(&alone, &one[i], sizeof alone);
    const ltp_sim_options recorded = {.no_traces = 0};
    memset(&res, 0, sizeof res);
    assert_int_equal(
        ltp_simulate(&b.unit[i].params, &b.unit[i].proto, b.unit[i].seed, &recorded, &res, &err),
        LTP_OK);
    const double with_traces = final_state(&res, "p1.plasticity.weight");
    ltp_results_free(&res);
    print_message("unit %d: weight %.15g, recorded %.15g\n", i, alone, with_traces);
    assert_true(fabs(rho_of_weight(with_traces) - rho_of_weight(alone)) <= 0.002);
  }
  assert_memory_equal(one, two, sizeof one);
  w2_free(&b);
}

/* A failing unit is reported by number; with two failing units, the lower one, whatever the
 * thread count. */
static void batch_reports_lowest_failure(void **state) {
  (void)state;
  static w2_batch b;
  w2_load(&b);
  b.fail_unit = 11; /* units 11 and 14 fail */
  for (int threads = 1; threads <= 2; ++threads) {
    ltp_error err = {LTP_OK, ""};
    assert_int_equal(w2_run(&b, threads, &err), LTP_ERR_ARG);
    assert_non_null(strstr(err.msg, "unit 11: made to fail"));
  }
  w2_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(w1_short_dt_0025),
      cmocka_unit_test(w1_short_dt_01),
      cmocka_unit_test(w2_agrees_with_reference),
      cmocka_unit_test(batch_equals_single_runs),
      cmocka_unit_test(batch_reports_lowest_failure),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
