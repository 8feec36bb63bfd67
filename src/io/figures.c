/* The canonical figures, all drawn with the svg.c plot API: LTP time course, expression
 * mechanisms over time, and stacked traces around induction. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/param.h"
#include "io/writers.h"

#define FIG_W_PX 680.0
#define FIG_H_PX 420.0
#define TRACE_PANEL_H_PX 120.0

/* Shade the protocol's marks (induction, drugs) on p; times are mapped by (t - t0) / unit.
 * Labels only when labels is set (stacked panels label the top one). */
static ltp_status add_marks(ltp_svg_plot *p, const ltp_protocol *proto, double t0_ms,
                            double unit_ms, int labels) {
  for (size_t i = 0; i < proto->n_marks; i++) {
    const ltp_mark *m = &proto->marks[i];
    char label[sizeof m->label + 1];
    snprintf(label, sizeof label, "%.*s", (int)sizeof m->label - 1, m->label);
    ltp_status st =
        ltp_svg_plot_add_span(p, (m->t0_ms - t0_ms) / unit_ms, (m->t1_ms - t0_ms) / unit_ms,
                              labels && label[0] ? label : NULL);
    if (st != LTP_OK)
      return st;
  }
  return LTP_OK;
}

static double induction_t0(const ltp_results *res) {
  return res->induction_ms >= 0.0 ? res->induction_ms : 0.0;
}

/* Voltage clamp: readouts carry EPSCs and no EPSP slopes. */
static int is_voltage_clamp(const ltp_results *res) {
  int epsc = 0;
  for (size_t i = 0; i < res->readouts.n; i++) {
    if (res->readouts.rows[i].epsp_slope_mV_ms != 0.0)
      return 0;
    if (res->readouts.rows[i].epsc_pA != 0.0)
      epsc = 1;
  }
  return epsc;
}

/* Single-spine experiment: every readout is a test uncaging pulse (its response the uEPSC). */
static int is_uncaging(const ltp_results *res) {
  for (size_t i = 0; i < res->readouts.n; i++)
    if (!res->readouts.rows[i].uncaging)
      return 0;
  return res->readouts.n > 0;
}

static void fig_title(char *out, size_t n, const char *what, const ltp_protocol *proto) {
  char name[sizeof proto->name + 1];
  snprintf(name, sizeof name, "%.*s", (int)sizeof proto->name - 1, proto->name);
  snprintf(out, n, "%s%s%s", what, name[0] ? ": " : "", name);
}

static void pathway_label(char *out, size_t n, int pathway) {
  snprintf(out, n, "pathway %d", pathway + 1);
}

/* Points of one pathway: x = minutes from induction, y = value(row). */
typedef double (*row_value)(const ltp_results *res, const ltp_readout *r, const void *arg);

static ltp_status add_pathway_series(ltp_svg_plot *p, const ltp_results *res, int pathway,
                                     row_value value, const void *arg, ltp_svg_style style) {
  size_t n = 0, cap = res->readouts.n ? res->readouts.n : 1;
  double *x = malloc(cap * sizeof *x), *y = malloc(cap * sizeof *y);
  ltp_status st = (x && y) ? LTP_OK : LTP_ERR_NOMEM;
  for (size_t i = 0; st == LTP_OK && i < res->readouts.n; i++) {
    const ltp_readout *r = &res->readouts.rows[i];
    if (r->pathway != pathway)
      continue;
    x[n] = ltp_output_rel_min(res, r->t_ms);
    y[n++] = value(res, r, arg);
  }
  if (st == LTP_OK)
    st = ltp_svg_plot_add_series(p, x, y, n, style);
  free(x);
  free(y);
  return st;
}

static int pathway_has_rows(const ltp_results *res, int pathway) {
  for (size_t i = 0; i < res->readouts.n; i++)
    if (res->readouts.rows[i].pathway == pathway)
      return 1;
  return 0;
}

/* ------------------------------------------------------------------ LTP time course */

static double slope_pct_value(const ltp_results *res, const ltp_readout *r, const void *arg) {
  (void)arg;
  return ltp_output_readout_pct(res, r);
}

/* Pathway 1 filled black circles, pathway 2 open circles, further pathways filled colours. */
static ltp_svg_style pathway_marker_style(int pathway, const char *label) {
  unsigned flags = LTP_SVG_MARKERS | (pathway == 1 ? LTP_SVG_OPEN : 0u);
  return (ltp_svg_style){flags, ltp_svg_palette_color((size_t)pathway), label};
}

