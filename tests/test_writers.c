/* Tests of the output writers: a synthetic run written to a temporary directory gives every
 * file, summary.json reads back with the documented fields, NaN and unwritable paths fail
 * cleanly with nothing left behind; plus the recorder appends and the progress-bar text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/recorder.h"
#include "io/progress.h"
#include "io/writers.h"
#include "mech/registry.h"
#include "read_file.h"

static const char *const all_files[] = {"summary.json", "readouts.csv",       "traces.csv",
                                        "state.csv",    "ltp_timecourse.svg", "expression.svg",
                                        "traces.svg",   "report.html"};
#define N_ALL_FILES (sizeof all_files / sizeof all_files[0])

/* A two-pathway run: 20 min baseline at 3 pulses/min, induction at 20 min, 60 min after;
 * pathway 1 potentiates to 150 %, pathway 2 stays at 100 %. */
typedef struct {
  ltp_results res;
  ltp_protocol proto;
  ltp_params params;
  ltp_mark marks[2];
  char tmp[256]; /* a fresh temporary directory */
} fixture;

static ltp_readout make_readout(double t_min, int pathway) {
  int up = pathway == 0 && t_min >= 20.0;
  ltp_readout r;
  memset(&r, 0, sizeof r);
  r.t_ms = t_min * 60000.0;
  r.pathway = pathway;
  r.epsp_slope_mV_ms = up ? 1.5 : 1.0;
  r.epsp_amp_mV = up ? 3.0 : 2.0;
  r.slope_pct = up ? 150.0 : 100.0;
  r.n_ampa_syn = up ? 120.0 : 100.0;
  r.gamma_ampa_pS = up ? 12.5 : 10.0;
  r.p_release = 0.3;
  r.vesicles = 0.3;
  return r;
}

static void fill_trace(ltp_trace *tr) {
  static const char *const names[] = {"spine_v_mV", "mg_unblock", "spine_ca"};
  static const char *const units[] = {"mV", "1", "uM"};
  tr->n_vars = 3;
  for (size_t k = 0; k < 3; k++) {
    tr->names[k] = names[k];
    tr->units[k] = units[k];
  }
  for (int i = 0; i < 200; i++) {
    double t = 1200000.0 - 100.0 + i * 10.0;
    double v[3] = {-70.0 + 20.0 * (i > 10 && i < 110), 0.1 + 0.002 * i, 0.05 + 0.01 * i};
    assert_int_equal(ltp_trace_append(tr, t, v), LTP_OK);
  }
}

static void fill_results(ltp_results *res) {
  for (int i = 0; i < 240; i++)
    for (int pw = 0; pw < 2; pw++) {
      ltp_readout r = make_readout(i / 3.0, pw);
      assert_int_equal(ltp_readout_append(&res->readouts, &r), LTP_OK);
    }
  fill_trace(&res->trace);
  res->n_potentiation = 3;
  res->potentiation = calloc(3, sizeof *res->potentiation);
  res->potentiation[0] = (ltp_potentiation){60.0, 0, 150.0, 120.0, 125.0, 100.0, 15, 0};
  res->potentiation[1] = (ltp_potentiation){60.0, 1, 100.0, 100.0, 100.0, 100.0, 15, 0};
  res->potentiation[2] = (ltp_potentiation){90.0, 0, NAN, NAN, NAN, NAN, 0, 0}; /* empty window */
  assert_int_equal(ltp_results_add_state(res, "camkii.phospho_fraction", "1", 0.42), LTP_OK);
  assert_int_equal(ltp_results_add_state(res, "spine.volume", "um3", 0.03), LTP_OK);
  res->baseline_slope_mV_ms[0] = res->baseline_slope_mV_ms[1] = 1.0;
  res->wall_s = 1.25;
  res->fine_steps = 123456;
  res->slow_steps = 789;
  res->events = 480;
  res->t_end_ms = 80.0 * 60000.0;
  res->induction_ms = 20.0 * 60000.0;
}

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  fill_results(&f->res);
  snprintf(f->proto.name, sizeof f->proto.name, "tetanus <100 Hz> & control");
  snprintf(f->proto.description, sizeof f->proto.description, "Synthetic run for the tests.");
  f->proto.n_pathways = 2;
  f->proto.t_end_ms = f->res.t_end_ms;
  f->proto.baseline_window_ms = 10.0 * 60000.0;
  f->marks[0] = (ltp_mark){1200000.0, 1201000.0, "tetanus 100 Hz x 1 s"};
  f->marks[1] = (ltp_mark){1100000.0, 1500000.0, "AP5"};
  f->proto.marks = f->marks;
  f->proto.n_marks = 2;
  ltp_params_defaults(&f->params);
  f->params.nmda.mg_o_mM = 2.0;
  snprintf(f->tmp, sizeof f->tmp, "/tmp/ltp_test_writers_XXXXXX");
  assert_non_null(mkdtemp(f->tmp));
  *state = f;
  return 0;
}

