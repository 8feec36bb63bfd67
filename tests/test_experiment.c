/* Unit tests for experiment files: every example loads, the embedded default is the text of
 * examples/default.exp, every bad-input fixture in tests/data/bad fails with the status, FILE:LINE
 * and message it declares in its "# expect-..." header, and --set overrides are checked. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/experiment.h"
#include "mech/registry.h"
#include "protocol/drugs.h"
#include "read_file.h"
#include "rules/rule.h"

#define MIN_MS 60000.0

static const char *source_dir(void) {
  const char *d = getenv("LTP_SOURCE_DIR");
  return d ? d : ".";
}

static void path_in(char *buf, size_t len, const char *rel) {
  snprintf(buf, len, "%s/%s", source_dir(), rel);
}

typedef struct {
  ltp_params params;
  ltp_protocol proto;
  ltp_error err;
  uint64_t seed;
} loaded;

static ltp_status load(loaded *l, const char *path) {
  ltp_error_clear(&l->err);
  return ltp_experiment_load_file(path, &l->params, &l->proto, &l->seed, &l->err);
}

static int setup(void **state) {
  loaded *l = calloc(1, sizeof *l);
  ltp_protocol_init(&l->proto);
  *state = l;
  return 0;
}

static int teardown(void **state) {
  loaded *l = *state;
  ltp_protocol_free(&l->proto);
  free(l);
  return 0;
}

static void assert_near(double got, double want) {
  if (fabs(got - want) > 1e-9 * (1 + fabs(want)))
    fail_msg("got %.17g, want %.17g", got, want);
}

static double param(const loaded *l, const char *key) {
  const ltp_param_def *d = ltp_param_lookup(key, NULL);
  assert_non_null(d);
  return ltp_param_get(&l->params, d);
}

static int cmp_name(const void *a, const void *b) {
  return strcmp(a, b);
}

/* Names of the *.exp files in a folder of the source tree, sorted; returns the count. */
static size_t list_exp(const char *rel, char names[][128], size_t cap) {
  char dir[1024];
  path_in(dir, sizeof dir, rel);
  DIR *d = opendir(dir);
  if (d == NULL)
    fail_msg("%s: %s", dir, strerror(errno));
  size_t n = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    size_t len = strlen(e->d_name);
    if (len > 4 && len < 128 && strcmp(e->d_name + len - 4, ".exp") == 0 && n < cap)
      memcpy(names[n++], e->d_name, len + 1);
  }
  closedir(d);
  qsort(names, n, 128, cmp_name);
  return n;
}

static void test_every_example_loads(void **state) {
  loaded *l = *state;
  char names[64][128], path[1024];
  size_t n = list_exp("examples", names, 64);
  assert_true(n >= 12);
  for (size_t i = 0; i < n; i++) {
    snprintf(path, sizeof path, "%s/examples/%s", source_dir(), names[i]);
    if (load(l, path) != LTP_OK)
      fail_msg("%s: %s", names[i], l->err.msg);
    assert_true(strlen(l->proto.name) > 0);
    assert_true(strlen(l->proto.description) > 0);
    assert_true(l->proto.n_events > 0);
    /* each one induces something and reads it out, except the baseline-stability example */
    if (strcmp(names[i], "baseline.exp") != 0) {
      assert_true(ltp_protocol_induction_ms(&l->proto) > 0);
      assert_true(l->proto.n_readout_times > 0);
    }
    assert_int_equal(ltp_params_check(&l->params, &l->err), LTP_OK);
    /* each file opens with a header comment (what it is and its literature source) */
    char *text = read_file(path);
    assert_int_equal(text[0], '#');
    free(text);
  }
}