static ltp_status timecourse_series(ltp_svg_plot *p, const ltp_output_ctx *ctx) {
  ltp_status st = LTP_OK;
  int np = ltp_output_n_pathways(ctx);
  for (int pw = 0; pw < np && st == LTP_OK; pw++) {
    if (!pathway_has_rows(ctx->res, pw))
      continue;
    char label[32];
    pathway_label(label, sizeof label, pw);
    st =
        add_pathway_series(p, ctx->res, pw, slope_pct_value, NULL, pathway_marker_style(pw, label));
  }
  return st;
}

/* A "% of baseline" figure against time from induction: the protocol's marks, the 100 % line
 * and the series that add_series draws. */
static ltp_status percent_figure(const ltp_output_ctx *ctx, const char *title, const char *ylabel,
                                 ltp_status (*add_series)(ltp_svg_plot *, const ltp_output_ctx *),
                                 const char *id, ltp_svg_buf *out) {
  const char *xlabel = ctx->res->induction_ms >= 0.0 ? "time from induction (min)" : "time (min)";
  ltp_svg_plot *p = ltp_svg_plot_create(FIG_W_PX, FIG_H_PX, title, xlabel, ylabel);
  if (p == NULL)
    return LTP_ERR_NOMEM;
  ltp_status st = add_marks(p, ctx->proto, induction_t0(ctx->res), 60000.0, 1);
  if (st == LTP_OK)
    st = ltp_svg_plot_add_hline(p, 100.0, "100 %");
  if (st == LTP_OK)
    st = add_series(p, ctx);
  if (st == LTP_OK)
    st = ltp_svg_plot_render(p, id, out);
  ltp_svg_plot_free(p);
  return st;
}

ltp_status ltp_figure_timecourse(const ltp_output_ctx *ctx, const char *id, ltp_svg_buf *out) {
  char title[128];
  fig_title(title, sizeof title, "LTP time course", ctx->proto);
  const char *ylabel = is_uncaging(ctx->res)        ? "uEPSC of the uncaged spine (% of baseline)"
                       : is_voltage_clamp(ctx->res) ? "EPSC amplitude (% of baseline)"
                                                    : "EPSP slope (% of baseline)";
  return percent_figure(ctx, title, ylabel, timecourse_series, id, out);
}

/* ------------------------------------------------------------------ expression mechanisms */

typedef struct {
  size_t offset; /* double field of ltp_readout */
  const char *name;
  const char *color;
} factor;

static const factor factors[] = {
    {offsetof(ltp_readout, n_ampa_syn), "AMPAR count", "#D55E00"},
    {offsetof(ltp_readout, gamma_ampa_pS), "AMPAR conductance", "#009E73"},
    {offsetof(ltp_readout, p_release), "release probability", "#0072B2"},
};

static double field_of(const ltp_readout *r, size_t offset) {
  double v;
  memcpy(&v, (const char *)r + offset, sizeof v);
  return v;
}

/* Baseline of a factor on a pathway: mean over the baseline window before induction (all
 * pulses before induction when the window is unset), else the first pulse's value. */
static double factor_baseline(const ltp_output_ctx *ctx, int pathway, size_t offset) {
  const ltp_results *res = ctx->res;
  double ind = res->induction_ms, win = ctx->proto->baseline_window_ms;
  double sum = 0.0, first = NAN;
  size_t n = 0;
  for (size_t i = 0; i < res->readouts.n; i++) {
    const ltp_readout *r = &res->readouts.rows[i];
    if (r->pathway != pathway)
      continue;
    if (isnan(first))
      first = field_of(r, offset);
    if (ind < 0.0 || r->t_ms >= ind || (win > 0.0 && r->t_ms < ind - win))
      continue;
    sum += field_of(r, offset);
    n++;
  }
  return n ? sum / (double)n : first;
}

typedef struct {
  size_t offset;
  double baseline;
} factor_arg;

static double factor_pct_value(const ltp_results *res, const ltp_readout *r, const void *arg) {
  (void)res;
  const factor_arg *a = arg;
  return a->baseline != 0.0 ? 100.0 * field_of(r, a->offset) / a->baseline : NAN;
}

static ltp_status expression_series(ltp_svg_plot *p, const ltp_output_ctx *ctx) {
  ltp_status st = LTP_OK;
  int np = ltp_output_n_pathways(ctx);
  for (int pw = 0; pw < np && st == LTP_OK; pw++) {
    if (!pathway_has_rows(ctx->res, pw))
      continue;
    for (size_t k = 0; k < LTP_COUNT(factors) && st == LTP_OK; k++) {
      factor_arg a = {factors[k].offset, factor_baseline(ctx, pw, factors[k].offset)};
      char label[64];
      snprintf(label, sizeof label, "%s (pathway %d)", factors[k].name, pw + 1);
      unsigned flags = LTP_SVG_LINE | (pw > 0 ? LTP_SVG_DASHED : 0u);
      st = add_pathway_series(p, ctx->res, pw, factor_pct_value, &a,
                              (ltp_svg_style){flags, factors[k].color, label});
    }
  }
  return st;
}