/* rm -r of the test directory (two levels are enough here). */
static void remove_tree(const char *dir) {
  DIR *d = opendir(dir);
  if (d == NULL) {
    unlink(dir);
    return;
  }
  struct dirent *e;
  char path[512];
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path)
      continue;
    remove_tree(path);
  }
  closedir(d);
  rmdir(dir);
}

static int teardown(void **state) {
  fixture *f = *state;
  remove_tree(f->tmp);
  ltp_results_free(&f->res);
  free(f);
  return 0;
}

static const char *const override_list[] = {"nmda.mg_o=2 mM"};

static ltp_status write_to(fixture *f, const char *dir, ltp_error *err) {
  ltp_error_clear(err);
  return ltp_write_outputs(dir, &f->res, &f->proto, &f->params, 7, override_list, 1, err);
}

static int entries_in(const char *dir) {
  DIR *d = opendir(dir);
  if (d == NULL)
    return -1;
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      n++;
  closedir(d);
  return n;
}

/* dir/name into out (the test fails if it does not fit). */
static void path_of(char *out, size_t n, const char *dir, const char *name) {
  int k = snprintf(out, n, "%s/%s", dir, name);
  assert_true(k > 0 && (size_t)k < n);
}

static size_t count_of(const char *s, const char *needle) {
  size_t n = 0;
  for (const char *p = strstr(s, needle); p != NULL; p = strstr(p + 1, needle))
    n++;
  return n;
}

/* The SVGs and the report (written as well-formed XHTML-compatible HTML) parse as XML. */
static int xmllint_ok(const char *path) {
  if (system("command -v xmllint >/dev/null 2>&1") != 0)
    return 1; /* not installed: skip */
  char cmd[1100];
  int k = snprintf(cmd, sizeof cmd, "xmllint --noout '%s'", path);
  return k > 0 && (size_t)k < sizeof cmd && system(cmd) == 0;
}

/* ---- all files, read back ---- */

static void test_writes_all_files(void **state) {
  fixture *f = *state;
  char out[320], path[1024];
  path_of(out, sizeof out, f->tmp, "run");
  ltp_error err = {0};
  assert_int_equal(write_to(f, out, &err), LTP_OK);
  for (size_t i = 0; i < N_ALL_FILES; i++) {
    path_of(path, sizeof path, out, all_files[i]);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 0);
  }
  assert_int_equal(entries_in(out), (int)N_ALL_FILES);
  assert_int_equal(entries_in(f->tmp), 1); /* no temporary directory left */
  const char *svgs[] = {"ltp_timecourse.svg", "expression.svg", "traces.svg"};
  for (size_t i = 0; i < 3; i++) {
    path_of(path, sizeof path, out, svgs[i]);
    assert_true(xmllint_ok(path));
  }
}

static json_t *load_summary(const char *out) {
  char path[1024];
  path_of(path, sizeof path, out, "summary.json");
  json_error_t jerr;
  json_t *root = json_load_file(path, 0, &jerr);
  if (root == NULL)
    printf("summary.json: %s (line %d)\n", jerr.text, jerr.line);
  return root;
}

static double jnum(json_t *o, const char *key) {
  return json_number_value(json_object_get(o, key));
}

