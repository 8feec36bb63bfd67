/* Tests of the validation-suite machinery (src/validate): case selection and bad names,
 * classification of outcomes (pass, fail, expected failure, unexpected pass) and the exit
 * code, the "# vary:" substitution and its errors, and the writers (validation.json,
 * validation.html, atomic output directory). Only mechanism-level cases and one 2-minute
 * experiment are run, so this also runs under the sanitizers. */
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
#include <sys/stat.h>
#include <unistd.h>

#include "validate/validate.h"

static const char *validation_dir(void) {
  static char dir[1024];
  snprintf(dir, sizeof dir, "%s/validation", getenv("LTP_SOURCE_DIR"));
  return dir;
}

/* ---- a synthetic case: two checks, values set by the test ---- */

static const ltp_val_check two_checks[] = {
    {"inside", "quantity (unit)", 1, 0.0, 1.0},
    {"open above", "quantity (unit)", 2, 5.0, HUGE_VAL},
};

static ltp_status eval_none(const ltp_val_ctx *ctx, double *v, ltp_error *err) {
  (void)ctx;
  (void)v;
  (void)err;
  return LTP_OK;
}

static ltp_val_case synthetic(const char *expected_failure) {
  ltp_val_case c = {.name = "synthetic",
                    .source = "test",
                    .protocol = "none",
                    .metric = "m",
                    .target = "t",
                    .tolerance = "tol",
                    .x_label = "x",
                    .checks = two_checks,
                    .n_checks = 2,
                    .eval = eval_none,
                    .expected_failure = expected_failure};
  return c;
}

static ltp_val_outcome classify(const ltp_val_case *c, double v0, double v1) {
  double values[2] = {v0, v1};
  int pass[2] = {0, 0};
  ltp_val_result r = {.c = c, .values = values, .pass = pass};
  ltp_val_classify(&r);
  return r.outcome;
}

static void test_classify_outcomes(void **state) {
  (void)state;
  const ltp_val_case ok = synthetic(NULL), xf = synthetic("known: the model lacks X");
  assert_int_equal(classify(&ok, 0.5, 7.0), LTP_VAL_PASS);
  assert_int_equal(classify(&ok, 1.5, 7.0), LTP_VAL_FAIL);
  assert_int_equal(classify(&ok, 0.5, NAN), LTP_VAL_FAIL); /* unmeasured never passes */
  assert_int_equal(classify(&ok, 0.0, 5.0), LTP_VAL_PASS); /* band edges are inside */
  assert_int_equal(classify(&xf, 1.5, 7.0), LTP_VAL_XFAIL);
  assert_int_equal(classify(&xf, 0.5, 7.0), LTP_VAL_XPASS);
}

static void test_exit_code(void **state) {
  (void)state;
  ltp_val_result res[2] = {{.outcome = LTP_VAL_PASS}, {.outcome = LTP_VAL_XFAIL}};
  ltp_val_report r = {.results = res, .n = 2, .jobs = 1};
  assert_int_equal(ltp_val_exit_code(&r), 0);
  const ltp_val_outcome bad[] = {LTP_VAL_FAIL, LTP_VAL_XPASS, LTP_VAL_ERROR};
  for (size_t i = 0; i < 3; ++i) {
    res[1].outcome = bad[i];
    assert_int_equal(ltp_val_exit_code(&r), 1);
  }
}

/* ---- selection ---- */

static void test_select(void **state) {
  (void)state;
  size_t n_all = 0, n = 0;
  const ltp_val_case *all = ltp_val_cases(&n_all);
  assert_true(n_all >= 13);
  const ltp_val_case **sel = calloc(n_all, sizeof *sel);
  ltp_error err = {0};
  assert_int_equal(ltp_val_select(NULL, sel, &n, &err), LTP_OK);
  assert_int_equal(n, n_all);
  assert_int_equal(ltp_val_select("mg_block", sel, &n, &err), LTP_OK);
  assert_int_equal(n, 1);
  assert_string_equal(sel[0]->name, "mg_block");
  assert_int_equal(ltp_val_select("pharmacology", sel, &n, &err), LTP_OK);
  assert_true(n >= 6);
  for (size_t i = 0; i < n; ++i)
    assert_string_equal(sel[i]->group, "pharmacology");
  assert_int_equal(ltp_val_select("mg_blok", sel, &n, &err), LTP_ERR_UNKNOWN_KEY);
  assert_int_equal(n, 0);
  assert_non_null(strstr(err.msg, "unknown case 'mg_blok'"));
  for (size_t i = 0; i < n_all; ++i) /* the message lists every valid name */
    assert_non_null(strstr(err.msg, all[i].name));
  /* names are unique, every case has checks, a source and an evaluation */
  for (size_t i = 0; i < n_all; ++i) {
    assert_true(all[i].n_checks > 0 && all[i].eval != NULL && all[i].source != NULL);
    for (size_t k = 0; k < i; ++k)
      assert_string_not_equal(all[i].name, all[k].name);
  }
  free(sel);
}

