/* Unit tests for core/units: conversions between the units of the parameter tables and files,
 * every error class, enumerated parameters, and that every table unit is one the parser knows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/units.h"
#include "mech/registry.h"

static double conv(const char *text, const char *unit) {
  double v = -12345;
  char why[256] = "";
  ltp_status st = ltp_unit_convert(text, unit, &v, why, sizeof why);
  if (st != LTP_OK)
    fail_msg("%s -> %s: %s (%s)", text, unit, ltp_status_name(st), why);
  return v;
}

static void assert_close(double got, double want) {
  double tol = 1e-12 * (want < 0 ? -want : want) + 1e-15;
  if (got - want > tol || want - got > tol)
    fail_msg("got %.17g, want %.17g", got, want);
}

/* Convert and expect failure with status and a message containing `part`. */
static void expect_error(const char *text, const char *unit, ltp_status want, const char *part) {
  double v = 0;
  char why[400] = "";
  ltp_status st = ltp_unit_convert(text, unit, &v, why, sizeof why);
  if (st != want)
    fail_msg("%s -> %s: got %s (%s), want %s", text ? text : "(null)", unit ? unit : "(null)",
             ltp_status_name(st), why, ltp_status_name(want));
  if (part && strstr(why, part) == NULL)
    fail_msg("message \"%s\" lacks \"%s\"", why, part);
}

static void test_time(void **state) {
  (void)state;
  assert_close(conv("10 min", "ms"), 600000);
  assert_close(conv("200 ms", "s"), 0.2);
  assert_close(conv("1.5 h", "min"), 90);
  assert_close(conv("250 us", "ms"), 0.25);
  assert_close(conv("1e-3 s", "ms"), 1);
  assert_close(conv("+5 ms", "ms"), 5);
  assert_close(conv("  20 s  ", "ms"), 20000);
  assert_close(conv("20s", "ms"), 20000);
  assert_close(conv("-10 ms", "ms"), -10);
}

static void test_frequency_and_rates(void **state) {
  (void)state;
  assert_close(conv("100 Hz", "1/s"), 100);
  assert_close(conv("0.05 Hz", "Hz"), 0.05);
  assert_close(conv("2 kHz", "Hz"), 2000);
  assert_close(conv("1 1/ms", "Hz"), 1000);
  assert_close(conv("5 1/s", "1/ms"), 0.005);
  assert_close(conv("0.072 1/(mM ms)", "1/(uM s)"), 0.072);
  assert_close(conv("1 1/(uM s)", "1/(mM ms)"), 1);
  assert_close(conv("1 1/(M s)", "1/(uM s)"), 1e-6);
}

static void test_concentration(void **state) {
  (void)state;
  assert_close(conv("1 mM", "uM"), 1000);
  assert_close(conv("50 uM", "mM"), 0.05);
  assert_close(conv("50 \xc2\xb5M", "uM"), 50); /* micro sign */
  assert_close(conv("50 \xce\xbcM", "uM"), 50); /* Greek mu */
  assert_close(conv("200 nM", "uM"), 0.2);
  assert_close(conv("0.001 M", "mM"), 1);
}

static void test_electrical(void **state) {
  (void)state;
  assert_close(conv("-65 mV", "V"), -0.065);
  assert_close(conv("-0.07 V", "mV"), -70);
  assert_close(conv("2 nA", "pA"), 2000);
  assert_close(conv("10 pS", "nS"), 0.01);
  assert_close(conv("250 MOhm", "ohm"), 2.5e8);
  assert_close(conv("1 GOhm", "MOhm"), 1000);
  assert_close(conv("3 k\xce\xa9", "ohm"), 3000); /* kilo-omega */
  assert_close(conv("0.0744 nS/um2", "mS/cm2"), 7.44);
  assert_close(conv("1 uF/cm2", "uF/cm2"), 1);
  assert_close(conv("0.01 pF/um2", "uF/cm2"), 1);
  assert_close(conv("2 ohm m", "ohm cm"), 200);
  assert_close(conv("2 ohm*m", "ohm cm"), 200);
  assert_close(conv("1 ohm m2", "ohm cm2"), 1e4);
}

