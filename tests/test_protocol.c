/* Unit tests for the protocol container, the stimulus builders (event counts and times of
 * tetanus, TBS, LFS, pairing with positive and negative delay, clamp pairing), argument checks,
 * and drugs/bath applications resolved into parameter changes. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mech/registry.h"
#include "protocol/drugs.h"
#include "protocol/train.h"

#define MIN_MS 60000.0

static ltp_protocol proto;
static ltp_error err;

static int setup(void **state) {
  (void)state;
  ltp_protocol_init(&proto);
  proto.t_end_ms = 100 * MIN_MS;
  ltp_error_clear(&err);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  ltp_protocol_free(&proto);
  return 0;
}

static void assert_ok(ltp_status st) {
  if (st != LTP_OK)
    fail_msg("%s: %s", ltp_status_name(st), err.msg);
}

static void assert_fails(ltp_status st, ltp_status want, const char *part) {
  if (st != want)
    fail_msg("got %s (%s), want %s", ltp_status_name(st), err.msg, ltp_status_name(want));
  if (part && strstr(err.msg, part) == NULL)
    fail_msg("\"%s\" lacks \"%s\"", err.msg, part);
  ltp_error_clear(&err);
}

static void assert_near(double got, double want) {
  if (fabs(got - want) > 1e-9 * (1 + fabs(want)))
    fail_msg("got %.17g, want %.17g", got, want);
}

static size_t count_kind(ltp_event_kind kind) {
  size_t n = 0;
  for (size_t i = 0; i < proto.n_events; i++)
    n += proto.events[i].kind == kind;
  return n;
}

static void test_init_defaults(void **state) {
  (void)state;
  ltp_protocol p;
  ltp_protocol_init(&p);
  assert_int_equal(p.n_pathways, 1);
  assert_int_equal(p.n_events, 0);
  assert_near(p.readout_window_ms, 5 * MIN_MS);
  assert_near(p.baseline_window_ms, 10 * MIN_MS);
  assert_near(p.trace_dt_ms, 0.1);
  assert_near(ltp_protocol_induction_ms(&p), -1);
  ltp_protocol_free(&p);
  ltp_protocol_free(&p); /* freeing twice is harmless */
}

static void test_test_pulses(void **state) {
  (void)state;
  assert_ok(ltp_stim_test_pulses(&proto, 0, 0, MIN_MS, 20000, &err));
  assert_int_equal(proto.n_events, 3); /* 0, 20, 40 s: the end is exclusive */
  assert_near(proto.events[2].t_ms, 40000);
  assert_int_equal(proto.events[2].kind, LTP_EV_TEST);
  assert_int_equal(proto.n_marks, 0);
  assert_near(ltp_protocol_induction_ms(&proto), -1); /* test pulses are not induction */
  assert_fails(ltp_stim_test_pulses(&proto, 0, 0, MIN_MS, 0, &err), LTP_ERR_RANGE,
               "must be positive");
  assert_fails(ltp_stim_test_pulses(&proto, 0, MIN_MS, 0, 1000, &err), LTP_ERR_RANGE, "before");
  assert_fails(ltp_stim_test_pulses(&proto, 0, 0, 200 * MIN_MS, 1000, &err), LTP_ERR_RANGE,
               "after the experiment ends");
  assert_fails(ltp_stim_test_pulses(&proto, 1, 0, MIN_MS, 1000, &err), LTP_ERR_RANGE,
               "pathway 2 is out of range 1..1");
}

static void test_tetanus(void **state) {
  (void)state;
  assert_ok(ltp_stim_tetanus(&proto, 0, 20 * MIN_MS, 100, 100, 3, 10 * MIN_MS, &err));
  assert_int_equal(proto.n_events, 300);
  assert_int_equal(count_kind(LTP_EV_PRE), 300);
  assert_near(proto.events[0].t_ms, 20 * MIN_MS);
  assert_near(proto.events[99].t_ms, 20 * MIN_MS + 990);
  assert_near(proto.events[100].t_ms, 30 * MIN_MS);
  assert_near(proto.events[299].t_ms, 40 * MIN_MS + 990);
  assert_int_equal(proto.n_marks, 3);
  assert_string_equal(proto.marks[0].label, "tetanus");
  assert_near(proto.marks[0].t1_ms - proto.marks[0].t0_ms, 1000);
  assert_near(ltp_protocol_induction_ms(&proto), 20 * MIN_MS);
}

