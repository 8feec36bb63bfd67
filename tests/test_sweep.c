/* Tests of ltpsim sweep's plan and execution (src/sweep): a one-point sweep gives bit for bit
 * the potentiation and peak Ca2+ of a single run of the same experiment (unvaried, with a varied
 * parameter, with a varied placeholder); the results do not depend on the thread count; a run
 * that fails is reported and the others go on; the product grid, seeds of repeats, protocols
 * reused in a workspace, drug changes resolved per point, readout times united over the grid;
 * every family's plan builds; bad input fails before anything runs, naming the argument. The
 * short experiment tests/data/sweep/short.exp keeps this fast enough for the sanitizer build. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the headers above */
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/run.h"
#include "io/vary.h"
#include "ltpsim/ltpsim.h"
#include "read_file.h"
#include "sweep/family.h"
#include "sweep/output.h"
#include "sweep/plan.h"

typedef struct {
  ltp_sweep_axis axes[LTP_SWEEP_MAX_AXES];
  ltp_sweep_spec spec;
  ltp_sweep_plan plan;
  char file[1024];
} sweep;

static const char *source_path(char *buf, size_t n, const char *rel) {
  snprintf(buf, n, "%s/%s", getenv("LTP_SOURCE_DIR"), rel);
  return buf;
}

/* Parse the --vary arguments (NULL-terminated) and build the plan of rel (NULL: the default
 * experiment); returns the status, the message in err. */
static ltp_status build(sweep *s, const char *rel, const char *const *vary, const char *const *sets,
                        unsigned repeats, ltp_error *err) {
  memset(s, 0, sizeof *s);
  size_t n = 0, n_sets = 0;
  ltp_status st = LTP_OK;
  for (; st == LTP_OK && vary && vary[n]; ++n)
    st = ltp_sweep_axis_parse(vary[n], &s->axes[n], err);
  while (sets && sets[n_sets])
    ++n_sets;
  s->spec = (ltp_sweep_spec){rel ? source_path(s->file, sizeof s->file, rel) : NULL,
                             s->axes,
                             n,
                             sets,
                             n_sets,
                             repeats,
                             0,
                             0};
  return st == LTP_OK ? ltp_sweep_plan_build(&s->spec, &s->plan, err) : st;
}

static void build_ok(sweep *s, const char *rel, const char *const *vary, const char *const *sets,
                     unsigned repeats) {
  ltp_error err = {0};
  if (build(s, rel, vary, sets, repeats, &err) != LTP_OK)
    fail_msg("%s", err.msg);
}

static void sweep_free(sweep *s) {
  ltp_sweep_plan_free(&s->plan);
  for (size_t k = 0; k < LTP_SWEEP_MAX_AXES; ++k)
    ltp_sweep_axis_free(&s->axes[k]);
}

static void execute(const sweep *s, int threads, ltp_sweep_results *res) {
  ltp_error err = {0};
  assert_int_equal(ltp_sweep_execute(&s->plan, threads, NULL, NULL, res, &err), LTP_OK);
  assert_int_equal(res->n_failed, 0);
}

/* ---- a one-point sweep is the single run, bit for bit ---- */

/* The single run: the file (with rate substituted when rate != NULL), then the override. */
static ltp_run *single_run(const char *rate, const char *set) {
  char path[1024];
  source_path(path, sizeof path, "tests/data/sweep/short.exp");
  ltp_run *run = NULL;
  assert_int_equal(ltp_run_create(&run), LTP_OK);
  ltp_status st = ltp_run_load_file(run, path);
  if (rate != NULL) {
    ltp_svg_buf base, text, label;
    ltp_svg_buf_init(&base);
    ltp_svg_buf_init(&text);
    ltp_svg_buf_init(&label);
    const char *name = "rate";
    ltp_error err = {0};
    assert_int_equal(ltp_vary_read(path, &base, &err), LTP_OK);
    assert_int_equal(ltp_vary_substitute(base.data, path, &name, &rate, 1, &text, &label, &err),
                     LTP_OK);
    st = ltp_run_load_string(run, text.data, label.data);
    ltp_svg_buf_free(&base);
    ltp_svg_buf_free(&text);
    ltp_svg_buf_free(&label);
  }
  if (st == LTP_OK && set != NULL)
    st = ltp_run_set(run, set);
  if (st == LTP_OK)
    st = ltp_run_execute(run);
  if (st != LTP_OK)
    fail_msg("%s", ltp_run_error(run));
  return run;
}