static void test_geometry_temperature_dimensionless(void **state) {
  (void)state;
  assert_close(conv("1.5 um", "um"), 1.5);
  assert_close(conv("1 \xc2\xb5m", "um"), 1);
  assert_close(conv("0.001 mm", "um"), 1);
  assert_close(conv("0.05 um3", "um3"), 0.05);
  assert_close(conv("1 um^3", "um3"), 1);
  assert_close(conv("1e-18 m3", "um3"), 1);
  assert_close(conv("308.15 K", "C"), 35);
  assert_close(conv("35 C", "K"), 308.15);
  assert_close(conv("35 degC", "C"), 35);
  assert_close(conv("0.5", "1"), 0.5);
  assert_close(conv("50 %", "1"), 0.5);
  assert_close(conv("3", ""), 3);
  assert_close(conv("0.5 1", "1"), 0.5);
}

static void test_wrong_dimension(void **state) {
  (void)state;
  expect_error("100 Hz", "ms", LTP_ERR_UNIT,
               "expected a time (us, ms, s, min, h), got \"100 Hz\" (a frequency or rate)");
  expect_error("50 mV", "uM", LTP_ERR_UNIT, "expected a concentration (nM, uM, mM, M)");
  expect_error("1 nS", "MOhm", LTP_ERR_UNIT, "expected a resistance (MOhm)");
  expect_error("1 ms", "1", LTP_ERR_UNIT, "expected a dimensionless number");
  expect_error("1 1/(mM s)", "1/s", LTP_ERR_UNIT, "got \"1 1/(mM s)\" (a second-order rate");
  expect_error("1 mS", "ms", LTP_ERR_UNIT, "a conductance"); /* case matters */
}

static void test_missing_and_unknown_units(void **state) {
  (void)state;
  expect_error("100", "ms", LTP_ERR_UNIT, "missing unit: expected a time (us, ms, s, min, h)");
  expect_error("100", "Hz", LTP_ERR_UNIT, "missing unit: expected a frequency or rate");
  expect_error("10 mins", "ms", LTP_ERR_UNIT, "unknown unit \"mins\"");
  expect_error("10 hz", "Hz", LTP_ERR_UNIT, "unknown unit \"hz\"");
  expect_error("1 1/mM ms", "1/(mM ms)", LTP_ERR_UNIT, NULL); /* ambiguous without () */
  expect_error("1 1/(mM ms", "1/(mM ms)", LTP_ERR_UNIT, NULL);
  expect_error("0x10 ms", "ms", LTP_ERR_UNIT, NULL);
}

static void test_malformed_numbers(void **state) {
  (void)state;
  expect_error("ten min", "ms", LTP_ERR_UNIT, "expected a number followed by a unit");
  expect_error("inf ms", "ms", LTP_ERR_UNIT, NULL);
  expect_error("nan", "1", LTP_ERR_UNIT, NULL);
  expect_error("", "ms", LTP_ERR_UNIT, NULL);
  expect_error(". ms", "ms", LTP_ERR_UNIT, NULL);
  expect_error("1e308 h", "ms", LTP_ERR_RANGE, "too large");
}

static void test_bad_arguments(void **state) {
  (void)state;
  expect_error("1 ms", "furlongs", LTP_ERR_ARG, "unknown target unit");
  expect_error(NULL, "ms", LTP_ERR_ARG, NULL);
  expect_error("1 ms", NULL, LTP_ERR_ARG, NULL);
  double v;
  assert_int_equal(ltp_unit_convert("1 ms", "ms", NULL, NULL, 0), LTP_ERR_ARG);
  assert_int_equal(ltp_unit_convert("1 ms", "ms", &v, NULL, 0), LTP_OK); /* why is optional */
}

static void test_factor_and_describe(void **state) {
  (void)state;
  double f = 0, off = 0;
  char buf[128];
  assert_int_equal(ltp_unit_factor("min", "ms", &f, &off, NULL, 0), LTP_OK);
  assert_close(f, 60000);
  assert_close(off, 0);
  assert_int_equal(ltp_unit_factor("K", "C", &f, &off, NULL, 0), LTP_OK);
  assert_close(off, -273.15);
  assert_int_equal(ltp_unit_factor("Hz", "ms", &f, &off, buf, sizeof buf), LTP_ERR_UNIT);
  assert_string_equal(ltp_unit_describe("ms", buf, sizeof buf), "a time (us, ms, s, min, h)");
  assert_string_equal(ltp_unit_describe("ohm cm2", buf, sizeof buf),
                      "a specific resistance (ohm cm2)");
  assert_string_equal(ltp_unit_describe("kg", buf, sizeof buf), "a value in kg");
  assert_true(ltp_unit_known("1/(uM s)"));
  assert_false(ltp_unit_known("parsec"));
}