static void test_default_is_examples_default(void **state) {
  loaded *l = *state;
  char path[1024];
  path_in(path, sizeof path, "examples/default.exp");
  char *text = read_file(path);
  assert_string_equal(ltp_experiment_default_text(), text);
  path_in(path, sizeof path, "examples/hfs.exp");
  char *hfs = read_file(path);
  assert_string_equal(hfs, text); /* hfs.exp is the default */
  free(hfs);
  free(text);

  assert_int_equal(ltp_experiment_load_default(&l->params, &l->proto, &l->seed, &l->err), LTP_OK);
  const ltp_protocol *p = &l->proto;
  assert_string_equal(p->name, "HFS");
  assert_near(p->t_end_ms, 80 * MIN_MS + 5000);
  assert_int_equal(l->seed, 1);
  assert_int_equal(p->n_pathways, 1);
  assert_near(ltp_protocol_induction_ms(p), 20 * MIN_MS);
  size_t n_pre = 0, n_test = 0, n_test_before = 0;
  for (size_t i = 0; i < p->n_events; i++) {
    if (p->events[i].kind == LTP_EV_PRE)
      n_pre++;
    if (p->events[i].kind == LTP_EV_TEST)
      n_test++, n_test_before += p->events[i].t_ms < 20 * MIN_MS;
  }
  assert_int_equal(n_pre, 100);
  assert_int_equal(n_test_before, 60); /* 20 min at 0.05 Hz */
  assert_int_equal(n_test, 60 + 180);  /* the pulse at 20 min pauses for the tetanus */
  assert_int_equal(p->n_readout_times, 3);
  assert_near(p->readout_after_ms[2], 60 * MIN_MS);
  assert_near(p->trace_dt_ms, 0.1);
  assert_near(p->trace_t0_ms, 20 * MIN_MS - 1000);
  assert_near(p->trace_t1_ms, 20 * MIN_MS + 2000);
  assert_int_equal(p->n_marks, 1);
  assert_string_equal(p->marks[0].label, "tetanus");
  assert_near(param(l, "nmda.mg_o"), 1.0);
  assert_near(param(l, "calcium.ca_o"), 2.0);
}

/* Fixture expectations, from "# expect-status: ...", "# expect-line: N", "# expect-text: ...". */
typedef struct {
  char status[32];
  int line;
  char text[256];
} expectation;

static void read_expectation(const char *path, expectation *x) {
  char *text = read_file(path), *s;
  memset(x, 0, sizeof *x);
  if ((s = strstr(text, "# expect-status: ")) != NULL)
    sscanf(s + 17, "%31s", x->status);
  if ((s = strstr(text, "# expect-line: ")) != NULL)
    x->line = atoi(s + 15);
  if ((s = strstr(text, "# expect-text: ")) != NULL) {
    s += 15;
    size_t n = strcspn(s, "\n");
    snprintf(x->text, sizeof x->text, "%.*s", (int)(n < 255 ? n : 255), s);
  }
  free(text);
  if (!x->status[0] || x->line <= 0 || !x->text[0])
    fail_msg("%s: incomplete expect- header", path);
}

static void test_bad_fixtures(void **state) {
  loaded *l = *state;
  char names[64][128], path[1024], prefix[1200];
  size_t n = list_exp("tests/data/bad", names, 64);
  assert_true(n >= 10);
  for (size_t i = 0; i < n; i++) {
    expectation x;
    snprintf(path, sizeof path, "%s/tests/data/bad/%s", source_dir(), names[i]);
    read_expectation(path, &x);
    ltp_status st = load(l, path);
    if (strcmp(ltp_status_name(st), x.status) != 0)
      fail_msg("%s: got %s (%s), want %s", names[i], ltp_status_name(st), l->err.msg, x.status);
    snprintf(prefix, sizeof prefix, "%s:%d: ", path, x.line);
    if (strncmp(l->err.msg, prefix, strlen(prefix)) != 0)
      fail_msg("%s: message \"%s\" does not start with \"%s\"", names[i], l->err.msg, prefix);
    if (strstr(l->err.msg, x.text) == NULL)
      fail_msg("%s: message \"%s\" lacks \"%s\"", names[i], l->err.msg, x.text);
    assert_int_equal(l->proto.n_events, 0); /* a failed load leaves no half protocol */
  }
}