static void check_summary_run(json_t *root) {
  assert_int_equal(json_integer_value(json_object_get(root, "schema_version")), 1);
  json_t *exp = json_object_get(root, "experiment");
  assert_string_equal(json_string_value(json_object_get(exp, "name")),
                      "tetanus <100 Hz> & control");
  assert_int_equal(json_integer_value(json_object_get(root, "seed")), 7);
  assert_float_equal(jnum(root, "t_end_min"), 80.0, 1e-12);
  assert_float_equal(jnum(root, "induction_min"), 20.0, 1e-12);
  assert_int_equal(json_integer_value(json_object_get(root, "n_pathways")), 2);
  json_t *c = json_object_get(root, "counters");
  assert_int_equal(json_integer_value(json_object_get(c, "fine_steps")), 123456);
  assert_int_equal(json_integer_value(json_object_get(c, "slow_steps")), 789);
  assert_int_equal(json_integer_value(json_object_get(c, "events")), 480);
  assert_float_equal(jnum(root, "wall_time_s"), 1.25, 1e-12);
  json_t *files = json_object_get(root, "files");
  assert_int_equal(json_array_size(files), N_ALL_FILES);
}

static void check_summary_results(json_t *root) {
  json_t *pot = json_object_get(root, "potentiation");
  assert_int_equal(json_array_size(pot), 3);
  json_t *p0 = json_array_get(pot, 0);
  assert_int_equal(json_integer_value(json_object_get(p0, "pathway")), 1);
  assert_float_equal(jnum(p0, "after_min"), 60.0, 1e-12);
  assert_float_equal(jnum(p0, "potentiation_pct"), 150.0, 1e-12);
  assert_float_equal(jnum(p0, "receptors_pct"), 120.0, 1e-12);
  assert_float_equal(jnum(p0, "conductance_pct"), 125.0, 1e-12);
  assert_float_equal(jnum(p0, "release_pct"), 100.0, 1e-12);
  assert_int_equal(json_integer_value(json_object_get(p0, "n_pulses")), 15);
  assert_int_equal(json_integer_value(json_object_get(json_array_get(pot, 1), "pathway")), 2);
  assert_true(json_is_null(json_object_get(json_array_get(pot, 2), "potentiation_pct")));
  json_t *base = json_object_get(root, "baseline");
  assert_int_equal(json_array_size(base), 2);
  assert_float_equal(jnum(json_array_get(base, 1), "slope_mV_ms"), 1.0, 1e-12);
  json_t *fs = json_object_get(json_object_get(root, "final_state"), "camkii.phospho_fraction");
  assert_float_equal(jnum(fs, "value"), 0.42, 1e-12);
  assert_string_equal(json_string_value(json_object_get(fs, "unit")), "1");
}

static void check_summary_params(json_t *root) {
  json_t *changed = json_object_get(root, "parameters_changed");
  assert_int_equal(json_array_size(changed), 1);
  json_t *p = json_array_get(changed, 0);
  assert_string_equal(json_string_value(json_object_get(p, "key")), "nmda.mg_o");
  assert_float_equal(jnum(p, "value"), 2.0, 1e-12);
  assert_string_equal(json_string_value(json_object_get(p, "unit")), "mM");
  assert_float_equal(jnum(p, "default"), 1.0, 1e-12);
  assert_string_equal(json_string_value(json_object_get(p, "set_by")), "override");
  json_t *ov = json_object_get(root, "overrides");
  assert_string_equal(json_string_value(json_array_get(ov, 0)), "nmda.mg_o=2 mM");
}

static void test_summary_fields(void **state) {
  fixture *f = *state;
  char out[320];
  path_of(out, sizeof out, f->tmp, "run");
  ltp_error err = {0};
  assert_int_equal(write_to(f, out, &err), LTP_OK);
  json_t *root = load_summary(out);
  assert_non_null(root);
  check_summary_run(root);
  check_summary_results(root);
  check_summary_params(root);
  json_decref(root);
}

