/* report.html: one self-contained page per run (inline CSS, figures inlined as SVG): summary
 * numbers, figures, final state, every parameter used, counters and files. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/writers.h"
#include "mech/registry.h"

const char ltp_report_css[] =
    "body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;max-width:1000px;"
    "padding:0 1em;color:#222;line-height:1.4}\n"
    "h1{margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}\n"
    ".meta{color:#555}.desc{font-size:1.05em}\n"
    "table{border-collapse:collapse;margin:.5em 0;font-size:.9em}\n"
    "th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}\n"
    "th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tr.override td{background:#fff3c4}tr.changed td{background:#e8f1fb}\n"
    ".key{font-family:monospace}.src{color:#555;font-size:.9em}\n"
    "figure{margin:1.5em 0}figure svg{max-width:100%;height:auto}\n"
    "figcaption{color:#444;font-size:.9em;max-width:680px}\n"
    ".legend span{padding:0 .4em;margin-right:1em}\n";

static void esc(ltp_svg_buf *b, const char *s) {
  ltp_svg_buf_escape(b, s);
}

/* Bounded copy of a fixed-size char array that may lack its terminator. */
static void copy_field(char *out, size_t n, const char *field, size_t field_size) {
  snprintf(out, n, "%.*s", (int)(field_size - 1), field);
}

static void td_text(ltp_svg_buf *b, const char *cls, const char *s) {
  ltp_svg_buf_printf(b, "<td%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
  esc(b, s ? s : "");
  ltp_svg_buf_puts(b, "</td>");
}

static void td_num(ltp_svg_buf *b, double v) {
  if (isfinite(v))
    ltp_svg_buf_printf(b, "<td class=\"num\">%.4g</td>", v);
  else
    ltp_svg_buf_puts(b, "<td class=\"num\">&#8211;</td>");
}

static void th_row(ltp_svg_buf *b, const char *const *names, size_t n) {
  ltp_svg_buf_puts(b, "<tr>");
  for (size_t i = 0; i < n; i++) {
    ltp_svg_buf_puts(b, "<th>");
    esc(b, names[i]);
    ltp_svg_buf_puts(b, "</th>");
  }
  ltp_svg_buf_puts(b, "</tr>\n");
}

static void report_head(ltp_svg_buf *b, const ltp_output_ctx *ctx) {
  char name[sizeof ctx->proto->name + 1], desc[sizeof ctx->proto->description + 1];
  copy_field(name, sizeof name, ctx->proto->name, sizeof ctx->proto->name);
  copy_field(desc, sizeof desc, ctx->proto->description, sizeof ctx->proto->description);
  ltp_svg_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                      "<title>ltpsim: ");
  esc(b, name[0] ? name : "run");
  ltp_svg_buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", ltp_report_css);
  esc(b, name[0] ? name : "ltpsim run");
  ltp_svg_buf_puts(b, "</h1>\n");
  if (desc[0]) {
    ltp_svg_buf_puts(b, "<p class=\"desc\">");
    esc(b, desc);
    ltp_svg_buf_puts(b, "</p>\n");
  }
}

static void report_meta(ltp_svg_buf *b, const ltp_output_ctx *ctx) {
  const ltp_results *res = ctx->res;
  ltp_svg_buf_printf(b,
                     "<p class=\"meta\">ltpsim %s &#183; seed %llu &#183; %d pathway%s "
                     "&#183; %.4g min simulated",
                     LTPSIM_VERSION, (unsigned long long)ctx->seed, ltp_output_n_pathways(ctx),
                     ltp_output_n_pathways(ctx) == 1 ? "" : "s", res->t_end_ms / 60000.0);
  if (res->induction_ms >= 0.0)
    ltp_svg_buf_printf(b, " &#183; induction at %.4g min", res->induction_ms / 60000.0);
  ltp_svg_buf_printf(b, " &#183; wall time %.3g s</p>\n", res->wall_s);
}