/* ---- running: mechanism cases, a varied experiment, bad vary lines ---- */

static void run_named(const char *name, ltp_val_report *r) {
  size_t n_all = 0, n = 0;
  (void)ltp_val_cases(&n_all);
  const ltp_val_case **sel = calloc(n_all, sizeof *sel);
  ltp_error err = {0};
  assert_int_equal(ltp_val_select(name, sel, &n, &err), LTP_OK);
  const ltp_status st = ltp_val_run_suite(sel, n, validation_dir(), 2, NULL, r, &err);
  if (st != LTP_OK)
    fail_msg("%s", err.msg);
  free(sel);
}

static void test_mechanism_cases_pass(void **state) {
  (void)state;
  const char *names[] = {"mg_block", "short_term_plasticity", "camkii_bistability"};
  for (size_t i = 0; i < 3; ++i) {
    ltp_val_report r;
    run_named(names[i], &r);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.results[0].outcome, LTP_VAL_PASS);
    ltp_val_report_free(&r);
  }
}

/* --set overrides reach the mechanism-level cases too (the suite "with a parameter changed
 * everywhere"): CaMKII binding Ca4-CaM three times less tightly (K5) loses the UP branch at
 * rest, and an unknown key is an error even where no case runs a simulation. (The case reads
 * Ca2+ through GB2007's CaM, so an override of CaM's own constants does not move it.) */
static void test_overrides_reach_mechanism_cases(void **state) {
  (void)state;
  size_t n_all = 0, n = 0;
  (void)ltp_val_cases(&n_all);
  const ltp_val_case **sel = calloc(n_all, sizeof *sel);
  ltp_error err = {0};
  assert_int_equal(ltp_val_select("camkii_bistability", sel, &n, &err), LTP_OK);
  const char *const less_sensitive[] = {"camkii.k5=0.3 uM", NULL};
  ltp_val_report r;
  assert_int_equal(ltp_val_run_suite(sel, n, validation_dir(), 1, less_sensitive, &r, &err),
                   LTP_OK);
  assert_int_equal(r.results[0].outcome, LTP_VAL_FAIL);
  assert_true(r.results[0].values[1] < 5.0); /* no UP branch at 0.1 uM */
  ltp_val_report_free(&r);
  assert_int_equal(ltp_val_select("short_term_plasticity", sel, &n, &err), LTP_OK);
  const char *const unknown[] = {"release.bogus=1", NULL};
  assert_int_equal(ltp_val_run_suite(sel, n, validation_dir(), 1, unknown, &r, &err),
                   LTP_ERR_UNKNOWN_KEY);
  free(sel);
}

/* spine_ca varies "pre", "post" and "delay" in validation/spine_ca.exp, and runs the pre pulse
 * with stochastic release over seeds 1-20 (a run spec's sets and seeds) and one uncaged
 * quantum: all load and run, some seeds release and some fail (else NAN), and a released
 * quantum, which the pathway's population EPSP accompanies, raises spine Ca2+ more than the
 * same glutamate uncaged at the spine alone. */
static void test_vary_runs(void **state) {
  (void)state;
  ltp_val_report r;
  run_named("spine_ca", &r);
  const ltp_val_result *res = &r.results[0];
  assert_int_not_equal(res->outcome, LTP_VAL_ERROR);
  assert_true(isfinite(res->values[0]) && isfinite(res->values[1]));
  assert_true(res->values[0] > res->values[1] && res->values[1] > 0.0);
  /* were "pre", "post" and "delay" not substituted, the four runs would all be the file's
   * +10 ms pairing and both pairing / sum ratios exactly 0.5 */
  assert_true(fabs(res->values[3] - 0.5) > 1e-3 && fabs(res->values[4] - 0.5) > 1e-3);
  ltp_val_report_free(&r);
}

static ltp_status run_spec(const ltp_val_run_spec *spec, ltp_error *err) {
  ltp_error_clear(err);
  ltp_val_case c = synthetic(NULL);
  c.runs = spec;
  c.n_runs = 1;
  const ltp_val_case *sel[] = {&c};
  ltp_val_report r;
  const ltp_status st = ltp_val_run_suite(sel, 1, validation_dir(), 1, NULL, &r, err);
  if (st == LTP_OK)
    ltp_val_report_free(&r);
  return st;
}