static void test_tetanus_errors(void **state) {
  (void)state;
  assert_fails(ltp_stim_tetanus(&proto, 0, 0, -100, 100, 1, 0, &err), LTP_ERR_RANGE,
               "stimulation rate -100 Hz: must be positive");
  assert_fails(ltp_stim_tetanus(&proto, 0, 0, 100, 0, 1, 0, &err), LTP_ERR_RANGE, "pulses = 0");
  assert_fails(ltp_stim_tetanus(&proto, 0, 0, 100, 100, 0, 0, &err), LTP_ERR_RANGE, "trains = 0");
  assert_fails(ltp_stim_tetanus(&proto, 0, 0, 100, 100, 2, 0, &err), LTP_ERR_RANGE,
               "train interval 0 ms");
  assert_fails(ltp_stim_tetanus(&proto, 0, 0, 100, 100, 2, 500, &err), LTP_ERR_RANGE,
               "would overlap");
  assert_fails(ltp_stim_tetanus(&proto, 0, NAN, 100, 100, 1, 0, &err), LTP_ERR_RANGE, "finite");
  assert_fails(ltp_stim_tetanus(&proto, 0, -1, 100, 100, 1, 0, &err), LTP_ERR_RANGE, ">= 0");
  assert_fails(ltp_stim_tetanus(&proto, 0, 0, 1e5, 100, 1, 0, &err), LTP_ERR_RANGE,
               "at most 1000 Hz");
  assert_fails(ltp_stim_tetanus(&proto, 0, 99.99 * MIN_MS, 100, 100, 1, 0, &err), LTP_ERR_RANGE,
               "after the experiment ends");
  /* absurd sizes are refused before anything is allocated */
  proto.t_end_ms = 48 * 60 * MIN_MS;
  assert_fails(ltp_stim_tetanus(&proto, 0, 0, 1000, 40000000, 2, 12 * 3600e3, &err), LTP_ERR_RANGE,
               "exceed the limit");
  assert_int_equal(proto.n_events, 0);
  assert_null(proto.events);
}

static void test_lfs(void **state) {
  (void)state;
  assert_ok(ltp_stim_lfs(&proto, 0, 20 * MIN_MS, 1, 900, &err));
  assert_int_equal(proto.n_events, 900);
  assert_near(proto.events[899].t_ms, 20 * MIN_MS + 899000);
  assert_string_equal(proto.marks[0].label, "LFS");
  assert_near(proto.marks[0].t1_ms, 35 * MIN_MS);
}

static void test_theta_burst(void **state) {
  (void)state;
  assert_ok(ltp_stim_theta_burst(&proto, 0, 1000, 10, 4, 100, 5, 1, 0, &err));
  assert_int_equal(proto.n_events, 40);
  assert_near(proto.events[0].t_ms, 1000);
  assert_near(proto.events[3].t_ms, 1030);  /* 4 pulses at 100 Hz */
  assert_near(proto.events[4].t_ms, 1200);  /* next burst 200 ms later (5 Hz) */
  assert_near(proto.events[39].t_ms, 2830); /* 9 x 200 + 30 */
  assert_int_equal(proto.n_marks, 1);
  assert_string_equal(proto.marks[0].label, "TBS");
  assert_near(proto.marks[0].t1_ms, 1000 + 1840);
  /* 4 trains of TBS 20 s apart */
  assert_ok(ltp_stim_theta_burst(&proto, 0, 10 * MIN_MS, 10, 4, 100, 5, 4, 20000, &err));
  assert_int_equal(proto.n_events, 200);
  assert_int_equal(proto.n_marks, 5);
  assert_fails(ltp_stim_theta_burst(&proto, 0, 0, 10, 30, 100, 5, 1, 0, &err), LTP_ERR_RANGE,
               "would overlap");
  assert_fails(ltp_stim_theta_burst(&proto, 0, 0, 10, 4, 100, -5, 1, 0, &err), LTP_ERR_RANGE,
               "theta rate -5 Hz");
}