static void test_missing_file_and_directory(void **state) {
  loaded *l = *state;
  char path[1024];
  path_in(path, sizeof path, "tests/data/bad/no_such_file.exp");
  assert_int_equal(load(l, path), LTP_ERR_IO);
  assert_non_null(strstr(l->err.msg, path));
  assert_non_null(strstr(l->err.msg, strerror(ENOENT)));
  path_in(path, sizeof path, "tests/data/bad");
  assert_int_equal(load(l, path), LTP_ERR_IO);
  assert_non_null(strstr(l->err.msg, strerror(EISDIR)));
}

static void test_load_string_and_defaults(void **state) {
  loaded *l = *state;
  const char *text = "duration = \"30 min\";\n"
                     "stimuli = ( { type = \"tetanus\"; at = \"10 min\"; rate = \"100 Hz\";\n"
                     "              pulses = 100; } );\n";
  assert_int_equal(
      ltp_experiment_load_string(text, "inline.exp", &l->params, &l->proto, &l->seed, &l->err),
      LTP_OK);
  assert_string_equal(l->proto.name, "inline"); /* from the file name */
  assert_int_equal(l->seed, 1);
  /* without a readouts section: the default times that fit (5 and 30 min would need 40 min) */
  assert_int_equal(l->proto.n_readout_times, 1);
  assert_near(l->proto.readout_after_ms[0], 5 * MIN_MS);
  /* without traces: 1 s before to 2 s after induction */
  assert_near(l->proto.trace_t0_ms, 10 * MIN_MS - 1000);
  ltp_error_clear(&l->err);
  assert_int_equal(ltp_experiment_load_string("duration = \"30 min\"\nx = ;", "s.exp", &l->params,
                                              &l->proto, NULL, &l->err),
                   LTP_ERR_PARSE);
  assert_non_null(strstr(l->err.msg, "s.exp:2: syntax error"));
}

/* plasticity = "..." at the top level chooses plasticity.rule; params can still override it. */
static void test_plasticity_key(void **state) {
  loaded *l = *state;
  const char *text = "duration = \"30 min\"; plasticity = \"stdp_triplet\";\n"
                     "stimuli = ( { type = \"test_pulses\"; interval = \"10 s\"; } );\n";
  assert_int_equal(
      ltp_experiment_load_string(text, "rule.exp", &l->params, &l->proto, &l->seed, &l->err),
      LTP_OK);
  assert_string_equal(ltp_plasticity_names[(int)param(l, "plasticity.rule")], "stdp_triplet");
  assert_ptr_equal(ltp_rule_selected(&l->params), ltp_rule_find("stdp_triplet"));
  ltp_protocol_free(&l->proto);
  ltp_protocol_init(&l->proto);
  assert_int_equal(ltp_experiment_load_string("duration = \"30 min\";\n"
                                              "stimuli = ( { type = \"test_pulses\"; "
                                              "interval = \"10 s\"; } );\n",
                                              "cascade.exp", &l->params, &l->proto, &l->seed,
                                              &l->err),
                   LTP_OK);
  assert_null(ltp_rule_selected(&l->params)); /* the default is the cascade */
}

static void test_file_params_override_defaults(void **state) {
  loaded *l = *state;
  char path[1024];
  path_in(path, sizeof path, "examples/lfs.exp");
  assert_int_equal(load(l, path), LTP_OK);
  assert_near(param(l, "calcium.ca_o"), 2.5);
  assert_near(param(l, "nmda.mg_o"), 1.5);
  /* loading another file resets parameters to the table defaults first */
  path_in(path, sizeof path, "examples/tbs.exp");
  assert_int_equal(load(l, path), LTP_OK);
  assert_near(param(l, "calcium.ca_o"), ltp_param_lookup("calcium.ca_o", NULL)->def);
}