static const char *const modes[] = {"mean_field", "stochastic", NULL};
static const ltp_param_def mode_def = {"mode", "choice", 0, 0, 1, "test", "test", 0, modes};
static const ltp_param_def mg_def = {"mg_o", "mM", 1, 0, 20, "test", "test", 0, NULL};
static const ltp_param_def n_def = {"n", "1", 1, 1, 100, "test", "test", 0, NULL};

static void test_param_values(void **state) {
  (void)state;
  double v = -1;
  char why[256] = "";
  assert_int_equal(ltp_param_parse_value(&mode_def, "stochastic", &v, why, sizeof why), LTP_OK);
  assert_close(v, 1);
  assert_int_equal(ltp_param_parse_value(&mode_def, " Mean_Field ", &v, why, sizeof why), LTP_OK);
  assert_close(v, 0);
  assert_int_equal(ltp_param_parse_value(&mode_def, "binomial", &v, why, sizeof why),
                   LTP_ERR_UNKNOWN_KEY);
  assert_non_null(strstr(why, "expected one of mean_field, stochastic"));
  assert_int_equal(ltp_param_parse_value(&mg_def, "1500 uM", &v, why, sizeof why), LTP_OK);
  assert_close(v, 1.5);
  assert_int_equal(ltp_param_parse_value(&n_def, "15", &v, why, sizeof why), LTP_OK);
  assert_close(v, 15);
  assert_int_equal(ltp_param_check_value(&mg_def, 50, why, sizeof why), LTP_ERR_RANGE);
  assert_string_equal(why, "50 mM is outside the accepted range [0, 20] mM");
  assert_int_equal(ltp_param_check_value(&n_def, 0, why, sizeof why), LTP_ERR_RANGE);
  assert_string_equal(why, "0 is outside the accepted range [1, 100]");
  assert_int_equal(ltp_param_check_value(&mg_def, 0, why, sizeof why), LTP_OK);
  assert_string_equal(ltp_param_format_value(&mode_def, 1, why, sizeof why), "stochastic");
  assert_string_equal(ltp_param_format_value(&mg_def, 1.5, why, sizeof why), "1.5 mM");
}

/* Every unit written in the mechanism tables must be one the parser knows, and every default
 * must be accepted back by parsing its own formatted value. */
static void test_table_units_known(void **state) {
  (void)state;
  size_t n = 0;
  for (size_t m = 0; ltp_mech_registry[m] != NULL; m++) {
    const ltp_mech_def *mech = ltp_mech_registry[m];
    for (size_t i = 0; i < mech->n_params; i++, n++) {
      const ltp_param_def *d = &mech->params[i];
      if (d->choices != NULL) {
        assert_string_equal(d->unit, "choice");
        continue;
      }
      if (!ltp_unit_known(d->unit))
        fail_msg("%s.%s: unknown unit \"%s\"", mech->name, d->name, d->unit);
      char text[64], why[256];
      double v = 0;
      ltp_param_format_value(d, d->def, text, sizeof text);
      if (ltp_param_parse_value(d, text, &v, why, sizeof why) != LTP_OK)
        fail_msg("%s.%s: \"%s\": %s", mech->name, d->name, text, why);
    }
  }
  assert_true(n > 50);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_time),
      cmocka_unit_test(test_frequency_and_rates),
      cmocka_unit_test(test_concentration),
      cmocka_unit_test(test_electrical),
      cmocka_unit_test(test_geometry_temperature_dimensionless),
      cmocka_unit_test(test_wrong_dimension),
      cmocka_unit_test(test_missing_and_unknown_units),
      cmocka_unit_test(test_malformed_numbers),
      cmocka_unit_test(test_bad_arguments),
      cmocka_unit_test(test_factor_and_describe),
      cmocka_unit_test(test_param_values),
      cmocka_unit_test(test_table_units_known),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