ltp_status ltp_figure_expression(const ltp_output_ctx *ctx, const char *id, ltp_svg_buf *out) {
  char title[128];
  fig_title(title, sizeof title, "Expression mechanisms", ctx->proto);
  return percent_figure(ctx, title, "% of baseline", expression_series, id, out);
}

/* ------------------------------------------------------------------ stacked traces */

typedef struct {
  double t0_ms;   /* time origin: induction onset, else experiment start */
  double unit_ms; /* 1, 1000 or 60000 */
  const char *unit;
  double lo, hi; /* x range in unit */
} trace_time;

/* Time axis of the traces in ms, s or min, whichever suits the recorded span. */
static trace_time trace_time_axis(const ltp_results *res) {
  const ltp_trace *tr = &res->trace;
  size_t w = 1 + tr->n_vars;
  double first = tr->n_rows ? tr->data[0] : 0.0;
  double last = tr->n_rows ? tr->data[(tr->n_rows - 1) * w] : 0.0;
  double span = last - first;
  trace_time t = {induction_t0(res), 1.0, "ms", 0, 0};
  if (span > 120000.0)
    t = (trace_time){t.t0_ms, 60000.0, "min", 0, 0};
  else if (span > 2000.0)
    t = (trace_time){t.t0_ms, 1000.0, "s", 0, 0};
  t.lo = (first - t.t0_ms) / t.unit_ms;
  t.hi = (last - t.t0_ms) / t.unit_ms;
  return t;
}

static ltp_svg_plot *trace_panel(const ltp_output_ctx *ctx, size_t k, const trace_time *tt,
                                 const char *xlabel, const double *t_rel) {
  const ltp_trace *tr = &ctx->res->trace;
  const char *unit = tr->units[k] && tr->units[k][0] ? tr->units[k] : "1";
  ltp_svg_plot *p = ltp_svg_plot_create(FIG_W_PX, TRACE_PANEL_H_PX,
                                        tr->names[k] ? tr->names[k] : "variable", xlabel, unit);
  if (p == NULL)
    return NULL;
  ltp_status st = add_marks(p, ctx->proto, tt->t0_ms, tt->unit_ms, k == 0);
  if (st == LTP_OK && tt->hi > tt->lo)
    ltp_svg_plot_set_xrange(p, tt->lo, tt->hi);
  if (st == LTP_OK)
    st = ltp_svg_plot_add_series_strided(
        p, t_rel, 1, tr->data + 1 + k, 1 + tr->n_vars, tr->n_rows,
        (ltp_svg_style){LTP_SVG_LINE, ltp_svg_palette_color(k), NULL});
  if (st != LTP_OK) {
    ltp_svg_plot_free(p);
    return NULL;
  }
  return p;
}

static ltp_status traces_panels(ltp_svg_figure *fig, const ltp_output_ctx *ctx) {
  const ltp_trace *tr = &ctx->res->trace;
  trace_time tt = trace_time_axis(ctx->res);
  char xlabel[64];
  snprintf(xlabel, sizeof xlabel, "%s (%s)",
           ctx->res->induction_ms >= 0.0 ? "time from induction" : "time", tt.unit);
  double *t_rel = malloc((tr->n_rows ? tr->n_rows : 1) * sizeof *t_rel);
  if (t_rel == NULL)
    return LTP_ERR_NOMEM;
  for (size_t i = 0; i < tr->n_rows; i++)
    t_rel[i] = (tr->data[i * (1 + tr->n_vars)] - tt.t0_ms) / tt.unit_ms;
  ltp_status st = LTP_OK;
  for (size_t k = 0; k < tr->n_vars && st == LTP_OK; k++) {
    ltp_svg_plot *p = trace_panel(ctx, k, &tt, xlabel, t_rel);
    st = p ? ltp_svg_figure_add_panel(fig, p) : LTP_ERR_NOMEM;
  }
  free(t_rel);
  return st;
}

ltp_status ltp_figure_traces(const ltp_output_ctx *ctx, const char *id, ltp_svg_buf *out) {
  char title[128];
  fig_title(title, sizeof title, "Traces around induction", ctx->proto);
  ltp_svg_figure *fig = ltp_svg_figure_create(FIG_W_PX, title);
  if (fig == NULL)
    return LTP_ERR_NOMEM;
  ltp_status st = ltp_svg_figure_set_empty_text(fig, "no traces recorded");
  if (st == LTP_OK && ctx->res->trace.n_rows > 0)
    st = traces_panels(fig, ctx);
  if (st == LTP_OK)
    st = ltp_svg_figure_render(fig, id, out);
  ltp_svg_figure_free(fig);
  return st;
}