static void test_apply_set(void **state) {
  loaded *l = *state;
  ltp_params_defaults(&l->params);
  ltp_error *e = &l->err;
  ltp_error_clear(e);
  assert_int_equal(ltp_experiment_apply_set("nmda.mg_o=2 mM", &l->params, e), LTP_OK);
  assert_near(param(l, "nmda.mg_o"), 2);
  assert_int_equal(ltp_experiment_apply_set(" nmda.mg_o = 500uM ", &l->params, e), LTP_OK);
  assert_near(param(l, "nmda.mg_o"), 0.5);
  assert_int_equal(ltp_experiment_apply_set("release.mode=stochastic", &l->params, e), LTP_OK);
  assert_near(param(l, "release.mode"), 1);

  assert_int_equal(ltp_experiment_apply_set("nmda.mgo=2 mM", &l->params, e), LTP_ERR_UNKNOWN_KEY);
  assert_non_null(strstr(e->msg, "--set \"nmda.mgo=2 mM\": unknown parameter \"nmda.mgo\""));
  assert_non_null(strstr(e->msg, "mg_o"));
  ltp_error_clear(e);
  assert_int_equal(ltp_experiment_apply_set("gaba.g=1 nS", &l->params, e), LTP_ERR_UNKNOWN_KEY);
  assert_non_null(strstr(e->msg, "mechanism from: release"));
  ltp_error_clear(e);
  assert_int_equal(ltp_experiment_apply_set("nmda.mg_o=2", &l->params, e), LTP_ERR_UNIT);
  assert_non_null(strstr(e->msg, "missing unit: expected a concentration"));
  ltp_error_clear(e);
  assert_int_equal(ltp_experiment_apply_set("nmda.mg_o=50 mM", &l->params, e), LTP_ERR_RANGE);
  assert_non_null(strstr(e->msg, "50 mM is outside the accepted range [0, 20] mM"));
  ltp_error_clear(e);
  assert_int_equal(ltp_experiment_apply_set("nmda.mg_o", &l->params, e), LTP_ERR_ARG);
  assert_non_null(strstr(e->msg, "expected mech.param=value"));
  ltp_error_clear(e);
  assert_int_equal(ltp_experiment_apply_set("release.mode=binomial", &l->params, e),
                   LTP_ERR_UNKNOWN_KEY);
  assert_near(param(l, "nmda.mg_o"), 0.5); /* failed overrides change nothing */
}

static void test_set_after_load_reresolves_drugs(void **state) {
  loaded *l = *state;
  char path[1024];
  path_in(path, sizeof path, "examples/ap5_hfs.exp");
  assert_int_equal(load(l, path), LTP_OK);
  const ltp_param_def *block = ltp_param_lookup("nmda.block", NULL);
  const double f = ltp_drug_effect(ltp_drug_lookup("AP5"), 50);
  assert_int_equal(l->proto.n_changes, 2);
  assert_near(l->proto.changes[0].value, f);
  assert_near(l->proto.changes[1].value, 0);
  assert_int_equal(ltp_experiment_apply_set("nmda.block=0.25", &l->params, &l->err), LTP_OK);
  assert_int_equal(ltp_experiment_finalize(&l->params, &l->proto, &l->err), LTP_OK);
  assert_int_equal(l->proto.changes[0].param_offset, block->offset);
  assert_near(l->proto.changes[0].t_ms, 5 * MIN_MS);
  assert_near(l->proto.changes[0].value, 1 - 0.75 * (1 - f));
  assert_near(l->proto.changes[1].t_ms, 30 * MIN_MS);
  assert_near(l->proto.changes[1].value, 0.25); /* wash-out restores the overridden value */
  assert_int_equal(ltp_experiment_finalize(&l->params, &l->proto, &l->err), LTP_OK); /* again */
  assert_int_equal(l->proto.n_changes, 2);
}