static void expect_same_as_run(const char *vary_arg, const char *rate, const char *set) {
  sweep s;
  const char *vary[] = {vary_arg, NULL};
  build_ok(&s, "tests/data/sweep/short.exp", vary_arg ? vary : NULL, NULL, 1);
  assert_int_equal(s.plan.n_runs, 1);
  ltp_sweep_results res;
  execute(&s, 1, &res);
  ltp_run *run = single_run(rate, set);
  const ltp_sweep_layout *l = &s.plan.layout;
  assert_int_equal(l->n_times, 2);
  for (size_t i = 0; i < l->n; ++i) {
    const ltp_sweep_metric m = ltp_sweep_metric_at(l, i);
    double want = NAN;
    if (m.kind == LTP_METRIC_POTENTIATION)
      assert_int_equal(ltp_run_get_potentiation(run, m.pathway, m.after_min, &want), LTP_OK);
    else if (m.kind == LTP_METRIC_PEAK_CA)
      assert_int_equal(ltp_run_get_peak_calcium(run, m.pathway, &want, NULL), LTP_OK);
    else
      assert_int_equal(ltp_run_get_final(run, "p1.plasticity.weight", &want), LTP_OK);
    if (!(res.metrics[i] == want)) /* bit for bit */
      fail_msg("%s: %s = %.17g in the sweep, %.17g in the run", vary_arg ? vary_arg : "no vary",
               m.name, res.metrics[i], want);
  }
  assert_true(res.metrics[0] > 120.0); /* the tetanus potentiates */
  ltp_run_free(run);
  ltp_sweep_results_free(&res);
  sweep_free(&s);
}

static void test_one_point_equals_run(void **state) {
  (void)state;
  expect_same_as_run(NULL, NULL, NULL);
  expect_same_as_run("nmda.mg_o=1.5 mM", NULL, "nmda.mg_o=1.5 mM");
  expect_same_as_run("rate=50 Hz", "50 Hz", NULL);
}

/* ---- thread count, repeats and seeds ---- */

static void test_threads_and_repeats(void **state) {
  (void)state;
  sweep s;
  const char *vary[] = {"rate=20,100 Hz", NULL}, *sets[] = {"release.mode=stochastic", NULL};
  build_ok(&s, "tests/data/sweep/short.exp", vary, sets, 2);
  assert_int_equal(s.plan.n_runs, 4);
  for (size_t j = 0; j < 4; ++j) /* repeat r runs with the file's seed (1) + r */
    assert_int_equal(ltp_sweep_run_seed(&s.plan, j), 1 + j % 2);
  ltp_sweep_results one, two;
  execute(&s, 1, &one);
  execute(&s, 2, &two);
  const size_t bytes = 4 * s.plan.layout.n * sizeof(double);
  assert_memory_equal(one.metrics, two.metrics, bytes);
  assert_memory_equal(one.status, two.status, 4);
  assert_true(one.metrics[0] != one.metrics[s.plan.layout.n]); /* stochastic repeats differ */
  ltp_sweep_results_free(&one);
  ltp_sweep_results_free(&two);
  sweep_free(&s);
}

/* A run that fails is counted and reported with empty metrics; the others go on; the outputs
 * hold no NaN. The failure: the point engine checks v_reset < v_th when a run starts. */
