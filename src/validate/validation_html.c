/* validation.html: one self-contained page (the style of report.html, figures inlined): the
 * outcome of every case, then per case its protocol, source, target and tolerance, a
 * model-versus-data figure (published bands as grey bars, model values as dots; one panel
 * per measured quantity) and the table of checks. Also the atomic write of both files. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/outdir.h"
#include "io/writers.h"
#include "validate/validate.h"

#define FIG_WIDTH 680.0
#define PANEL_HEIGHT 260.0
#define BAND_COLOR "#999999"
#define PASS_COLOR "#009E73" /* Okabe-Ito bluish green */
#define FAIL_COLOR "#D55E00" /* Okabe-Ito vermillion */

/* y range of one panel: every finite band edge and model value, padded 10 %. */
static void panel_range(const ltp_val_result *r, const char *panel, double *lo, double *hi) {
  *lo = HUGE_VAL;
  *hi = -HUGE_VAL;
  for (size_t k = 0; k < r->c->n_checks; ++k) {
    const ltp_val_check *ck = &r->c->checks[k];
    if (strcmp(ck->panel, panel) != 0)
      continue;
    const double v[] = {ck->lo, ck->hi, r->values[k]};
    for (size_t j = 0; j < 3; ++j)
      if (isfinite(v[j])) {
        *lo = fmin(*lo, v[j]);
        *hi = fmax(*hi, v[j]);
      }
  }
  const double pad = *hi > *lo ? 0.1 * (*hi - *lo) : fabs(*lo) * 0.1 + 1e-9;
  *lo -= pad;
  *hi += pad;
}

static ltp_status add_panel(ltp_svg_figure *fig, const ltp_val_result *r, const char *panel) {
  ltp_svg_plot *p = ltp_svg_plot_create(FIG_WIDTH, PANEL_HEIGHT, panel, r->c->x_label, panel);
  if (p == NULL)
    return LTP_ERR_NOMEM;
  double lo, hi;
  panel_range(r, panel, &lo, &hi);
  ltp_status st = LTP_OK;
  int first_band = 1, first_pass = 1, first_fail = 1;
  for (size_t k = 0; st == LTP_OK && k < r->c->n_checks; ++k) {
    const ltp_val_check *ck = &r->c->checks[k];
    if (strcmp(ck->panel, panel) != 0)
      continue;
    /* an open side of a band runs to the edge of the plot */
    const double x[2] = {ck->x, ck->x};
    const double y[2] = {isfinite(ck->lo) ? ck->lo : lo, isfinite(ck->hi) ? ck->hi : hi};
    ltp_svg_style band = {LTP_SVG_LINE, BAND_COLOR, first_band ? "published band" : NULL};
    st = ltp_svg_plot_add_series(p, x, y, 2, band);
    first_band = 0;
    if (st != LTP_OK || !isfinite(r->values[k]))
      continue;
    const int ok = r->pass[k];
    ltp_svg_style model = {LTP_SVG_MARKERS, ok ? PASS_COLOR : FAIL_COLOR,
                           ok ? (first_pass ? "model, inside the band" : NULL)
                              : (first_fail ? "model, outside the band" : NULL)};
    st = ltp_svg_plot_add_series(p, &ck->x, &r->values[k], 1, model);
    if (ok)
      first_pass = 0;
    else
      first_fail = 0;
  }
  if (st == LTP_OK)
    ltp_svg_plot_set_yrange(p, lo, hi);
  if (st != LTP_OK) {
    ltp_svg_plot_free(p);
    return st;
  }
  return ltp_svg_figure_add_panel(fig, p);
}