static void test_protocol_details_of_examples(void **state) {
  loaded *l = *state;
  char path[1024];
  path_in(path, sizeof path, "examples/tagging_capture.exp");
  assert_int_equal(load(l, path), LTP_OK);
  size_t pre[2] = {0, 0};
  for (size_t i = 0; i < l->proto.n_events; i++)
    if (l->proto.events[i].kind == LTP_EV_PRE)
      pre[l->proto.events[i].pathway]++;
  assert_int_equal(pre[0], 300); /* STET: 3 x 100 */
  assert_int_equal(pre[1], 21);  /* WTET */
  path_in(path, sizeof path, "examples/vc_pairing.exp");
  assert_int_equal(load(l, path), LTP_OK);
  assert_int_equal(l->proto.n_clamps, 3);
  assert_near(l->proto.clamps[1].v_mV, 0);
  path_in(path, sizeof path, "examples/mg_free.exp");
  assert_int_equal(load(l, path), LTP_OK);
  assert_int_equal(l->proto.n_changes, 2);
  assert_near(l->proto.changes[0].value, 0);
  assert_near(l->proto.changes[1].value, 1.0);
}

/* uncaging and test_uncaging: events on the modelled spine of their pathway, one quantum by
 * default, `quanta` or `glu` otherwise; the train is conditioning (induction, a mark, test
 * pulses paused under it), the test pulses are not. */
static void test_uncaging_stimuli(void **state) {
  loaded *l = *state;
  const char *text =
      "duration = \"30 min\"; pathways = 2;\n"
      "stimuli = (\n"
      "  { type = \"test_uncaging\"; pathway = 2; interval = \"30 s\"; glu = \"2.5 mM\"; },\n"
      "  { type = \"uncaging\"; pathway = 2; at = \"10 min\"; pulses = 60; rate = \"1 Hz\"; },\n"
      "  { type = \"uncaging\"; pathway = 1; at = \"20 min\"; quanta = 3; }\n"
      ");\n";
  assert_int_equal(
      ltp_experiment_load_string(text, "unc.exp", &l->params, &l->proto, &l->seed, &l->err),
      LTP_OK);
  size_t n_test = 0, n_train[2] = {0, 0};
  for (size_t i = 0; i < l->proto.n_events; i++) {
    const ltp_event *e = &l->proto.events[i];
    assert_true(ltp_event_is_uncaging(e));
    if (e->kind == LTP_EV_UNCAGE_TEST) {
      n_test++;
      assert_int_equal(e->pathway, 1);
      assert_int_equal(e->glu_unit, LTP_GLU_MM);
      assert_near(e->glu, 2.5);
      assert_false(e->t_ms >= 10 * MIN_MS && e->t_ms <= 11 * MIN_MS); /* paused */
    } else {
      assert_int_equal(e->kind, LTP_EV_UNCAGE);
      assert_int_equal(e->glu_unit, LTP_GLU_QUANTA);
      assert_near(e->glu, e->pathway == 0 ? 3.0 : 1.0);
      n_train[e->pathway]++;
    }
  }
  assert_int_equal(n_test, 60 - 3); /* 10:00, 10:30, 11:00 fall under the 60-s train */
  assert_int_equal(n_train[1], 60);
  assert_int_equal(n_train[0], 60); /* defaults: Matsuzaki 2004, 60 pulses at 1 Hz */
  assert_near(ltp_protocol_induction_ms(&l->proto), 10 * MIN_MS);
  assert_int_equal(l->proto.n_marks, 2);
  assert_string_equal(l->proto.marks[0].label, "uncaging");
  assert_near(l->proto.marks[0].t1_ms - l->proto.marks[0].t0_ms, 60e3);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void) {
  const struct CMUnitTest tests[] = {
      T(test_every_example_loads),
      T(test_default_is_examples_default),
      T(test_bad_fixtures),
      T(test_missing_file_and_directory),
      T(test_load_string_and_defaults),
      T(test_plasticity_key),
      T(test_file_params_override_defaults),
      T(test_apply_set),
      T(test_set_after_load_reresolves_drugs),
      T(test_protocol_details_of_examples),
      T(test_uncaging_stimuli),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
