/* sweep.svg: the swept curve. x is the first axis; one panel per quantity (potentiation,
 * weight, peak Ca2+; per pathway); curves per readout time, or per value of the second axis
 * (one panel per metric then); means across repeats with error bars of one SD. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sweep/output.h"

#define FIG_WIDTH 720.0
#define PANEL_HEIGHT 250.0

/* The point at index i0 on axis 0 and i1 on axis 1, further axes at their first value. */
static size_t point_at(const ltp_sweep_spec *spec, size_t i0, size_t i1) {
  size_t p = 0;
  for (size_t k = 0; k < spec->n_axes; ++k)
    p = p * spec->axes[k].n + (k == 0 ? i0 : k == 1 ? i1 : 0);
  return p;
}

typedef struct {
  const ltp_sweep_report *r;
  size_t n0; /* points along x */
  double *x, *mean, *sd;
} curve_buf;

/* Metric i along axis 0 with axis 1 at index j, drawn in colour c. */
static ltp_status add_curve(ltp_svg_plot *plot, curve_buf *b, size_t i, size_t j, size_t c,
                            const char *label) {
  const ltp_sweep_plan *plan = b->r->plan;
  const ltp_sweep_spec *spec = b->r->spec;
  const size_t m = plan->layout.n;
  for (size_t i0 = 0; i0 < b->n0; ++i0) {
    const size_t p = point_at(spec, i0, j);
    const ltp_sweep_stat s =
        ltp_sweep_stat_of(b->r->res->metrics + p * plan->repeats * m + i, plan->repeats, m);
    b->x[i0] = spec->n_axes > 0 ? spec->axes[0].x[i0] : 0.0;
    b->mean[i0] = s.mean;
    b->sd[i0] = s.sd;
  }
  const char *color = ltp_svg_palette_color(c);
  const int categories = spec->n_axes > 0 && spec->axes[0].names != NULL; /* not joined */
  ltp_svg_style line = {categories ? LTP_SVG_MARKERS : LTP_SVG_LINE | LTP_SVG_MARKERS, color,
                        label};
  ltp_status st = ltp_svg_plot_add_series(plot, b->x, b->mean, b->n0, line);
  for (size_t i0 = 0; st == LTP_OK && plan->repeats > 1 && i0 < b->n0; ++i0) {
    if (!isfinite(b->mean[i0]) || !(b->sd[i0] > 0.0))
      continue;
    const double ex[2] = {b->x[i0], b->x[i0]};
    const double ey[2] = {b->mean[i0] - b->sd[i0], b->mean[i0] + b->sd[i0]};
    st = ltp_svg_plot_add_series(plot, ex, ey, 2, (ltp_svg_style){LTP_SVG_LINE, color, NULL});
  }
  return st;
}

static void x_label(const ltp_sweep_spec *spec, char *buf, size_t n) {
  if (spec->n_axes == 0) {
    snprintf(buf, n, "(nothing varied)");
    return;
  }
  const ltp_sweep_axis *a = &spec->axes[0];
  size_t used = (size_t)snprintf(buf, n, "%s", a->key);
  if (a->names != NULL)
    for (size_t i = 0; i < a->n && used < n; ++i)
      used += (size_t)snprintf(buf + used, n - used, "%s%zu = %s%s", i ? ", " : " (", i,
                               a->names[i], i + 1 == a->n ? ")" : "");
  else if (a->unit[0] != '\0')
    snprintf(buf + used, n - used, " (%s)", a->unit);
}

static const char *y_label(ltp_metric_kind kind) {
  return kind == LTP_METRIC_POTENTIATION ? "potentiation (% of baseline)"
         : kind == LTP_METRIC_WEIGHT     ? "final plasticity weight"
                                         : "peak spine Ca2+ (uM)";
}

static ltp_status new_panel(const ltp_sweep_report *r, const char *title, ltp_metric_kind kind,
                            ltp_svg_plot **out) {
  char xl[256];
  x_label(r->spec, xl, sizeof xl);
  ltp_svg_plot *p = ltp_svg_plot_create(FIG_WIDTH, PANEL_HEIGHT, title, xl, y_label(kind));
  if (p == NULL)
    return LTP_ERR_NOMEM;
  ltp_status st = LTP_OK;
  if (r->spec->n_axes > 0 && r->spec->axes[0].kind == LTP_VALUES_LOG)
    st = ltp_svg_plot_set_xlog(p);
  if (st == LTP_OK && kind == LTP_METRIC_POTENTIATION)
    st = ltp_svg_plot_add_hline(p, 100.0, "baseline");
  if (st != LTP_OK) {
    ltp_svg_plot_free(p);
    return st;
  }
  *out = p;
  return LTP_OK;
}

