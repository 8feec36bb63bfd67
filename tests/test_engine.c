/* Engine: the quiet-stretch fast-forward against fully stepped integration, determinism of
 * stochastic release, and blow-up reporting. Short protocols so they also run under the
 * sanitizers. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* cmocka needs the headers above */
#include <cmocka.h>

#include "engine/sim.h"
#include "io/experiment.h"
#include "mech/registry.h"

/* 3 min baseline at 0.1 Hz, one 100 Hz x 0.5 s tetanus, 4 min of test pulses */
static const char *short_hfs =
    "name = \"short HFS\"; duration = \"425 s\"; pathways = 1; seed = 3;\n"
    "stimuli = ( { type = \"test_pulses\"; pathway = 1; from = \"0 s\"; interval = \"10 s\"; },\n"
    "  { type = \"tetanus\"; pathway = 1; at = \"180 s\"; rate = \"100 Hz\"; pulses = 50; } );\n"
    "readouts = { after = [\"1 min\", \"3 min\"]; window = \"1 min\"; baseline = \"2 min\"; };\n";

typedef struct {
  ltp_params params;
  ltp_protocol proto;
  uint64_t seed;
  ltp_results res;
} run_t;

static ltp_status run_short(run_t *r, const char *set, int no_fast_forward, ltp_error *err) {
  memset(r, 0, sizeof *r);
  ltp_protocol_init(&r->proto);
  ltp_status st =
      ltp_experiment_load_string(short_hfs, "short.exp", &r->params, &r->proto, &r->seed, err);
  if (st == LTP_OK && set)
    st = ltp_experiment_apply_set(set, &r->params, err);
  if (st == LTP_OK)
    st = ltp_experiment_finalize(&r->params, &r->proto, err);
  ltp_sim_options opt = {no_fast_forward, NULL, NULL};
  if (st == LTP_OK)
    st = ltp_simulate(&r->params, &r->proto, r->seed, &opt, &r->res, err);
  return st;
}

static void done(run_t *r) {
  ltp_results_free(&r->res);
  ltp_protocol_free(&r->proto);
}

static void fast_forward_matches_full_stepping(void **state) {
  (void)state;
  run_t ff, full;
  ltp_error err = {0};
  assert_int_equal(run_short(&ff, NULL, 0, &err), LTP_OK);
  assert_int_equal(run_short(&full, NULL, 1, &err), LTP_OK);
  assert_true(ff.res.fine_steps < full.res.fine_steps / 5);
  assert_int_equal(ff.res.n_potentiation, full.res.n_potentiation);
  for (size_t i = 0; i < ff.res.n_potentiation; ++i) {
    const double a = ff.res.potentiation[i].potentiation_pct;
    const double b = full.res.potentiation[i].potentiation_pct;
    print_message("after %.0f min: fast-forward %.3f %%, fully stepped %.3f %%\n",
                  ff.res.potentiation[i].after_min, a, b);
    assert_true(a > 105.0);              /* the protocol potentiates */
    assert_float_equal(a, b, 0.005 * b); /* issue 2: within 0.5 % */
  }
  done(&ff);
  done(&full);
}

static void stochastic_release_is_reproducible(void **state) {
  (void)state;
  run_t a, b;
  ltp_error err = {0};
  assert_int_equal(run_short(&a, "release.mode=stochastic", 0, &err), LTP_OK);
  assert_int_equal(run_short(&b, "release.mode=stochastic", 0, &err), LTP_OK);
  assert_int_equal(a.res.readouts.n, b.res.readouts.n);
  assert_memory_equal(a.res.readouts.rows, b.res.readouts.rows,
                      a.res.readouts.n * sizeof(ltp_readout));
  /* stochastic: some test pulses fail (p ~ 0.24 per site) */
  size_t failures = 0;
  for (size_t i = 0; i < a.res.readouts.n; ++i)
    failures += a.res.readouts.rows[i].vesicles == 0;
  assert_true(failures > 0);
  done(&a);
  done(&b);
}

static void blow_up_is_reported_not_written(void **state) {
  (void)state;
  run_t r;
  ltp_error err = {0};
  /* an absurdly strong AMPA drive with a coarse step makes the membrane diverge */
  ltp_status st = run_short(&r, "hh.gna=1000 mS/cm2", 0, &err);
  if (st == LTP_OK) {
    /* the implicit solver survived: no NaN may be in the results */
    for (size_t i = 0; i < r.res.readouts.n; ++i)
      assert_true(isfinite(r.res.readouts.rows[i].epsp_slope_mV_ms));
  } else {
    assert_int_equal(st, LTP_ERR_NUMERIC);
    assert_non_null(strstr(err.msg, "hint"));
  }
  done(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fast_forward_matches_full_stepping),
      cmocka_unit_test(stochastic_release_is_reproducible),
      cmocka_unit_test(blow_up_is_reported_not_written),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
