/* Reduced plasticity rules driven by the single-cell engine (plasticity.rule, docs/rules.md
 * "Running a rule"): spike-pair rules see the cell's real action potentials, calcium rules the
 * spine's NMDA Ca2+ (so AP5 blocks them and not the spike rules), the quiet-stretch
 * fast-forward leaves a rule's result unchanged, and the rule's weight scales the AMPA
 * conductance and so the EPSP. Short protocols, so they also run under the sanitizers. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* cmocka needs the headers above */
#include <cmocka.h>

#include "rules/rule.h"
#include "sim_run.h"

/* n pre/post pairs at 1 Hz (post `delay` after pre), test pulses every 10 s around them */
static void pairing_text(char *buf, size_t cap, const char *rule, int n, const char *delay) {
  snprintf(buf, cap,
           "name = \"pairs\"; duration = \"150 s\"; pathways = 1; seed = 2;\n"
           "plasticity = \"%s\";\n"
           "stimuli = ( { type = \"test_pulses\"; pathway = 1; from = \"0 s\"; interval = "
           "\"10 s\"; },\n"
           "  { type = \"pairing\"; pathway = 1; at = \"61 s\"; pre_pulses = 1; post_spikes = 1;\n"
           "    delay = \"%s\"; repeats = %d; repeat_rate = \"1 Hz\"; } );\n"
           "readouts = { after = [\"1 min\"]; window = \"30 s\"; baseline = \"50 s\"; };\n",
           rule, delay, n);
}

/* 50 s baseline, one 100 Hz x 1 s tetanus, 40 s of test pulses */
static void tetanus_text(char *buf, size_t cap, const char *rule) {
  snprintf(buf, cap,
           "name = \"tetanus\"; duration = \"100 s\"; pathways = 1; seed = 2;\n"
           "plasticity = \"%s\";\n"
           "stimuli = ( { type = \"test_pulses\"; pathway = 1; from = \"0 s\"; interval = "
           "\"10 s\"; },\n"
           "  { type = \"tetanus\"; pathway = 1; at = \"55 s\"; rate = \"100 Hz\"; pulses = 100; "
           "} );\n"
           "readouts = { after = [\"30 s\"]; window = \"15 s\"; baseline = \"50 s\"; };\n",
           rule);
}

static double final_weight(const sim_run *r) {
  for (size_t i = 0; i < r->res.n_final_state; ++i)
    if (strcmp(r->res.final_state[i].name, "p1.plasticity.weight") == 0)
      return r->res.final_state[i].value;
  fail_msg("no p1.plasticity.weight in the final state");
  return NAN;
}

static double run_weight(const char *text, const char *set1, const char *set2, int no_ff,
                         double *potentiation_pct) {
  sim_run r;
  ltp_error err = {0};
  const char *sets[] = {set1, set2, NULL};
  if (sim_run_text(&r, text, sets, no_ff, &err) != LTP_OK)
    fail_msg("%s", err.msg);
  const double w = final_weight(&r);
  if (potentiation_pct)
    *potentiation_pct = r.res.n_potentiation ? r.res.potentiation[0].potentiation_pct : NAN;
  sim_run_free(&r);
  return w;
}

static void plasticity_names_follow_the_catalogue(void **state) {
  (void)state;
  assert_string_equal(ltp_plasticity_names[0], "cascade");
  size_t i = 0;
  for (; ltp_rules[i] != NULL; ++i) {
    assert_non_null(ltp_plasticity_names[i + 1]);
    assert_string_equal(ltp_plasticity_names[i + 1], ltp_rules[i]->name);
  }
  assert_null(ltp_plasticity_names[i + 1]);
}

/* Song et al. 2000 pair STDP (A+ 0.005, A- 0.00525, tau 20 ms, w_init 0.5): each pair adds
 * A+ e^{-dt/tau} / w_init to the weight, dt = the action potential's delay after the
 * presynaptic spike. The somatic current pulse starts at +10 ms and the action potential
 * crosses 0 mV 0.5-5 ms later, so dt in [10.5, 15] ms; for post 10 ms before pre, the pre
 * spike comes 5-9.5 ms after the action potential. */