ltp_status ltp_val_figure(const ltp_val_result *r, const char *id, ltp_svg_buf *out) {
  ltp_svg_figure *fig = ltp_svg_figure_create(FIG_WIDTH, r->c->name);
  if (fig == NULL)
    return LTP_ERR_NOMEM;
  ltp_status st = LTP_OK;
  for (size_t k = 0; st == LTP_OK && k < r->c->n_checks; ++k) {
    size_t j = 0; /* one panel per quantity, in order of first appearance */
    while (j < k && strcmp(r->c->checks[j].panel, r->c->checks[k].panel) != 0)
      ++j;
    if (j == k)
      st = add_panel(fig, r, r->c->checks[k].panel);
  }
  if (st == LTP_OK)
    st = ltp_svg_figure_render(fig, id, out);
  ltp_svg_figure_free(fig);
  return st;
}

static void esc(ltp_svg_buf *b, const char *s) {
  ltp_svg_buf_escape(b, s ? s : "");
}

static void number(ltp_svg_buf *b, double v, const char *open) {
  if (isfinite(v))
    ltp_svg_buf_printf(b, "%.4g", v);
  else
    ltp_svg_buf_puts(b, open);
}

static void row(ltp_svg_buf *b, const char *key, const char *value) {
  ltp_svg_buf_puts(b, "<tr><th>");
  esc(b, key);
  ltp_svg_buf_puts(b, "</th><td>");
  esc(b, value);
  ltp_svg_buf_puts(b, "</td></tr>\n");
}

static const char *outcome_style(ltp_val_outcome o) {
  return o == LTP_VAL_PASS    ? "background:#dff3e4"
         : o == LTP_VAL_XFAIL ? "background:#fff3c4"
                              : "background:#f9d6c9";
}

static void summary_table(ltp_svg_buf *b, const ltp_val_report *r) {
  ltp_svg_buf_puts(b, "<table>\n<tr><th>case</th><th>outcome</th><th>metric</th>"
                      "<th>simulated wall time (s)</th></tr>\n");
  for (size_t i = 0; i < r->n; ++i) {
    const ltp_val_result *res = &r->results[i];
    ltp_svg_buf_printf(b, "<tr><td class=\"key\"><a href=\"#%s\">%s</a></td><td style=\"%s\">",
                       res->c->name, res->c->name, outcome_style(res->outcome));
    esc(b, ltp_val_outcome_name(res->outcome));
    ltp_svg_buf_puts(b, "</td><td>");
    esc(b, res->c->metric);
    ltp_svg_buf_printf(b, "</td><td class=\"num\">%.3g</td></tr>\n", res->wall_s);
  }
  ltp_svg_buf_puts(b, "</table>\n");
}

static ltp_status case_section(ltp_svg_buf *b, const ltp_val_result *res) {
  const ltp_val_case *c = res->c;
  ltp_svg_buf_printf(b, "<h2 id=\"%s\">%s: <span style=\"%s\">", c->name, c->name,
                     outcome_style(res->outcome));
  esc(b, ltp_val_outcome_name(res->outcome));
  ltp_svg_buf_puts(b, "</span></h2>\n<table>\n");
  row(b, "source", c->source);
  row(b, "protocol", c->protocol);
  row(b, "metric", c->metric);
  row(b, "target", c->target);
  row(b, "tolerance", c->tolerance);
  if (c->expected_failure)
    row(b, "expected failure", c->expected_failure);
  if (res->outcome == LTP_VAL_XPASS)
    row(b, "UNEXPECTED PASS",
        "the model now passes: remove this case's expected_failure line "
        "in src/validate/cases.c");
  if (res->outcome == LTP_VAL_ERROR)
    row(b, "error", res->error);
  ltp_svg_buf_puts(b, "</table>\n");
  if (res->outcome != LTP_VAL_ERROR) {
    ltp_svg_buf_puts(b, "<figure>\n");
    const ltp_status st = ltp_val_figure(res, c->name, b);
    if (st != LTP_OK)
      return st;
    ltp_svg_buf_puts(b, "<figcaption>Published bands (grey bars; open sides run to the edge) "
                        "and model values (dots).</figcaption>\n</figure>\n");
  }
  ltp_svg_buf_puts(b, "<table>\n<tr><th>check</th><th>x</th><th>band low</th><th>band high</th>"
                      "<th>model</th><th>inside</th></tr>\n");
  for (size_t k = 0; k < c->n_checks; ++k) {
    const ltp_val_check *ck = &c->checks[k];
    ltp_svg_buf_puts(b, "<tr><td>");
    esc(b, ck->label);
    ltp_svg_buf_puts(b, "</td><td class=\"num\">");
    number(b, ck->x, "");
    ltp_svg_buf_puts(b, "</td><td class=\"num\">");
    number(b, ck->lo, "&#8722;&#8734;");
    ltp_svg_buf_puts(b, "</td><td class=\"num\">");
    number(b, ck->hi, "&#8734;");
    ltp_svg_buf_puts(b, "</td><td class=\"num\">");
    number(b, res->values[k], "&#8211;");
    ltp_svg_buf_printf(b, "</td><td>%s</td></tr>\n",
                       res->outcome != LTP_VAL_ERROR && res->pass[k] ? "yes" : "no");
  }
  ltp_svg_buf_puts(b, "</table>\n");
  return LTP_OK;
}

