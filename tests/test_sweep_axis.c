/* Unit tests for the --vary values of ltpsim sweep (src/sweep/axis.c): lists with units, names,
 * lin and log ranges (endpoints exact, N points), the value text handed to the experiment, every
 * error class; and the exact number formatting they rely on (src/core/numfmt.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the headers above */
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "sweep/axis.h"

static ltp_sweep_axis parse_ok(const char *arg) {
  ltp_sweep_axis a;
  ltp_error err = {0};
  if (ltp_sweep_axis_parse(arg, &a, &err) != LTP_OK)
    fail_msg("%s: %s", arg, err.msg);
  return a;
}

static void expect_error(const char *arg, ltp_status want, const char *part) {
  ltp_sweep_axis a;
  ltp_error err = {0};
  const ltp_status st = ltp_sweep_axis_parse(arg, &a, &err);
  if (st != want)
    fail_msg("%s: got %s (%s), want %s", arg, ltp_status_name(st), err.msg, ltp_status_name(want));
  if (strstr(err.msg, part) == NULL || strstr(err.msg, "--vary") == NULL)
    fail_msg("message \"%s\" lacks \"%s\" or the option", err.msg, part);
  assert_null(a.x); /* nothing left allocated */
}

static const char *text(const ltp_sweep_axis *a, size_t i) {
  static char buf[160]; /* test only */
  return ltp_sweep_axis_text(a, i, buf, sizeof buf);
}

static void test_lists(void **state) {
  (void)state;
  ltp_sweep_axis a = parse_ok("nmda.mg_o=0.5, 1 ,2 mM");
  assert_string_equal(a.key, "nmda.mg_o");
  assert_int_equal(a.kind, LTP_VALUES_LIST);
  assert_int_equal(a.n, 3);
  assert_string_equal(a.unit, "mM");
  assert_true(a.x[0] == 0.5 && a.x[1] == 1.0 && a.x[2] == 2.0);
  assert_string_equal(text(&a, 0), "0.5 mM");
  assert_string_equal(a.spec, "0.5, 1 ,2 mM");
  ltp_sweep_axis_free(&a);

  a = parse_ok("delay=-10 ms,10 ms"); /* the unit may follow every value */
  assert_string_equal(a.unit, "ms");
  assert_string_equal(text(&a, 0), "-10 ms");
  ltp_sweep_axis_free(&a);

  a = parse_ok("pre=1,2,3"); /* a count needs no unit */
  assert_string_equal(a.unit, "");
  assert_string_equal(text(&a, 2), "3");
  ltp_sweep_axis_free(&a);

  a = parse_ok("release.mode=deterministic,stochastic");
  assert_int_equal(a.kind, LTP_VALUES_NAMES);
  assert_string_equal(text(&a, 1), "stochastic");
  assert_true(a.x[1] == 1.0);
  ltp_sweep_axis_free(&a);
}

static void test_ranges(void **state) {
  (void)state;
  ltp_sweep_axis a = parse_ok("nmda.mg_o=lin:0:4:9 mM");
  assert_int_equal(a.kind, LTP_VALUES_LIN);
  assert_int_equal(a.n, 9);
  for (size_t i = 0; i < a.n; ++i)
    assert_true(a.x[i] == 0.5 * (double)i);
  ltp_sweep_axis_free(&a);

  a = parse_ok("x=lin:0.1:0.3:3 ms"); /* 0.1 + 0.1 is 0.2 after rounding, 0.3 the exact end */
  assert_true(a.x[0] == 0.1 && a.x[1] == 0.2 && a.x[2] == 0.3);
  assert_string_equal(text(&a, 1), "0.2 ms");
  ltp_sweep_axis_free(&a);

  a = parse_ok("delay=lin:-100:100:21 ms");
  assert_true(a.x[0] == -100 && a.x[10] == 0 && a.x[20] == 100 && a.x[13] == 30);
  ltp_sweep_axis_free(&a);

  a = parse_ok("rate=log:1:100:3 Hz");
  assert_int_equal(a.kind, LTP_VALUES_LOG);
  assert_true(a.x[0] == 1 && a.x[1] == 10 && a.x[2] == 100);
  assert_string_equal(text(&a, 1), "10 Hz");
  ltp_sweep_axis_free(&a);

  a = parse_ok("rate=log:1:50:5 Hz"); /* ends exact, ratios equal to 12 digits */
  assert_true(a.x[0] == 1 && a.x[4] == 50);
  for (size_t i = 1; i + 1 < a.n; ++i)
    assert_true(fabs(a.x[i + 1] / a.x[i] - a.x[1] / a.x[0]) < 1e-10);
  ltp_sweep_axis_free(&a);
}