static void test_csv_and_report(void **state) {
  fixture *f = *state;
  char out[320], path[1024];
  path_of(out, sizeof out, f->tmp, "run");
  ltp_error err = {0};
  assert_int_equal(write_to(f, out, &err), LTP_OK);
  path_of(path, sizeof path, out, "readouts.csv");
  char *csv = read_file(path);
  assert_int_equal(strncmp(csv,
                           "t_min,pathway,epsp_amp_mV,epsp_slope_mV_ms,epsc_pA,slope_pct,"
                           "n_ampa_syn,gamma_ampa_pS,p_release,vesicles,uepsc_pA,uncaging\n",
                           strlen("t_min,pathway,epsp_amp_mV,epsp_slope_mV_ms,epsc_pA,slope_pct,"
                                  "n_ampa_syn,gamma_ampa_pS,p_release,vesicles,uepsc_pA,"
                                  "uncaging\n")),
                   0);
  assert_int_equal(count_of(csv, "\n"), 1 + 480);
  assert_non_null(strstr(csv, "\n20,1,3,1.5,0,150,120,12.5,0.3,0.3,0,0\n"));
  free(csv);
  path_of(path, sizeof path, out, "traces.csv");
  char *tr = read_file(path);
  assert_int_equal(strncmp(tr, "t_ms,spine_v_mV,mg_unblock,spine_ca_uM\n", 39), 0);
  assert_int_equal(count_of(tr, "\n"), 1 + 200);
  free(tr);
  path_of(path, sizeof path, out, "report.html");
  char *html = read_file(path);
  assert_int_equal(count_of(html, "<svg"), 3);
  assert_null(strstr(html, "<?xml"));
  assert_non_null(strstr(html, "tetanus &lt;100 Hz&gt; &amp; control"));
  assert_int_equal(count_of(html, "class=\"override\""), 1);
  assert_non_null(strstr(html, "nmda.mg_o"));
  assert_non_null(strstr(html, "camkii.phospho_fraction"));
  assert_non_null(strstr(html, "123456"));
  free(html);
  assert_true(xmllint_ok(path));
}

/* ---- replacing a previous output, refusing a foreign directory ---- */

static void test_replace_previous_output(void **state) {
  fixture *f = *state;
  char out[320], path[1024];
  snprintf(out, sizeof out, "%s/run/", f->tmp); /* trailing slash accepted */
  ltp_error err = {0};
  assert_int_equal(write_to(f, out, &err), LTP_OK);
  f->res.wall_s = 9.5;
  assert_int_equal(write_to(f, out, &err), LTP_OK);
  path_of(path, sizeof path, f->tmp, "run");
  json_t *root = load_summary(path);
  assert_float_equal(jnum(root, "wall_time_s"), 9.5, 1e-12);
  json_decref(root);
  assert_int_equal(entries_in(f->tmp), 1);

  path_of(out, sizeof out, f->tmp, "mine");
  mkdir(out, 0777);
  path_of(path, sizeof path, out, "notes.txt");
  FILE *fp = fopen(path, "w");
  fputs("keep me\n", fp);
  fclose(fp);
  assert_int_equal(write_to(f, out, &err), LTP_ERR_IO);
  assert_non_null(strstr(err.msg, "not an ltpsim output"));
  assert_int_equal(entries_in(out), 1);
  assert_int_equal(entries_in(f->tmp), 2);
}

static void test_creates_missing_parents(void **state) {
  fixture *f = *state;
  char out[320];
  snprintf(out, sizeof out, "%s/a/b/run", f->tmp);
  ltp_error err = {0};
  assert_int_equal(write_to(f, out, &err), LTP_OK);
  assert_int_equal(entries_in(out), (int)N_ALL_FILES);
}

/* ---- failures leave nothing behind ---- */

static void test_nan_fails_cleanly(void **state) {
  fixture *f = *state;
  char out[320];
  snprintf(out, sizeof out, "%s/x/run", f->tmp);
  ltp_error err = {0};
  f->res.readouts.rows[5].epsp_slope_mV_ms = NAN;
  assert_int_equal(write_to(f, out, &err), LTP_ERR_NUMERIC);
  assert_non_null(strstr(err.msg, "readouts[5].epsp_slope_mV_ms"));
  assert_int_equal(entries_in(f->tmp), 0);
  f->res.readouts.rows[5].epsp_slope_mV_ms = 1.0;

  f->res.final_state[1].value = INFINITY;
  assert_int_equal(write_to(f, out, &err), LTP_ERR_NUMERIC);
  assert_non_null(strstr(err.msg, "spine.volume"));
  f->res.final_state[1].value = 0.03;

  f->res.potentiation[1].release_pct = NAN; /* n_pulses 15: a real blow-up */
  assert_int_equal(write_to(f, out, &err), LTP_ERR_NUMERIC);
  assert_non_null(strstr(err.msg, "potentiation[1].release_pct"));
  f->res.potentiation[1].release_pct = 100.0;

  f->res.trace.data[3 * 4 + 2] = NAN;
  assert_int_equal(write_to(f, out, &err), LTP_ERR_NUMERIC);
  assert_non_null(strstr(err.msg, "mg_unblock"));
  assert_int_equal(entries_in(f->tmp), 0);
}