static void test_pairing_positive_delay(void **state) {
  (void)state;
  assert_ok(ltp_stim_pairing(&proto, 0, 10 * MIN_MS, 1, 0, 1, 0, 10, 60, 1, &err));
  assert_ok(ltp_protocol_finalize(&proto, &err));
  assert_int_equal(proto.n_events, 120);
  assert_int_equal(count_kind(LTP_EV_PRE), 60);
  assert_int_equal(count_kind(LTP_EV_POST), 60);
  assert_int_equal(proto.events[0].kind, LTP_EV_PRE);
  assert_near(proto.events[0].t_ms, 10 * MIN_MS);
  assert_int_equal(proto.events[1].kind, LTP_EV_POST);
  assert_near(proto.events[1].t_ms, 10 * MIN_MS + 10);
  assert_near(proto.events[119].t_ms, 10 * MIN_MS + 59000 + 10);
  assert_string_equal(proto.marks[0].label, "pairing");
  assert_near(ltp_protocol_induction_ms(&proto), 10 * MIN_MS);
}

static void test_pairing_negative_delay(void **state) {
  (void)state;
  assert_ok(ltp_stim_pairing(&proto, 0, 10 * MIN_MS, 1, 0, 1, 0, -10, 60, 1, &err));
  assert_ok(ltp_protocol_finalize(&proto, &err));
  assert_int_equal(proto.events[0].kind, LTP_EV_POST); /* post first */
  assert_near(proto.events[0].t_ms, 10 * MIN_MS - 10);
  assert_int_equal(proto.events[1].kind, LTP_EV_PRE);
  assert_near(proto.events[1].t_ms, 10 * MIN_MS);
  assert_near(ltp_protocol_induction_ms(&proto), 10 * MIN_MS - 10);
  assert_near(proto.marks[0].t0_ms, 10 * MIN_MS - 10);
  /* the first post spike may not fall before t = 0 */
  assert_fails(ltp_stim_pairing(&proto, 0, 5, 1, 0, 1, 0, -10, 1, 0, &err), LTP_ERR_RANGE,
               "before the experiment starts");
}

static void test_pairing_bursts_and_errors(void **state) {
  (void)state;
  /* triplet: one pre, two post spikes at 50 Hz starting 10 ms after; 10 repeats at 5 Hz */
  assert_ok(ltp_stim_pairing(&proto, 0, 1000, 1, 0, 2, 50, 10, 10, 5, &err));
  assert_int_equal(count_kind(LTP_EV_POST), 20);
  assert_near(proto.events[2].t_ms, 1030); /* second post spike 20 ms after the first */
  assert_near(proto.events[3].t_ms, 1200); /* next repeat */
  /* post-only control */
  assert_ok(ltp_stim_pairing(&proto, 0, 10000, 0, 0, 3, 100, 0, 1, 0, &err));
  assert_int_equal(count_kind(LTP_EV_POST), 23);
  assert_fails(ltp_stim_pairing(&proto, 0, 0, 0, 0, 0, 0, 0, 1, 0, &err), LTP_ERR_RANGE,
               "at least one");
  assert_fails(ltp_stim_pairing(&proto, 0, 0, 2, -10, 1, 0, 0, 1, 0, &err), LTP_ERR_RANGE,
               "presynaptic rate -10 Hz");
  assert_fails(ltp_stim_pairing(&proto, 0, 0, 1, 0, 1, 0, 10, 2, 0, &err), LTP_ERR_RANGE,
               "repeat rate 0 Hz");
  assert_fails(ltp_stim_pairing(&proto, 0, 1000, 1, 0, 1, 0, 600, 10, 2, &err), LTP_ERR_RANGE,
               "repeat period");
  assert_fails(ltp_stim_pairing(&proto, 0, 0, 1, 0, 1, 0, INFINITY, 1, 0, &err), LTP_ERR_RANGE,
               "finite");
}