static void report_potentiation(ltp_svg_buf *b, const ltp_results *res) {
  ltp_svg_buf_puts(b, "<h2>Potentiation</h2>\n");
  if (res->n_potentiation == 0) {
    ltp_svg_buf_puts(b, "<p>No readout times were requested.</p>\n");
    return;
  }
  static const char *const head[] = {"after induction (min)",        "pathway",
                                     "potentiation (% of baseline)", "AMPAR count (%)",
                                     "AMPAR conductance (%)",        "release probability (%)",
                                     "test pulses averaged"};
  ltp_svg_buf_puts(b, "<table>\n");
  th_row(b, head, LTP_COUNT(head));
  for (size_t i = 0; i < res->n_potentiation; i++) {
    const ltp_potentiation *p = &res->potentiation[i];
    ltp_svg_buf_puts(b, "<tr>");
    td_num(b, p->after_min);
    ltp_svg_buf_printf(b, "<td class=\"num\">%d</td>", p->pathway + 1);
    td_num(b, p->potentiation_pct);
    td_num(b, p->receptors_pct);
    td_num(b, p->conductance_pct);
    td_num(b, p->release_pct);
    ltp_svg_buf_printf(b, "<td class=\"num\">%zu</td></tr>\n", p->n_pulses);
  }
  ltp_svg_buf_puts(b, "</table>\n");
}

static void report_baseline(ltp_svg_buf *b, const ltp_output_ctx *ctx) {
  int np = ltp_output_n_pathways(ctx);
  if (np == 0)
    return;
  static const char *const head[] = {"pathway", "baseline EPSP slope (mV/ms)",
                                     "baseline EPSC (pA)"};
  ltp_svg_buf_puts(b, "<h3>Baseline</h3>\n<table>\n");
  th_row(b, head, LTP_COUNT(head));
  for (int p = 0; p < np; p++) {
    ltp_svg_buf_printf(b, "<tr><td class=\"num\">%d</td>", p + 1);
    td_num(b, ctx->res->baseline_slope_mV_ms[p]);
    td_num(b, ctx->res->baseline_epsc_pA[p]);
    ltp_svg_buf_puts(b, "</tr>\n");
  }
  ltp_svg_buf_puts(b, "</table>\n");
}

static void report_figures(ltp_svg_buf *b, const ltp_report_figure *figs, size_t n) {
  ltp_svg_buf_puts(b, "<h2>Figures</h2>\n");
  for (size_t i = 0; i < n; i++) {
    ltp_svg_buf_puts(b, "<figure>\n");
    if (figs[i].svg != NULL && figs[i].svg->len > 0)
      ltp_svg_buf_append(b, figs[i].svg->data, figs[i].svg->len);
    ltp_svg_buf_puts(b, "<figcaption>");
    esc(b, figs[i].caption);
    ltp_svg_buf_puts(b, " (<a href=\"");
    esc(b, figs[i].file);
    ltp_svg_buf_puts(b, "\">");
    esc(b, figs[i].file);
    ltp_svg_buf_puts(b, "</a>)</figcaption>\n</figure>\n");
  }
}

static void report_final_state(ltp_svg_buf *b, const ltp_results *res) {
  ltp_svg_buf_puts(b, "<h2>Final state</h2>\n");
  if (res->n_final_state == 0) {
    ltp_svg_buf_puts(b, "<p>No final-state values recorded.</p>\n");
    return;
  }
  static const char *const head[] = {"variable", "value", "unit"};
  ltp_svg_buf_puts(b, "<table>\n");
  th_row(b, head, LTP_COUNT(head));
  for (size_t i = 0; i < res->n_final_state; i++) {
    const ltp_state_value *s = &res->final_state[i];
    char name[sizeof s->name + 1], unit[sizeof s->unit + 1];
    copy_field(name, sizeof name, s->name, sizeof s->name);
    copy_field(unit, sizeof unit, s->unit, sizeof s->unit);
    ltp_svg_buf_puts(b, "<tr>");
    td_text(b, "key", name);
    td_num(b, s->value);
    td_text(b, NULL, unit);
    ltp_svg_buf_puts(b, "</tr>\n");
  }
  ltp_svg_buf_puts(b, "</table>\n");
}

/* A parameter value as text: the choice name for enumerated values, else %.6g. */
static void param_text(char *out, size_t n, const ltp_param_def *d, double v) {
  int idx = (int)v, count = 0;
  while (d->choices != NULL && d->choices[count] != NULL)
    count++;
  if (d->choices != NULL && idx >= 0 && idx < count && (double)idx == v)
    snprintf(out, n, "%s", d->choices[idx]);
  else
    snprintf(out, n, "%.6g", v);
}