static void test_failed_run(void **state) {
  (void)state;
  sweep s;
  const char *vary[] = {"lif.v_reset=-60,-40,-60 mV", NULL};
  build_ok(&s, "bench/w2.exp", vary, NULL, 1);
  ltp_sweep_results res;
  ltp_error err = {0};
  assert_int_equal(ltp_sweep_execute(&s.plan, 2, NULL, NULL, &res, &err), LTP_OK);
  assert_int_equal(res.n_failed, 1);
  assert_int_equal(res.first_failed, 1);
  assert_int_equal(res.status[1], LTP_ERR_RANGE);
  assert_non_null(strstr(res.first_error.msg, "v_reset (-40 mV)"));
  const size_t m = s.plan.layout.n, weight = m - 2; /* p1_weight */
  for (size_t i = 0; i < m; ++i)
    assert_true(isnan(res.metrics[m + i]));
  assert_true(isfinite(res.metrics[weight]) && res.metrics[2 * m + weight] == res.metrics[weight]);
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/test_sweep_out_%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
           (int)getpid());
  const ltp_sweep_report report = {"test", NULL, &s.spec, &s.plan, &res, 2, 0.0};
  assert_int_equal(ltp_sweep_write(&report, dir, &err), LTP_OK);
  const char *files[] = {"sweep.csv", "summary.json", "sweep.svg"};
  for (size_t f = 0; f < 3; ++f) {
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, files[f]);
    char *text = read_file(path);
    assert_null(strstr(text, "nan"));
    if (f == 0)
      assert_non_null(strstr(text, "\n-40,1,1,LTP_ERR_RANGE,,,\n"));
    if (f == 1) {
      assert_non_null(strstr(text, "\"n\": 1,\n    \"first\": {\n      \"run\": 2"));
      json_t *root = json_loads(text, 0, NULL); /* valid JSON: no NaN */
      assert_non_null(root);
      json_decref(root);
    }
    free(text);
    remove(path);
  }
  rmdir(dir);
  ltp_sweep_results_free(&res);
  sweep_free(&s);
}

/* ---- the grid ---- */

/* Run j of s built in w (the workspace of one thread). */
static ltp_sweep_job job_of(const sweep *s, size_t j, ltp_sweep_workspace *w) {
  ltp_sweep_job job;
  ltp_error err = {0};
  if (ltp_sweep_plan_job(&s->plan, j, w, &job, &err) != LTP_OK)
    fail_msg("run %zu: %s", j, err.msg);
  return job;
}

static void test_product_grid(void **state) {
  (void)state;
  sweep s;
  const char *vary[] = {"rate=20,50,100 Hz", "nmda.mg_o=1,2 mM", NULL};
  build_ok(&s, "tests/data/sweep/short.exp", vary, NULL, 3);
  assert_int_equal(s.plan.n_points, 6);
  assert_int_equal(s.plan.n_runs, 18);
  assert_false(s.plan.is_param[0]);
  assert_true(s.plan.is_param[1]);
  assert_int_equal(s.plan.n_combos, 3);
  /* point 3 is rate 50 Hz (index 1), [Mg] 2 mM (index 1): the last key varies fastest */
  assert_int_equal(ltp_sweep_point_index(&s.spec, 3, 0), 1);
  assert_int_equal(ltp_sweep_point_index(&s.spec, 3, 1), 1);
  ltp_sweep_workspace w;
  ltp_sweep_workspace_init(&w);
  ltp_sweep_job job = job_of(&s, 2 * 3, &w); /* point 2: 50 Hz, 1 mM */
  assert_true(job.params->nmda.mg_o_mM == 1.0 && job.seed == 1);
  job = job_of(&s, 3 * 3 + 2, &w); /* point 3, repeat 3: the protocol is reused */
  assert_true(job.params->nmda.mg_o_mM == 2.0 && job.seed == 3);
  assert_int_equal(w.loads, 1);
  job = job_of(&s, 0, &w); /* 20 Hz: loaded */
  assert_int_equal(w.loads, 2);
  assert_true(s.plan.bytes < 100000 && s.plan.workspace_bytes > sizeof w);
  ltp_sweep_workspace_free(&w);
  sweep_free(&s);

  /* default readout times follow the induction, which the rate moves (every train of
   * bench/w2.exp ends at the same time): the layout is the union */
  const char *w2[] = {"rate=0.5,100 Hz", NULL};
  build_ok(&s, "bench/w2.exp", w2, NULL, 1);
  ltp_sweep_workspace_init(&w);
  const size_t slow = job_of(&s, 0, &w).proto->n_readout_times;
  assert_true(slow > job_of(&s, 1, &w).proto->n_readout_times);
  assert_int_equal(s.plan.layout.n_times, slow);
  ltp_sweep_workspace_free(&w);
  sweep_free(&s);

  /* drug applications are resolved against each point's parameters: AP5 adds its block to
   * the point's nmda.block and the wash-out restores it */
  const char *block[] = {"nmda.block=0,0.5", NULL};
  build_ok(&s, "examples/ap5_hfs.exp", block, NULL, 1);
  ltp_sweep_workspace_init(&w);
  job = job_of(&s, 0, &w);
  assert_true(job.proto->n_changes >= 2);
  const double on0 = job.proto->changes[0].value, off0 = job.proto->changes[1].value;
  job = job_of(&s, 1, &w);
  assert_int_equal(w.loads, 1);
  assert_true(job.proto->changes[0].value > on0 && off0 == 0.0);
  assert_true(job.proto->changes[1].value == 0.5);
  ltp_sweep_workspace_free(&w);
  sweep_free(&s);
}