static void test_clamp_pairing(void **state) {
  (void)state;
  proto.t_end_ms = 40 * MIN_MS;
  assert_ok(ltp_protocol_add_clamp(&proto, 0, 40 * MIN_MS, -70, &err));
  assert_ok(ltp_stim_test_pulses(&proto, 0, 0, 40 * MIN_MS, 10000, &err));
  assert_ok(ltp_stim_clamp_pairing(&proto, 0, 10 * MIN_MS, 0, 2, 200, &err));
  assert_int_equal(count_kind(LTP_EV_PRE), 200);
  assert_ok(ltp_protocol_finalize(&proto, &err));
  /* the whole-experiment hold is split around the pairing hold, which wins */
  assert_int_equal(proto.n_clamps, 3);
  assert_near(proto.clamps[0].t1_ms, 10 * MIN_MS - LTP_HOLD_MARGIN_MS);
  assert_near(proto.clamps[1].t0_ms, 10 * MIN_MS - LTP_HOLD_MARGIN_MS);
  assert_near(proto.clamps[1].v_mV, 0);
  assert_near(proto.clamps[1].t1_ms, 10 * MIN_MS + 199 * 500 + LTP_HOLD_MARGIN_MS);
  assert_near(proto.clamps[2].v_mV, -70);
  assert_near(proto.clamps[2].t1_ms, 40 * MIN_MS);
  /* induction is the start of the pairing hold, not the recording hold from t = 0 */
  assert_near(ltp_protocol_induction_ms(&proto), 10 * MIN_MS - LTP_HOLD_MARGIN_MS);
  assert_string_equal(proto.marks[0].label, "VC pairing");
  assert_fails(ltp_stim_clamp_pairing(&proto, 0, 500, 0, 2, 10, &err), LTP_ERR_RANGE,
               "before the experiment starts");
  assert_fails(ltp_protocol_add_clamp(&proto, 0, 1000, 500, &err), LTP_ERR_RANGE,
               "holding potential 500 mV");
}

static void test_clamp_precedence(void **state) {
  (void)state;
  assert_ok(ltp_protocol_add_clamp(&proto, 1000, 5000, -70, &err));
  assert_ok(ltp_protocol_add_clamp(&proto, 0, 2000, -60, &err)); /* trims the first */
  assert_ok(ltp_protocol_add_clamp(&proto, 3000, 9000, -50, &err));
  assert_ok(ltp_protocol_add_clamp(&proto, 0, 9000, -40, &err)); /* replaces all */
  assert_int_equal(proto.n_clamps, 1);
  assert_near(proto.clamps[0].v_mV, -40);
}

static void test_finalize_sorts_stably_and_checks(void **state) {
  (void)state;
  proto.n_pathways = 2;
  /* same time, different pathways: the insertion order must survive the sort */
  assert_ok(ltp_protocol_add_event(&proto, 500, LTP_EV_TEST, 1, &err));
  assert_ok(ltp_protocol_add_event(&proto, 100, LTP_EV_PRE, 0, &err));
  assert_ok(ltp_protocol_add_event(&proto, 500, LTP_EV_PRE, 0, &err));
  assert_ok(ltp_protocol_add_event(&proto, 500, LTP_EV_POST, 0, &err));
  assert_ok(ltp_protocol_add_event(&proto, 0, LTP_EV_TEST, 0, &err));
  assert_ok(ltp_protocol_finalize(&proto, &err));
  const double t[] = {0, 100, 500, 500, 500};
  const int kinds[] = {LTP_EV_TEST, LTP_EV_PRE, LTP_EV_TEST, LTP_EV_PRE, LTP_EV_POST};
  for (int i = 0; i < 5; i++) {
    assert_near(proto.events[i].t_ms, t[i]);
    assert_int_equal(proto.events[i].kind, kinds[i]);
  }
  /* traces default to 1 s before .. 2 s after induction */
  assert_near(proto.trace_t0_ms, 0);
  assert_near(proto.trace_t1_ms, 2100);
  assert_fails(ltp_protocol_add_event(&proto, 10, LTP_EV_PRE, 2, &err), LTP_ERR_RANGE, "pathway 3");
  assert_fails(ltp_protocol_add_event(&proto, -1, LTP_EV_PRE, 0, &err), LTP_ERR_RANGE, ">= 0");
  proto.trace_t0_ms = 0;
  proto.trace_t1_ms = 90 * MIN_MS;
  proto.trace_dt_ms = 0.001;
  assert_fails(ltp_protocol_finalize(&proto, &err), LTP_ERR_RANGE, "rows");
  proto.trace_dt_ms = 0.1;
  proto.t_end_ms = 0;
  assert_fails(ltp_protocol_finalize(&proto, &err), LTP_ERR_RANGE, "duration");
}