static void param_row(ltp_svg_buf *b, const ltp_output_ctx *ctx, const ltp_mech_def *mech,
                      const ltp_param_def *d) {
  char key[128], val[64], def[64];
  snprintf(key, sizeof key, "%s.%s", mech->name, d->name);
  double v = ltp_param_get(ctx->params, d);
  param_text(val, sizeof val, d, v);
  param_text(def, sizeof def, d, d->def);
  const char *cls = ltp_output_is_override(ctx, key) ? " class=\"override\""
                    : v != d->def                    ? " class=\"changed\""
                                                     : "";
  ltp_svg_buf_printf(b, "<tr%s>", cls);
  td_text(b, NULL, mech->name);
  ltp_svg_buf_puts(b, "<td class=\"key\" title=\"");
  esc(b, d->doc ? d->doc : "");
  ltp_svg_buf_puts(b, "\">");
  esc(b, key);
  ltp_svg_buf_puts(b, "</td>");
  ltp_svg_buf_puts(b, "<td class=\"num\">");
  esc(b, val);
  ltp_svg_buf_puts(b, "</td>");
  td_text(b, NULL, d->unit);
  ltp_svg_buf_puts(b, "<td class=\"num\">");
  esc(b, def);
  ltp_svg_buf_puts(b, "</td>");
  td_text(b, "src", d->source);
  ltp_svg_buf_puts(b, "</tr>\n");
}

static void report_params(ltp_svg_buf *b, const ltp_output_ctx *ctx) {
  static const char *const head[] = {"mechanism", "key", "value", "unit", "default", "source"};
  ltp_svg_buf_puts(b, "<h2>Parameters</h2>\n<p class=\"legend\"><span "
                      "style=\"background:#fff3c4\">set on the command line</span><span "
                      "style=\"background:#e8f1fb\">differs from the default (experiment "
                      "file)</span></p>\n<table>\n");
  th_row(b, head, LTP_COUNT(head));
  for (size_t m = 0; ltp_mech_registry[m] != NULL; m++)
    for (size_t i = 0; i < ltp_mech_registry[m]->n_params; i++)
      param_row(b, ctx, ltp_mech_registry[m], &ltp_mech_registry[m]->params[i]);
  ltp_svg_buf_puts(b, "</table>\n");
  if (ctx->n_overrides == 0)
    return;
  ltp_svg_buf_puts(b, "<p>Command-line overrides:</p>\n<ul>\n");
  for (size_t i = 0; i < ctx->n_overrides; i++) {
    if (ctx->overrides[i] == NULL)
      continue;
    ltp_svg_buf_puts(b, "<li class=\"key\">");
    esc(b, ctx->overrides[i]);
    ltp_svg_buf_puts(b, "</li>\n");
  }
  ltp_svg_buf_puts(b, "</ul>\n");
}

static void counter_row(ltp_svg_buf *b, const char *name, unsigned long long v) {
  ltp_svg_buf_puts(b, "<tr>");
  td_text(b, NULL, name);
  ltp_svg_buf_printf(b, "<td class=\"num\">%llu</td></tr>\n", v);
}

static void report_run(ltp_svg_buf *b, const ltp_results *res, const char *const *files,
                       size_t n_files) {
  ltp_svg_buf_puts(b, "<h2>Run</h2>\n<table>\n");
  counter_row(b, "fine steps", (unsigned long long)res->fine_steps);
  counter_row(b, "slow steps", (unsigned long long)res->slow_steps);
  counter_row(b, "events", (unsigned long long)res->events);
  counter_row(b, "test-pulse readouts", (unsigned long long)res->readouts.n);
  counter_row(b, "trace rows", (unsigned long long)res->trace.n_rows);
  ltp_svg_buf_printf(b, "<tr><td>wall time (s)</td><td class=\"num\">%.4g</td></tr>\n",
                     res->wall_s);
  ltp_svg_buf_puts(b, "</table>\n<p>Files:");
  for (size_t i = 0; i < n_files; i++) {
    ltp_svg_buf_puts(b, i ? ", <a href=\"" : " <a href=\"");
    esc(b, files[i]);
    ltp_svg_buf_puts(b, "\">");
    esc(b, files[i]);
    ltp_svg_buf_puts(b, "</a>");
  }
  ltp_svg_buf_puts(b, " (described in docs/outputs.md)</p>\n");
}

ltp_status ltp_report_html(const ltp_output_ctx *ctx, const ltp_report_figure *figs, size_t n_figs,
                           const char *const *files, size_t n_files, ltp_svg_buf *out) {
  if (ctx == NULL || out == NULL || (n_figs > 0 && figs == NULL))
    return LTP_ERR_ARG;
  report_head(out, ctx);
  report_meta(out, ctx);
  report_potentiation(out, ctx->res);
  report_baseline(out, ctx);
  report_figures(out, figs, n_figs);
  report_final_state(out, ctx->res);
  report_params(out, ctx);
  report_run(out, ctx->res, files, n_files);
  ltp_svg_buf_puts(out, "</body>\n</html>\n");
  return out->oom ? LTP_ERR_NOMEM : LTP_OK;
}