static void test_unwritable_fails_cleanly(void **state) {
  fixture *f = *state;
  char file[320], out[400];
  path_of(file, sizeof file, f->tmp, "plain-file");
  FILE *fp = fopen(file, "w");
  fclose(fp);
  path_of(out, sizeof out, file, "run");
  ltp_error err = {0};
  assert_int_equal(write_to(f, out, &err), LTP_ERR_IO);
  assert_non_null(strstr(err.msg, file));
  assert_non_null(strstr(err.msg, "Not a directory"));
  assert_int_equal(write_to(f, file, &err), LTP_ERR_IO); /* out_dir is a file */
  assert_non_null(strstr(err.msg, "not a directory"));
  assert_int_equal(entries_in(f->tmp), 1);

  if (geteuid() != 0) { /* permissions do not stop root */
    char ro[320];
    path_of(ro, sizeof ro, f->tmp, "readonly");
    mkdir(ro, 0555);
    path_of(out, sizeof out, ro, "run");
    assert_int_equal(write_to(f, out, &err), LTP_ERR_IO);
    assert_non_null(strstr(err.msg, "Permission denied"));
    assert_int_equal(entries_in(ro), 0);
    chmod(ro, 0755);
  }
}

/* ---- recorder and progress pieces ---- */

static void test_recorder_appends(void **state) {
  (void)state;
  ltp_results res;
  memset(&res, 0, sizeof res);
  for (int i = 0; i < 1000; i++) {
    ltp_readout r = make_readout(i, 0);
    assert_int_equal(ltp_readout_append(&res.readouts, &r), LTP_OK);
  }
  assert_int_equal(res.readouts.n, 1000);
  assert_float_equal(res.readouts.rows[999].t_ms, 999 * 60000.0, 1e-9);
  res.trace.n_vars = 2;
  double v[2] = {1, 2};
  for (int i = 0; i < 1000; i++)
    assert_int_equal(ltp_trace_append(&res.trace, i, v), LTP_OK);
  assert_float_equal(res.trace.data[999 * 3 + 2], 2.0, 0);
  char long_name[100];
  memset(long_name, 'a', sizeof long_name - 1);
  long_name[99] = '\0';
  assert_int_equal(ltp_results_add_state(&res, long_name, "1", 0.0), LTP_ERR_ARG);
  assert_int_equal(ltp_results_add_state(&res, "ok", "mV", -65.0), LTP_OK);
  assert_string_equal(res.final_state[0].unit, "mV");
  ltp_results_free(&res);
  assert_null(res.readouts.rows);
}

static void test_progress_text(void **state) {
  (void)state;
  char s[96];
  ltp_progress_format(s, sizeof s, 0.5, 10.0);
  assert_non_null(strstr(s, " 50.0%"));
  assert_non_null(strstr(s, "ETA 0:10"));
  assert_int_equal(count_of(s, "#"), 15);
  ltp_progress_format(s, sizeof s, 0.0, 3.0);
  assert_non_null(strstr(s, "--:--"));
  ltp_progress_format(s, sizeof s, 0.25, 3600.0);
  assert_non_null(strstr(s, "ETA 3:00:00"));
  ltp_progress pb;
  ltp_progress_start(&pb, 1); /* stderr is not a terminal under ctest: silent no-ops */
  ltp_progress_update(&pb, 0.3);
  ltp_progress_finish(&pb);
  assert_int_equal(pb.drawn, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_writes_all_files, setup, teardown),
      cmocka_unit_test_setup_teardown(test_summary_fields, setup, teardown),
      cmocka_unit_test_setup_teardown(test_csv_and_report, setup, teardown),
      cmocka_unit_test_setup_teardown(test_replace_previous_output, setup, teardown),
      cmocka_unit_test_setup_teardown(test_creates_missing_parents, setup, teardown),
      cmocka_unit_test_setup_teardown(test_nan_fails_cleanly, setup, teardown),
      cmocka_unit_test_setup_teardown(test_unwritable_fails_cleanly, setup, teardown),
      cmocka_unit_test(test_recorder_appends),
      cmocka_unit_test(test_progress_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