static void test_large_reverse_sort(void **state) {
  (void)state;
  for (int i = 999; i >= 0; i--)
    assert_ok(
        ltp_protocol_add_event(&proto, i * 10.0, (i % 2) ? LTP_EV_PRE : LTP_EV_TEST, 0, &err));
  assert_ok(ltp_protocol_finalize(&proto, &err));
  for (size_t i = 1; i < proto.n_events; i++)
    assert_true(proto.events[i - 1].t_ms <= proto.events[i].t_ms);
  assert_int_equal(proto.n_events, 1000);
}

static void test_drop_tests(void **state) {
  (void)state;
  proto.n_pathways = 2;
  assert_ok(ltp_stim_test_pulses(&proto, 0, 0, 10000, 1000, &err));
  assert_ok(ltp_stim_test_pulses(&proto, 1, 0, 10000, 1000, &err));
  assert_int_equal(ltp_protocol_drop_tests(&proto, 0, 2000, 4000), 3);
  assert_int_equal(proto.n_events, 17);
  assert_int_equal(ltp_protocol_drop_tests(&proto, 0, 2000, 4000), 0);
}

static void test_drug_table(void **state) {
  (void)state;
  assert_true(ltp_drug_count >= 9);
  for (size_t i = 0; i < ltp_drug_count; i++) {
    const ltp_drug_def *d = &ltp_drug_table[i];
    assert_non_null(ltp_param_lookup(d->target, NULL));
    assert_true(d->k_uM > 0);
    assert_true(strlen(d->source) > 20);
    assert_ptr_equal(ltp_drug_lookup(d->name), d);
  }
  assert_string_equal(ltp_drug_lookup("D-AP5")->name, "AP5");
  assert_string_equal(ltp_drug_lookup("apv")->name, "AP5");
  assert_string_equal(ltp_drug_lookup("kn-62")->name, "KN62");
  assert_string_equal(ltp_drug_lookup("Cyclosporin A")->name, "cyclosporin");
  assert_string_equal(ltp_drug_lookup("tacrolimus")->name, "FK506");
  assert_null(ltp_drug_lookup("MK801"));
  assert_null(ltp_drug_lookup(""));
  const ltp_drug_def *ap5 = ltp_drug_lookup("AP5");
  assert_near(ltp_drug_effect(ap5, 50), 50 / (50 + ap5->k_uM));
  assert_near(ltp_drug_effect(ap5, 0), 0);
  const ltp_drug_def *bapta = ltp_drug_lookup("BAPTA");
  assert_near(ltp_drug_effect(bapta, 10000), 10000 / bapta->k_uM);
  char buf[256];
  assert_non_null(strstr(ltp_drug_names(buf, sizeof buf), "AP5, CNQX"));
  assert_non_null(ltp_bath_lookup("mg_o"));
  assert_null(ltp_bath_lookup("k_o"));
}

static double change_value(size_t i) {
  return proto.changes[i].value;
}

static void test_drug_resolution_follows_overrides(void **state) {
  (void)state;
  ltp_params params;
  ltp_params_defaults(&params);
  const ltp_param_def *block = ltp_param_lookup("nmda.block", NULL);
  const ltp_drug_def *ap5 = ltp_drug_lookup("AP5");
  const double f = ltp_drug_effect(ap5, 50);
  assert_ok(ltp_drug_apply(&proto, ap5, 50, 5 * MIN_MS, 30 * MIN_MS, "x.exp:3", &err));
  assert_ok(ltp_protocol_resolve_changes(&proto, &params, &err));
  assert_int_equal(proto.n_changes, 2);
  assert_int_equal(proto.changes[0].param_offset, block->offset);
  assert_near(proto.changes[0].t_ms, 5 * MIN_MS);
  assert_near(change_value(0), f);
  assert_near(proto.changes[1].t_ms, 30 * MIN_MS);
  assert_near(change_value(1), 0);
  assert_string_equal(proto.marks[0].label, "AP5");
  /* an override after loading (--set nmda.block=0.2): the wash-out restores 0.2 */
  *ltp_param_ptr(&params, block) = 0.2;
  assert_ok(ltp_protocol_resolve_changes(&proto, &params, &err));
  assert_int_equal(proto.n_changes, 2);
  assert_near(change_value(0), 1 - 0.8 * (1 - f));
  assert_near(change_value(1), 0.2);
}