static void pair_stdp_sees_the_action_potentials(void **state) {
  (void)state;
  char text[1024];
  const int n = 20;
  const double a_plus = 0.005, a_minus = 0.00525, tau = 20.0, w_init = 0.5;
  pairing_text(text, sizeof text, "stdp_pair", n, "10 ms");
  double pct = 0.0;
  const double w_ltp = run_weight(text, NULL, NULL, 0, &pct);
  print_message("pre->post +10 ms: weight %.4f, EPSP slope %.1f %%\n", w_ltp, pct);
  assert_true(w_ltp >= 1.0 + n * a_plus * exp(-15.0 / tau) / w_init);
  assert_true(w_ltp <= 1.0 + n * a_plus * exp(-10.5 / tau) / w_init);
  assert_true(pct > 100.0 + 0.5 * 100.0 * (w_ltp - 1.0)); /* a larger AMPA conductance */
  pairing_text(text, sizeof text, "stdp_pair", n, "-10 ms");
  const double w_ltd = run_weight(text, NULL, NULL, 0, &pct);
  print_message("post->pre -10 ms: weight %.4f, EPSP slope %.1f %%\n", w_ltd, pct);
  assert_true(w_ltd >= 1.0 - n * a_minus * exp(-5.0 / tau) / w_init);
  assert_true(w_ltd <= 1.0 - n * a_minus * exp(-9.5 / tau) / w_init);
  assert_true(pct < 100.0);
}

/* A calcium rule (Shouval 2002) potentiates after a tetanus through NMDA Ca2+; blocking the
 * NMDA receptors blocks nearly all of it, while a spike rule (pair STDP) ignores the block. */
static void nmda_block_stops_calcium_rules_only(void **state) {
  (void)state;
  char text[1024];
  tetanus_text(text, sizeof text, "shouval");
  const double w = run_weight(text, NULL, NULL, 0, NULL);
  const double w_ap5 = run_weight(text, "nmda.block=1", NULL, 0, NULL);
  print_message("shouval after 100 Hz x 1 s: weight %.4f, with NMDA block %.4f\n", w, w_ap5);
  assert_true(w > 1.2);
  /* AP5 abolishes LTP (SCIENCE.md 3.9): the block must remove >= 90 % of the change. What is
   * left comes from R-type VGCC Ca2+ under the post-tetanic test pulses (0.97 uM peak with
   * PTP; 0.994 without PTP, 0.987 without R-type channels) */
  assert_true(fabs(w_ap5 - 1.0) <= 0.1 * (w - 1.0));
  pairing_text(text, sizeof text, "stdp_pair", 10, "10 ms");
  const double s = run_weight(text, NULL, NULL, 0, NULL);
  const double s_ap5 = run_weight(text, "nmda.block=1", NULL, 0, NULL);
  print_message("stdp_pair 10 pairs: weight %.4f, with NMDA block %.4f\n", s, s_ap5);
  assert_true(s > 1.0);
  assert_float_equal(s_ap5, s, 0.02 * (s - 1.0));
}

/* The quiet-stretch fast-forward hands the rule long steps; without noise the result must
 * match full fine stepping (Graupner-Brunel kernel mode and Shouval are exact for long quiet
 * steps; 0.1 % covers the RK4 sub-stepping of rho). */
static void fast_forward_leaves_rules_unchanged(void **state) {
  (void)state;
  static const char *rules[] = {"graupner_brunel", "shouval"};
  char text[1024];
  for (size_t i = 0; i < 2; ++i) {
    tetanus_text(text, sizeof text, rules[i]);
    const double ff = run_weight(text, "graupner_brunel.noise=0", NULL, 0, NULL);
    const double full = run_weight(text, "graupner_brunel.noise=0", NULL, 1, NULL);
    print_message("%s: fast-forward %.6f, fully stepped %.6f\n", rules[i], ff, full);
    assert_true(fabs(ff - 1.0) > 0.01); /* the tetanus changes the weight */
    assert_float_equal(ff, full, 1e-3 * full);
  }
}

static void reference_method_refuses_a_rule(void **state) {
  (void)state;
  char text[1024];
  tetanus_text(text, sizeof text, "graupner_brunel");
  sim_run r;
  ltp_error err = {0};
  const char *sets[] = {"engine.method=reference", NULL};
  assert_int_not_equal(sim_run_text(&r, text, sets, 0, &err), LTP_OK);
  print_message("%s\n", err.msg);
  assert_non_null(strstr(err.msg, "plasticity.rule = graupner_brunel"));
  sim_run_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(plasticity_names_follow_the_catalogue),
      cmocka_unit_test(pair_stdp_sees_the_action_potentials),
      cmocka_unit_test(nmda_block_stops_calcium_rules_only),
      cmocka_unit_test(fast_forward_leaves_rules_unchanged),
      cmocka_unit_test(reference_method_refuses_a_rule),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