static void test_families_build(void **state) {
  (void)state;
  size_t n = 0;
  const ltp_sweep_family *fam = ltp_sweep_families(&n);
  assert_int_equal(n, 4);
  const size_t points[] = {5, 21, 9, 8}; /* frequency_response, stdp_window, mg_dose, ca_dose */
  for (size_t i = 0; i < n; ++i) {
    char rel[256];
    snprintf(rel, sizeof rel, "validation/%s", fam[i].file);
    sweep s;
    build_ok(&s, rel, fam[i].vary, NULL, 1);
    assert_int_equal(s.plan.n_points, points[i]);
    sweep_free(&s);
  }
  assert_ptr_equal(ltp_sweep_family_find("stdp_window"), &fam[1]);
  assert_null(ltp_sweep_family_find("nope"));
}

/* ---- bad input ---- */

static void expect_error(const char *rel, const char *vary_arg, const char *vary2, const char *set,
                         ltp_status want, const char *part) {
  sweep s;
  const char *vary[] = {vary_arg, vary2, NULL}, *sets[] = {set, NULL};
  ltp_error err = {0};
  const ltp_status st = build(&s, rel, vary, sets, 1, &err);
  if (st != want || strstr(err.msg, part) == NULL)
    fail_msg("%s: got %s \"%s\", want %s with \"%s\"", vary_arg, ltp_status_name(st), err.msg,
             ltp_status_name(want), part);
  assert_int_equal(s.plan.n_points, 0); /* nothing kept */
  sweep_free(&s);
}

static void test_bad_input(void **state) {
  (void)state;
  const char *shrt = "tests/data/sweep/short.exp";
  expect_error(shrt, "nmda.bogus=1,2 mM", NULL, NULL, LTP_ERR_UNKNOWN_KEY,
               "--vary nmda.bogus=1,2 mM: unknown parameter \"nmda.bogus\"; nmda has: ");
  expect_error(shrt, "speed=1,2 Hz", NULL, NULL, LTP_ERR_UNKNOWN_KEY, "nor a placeholder of");
  expect_error(NULL, "rate=1,2 Hz", NULL, NULL, LTP_ERR_UNKNOWN_KEY,
               "the default experiment has no placeholders");
  expect_error(shrt, "nmda.mg_o=1,2", NULL, NULL, LTP_ERR_UNIT, "value \"1\": missing unit");
  expect_error(shrt, "nmda.mg_o=1,2 ms", NULL, NULL, LTP_ERR_UNIT, "expected a concentration");
  expect_error(shrt, "nmda.mg_o=1,50 mM", NULL, NULL, LTP_ERR_RANGE,
               "value \"50 mM\": 50 mM is outside the accepted range");
  expect_error(shrt, "rate=1,2 mM", NULL, NULL, LTP_ERR_UNIT, "[rate = 1 mM]");
  expect_error(shrt, "rate=20,100 Hz", "rate=1,2 Hz", NULL, LTP_ERR_ARG, "varied twice");
  expect_error(shrt, "nmda.mg_o=lin:0:4:5000 mM", "calcium.ca_o=lin:1:3:5000 mM", NULL,
               LTP_ERR_RANGE, "more than 10000000 runs");
  expect_error("tests/data/sweep/none.exp", "nmda.mg_o=1 mM", NULL, NULL, LTP_ERR_IO, "none.exp");
  expect_error("tests/data/sweep/none.exp", "rate=1 Hz", NULL, NULL, LTP_ERR_IO, "none.exp");
  expect_error(shrt, "nmda.mg_o=1 mM", NULL, "nmda.mg_o=1 ms", LTP_ERR_UNIT, "--set");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_one_point_equals_run), cmocka_unit_test(test_threads_and_repeats),
      cmocka_unit_test(test_failed_run),           cmocka_unit_test(test_product_grid),
      cmocka_unit_test(test_families_build),       cmocka_unit_test(test_bad_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