static void test_overlapping_applications(void **state) {
  (void)state;
  ltp_params params;
  ltp_params_defaults(&params);
  const ltp_drug_def *fk = ltp_drug_lookup("FK506"), *csa = ltp_drug_lookup("cyclosporin");
  const double f1 = ltp_drug_effect(fk, 0.001), f2 = ltp_drug_effect(csa, 0.03);
  assert_ok(ltp_drug_apply(&proto, fk, 0.001, 1000, 3000, "", &err));
  assert_ok(ltp_drug_apply(&proto, csa, 0.03, 2000, INFINITY, "", &err));
  assert_ok(ltp_protocol_resolve_changes(&proto, &params, &err));
  assert_int_equal(proto.n_changes, 3);
  assert_near(change_value(0), f1);                      /* FK506 alone */
  assert_near(change_value(1), 1 - (1 - f1) * (1 - f2)); /* both: independent blocks */
  assert_near(change_value(2), f2);                      /* FK506 washed out */
  assert_near(proto.marks[1].t1_ms, proto.t_end_ms);     /* no end: to the end */
  /* bath change and buffer: SET and ADD */
  const ltp_bath_def *mg = ltp_bath_lookup("mg_o");
  assert_ok(ltp_bath_apply(&proto, mg, 0, 10 * MIN_MS, 40 * MIN_MS, "", &err));
  assert_ok(ltp_drug_apply(&proto, ltp_drug_lookup("BAPTA"), 10000, 0, INFINITY, "", &err));
  assert_ok(ltp_protocol_resolve_changes(&proto, &params, &err));
  assert_int_equal(proto.n_changes, 6);
  assert_near(proto.changes[0].t_ms, 0); /* BAPTA from 0 */
  assert_near(change_value(0), 10000 / 0.2);
  assert_ok(ltp_protocol_finalize(&proto, &err));
  for (size_t i = 1; i < proto.n_changes; i++)
    assert_true(proto.changes[i - 1].t_ms <= proto.changes[i].t_ms);
}

static void test_resolution_range_error(void **state) {
  (void)state;
  ltp_params params;
  ltp_params_defaults(&params);
  const ltp_param_def *kappa = ltp_param_lookup("calcium.kappa_exo", NULL);
  /* a buffer capacity beyond the table's maximum is refused, naming where it was written */
  const double too_much_uM = (kappa->max + 1) * 0.2;
  assert_ok(
      ltp_drug_apply(&proto, ltp_drug_lookup("BAPTA"), too_much_uM, 0, 1000, "b.exp:7", &err));
  assert_fails(ltp_protocol_resolve_changes(&proto, &params, &err), LTP_ERR_RANGE,
               "b.exp:7: BAPTA");
  assert_fails(ltp_drug_apply(&proto, ltp_drug_lookup("AP5"), -5, 0, 1000, "c.exp:2", &err),
               LTP_ERR_RANGE, "must be positive");
}

static void test_add_change_survives_resolution(void **state) {
  (void)state;
  ltp_params params;
  ltp_params_defaults(&params);
  const ltp_param_def *ca = ltp_param_lookup("calcium.ca_o", NULL);
  assert_ok(ltp_protocol_add_change(&proto, 1000, ca->offset, 1.3, &err));
  assert_int_equal(proto.n_changes, 1); /* usable without resolution */
  assert_ok(ltp_protocol_resolve_changes(&proto, &params, &err));
  assert_int_equal(proto.n_changes, 1);
  assert_near(change_value(0), 1.3);
  assert_fails(ltp_protocol_add_change(&proto, 1000, 3, 1.0, &err), LTP_ERR_ARG, "offset");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void) {
  const struct CMUnitTest tests[] = {
      T(test_init_defaults),
      T(test_test_pulses),
      T(test_tetanus),
      T(test_tetanus_errors),
      T(test_lfs),
      T(test_theta_burst),
      T(test_pairing_positive_delay),
      T(test_pairing_negative_delay),
      T(test_pairing_bursts_and_errors),
      T(test_clamp_pairing),
      T(test_clamp_precedence),
      T(test_finalize_sorts_stably_and_checks),
      T(test_large_reverse_sort),
      T(test_drop_tests),
      T(test_drug_table),
      T(test_drug_resolution_follows_overrides),
      T(test_overlapping_applications),
      T(test_resolution_range_error),
      T(test_add_change_survives_resolution),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