static void test_bad_vary_and_files(void **state) {
  (void)state;
  ltp_error err = {0};
  const ltp_val_run_spec unknown = {"stdp.exp", {{"dealy", "5 ms"}}, {NULL}, 0};
  assert_int_equal(run_spec(&unknown, &err), LTP_ERR_PARSE);
  assert_non_null(strstr(err.msg, "no line marked '# vary: dealy'"));
  const ltp_val_run_spec bad_value = {"stdp.exp", {{"delay", "5 Hz"}}, {NULL}, 0};
  assert_int_equal(run_spec(&bad_value, &err), LTP_ERR_UNIT);
  assert_non_null(strstr(err.msg, "[delay = 5 Hz]"));
  const ltp_val_run_spec missing = {"no_such_file.exp", {{NULL}}, {NULL}, 0};
  assert_int_equal(run_spec(&missing, &err), LTP_ERR_IO);
  assert_non_null(strstr(err.msg, "no_such_file.exp"));
  const ltp_val_run_spec bad_set = {"stdp.exp", {{NULL}}, {"nmda.mg_o=1 ms"}, 0};
  assert_int_equal(run_spec(&bad_set, &err), LTP_ERR_UNIT);
}

/* ---- writers ---- */

static ltp_val_report synthetic_report(ltp_val_result *res, ltp_val_case *c, double *values,
                                       int *pass) {
  res->c = c;
  res->values = values;
  res->pass = pass;
  ltp_val_classify(res);
  ltp_val_report r = {.results = res, .n = 1, .jobs = 2, .wall_s = 1.5};
  return r;
}

static void test_json(void **state) {
  (void)state;
  ltp_val_case c = synthetic("known");
  double values[2] = {1.5, NAN};
  int pass[2];
  ltp_val_result res = {0};
  const ltp_val_report r = synthetic_report(&res, &c, values, pass);
  ltp_error err = {0};
  json_t *root = ltp_val_json(&r, &err);
  assert_non_null(root);
  assert_int_equal(json_integer_value(json_object_get(root, "schema_version")), 1);
  assert_true(json_is_true(json_object_get(root, "ok"))); /* an expected failure that fails */
  json_t *c0 = json_array_get(json_object_get(root, "cases"), 0);
  assert_string_equal(json_string_value(json_object_get(c0, "name")), "synthetic");
  assert_string_equal(json_string_value(json_object_get(c0, "outcome")), "expected failure");
  assert_string_equal(json_string_value(json_object_get(c0, "expected_failure")), "known");
  assert_true(json_is_false(json_object_get(c0, "pass")));
  json_t *k1 = json_array_get(json_object_get(c0, "checks"), 1);
  assert_true(json_is_null(json_object_get(k1, "hi"))); /* open side: null, never Inf */
  assert_true(json_is_null(json_object_get(k1, "model")));
  json_decref(root);
}

static void test_html_and_write(void **state) {
  (void)state;
  ltp_val_case c = synthetic(NULL);
  double values[2] = {0.5, 9.0};
  int pass[2];
  ltp_val_result res = {0};
  const ltp_val_report r = synthetic_report(&res, &c, values, pass);
  ltp_svg_buf html;
  ltp_svg_buf_init(&html);
  assert_int_equal(ltp_val_html(&r, &html), LTP_OK);
  assert_non_null(strstr(html.data, "<svg"));
  assert_non_null(strstr(html.data, "id=\"synthetic\""));
  assert_non_null(strstr(html.data, "published band"));
  assert_non_null(strstr(html.data, "suite OK"));
  ltp_svg_buf_free(&html);

  char dir[] = "/tmp/ltp_val_testXXXXXX";
  assert_non_null(mkdtemp(dir));
  char out[1100], path[1200];
  snprintf(out, sizeof out, "%s/out", dir);
  ltp_error err = {0};
  assert_int_equal(ltp_val_write(&r, out, &err), LTP_OK);
  assert_int_equal(ltp_val_write(&r, out, &err), LTP_OK); /* a previous validation output */
  snprintf(path, sizeof path, "%s/validation.json", out);
  assert_int_equal(access(path, R_OK), 0);
  snprintf(path, sizeof path, "%s/validation.html", out);
  assert_int_equal(access(path, R_OK), 0);
  /* a directory that is not a validation output is refused and left alone */
  snprintf(path, sizeof path, "%s/mine.txt", dir);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fclose(f);
  assert_int_equal(ltp_val_write(&r, dir, &err), LTP_ERR_IO);
  assert_non_null(strstr(err.msg, "validation.json"));
  snprintf(path, sizeof path, "%s/validation.json", dir);
  assert_int_not_equal(access(path, F_OK), 0);
  assert_int_equal(system(NULL) != 0, 1);
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_classify_outcomes),
      cmocka_unit_test(test_exit_code),
      cmocka_unit_test(test_select),
      cmocka_unit_test(test_mechanism_cases_pass),
      cmocka_unit_test(test_overrides_reach_mechanism_cases),
      cmocka_unit_test(test_vary_runs),
      cmocka_unit_test(test_bad_vary_and_files),
      cmocka_unit_test(test_json),
      cmocka_unit_test(test_html_and_write),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