static void test_errors(void **state) {
  (void)state;
  expect_error("rate", LTP_ERR_ARG, "expected KEY=VALUES");
  expect_error("=1,2 Hz", LTP_ERR_ARG, "expected KEY=VALUES");
  expect_error("rate=", LTP_ERR_ARG, "no values");
  expect_error("rate=1,,2 Hz", LTP_ERR_ARG, "value 2 is empty");
  expect_error("rate=1,2 furlongs", LTP_ERR_UNIT, "unknown unit \"furlongs\"");
  expect_error("rate=1 mM,2 Hz", LTP_ERR_UNIT, "different units");
  expect_error("rate=1,fast", LTP_ERR_ARG, "mixes numbers and names");
  expect_error("rate=1;2", LTP_ERR_UNIT, "unknown unit \";2\"");
  expect_error("rate=&fast", LTP_ERR_ARG, "cannot read value \"&fast\"");
  expect_error("rate=lin:1:2 Hz", LTP_ERR_ARG, "expected lin:FROM:TO:N UNIT");
  expect_error("rate=lin:1 Hz:2 Hz:3", LTP_ERR_ARG, "cannot read the range");
  expect_error("rate=log:1:2:x Hz", LTP_ERR_ARG, "expected log:FROM:TO:N UNIT");
  expect_error("rate=lin:1:2:1 Hz", LTP_ERR_RANGE, "whole number from 2 to 10000000");
  expect_error("rate=lin:1:2:2.5 Hz", LTP_ERR_RANGE, "whole number from 2");
  expect_error("rate=lin:1:2:20000000 Hz", LTP_ERR_RANGE, "N = 20000000");
  expect_error("rate=log:0:10:5 Hz", LTP_ERR_RANGE, "FROM > 0 and TO > 0");
  expect_error("rate=lin:1:2:3 parsecs", LTP_ERR_UNIT, "unknown unit");
}

static void test_format_exact(void **state) {
  (void)state;
  char b[40];
  assert_string_equal(ltp_format_exact(10, b, sizeof b), "10");
  assert_string_equal(ltp_format_exact(50, b, sizeof b), "50");
  assert_string_equal(ltp_format_exact(0.1, b, sizeof b), "0.1");
  assert_string_equal(ltp_format_exact(-0.0, b, sizeof b), "0");
  assert_string_equal(ltp_format_exact(2e-5, b, sizeof b), "0.00002");
  assert_string_equal(ltp_format_exact(1e-7, b, sizeof b), "1e-07");
  assert_string_equal(ltp_format_exact(1e20, b, sizeof b), "1e+20");
  const double odd[] = {0.1 + 0.2, 1.0 / 3.0, 187.329394272026, 6.02214076e23, -4.9e-324};
  for (size_t i = 0; i < sizeof odd / sizeof *odd; ++i)
    assert_true(strtod(ltp_format_exact(odd[i], b, sizeof b), NULL) == odd[i]);
  assert_true(ltp_round_significant(0.30000000000000004, 12) == 0.3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lists),
      cmocka_unit_test(test_ranges),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_format_exact),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
