/* The numerical reference (engine.method = reference, engine/reference.c) reproduces a
 * closed form. Short, so it also runs under the sanitizers; the agreement of the fast engine
 * with the reference on the default experiment is tests/test_reference_agreement.c. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* cmocka needs the headers above */
#include <cmocka.h>

#include "engine/sim.h"
#include "io/experiment.h"
#include "sim_run.h"

/* One test pulse at 10 ms, traced every 0.1 ms for 100 ms. */
static const char *one_pulse =
    "name = \"one pulse\"; duration = \"200 ms\"; pathways = 1; seed = 1;\n"
    "stimuli = ( { type = \"test_pulses\"; pathway = 1; from = \"10 ms\";\n"
    "              interval = \"1 s\"; } );\n"
    "traces = { interval = \"0.1 ms\"; from = \"0 ms\"; to = \"100 ms\"; };\n";

static size_t column(const ltp_trace *tr, const char *name) {
  const size_t i = ltp_trace_column(tr, name);
  if (i == tr->n_vars)
    fail_msg("no trace column %s", name);
  return i + 1; /* column 0 is time */
}

/* NMDA gating under the square glutamate pulse of one release has a closed form, and the
 * traces give the open fraction exactly: r = I_NMDA / (N gamma B(V) (V - E)). */
static void reference_reproduces_nmda_gating_closed_form(void **state) {
  (void)state;
  sim_run run;
  ltp_error err = {0};
  const char *sets[] = {"engine.method=reference", "engine.reference_rtol=1e-10", NULL};
  if (sim_run_text(&run, one_pulse, sets, 0, &err) != LTP_OK)
    fail_msg("%s", err.msg);
  const ltp_params params = run.params;
  const ltp_results res = run.res;
  assert_int_equal(res.readouts.n, 1);

  const nmda_params *p = &params.nmda;
  const double t0 = 10.0, dur = params.release.glu_dur_ms;
  const double glu = res.readouts.rows[0].vesicles * params.release.glu_peak_mM;
  const double rate_on = p->alpha_per_mM_ms * glu + p->beta_per_ms;
  const double r_inf = p->alpha_per_mM_ms * glu / rate_on;
  const double r_end = r_inf * (1.0 - exp(-rate_on * dur));
  const ltp_trace *tr = &res.trace;
  const size_t c_v = column(tr, "spine_v"), c_b = column(tr, "mg_unblock"),
               c_i = column(tr, "i_nmda"), w = 1 + tr->n_vars;
  const double g_max_nS = p->n_receptors * p->gamma_pS * 1e-3;
  double worst = 0.0;
  assert_true(tr->n_rows > 900);
  for (size_t i = 0; i < tr->n_rows; ++i) {
    const double *row = tr->data + i * w;
    const double t = row[0];
    const double r = row[c_i] / (g_max_nS * row[c_b] * (row[c_v] - p->e_rev_mV));
    double exact = 0.0;
    if (t > t0 + dur)
      exact = r_end * exp(-p->beta_per_ms * (t - t0 - dur));
    else if (t > t0)
      exact = r_inf * (1.0 - exp(-rate_on * (t - t0)));
    const double e = fabs(r - exact) / r_end;
    if (e > worst)
      worst = e;
  }
  print_message("NMDA open fraction: peak %.6f, largest error %.2e of the peak\n", r_end, worst);
  assert_true(worst < 1e-6);
  sim_run_free(&run);
}

/* An uncaging pulse is an exact stop of the reference like a release (its glutamate pulse
 * starts and ends there): the uEPSC and the spine Ca2+ peak agree with the fixed-step engine. */
static void reference_delivers_uncaging_like_fixed_engine(void **state) {
  (void)state;
  static const char *uncage = "name = \"uncage\"; duration = \"200 ms\"; pathways = 1; seed = 1;\n"
                              "stimuli = ( { type = \"test_uncaging\"; pathway = 1; from = \"10 "
                              "ms\"; interval = \"1 s\"; } );\n";
  double uepsc[2], ca[2];
  for (int m = 0; m < 2; ++m) {
    sim_run run;
    ltp_error err = {0};
    const char *sets[] = {m == 1 ? "engine.method=reference" : NULL, NULL};
    if (sim_run_text(&run, uncage, sets, 0, &err) != LTP_OK)
      fail_msg("%s", err.msg);
    const ltp_results res = run.res;
    assert_int_equal(res.readouts.n, 1);
    assert_int_equal(res.readouts.rows[0].uncaging, 1);
    uepsc[m] = res.readouts.rows[0].uepsc_pA;
    ca[m] = res.peak_ca_uM[0];
    sim_run_free(&run);
  }
  print_message("uEPSC %.4f / %.4f pA, peak Ca2+ %.4f / %.4f uM (fixed / reference)\n", uepsc[0],
                uepsc[1], ca[0], ca[1]);
  assert_true(uepsc[1] > 1.0);
  assert_float_equal(uepsc[0], uepsc[1], 0.01 * uepsc[1]);
  assert_float_equal(ca[0], ca[1], 0.01 * ca[1]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reference_reproduces_nmda_gating_closed_form),
      cmocka_unit_test(reference_delivers_uncaging_like_fixed_engine),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