ltp_status ltp_val_html(const ltp_val_report *r, ltp_svg_buf *out) {
  ltp_svg_buf_printf(out,
                     "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                     "<title>ltpsim validation</title>\n<style>\n%s</style>\n</head>\n<body>\n"
                     "<h1>ltpsim validation</h1>\n<p class=\"meta\">ltpsim %s &#183; %zu cases "
                     "&#183; %d jobs &#183; wall time %.3g s &#183; %s</p>\n",
                     ltp_report_css, LTPSIM_VERSION, r->n, r->jobs, r->wall_s,
                     ltp_val_exit_code(r) == 0 ? "suite OK" : "suite FAILED");
  ltp_svg_buf_puts(out, "<p>Every case compares the model with published data within a stated "
                        "band (docs/validation.md). An expected failure is a case the current "
                        "model cannot pass, kept with its reason; an unexpected pass counts as "
                        "a failure until its expected-failure entry is removed.</p>\n");
  if (r->overrides != NULL) {
    ltp_svg_buf_puts(out, "<p class=\"meta\">Run with overrides of the default parameter set:");
    for (size_t i = 0; r->overrides[i] != NULL; ++i) {
      ltp_svg_buf_puts(out, i ? ", <code>" : " <code>");
      ltp_svg_buf_escape(out, r->overrides[i]);
      ltp_svg_buf_puts(out, "</code>");
    }
    ltp_svg_buf_puts(out, ". The expected failures describe the default set, so here every case "
                          "is a pass or a fail.</p>\n");
  }
  summary_table(out, r);
  ltp_status st = LTP_OK;
  for (size_t i = 0; st == LTP_OK && i < r->n; ++i)
    st = case_section(out, &r->results[i]);
  ltp_svg_buf_puts(out, "</body>\n</html>\n");
  return st != LTP_OK ? st : out->oom ? LTP_ERR_NOMEM : LTP_OK;
}

ltp_status ltp_val_write(const ltp_val_report *r, const char *out_dir, ltp_error *err) {
  ltp_svg_buf html;
  ltp_svg_buf_init(&html);
  json_t *root = ltp_val_json(r, err);
  char *json = root ? json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) : NULL;
  json_decref(root);
  ltp_status st = json ? LTP_OK : ltp_error_set(err, LTP_ERR_NOMEM, "cannot build validation.json");
  if (st == LTP_OK && (st = ltp_val_html(r, &html)) != LTP_OK)
    ltp_error_set(err, st, "cannot build validation.html");
  if (st == LTP_OK) {
    const ltp_outdir_file files[] = {{"validation.html", html.data, html.len, NULL, NULL},
                                     {"validation.json", json, strlen(json), NULL, NULL}};
    st = ltp_outdir_write_files(out_dir, "validation.json", files, 2, err);
  }
  free(json);
  ltp_svg_buf_free(&html);
  return st;
}