/* Hand a panel to the figure, or free it when st is an error. */
static ltp_status finish_panel(ltp_svg_figure *fig, ltp_svg_plot *p, ltp_status st) {
  if (p == NULL)
    return st;
  if (st == LTP_OK)
    return ltp_svg_figure_add_panel(fig, p);
  ltp_svg_plot_free(p);
  return st;
}

/* One panel per metric; a curve per value of the second axis. */
static ltp_status panels_by_second_axis(ltp_svg_figure *fig, curve_buf *b) {
  const ltp_sweep_spec *spec = b->r->spec;
  const ltp_sweep_axis *a1 = &spec->axes[1];
  ltp_status st = LTP_OK;
  for (size_t i = 0; st == LTP_OK && i < b->r->plan->layout.n; ++i) {
    const ltp_sweep_metric m = ltp_sweep_metric_at(&b->r->plan->layout, i);
    char title[128];
    if (m.kind == LTP_METRIC_POTENTIATION)
      snprintf(title, sizeof title, "pathway %d, %g min after induction", m.pathway, m.after_min);
    else
      snprintf(title, sizeof title, "pathway %d", m.pathway);
    ltp_svg_plot *p = NULL;
    st = new_panel(b->r, title, m.kind, &p);
    for (size_t j = 0; st == LTP_OK && j < a1->n; ++j) {
      char text[160], label[256];
      snprintf(label, sizeof label, "%s = %s", a1->key,
               ltp_sweep_axis_text(a1, j, text, sizeof text));
      st = add_curve(p, b, i, j, j + 1, label);
    }
    st = finish_panel(fig, p, st);
  }
  return st;
}

/* Per pathway a potentiation panel (a curve per readout time), a weight and a Ca2+ panel. */
static ltp_status panels_by_time(ltp_svg_figure *fig, curve_buf *b) {
  const ltp_sweep_layout *l = &b->r->plan->layout;
  const size_t per = l->n_times + 2;
  ltp_status st = LTP_OK;
  for (int k = 0; st == LTP_OK && k < l->n_pathways; ++k) {
    const ltp_metric_kind kinds[] = {LTP_METRIC_POTENTIATION, LTP_METRIC_WEIGHT,
                                     LTP_METRIC_PEAK_CA};
    for (size_t q = 0; st == LTP_OK && q < 3; ++q) {
      if (kinds[q] == LTP_METRIC_POTENTIATION && l->n_times == 0)
        continue;
      char title[64];
      snprintf(title, sizeof title, "pathway %d", k + 1);
      ltp_svg_plot *p = NULL;
      st = new_panel(b->r, title, kinds[q], &p);
      const size_t first = (size_t)k * per + (q == 0 ? 0 : l->n_times + q - 1);
      const size_t count = q == 0 ? l->n_times : 1;
      for (size_t c = 0; st == LTP_OK && c < count; ++c) {
        const ltp_sweep_metric m = ltp_sweep_metric_at(l, first + c);
        char label[64];
        snprintf(label, sizeof label, "%g min after induction", m.after_min);
        st = add_curve(p, b, first + c, 0, c + 1, q == 0 ? label : NULL);
      }
      st = finish_panel(fig, p, st);
    }
  }
  return st;
}

ltp_status ltp_sweep_figure(const ltp_sweep_report *r, ltp_svg_buf *out) {
  const ltp_sweep_spec *spec = r->spec;
  char title[256];
  int used = snprintf(title, sizeof title, "sweep of %s", r->plan->experiment);
  if (r->plan->repeats > 1 && used > 0 && (size_t)used < sizeof title)
    used += snprintf(title + used, sizeof title - (size_t)used, ", mean +- SD of %u repeats",
                     r->plan->repeats);
  if (spec->n_axes > 2 && used > 0 && (size_t)used < sizeof title)
    snprintf(title + used, sizeof title - (size_t)used,
             " (keys after the second at their first "
             "value)");
  curve_buf b = {r, spec->n_axes > 0 ? spec->axes[0].n : 1, NULL, NULL, NULL};
  b.x = calloc(b.n0, sizeof *b.x);
  b.mean = calloc(b.n0, sizeof *b.mean);
  b.sd = calloc(b.n0, sizeof *b.sd);
  ltp_svg_figure *fig = ltp_svg_figure_create(FIG_WIDTH, title);
  ltp_status st = b.x && b.mean && b.sd && fig ? LTP_OK : LTP_ERR_NOMEM;
  if (st == LTP_OK)
    st = spec->n_axes >= 2 ? panels_by_second_axis(fig, &b) : panels_by_time(fig, &b);
  if (st == LTP_OK) {
    ltp_svg_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    st = ltp_svg_figure_render(fig, "sweep", out);
  }
  ltp_svg_figure_free(fig);
  free(b.x);
  free(b.mean);
  free(b.sd);
  return st;
}
