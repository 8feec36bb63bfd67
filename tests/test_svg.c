/* Tests of the SVG plot writer: nice ticks, escaping, well-formed output, non-finite points,
 * line decimation, stacked figures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/svg.h"

/* ---- a small well-formedness check: every tag closed in order, entities known ---- */

static int entity_ok(const char *s) {
  static const char *const known[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
    if (strncmp(s, known[i], strlen(known[i])) == 0)
      return 1;
  return 0;
}

/* 1 when the markup in s is balanced; the first problem is printed. */
static int well_formed(const char *s) {
  char stack[64][32];
  int depth = 0;
  for (const char *c = s; *c; c++) {
    if (*c == '&' && !entity_ok(c))
      return printf("bad entity at %.20s\n", c), 0;
    if (*c != '<')
      continue;
    if (strncmp(c, "<?", 2) == 0) {
      c = strstr(c, "?>");
      if (c == NULL)
        return 0;
      continue;
    }
    const char *end = strchr(c, '>');
    if (end == NULL)
      return printf("unterminated tag\n"), 0;
    if (c[1] == '/') {
      size_t n = strcspn(c + 2, " >");
      if (depth == 0 || strlen(stack[depth - 1]) != n || strncmp(stack[depth - 1], c + 2, n))
        return printf("mismatched </%.*s>\n", (int)n, c + 2), 0;
      depth--;
    } else if (end[-1] != '/') {
      size_t n = strcspn(c + 1, " >/\n");
      if (depth == 64 || n >= 32)
        return printf("too deep\n"), 0;
      memcpy(stack[depth], c + 1, n);
      stack[depth++][n] = '\0';
    }
    c = end;
  }
  if (depth != 0)
    printf("unclosed <%s>\n", stack[depth - 1]);
  return depth == 0;
}

static size_t count_of(const char *s, const char *needle) {
  size_t n = 0;
  for (const char *p = strstr(s, needle); p != NULL; p = strstr(p + 1, needle))
    n++;
  return n;
}

/* Render p into b (initialised here): well-formed, no NaN or Inf written. */
static void render_ok(const ltp_svg_plot *p, const char *id, ltp_svg_buf *b) {
  ltp_svg_buf_init(b);
  assert_int_equal(ltp_svg_plot_render(p, id, b), LTP_OK);
  assert_true(well_formed(b->data));
  assert_null(strstr(b->data, "nan"));
  assert_null(strstr(b->data, "inf"));
}

/* ---- ticks ---- */

static void test_nice_axis_steps(void **state) {
  (void)state;
  ltp_svg_axis a = ltp_svg_nice_axis(0.0, 100.0, 5);
  assert_float_equal(a.step, 25.0, 1e-12);
  assert_float_equal(a.lo, 0.0, 1e-12);
  assert_float_equal(a.hi, 100.0, 1e-12);
  assert_int_equal(a.n_ticks, 5);
  assert_int_equal(a.decimals, 0);

  a = ltp_svg_nice_axis(95.0, 180.0, 6); /* raw step 17 -> 20 */
  assert_float_equal(a.step, 20.0, 1e-12);
  assert_float_equal(a.lo, 80.0, 1e-12);
  assert_float_equal(a.hi, 180.0, 1e-12);
  assert_int_equal(a.n_ticks, 6);

  a = ltp_svg_nice_axis(0.013, 0.087, 5);
  assert_float_equal(a.step, 0.02, 1e-12);
  assert_float_equal(a.lo, 0.0, 1e-12);
  assert_float_equal(a.hi, 0.1, 1e-12);
  assert_int_equal(a.decimals, 2);

  a = ltp_svg_nice_axis(-72.3, -40.1, 4); /* raw 10.7 -> 20 */
  assert_float_equal(a.step, 20.0, 1e-12);
  assert_float_equal(a.lo, -80.0, 1e-12);
  assert_float_equal(a.hi, -40.0, 1e-12);
}

static void test_nice_axis_degenerate(void **state) {
  (void)state;
  ltp_svg_axis a = ltp_svg_nice_axis(5.0, 5.0, 5);
  assert_true(a.lo < 5.0 && a.hi > 5.0);
  a = ltp_svg_nice_axis(0.0, 0.0, 5);
  assert_true(a.lo <= -1.0 && a.hi >= 1.0);
  a = ltp_svg_nice_axis(NAN, 3.0, 5);
  assert_float_equal(a.lo, 0.0, 1e-12);
  assert_float_equal(a.hi, 1.0, 1e-12);
  a = ltp_svg_nice_axis(10.0, 0.0, 5); /* reversed */
  assert_float_equal(a.lo, 0.0, 1e-12);
  assert_float_equal(a.hi, 10.0, 1e-12);
}

static void test_fixed_axis_and_labels(void **state) {
  (void)state;
  ltp_svg_axis a = ltp_svg_fixed_axis(-0.2, 1.8, 5);
  assert_float_equal(a.lo, -0.2, 1e-12);
  assert_float_equal(a.hi, 1.8, 1e-12);
  assert_float_equal(a.step, 0.5, 1e-12);
  assert_float_equal(a.tick0, 0.0, 1e-12);
  assert_int_equal(a.n_ticks, 4); /* 0, 0.5, 1, 1.5 */
  char t[32];
  ltp_svg_format_tick(&a, 1.5, t, sizeof t);
  assert_string_equal(t, "1.5");

  a = ltp_svg_nice_axis(0.0, 10.0, 5); /* step 2.5 needs one decimal */
  ltp_svg_format_tick(&a, 7.5, t, sizeof t);
  assert_string_equal(t, "7.5");
  a = ltp_svg_nice_axis(-1.0, 1.0, 5);
  ltp_svg_format_tick(&a, -1e-17, t, sizeof t);
  assert_string_equal(t, "0.0");
  a = ltp_svg_nice_axis(0.0, 250.0, 5); /* raw step 62.5 -> 100 */
  ltp_svg_format_tick(&a, 200.0, t, sizeof t);
  assert_string_equal(t, "200");
}

/* ---- buffer and escaping ---- */

/* Logarithmic axes: 1-2-5 ticks over a narrow range, decades over a wide one, the range
 * extended to ticks; a log plot draws its ticks as values and skips x <= 0. */
static void test_log_axis(void **state) {
  (void)state;
  const double want[] = {1, 2, 5, 10, 20, 50};
  ltp_svg_axis a = ltp_svg_log_axis(1.0, 50.0, 5);
  assert_int_equal(a.log, LTP_SVG_LOG_125);
  assert_int_equal(a.n_ticks, 6);
  char t[32], w[32];
  for (size_t i = 0; i < 6; ++i) {
    assert_float_equal(pow(10.0, ltp_svg_axis_tick(&a, i)), want[i], 1e-9);
    ltp_svg_format_tick(&a, ltp_svg_axis_tick(&a, i), t, sizeof t);
    snprintf(w, sizeof w, "%g", want[i]);
    assert_string_equal(t, w); /* labels are values, not logarithms */
  }
  a = ltp_svg_log_axis(0.6, 4.0, 5); /* extended to 0.5 .. 5 */
  assert_float_equal(pow(10.0, a.lo), 0.5, 1e-9);
  assert_float_equal(pow(10.0, a.hi), 5.0, 1e-9);
  assert_int_equal(a.n_ticks, 4);
  a = ltp_svg_log_axis(1e-3, 1e5, 5); /* wide: every other decade */
  assert_int_equal(a.log, LTP_SVG_LOG_DECADES);
  assert_float_equal(a.step, 2.0, 1e-12);
  assert_true(a.n_ticks >= 4 && a.n_ticks <= 6);

  ltp_svg_plot *p = ltp_svg_plot_create(400, 300, "log", "rate (Hz)", "y");
  assert_int_equal(ltp_svg_plot_set_xlog(p), LTP_OK);
  const double x[] = {0.0, 1.0, 10.0, 50.0}, y[] = {1, 2, 3, 4};
  assert_int_equal(ltp_svg_plot_add_series(p, x, y, 4, (ltp_svg_style){0}), LTP_OK);
  assert_int_equal(ltp_svg_plot_set_xlog(p), LTP_ERR_ARG); /* only before the series */
  ltp_svg_buf b;
  render_ok(p, "log", &b);
  assert_non_null(strstr(b.data, ">20</text>"));
  ltp_svg_buf_free(&b);
  ltp_svg_plot_free(p);
}

static void test_escape(void **state) {
  (void)state;
  ltp_svg_buf b;
  ltp_svg_buf_init(&b);
  ltp_svg_buf_escape(&b, "a<b & \"c\" > 'd'");
  assert_string_equal(b.data, "a&lt;b &amp; &quot;c&quot; &gt; &#39;d&#39;");
  ltp_svg_buf_printf(&b, "%d%s", 42, "!");
  assert_int_equal(b.oom, 0);
  assert_non_null(strstr(b.data, "42!"));
  ltp_svg_buf_free(&b);
}

/* ---- plots ---- */

static ltp_svg_plot *sample_plot(void) {
  ltp_svg_plot *p = ltp_svg_plot_create(640, 400, "LTP <test> & more", "time (min)", "slope (%)");
  double x[40], y[40];
  for (int i = 0; i < 40; i++) {
    x[i] = -10.0 + i;
    y[i] = i < 10 ? 100.0 : 150.0;
  }
  y[3] = NAN;
  x[7] = INFINITY;
  assert_int_equal(ltp_svg_plot_add_span(p, 0.0, 0.02, "tetanus"), LTP_OK);
  assert_int_equal(ltp_svg_plot_add_hline(p, 100.0, "100 %"), LTP_OK);
  assert_int_equal(
      ltp_svg_plot_add_series(p, x, y, 40, (ltp_svg_style){LTP_SVG_MARKERS, NULL, NULL}), LTP_OK);
  return p;
}

static void test_plot_well_formed_and_escaped(void **state) {
  (void)state;
  ltp_svg_plot *p = sample_plot();
  ltp_svg_buf b;
  render_ok(p, "tc", &b);
  assert_non_null(strstr(b.data, "LTP &lt;test&gt; &amp; more"));
  assert_null(strstr(b.data, "<test>"));
  assert_non_null(strstr(b.data, "id=\"tc-clip0\""));
  assert_non_null(strstr(b.data, ">tetanus<"));
  ltp_svg_buf_free(&b);
  ltp_svg_plot_free(p);
}

static void test_nonfinite_points_skipped(void **state) {
  (void)state;
  ltp_svg_plot *p = sample_plot();
  ltp_svg_buf b;
  ltp_svg_buf_init(&b);
  assert_int_equal(ltp_svg_plot_render(p, "x", &b), LTP_OK);
  assert_int_equal(count_of(b.data, "<circle"), 38); /* 40 points, 2 non-finite */
  ltp_svg_buf_free(&b);
  ltp_svg_plot_free(p);

  /* A line is broken at a non-finite point: two subpaths. */
  p = ltp_svg_plot_create(400, 300, NULL, NULL, NULL);
  double x[5] = {0, 1, 2, 3, 4}, y[5] = {1, 2, NAN, 4, 5};
  assert_int_equal(ltp_svg_plot_add_series(p, x, y, 5, (ltp_svg_style){LTP_SVG_LINE, "red", NULL}),
                   LTP_OK);
  ltp_svg_buf_init(&b);
  assert_int_equal(ltp_svg_plot_render(p, "x", &b), LTP_OK);
  const char *d = strstr(b.data, "stroke=\"red\" d=\"");
  assert_non_null(d);
  char path[256];
  snprintf(path, sizeof path, "%.*s", (int)strcspn(d + 16, "\""), d + 16);
  assert_int_equal(count_of(path, "M"), 2);
  assert_int_equal(count_of(path, "L"), 2);
  assert_true(well_formed(b.data));
  ltp_svg_buf_free(&b);
  ltp_svg_plot_free(p);
}

static void test_empty_and_all_nan_plot(void **state) {
  (void)state;
  ltp_svg_plot *p = ltp_svg_plot_create(300, 200, "empty", "x", "y");
  double x[2] = {NAN, NAN}, y[2] = {1, 2};
  assert_int_equal(
      ltp_svg_plot_add_series(p, x, y, 2,
                              (ltp_svg_style){LTP_SVG_LINE | LTP_SVG_MARKERS, NULL, "nothing"}),
      LTP_OK);
  ltp_svg_buf b;
  ltp_svg_buf_init(&b);
  assert_int_equal(ltp_svg_plot_render(p, "e", &b), LTP_OK);
  assert_true(well_formed(b.data));
  assert_int_equal(count_of(b.data, "<circle"), 1); /* the legend sample only */
  ltp_svg_buf_free(&b);
  ltp_svg_plot_free(p);
}

static void test_dense_line_decimated(void **state) {
  (void)state;
  enum { N = 200000 };
  double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
  for (int i = 0; i < N; i++) {
    x[i] = i * 0.01;
    y[i] = sin(i * 0.37) + (i == N / 2 ? 50.0 : 0.0); /* one spike that must survive */
  }
  ltp_svg_plot *p = ltp_svg_plot_create(600, 300, NULL, NULL, NULL);
  assert_int_equal(ltp_svg_plot_add_series(p, x, y, N, (ltp_svg_style){LTP_SVG_LINE, NULL, NULL}),
                   LTP_OK);
  free(x);
  free(y);
  ltp_svg_buf b;
  ltp_svg_buf_init(&b);
  assert_int_equal(ltp_svg_plot_render(p, "d", &b), LTP_OK);
  assert_true(b.len < 200000); /* <= 4 points per pixel column, not 200000 points */
  ltp_svg_axis a = ltp_svg_nice_axis(-1.0, 50.0, 6);
  char t[32];
  ltp_svg_format_tick(&a, a.tick0 + (double)(a.n_ticks - 1) * a.step, t, sizeof t);
  assert_non_null(strstr(b.data, t)); /* the y axis reaches the spike */
  ltp_svg_buf_free(&b);
  ltp_svg_plot_free(p);
}

static void test_stacked_figure(void **state) {
  (void)state;
  ltp_svg_figure *fig = ltp_svg_figure_create(700, "Traces");
  double t[100], v[100];
  for (int i = 0; i < 100; i++) {
    t[i] = i;
    v[i] = -70 + 0.3 * i;
  }
  for (int k = 0; k < 3; k++) {
    char name[16];
    snprintf(name, sizeof name, "var%d", k);
    ltp_svg_plot *p = ltp_svg_plot_create(700, 110, name, "time (ms)", "mV");
    assert_non_null(p);
    assert_int_equal(
        ltp_svg_plot_add_series(p, t, v, 100, (ltp_svg_style){LTP_SVG_LINE, NULL, NULL}), LTP_OK);
    assert_int_equal(ltp_svg_figure_add_panel(fig, p), LTP_OK);
  }
  ltp_svg_buf b;
  ltp_svg_buf_init(&b);
  assert_int_equal(ltp_svg_figure_render(fig, "tr", &b), LTP_OK);
  assert_true(well_formed(b.data));
  assert_int_equal(count_of(b.data, "<svg"), 1);
  assert_int_equal(count_of(b.data, ">time (ms)<"), 1); /* x label on the bottom panel only */
  assert_non_null(strstr(b.data, "id=\"tr-clip0\""));
  assert_non_null(strstr(b.data, "id=\"tr-clip2\""));
  assert_non_null(strstr(b.data, ">var1<"));
  ltp_svg_buf_free(&b);
  ltp_svg_figure_free(fig);

  fig = ltp_svg_figure_create(700, NULL); /* no panels: the empty text */
  assert_int_equal(ltp_svg_figure_set_empty_text(fig, "no traces recorded"), LTP_OK);
  ltp_svg_buf_init(&b);
  assert_int_equal(ltp_svg_figure_render(fig, "e", &b), LTP_OK);
  assert_true(well_formed(b.data));
  assert_non_null(strstr(b.data, "no traces recorded"));
  ltp_svg_buf_free(&b);
  ltp_svg_figure_free(fig);
}

static void test_write_file(void **state) {
  (void)state;
  ltp_svg_plot *p = sample_plot();
  FILE *f = tmpfile();
  assert_non_null(f);
  assert_int_equal(ltp_svg_plot_write(p, "w", f), LTP_OK);
  long n = ftell(f);
  rewind(f);
  char *s = calloc((size_t)n + 1, 1);
  assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
  assert_int_equal(strncmp(s, "<?xml", 5), 0);
  assert_true(well_formed(s));
  free(s);
  fclose(f);
  ltp_svg_plot_free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_nice_axis_steps),
      cmocka_unit_test(test_nice_axis_degenerate),
      cmocka_unit_test(test_fixed_axis_and_labels),
      cmocka_unit_test(test_log_axis),
      cmocka_unit_test(test_escape),
      cmocka_unit_test(test_plot_well_formed_and_escaped),
      cmocka_unit_test(test_nonfinite_points_skipped),
      cmocka_unit_test(test_empty_and_all_nan_plot),
      cmocka_unit_test(test_dense_line_decimated),
      cmocka_unit_test(test_stacked_figure),
      cmocka_unit_test(test_write_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
