/* SVG line plots: growable string, nice ticks, plots (series, reference lines, spans, legend)
 * and stacked figures, all drawn by one panel renderer. */
#include "io/svg.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ growable string */

void ltp_svg_buf_init(ltp_svg_buf *b) {
  memset(b, 0, sizeof *b);
}

void ltp_svg_buf_free(ltp_svg_buf *b) {
  free(b->data);
  memset(b, 0, sizeof *b);
}

static int buf_reserve(ltp_svg_buf *b, size_t extra) {
  if (b->oom)
    return 0;
  if (extra > SIZE_MAX / 2 - b->len)
    return (b->oom = 1, 0);
  size_t need = b->len + extra + 1;
  if (need <= b->cap)
    return 1;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < need)
    cap *= 2;
  char *d = realloc(b->data, cap);
  if (d == NULL)
    return (b->oom = 1, 0);
  b->data = d;
  b->cap = cap;
  return 1;
}

void ltp_svg_buf_append(ltp_svg_buf *b, const char *s, size_t n) {
  if (!buf_reserve(b, n))
    return;
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void ltp_svg_buf_puts(ltp_svg_buf *b, const char *s) {
  ltp_svg_buf_append(b, s, strlen(s));
}

void ltp_svg_buf_printf(ltp_svg_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    b->oom = 1;
  if (n >= 0 && buf_reserve(b, (size_t)n)) {
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
    b->len += (size_t)n;
  }
  va_end(ap2);
}

static const char *escape_of(char c) {
  switch (c) {
  case '&': return "&amp;";
  case '<': return "&lt;";
  case '>': return "&gt;";
  case '"': return "&quot;";
  case '\'': return "&#39;";
  default: return NULL;
  }
}

void ltp_svg_buf_escape(ltp_svg_buf *b, const char *text) {
  if (text == NULL)
    return;
  const char *run = text;
  for (const char *c = text; *c; c++) {
    const char *e = escape_of(*c);
    if (e == NULL)
      continue;
    ltp_svg_buf_append(b, run, (size_t)(c - run));
    ltp_svg_buf_puts(b, e);
    run = c + 1;
  }
  ltp_svg_buf_puts(b, run);
}

/* ------------------------------------------------------------------ ticks */

/* Smallest of 1, 2, 2.5, 5, 10 times a power of ten that is >= raw (raw > 0). */
static double nice_step(double raw) {
  double e = floor(log10(raw));
  double p = pow(10.0, e);
  double f = raw / p;
  double m = f <= 1.0 + 1e-9   ? 1.0
             : f <= 2.0 + 1e-9 ? 2.0
             : f <= 2.5 + 1e-9 ? 2.5
             : f <= 5.0 + 1e-9 ? 5.0
                               : 10.0;
  return m * p;
}

static int step_decimals(double step) {
  double e = floor(log10(step) + 1e-9);
  double m = step / pow(10.0, e);
  int d = (int)-e + (fabs(m - 2.5) < 1e-6 ? 1 : 0);
  return d > 0 ? d : 0;
}

/* Make [lo, hi] a finite, non-empty range. */
static void sane_range(double *lo, double *hi) {
  if (!isfinite(*lo) || !isfinite(*hi) || !isfinite(*hi - *lo)) {
    *lo = 0.0;
    *hi = 1.0;
  }
  if (*lo > *hi) {
    double t = *lo;
    *lo = *hi;
    *hi = t;
  }
  if (*hi - *lo <= 1e-12 * fmax(fabs(*lo), fabs(*hi))) {
    double d = *lo == 0.0 ? 1.0 : 0.1 * fabs(*lo);
    *lo -= d;
    *hi += d;
  }
}

static double axis_step(double lo, double hi, size_t target) {
  if (target < 2)
    target = 2;
  if (target > 50)
    target = 50;
  return nice_step((hi - lo) / (double)(target - 1));
}

ltp_svg_axis ltp_svg_nice_axis(double lo, double hi, size_t target_ticks) {
  sane_range(&lo, &hi);
  ltp_svg_axis a = {0};
  a.step = axis_step(lo, hi, target_ticks);
  a.lo = floor(lo / a.step + 1e-9) * a.step;
  a.hi = ceil(hi / a.step - 1e-9) * a.step;
  a.tick0 = a.lo;
  a.n_ticks = (size_t)llround((a.hi - a.lo) / a.step) + 1;
  a.decimals = step_decimals(a.step);
  return a;
}

ltp_svg_axis ltp_svg_fixed_axis(double lo, double hi, size_t target_ticks) {
  sane_range(&lo, &hi);
  ltp_svg_axis a = {0};
  a.lo = lo;
  a.hi = hi;
  a.step = axis_step(lo, hi, target_ticks);
  a.tick0 = ceil(lo / a.step - 1e-9) * a.step;
  double last = floor(hi / a.step + 1e-9) * a.step;
  a.n_ticks = last >= a.tick0 ? (size_t)llround((last - a.tick0) / a.step) + 1 : 0;
  a.decimals = step_decimals(a.step);
  return a;
}

#define LOG_MAX_TICKS 64

/* Ticks of a logarithmic axis (kind, every `step` decades) between from and to (log10 units,
 * inclusive) into t; returns how many (at most LOG_MAX_TICKS). */
static size_t log_ticks(int kind, double step, double from, double to, double *t) {
  static const double mantissas[] = {1.0, 2.0, 5.0};
  const size_t nm = kind == LTP_SVG_LOG_125 ? 3 : 1;
  size_t n = 0;
  for (double d = floor(from / step) * step; d <= to + 1e-9 && n < LOG_MAX_TICKS; d += step)
    for (size_t m = 0; m < nm && n < LOG_MAX_TICKS; ++m) {
      const double v = d + log10(mantissas[m]);
      if (v >= from - 1e-9 && v <= to + 1e-9)
        t[n++] = v;
    }
  return n;
}

/* Logarithmic axis over [l0, l1] in log10 units, extended to the enclosing ticks. */
static ltp_svg_axis log_axis(double l0, double l1, size_t target) {
  if (!isfinite(l0) || !isfinite(l1)) {
    l0 = 0.0;
    l1 = 1.0;
  }
  if (l0 > l1) {
    double t = l0;
    l0 = l1;
    l1 = t;
  }
  if (l1 - l0 < 1e-9) {
    l0 -= log10(2.0);
    l1 += log10(2.0);
  }
  ltp_svg_axis a = {0};
  a.log = l1 - l0 <= 2.5 ? LTP_SVG_LOG_125 : LTP_SVG_LOG_DECADES;
  a.step = a.log == LTP_SVG_LOG_125 ? 1.0 : ceil((l1 - l0) / (double)(target < 2 ? 2 : target));
  double t[LOG_MAX_TICKS] = {0};
  /* the nearest ticks outside the data: search one step further on each side */
  size_t n = log_ticks(a.log, a.step, l0 - a.step, l1 + a.step, t);
  a.lo = n ? t[0] : l0;
  a.hi = n ? t[n - 1] : l1;
  for (size_t i = 0; i < n; ++i) {
    if (t[i] <= l0 + 1e-9)
      a.lo = t[i];
    if (t[n - 1 - i] >= l1 - 1e-9)
      a.hi = t[n - 1 - i];
  }
  a.tick0 = a.lo;
  a.n_ticks = log_ticks(a.log, a.step, a.lo, a.hi, t);
  return a;
}

ltp_svg_axis ltp_svg_log_axis(double lo, double hi, size_t target_ticks) {
  if (!(lo > 0.0) || !(hi > 0.0))
    return log_axis(0.0, 1.0, target_ticks);
  return log_axis(log10(lo), log10(hi), target_ticks);
}

double ltp_svg_axis_tick(const ltp_svg_axis *a, size_t i) {
  if (a->log == 0)
    return a->tick0 + (double)i * a->step;
  double t[LOG_MAX_TICKS];
  const size_t n = log_ticks(a->log, a->step, a->tick0, a->hi, t);
  return i < n ? t[i] : a->hi;
}

void ltp_svg_format_tick(const ltp_svg_axis *a, double v, char *out, size_t n) {
  if (a->log) {
    char buf[32];
    snprintf(buf, sizeof buf, "%.3g", pow(10.0, v));
    snprintf(out, n, "%g", strtod(buf, NULL));
    return;
  }
  if (fabs(v) < 1e-9 * a->step)
    v = 0.0;
  double mag = fmax(fabs(a->lo), fabs(a->hi));
  if (a->decimals > 6 || mag >= 1e7)
    snprintf(out, n, "%.4g", v);
  else
    snprintf(out, n, "%.*f", a->decimals, v);
}

/* ------------------------------------------------------------------ plot data */

typedef struct {
  double *xy; /* x0, y0, x1, y1, ... */
  size_t n;
  unsigned flags;
  char color[32];
  char *label;
  int x_sorted; /* x non-decreasing over finite points: lines may be decimated */
} svg_series;

typedef struct {
  double y;
  char *label;
} svg_hline;

typedef struct {
  double x0, x1;
  char *label;
} svg_span;

struct ltp_svg_plot {
  double width_px, height_px;
  char *title, *x_label, *y_label;
  svg_series *series;
  size_t n_series, cap_series;
  svg_hline *hlines;
  size_t n_hlines, cap_hlines;
  svg_span *spans;
  size_t n_spans, cap_spans;
  int x_fixed, y_fixed;
  double x_lo, x_hi, y_lo, y_hi; /* x_lo, x_hi in log10 units when x_log */
  int x_log;                     /* x values are stored as log10 */
};

static const char *const palette[] = {"#000000", "#0072B2", "#D55E00", "#009E73",
                                      "#CC79A7", "#E69F00", "#56B4E9", "#8C6D1F"};
#define PALETTE_N (sizeof palette / sizeof palette[0])

const char *ltp_svg_palette_color(size_t i) {
  return palette[i % PALETTE_N];
}

static char *dup_str(const char *s, int *fail) {
  if (s == NULL)
    return NULL;
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d == NULL)
    *fail = 1;
  else
    memcpy(d, s, n);
  return d;
}

static int grow(void **arr, size_t *cap, size_t n, size_t elem) {
  if (n < *cap)
    return 1;
  size_t c = *cap ? *cap * 2 : 4;
  if (c > SIZE_MAX / elem)
    return 0;
  void *a = realloc(*arr, c * elem);
  if (a == NULL)
    return 0;
  *arr = a;
  *cap = c;
  return 1;
}

ltp_svg_plot *ltp_svg_plot_create(double width_px, double height_px, const char *title,
                                  const char *x_label, const char *y_label) {
  ltp_svg_plot *p = calloc(1, sizeof *p);
  if (p == NULL)
    return NULL;
  int fail = 0;
  p->width_px = width_px > 100 ? width_px : 100;
  p->height_px = height_px > 60 ? height_px : 60;
  p->title = dup_str(title, &fail);
  p->x_label = dup_str(x_label, &fail);
  p->y_label = dup_str(y_label, &fail);
  if (fail) {
    ltp_svg_plot_free(p);
    return NULL;
  }
  return p;
}

void ltp_svg_plot_free(ltp_svg_plot *p) {
  if (p == NULL)
    return;
  for (size_t i = 0; i < p->n_series; i++) {
    free(p->series[i].xy);
    free(p->series[i].label);
  }
  for (size_t i = 0; i < p->n_hlines; i++)
    free(p->hlines[i].label);
  for (size_t i = 0; i < p->n_spans; i++)
    free(p->spans[i].label);
  free(p->series);
  free(p->hlines);
  free(p->spans);
  free(p->title);
  free(p->x_label);
  free(p->y_label);
  free(p);
}

static int finite_pt(const double *xy) {
  return isfinite(xy[0]) && isfinite(xy[1]);
}

static int series_sorted(const svg_series *s) {
  double last = -INFINITY;
  for (size_t i = 0; i < s->n; i++) {
    if (!finite_pt(s->xy + 2 * i))
      continue;
    if (s->xy[2 * i] < last)
      return 0;
    last = s->xy[2 * i];
  }
  return 1;
}

/* x as stored: log10 on a logarithmic axis (NAN, not drawn, for x <= 0). */
static double stored_x(const ltp_svg_plot *p, double x) {
  return p->x_log ? (x > 0.0 ? log10(x) : NAN) : x;
}

ltp_status ltp_svg_plot_set_xlog(ltp_svg_plot *p) {
  if (p == NULL || p->n_series > 0 || p->n_spans > 0 || p->x_fixed)
    return LTP_ERR_ARG;
  p->x_log = 1;
  return LTP_OK;
}

ltp_status ltp_svg_plot_add_series_strided(ltp_svg_plot *p, const double *x, size_t x_stride,
                                           const double *y, size_t y_stride, size_t n,
                                           ltp_svg_style style) {
  if (p == NULL || (n > 0 && (x == NULL || y == NULL)))
    return LTP_ERR_ARG;
  if (style.color != NULL && strlen(style.color) >= sizeof p->series[0].color)
    return LTP_ERR_ARG;
  if (n > SIZE_MAX / (2 * sizeof(double)))
    return LTP_ERR_NOMEM;
  if (!grow((void **)&p->series, &p->cap_series, p->n_series, sizeof *p->series))
    return LTP_ERR_NOMEM;
  svg_series s = {0};
  int fail = 0;
  s.xy = malloc(n ? 2 * n * sizeof(double) : 1);
  s.label = dup_str(style.label, &fail);
  if (s.xy == NULL || fail) {
    free(s.xy);
    free(s.label);
    return LTP_ERR_NOMEM;
  }
  for (size_t i = 0; i < n; i++) {
    s.xy[2 * i] = stored_x(p, x[i * x_stride]);
    s.xy[2 * i + 1] = y[i * y_stride];
  }
  s.n = n;
  s.flags = style.flags ? style.flags : LTP_SVG_LINE;
  snprintf(s.color, sizeof s.color, "%s",
           style.color ? style.color : palette[p->n_series % PALETTE_N]);
  s.x_sorted = series_sorted(&s);
  p->series[p->n_series++] = s;
  return LTP_OK;
}

ltp_status ltp_svg_plot_add_series(ltp_svg_plot *p, const double *x, const double *y, size_t n,
                                   ltp_svg_style style) {
  return ltp_svg_plot_add_series_strided(p, x, 1, y, 1, n, style);
}

ltp_status ltp_svg_plot_add_hline(ltp_svg_plot *p, double y, const char *label) {
  if (p == NULL || !isfinite(y))
    return LTP_ERR_ARG;
  if (!grow((void **)&p->hlines, &p->cap_hlines, p->n_hlines, sizeof *p->hlines))
    return LTP_ERR_NOMEM;
  int fail = 0;
  svg_hline h = {y, dup_str(label, &fail)};
  if (fail)
    return LTP_ERR_NOMEM;
  p->hlines[p->n_hlines++] = h;
  return LTP_OK;
}

ltp_status ltp_svg_plot_add_span(ltp_svg_plot *p, double x0, double x1, const char *label) {
  if (p == NULL)
    return LTP_ERR_ARG;
  x0 = stored_x(p, x0);
  x1 = stored_x(p, x1);
  if (!isfinite(x0) || !isfinite(x1))
    return LTP_ERR_ARG;
  if (!grow((void **)&p->spans, &p->cap_spans, p->n_spans, sizeof *p->spans))
    return LTP_ERR_NOMEM;
  int fail = 0;
  svg_span s = {fmin(x0, x1), fmax(x0, x1), dup_str(label, &fail)};
  if (fail)
    return LTP_ERR_NOMEM;
  p->spans[p->n_spans++] = s;
  return LTP_OK;
}

void ltp_svg_plot_set_xrange(ltp_svg_plot *p, double lo, double hi) {
  p->x_fixed = 1;
  p->x_lo = stored_x(p, lo);
  p->x_hi = stored_x(p, hi);
}

void ltp_svg_plot_set_yrange(ltp_svg_plot *p, double lo, double hi) {
  p->y_fixed = 1;
  p->y_lo = lo;
  p->y_hi = hi;
}

/* ------------------------------------------------------------------ ranges and layout */

typedef struct {
  double lo, hi;
  int any;
} range;

static void range_add(range *r, double v) {
  if (!isfinite(v))
    return;
  if (!r->any || v < r->lo)
    r->lo = v;
  if (!r->any || v > r->hi)
    r->hi = v;
  r->any = 1;
}

/* Data extent along x (axis 0) or y (axis 1): finite points, spans (x), reference lines (y). */
static range data_range(const ltp_svg_plot *p, int axis) {
  range r = {0, 0, 0};
  for (size_t i = 0; i < p->n_series; i++)
    for (size_t k = 0; k < p->series[i].n; k++) {
      const double *xy = p->series[i].xy + 2 * k;
      if (finite_pt(xy))
        range_add(&r, xy[axis]);
    }
  for (size_t i = 0; axis == 0 && i < p->n_spans; i++) {
    range_add(&r, p->spans[i].x0);
    range_add(&r, p->spans[i].x1);
  }
  for (size_t i = 0; axis == 1 && i < p->n_hlines; i++)
    range_add(&r, p->hlines[i].y);
  return r;
}

static size_t ticks_for(double length_px, double px_per_tick) {
  double t = length_px / px_per_tick;
  return t < 3 ? 3 : t > 9 ? 9 : (size_t)t;
}

static ltp_svg_axis make_axis(range r, int fixed, double lo, double hi, size_t target) {
  if (fixed)
    return ltp_svg_fixed_axis(lo, hi, target);
  if (!r.any)
    return ltp_svg_nice_axis(0.0, 1.0, target);
  return ltp_svg_nice_axis(r.lo, r.hi, target);
}

/* The x axis of plot p over r (the data range in stored units). */
static ltp_svg_axis make_x_axis(const ltp_svg_plot *p, range r, size_t target) {
  if (!p->x_log)
    return make_axis(r, p->x_fixed, p->x_lo, p->x_hi, target);
  if (p->x_fixed)
    return log_axis(p->x_lo, p->x_hi, target);
  return r.any ? log_axis(r.lo, r.hi, target) : log_axis(0.0, 1.0, target);
}

#define FONT_W_PX 6.4 /* mean glyph advance of 11 px Helvetica/Arial */
#define LEGEND_ROW_PX 16.0
#define MARKER_R_PX 2.6

static double text_w(const char *s, double font_px) {
  return s ? (double)strlen(s) * FONT_W_PX * font_px / 11.0 : 0.0;
}

/* Width of the widest y tick label. */
static double ytick_w(const ltp_svg_axis *a) {
  double w = 0;
  char t[64];
  for (size_t i = 0; i < a->n_ticks; i++) {
    ltp_svg_format_tick(a, ltp_svg_axis_tick(a, i), t, sizeof t);
    w = fmax(w, text_w(t, 11));
  }
  return w;
}

static double legend_item_w(const svg_series *s) {
  return 26.0 + text_w(s->label, 11) + 14.0;
}

/* Rows the legend needs in width_px (0 when no series is labelled). */
static int legend_rows(const ltp_svg_plot *p, double width_px) {
  int rows = 0;
  double x = width_px;
  for (size_t i = 0; i < p->n_series; i++) {
    if (p->series[i].label == NULL)
      continue;
    double w = legend_item_w(&p->series[i]);
    if (rows == 0 || x + w > width_px) {
      rows++;
      x = 0;
    }
    x += w;
  }
  return rows;
}

/* The rectangle data are drawn in, and its axes. */
typedef struct {
  double left, top, w, h;
  ltp_svg_axis xa, ya;
} frame;

static double px_x(const frame *f, double x) {
  double v = f->left + (x - f->xa.lo) / (f->xa.hi - f->xa.lo) * f->w;
  return fmax(-1e5, fmin(1e5, v));
}

static double px_y(const frame *f, double y) {
  double v = f->top + f->h - (y - f->ya.lo) / (f->ya.hi - f->ya.lo) * f->h;
  return fmax(-1e5, fmin(1e5, v));
}

/* ------------------------------------------------------------------ drawing */

static void text_el(ltp_svg_buf *b, double x, double y, const char *anchor, const char *attrs,
                    const char *text) {
  ltp_svg_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s%s>", x, y, anchor,
                     attrs[0] ? " " : "", attrs);
  ltp_svg_buf_escape(b, text);
  ltp_svg_buf_puts(b, "</text>\n");
}

static void stroke_attrs(ltp_svg_buf *b, const svg_series *s) {
  ltp_svg_buf_puts(b, " stroke=\"");
  ltp_svg_buf_escape(b, s->color);
  ltp_svg_buf_puts(b, "\"");
  if (s->flags & LTP_SVG_DASHED)
    ltp_svg_buf_puts(b, " stroke-dasharray=\"6 3\"");
}

static void marker_el(ltp_svg_buf *b, double cx, double cy) {
  ltp_svg_buf_printf(b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.1f\"/>", cx, cy, MARKER_R_PX);
}

static void marker_group_open(ltp_svg_buf *b, const svg_series *s) {
  int open = (s->flags & LTP_SVG_OPEN) != 0;
  ltp_svg_buf_puts(b, "<g stroke-width=\"1\" stroke=\"");
  ltp_svg_buf_escape(b, s->color);
  ltp_svg_buf_puts(b, "\" fill=\"");
  ltp_svg_buf_escape(b, open ? "#ffffff" : s->color);
  ltp_svg_buf_puts(b, "\">");
}

static void draw_legend(ltp_svg_buf *b, const ltp_svg_plot *p, double x0, double y0,
                        double width_px) {
  double x = x0, y = y0;
  int first = 1;
  for (size_t i = 0; i < p->n_series; i++) {
    const svg_series *s = &p->series[i];
    if (s->label == NULL)
      continue;
    double w = legend_item_w(s);
    if (!first && x + w > x0 + width_px) {
      x = x0;
      y += LEGEND_ROW_PX;
    }
    first = 0;
    if (s->flags & LTP_SVG_LINE) {
      ltp_svg_buf_printf(b, "<path d=\"M%.1f %.1fh20\" fill=\"none\" stroke-width=\"1.5\"", x,
                         y - 4);
      stroke_attrs(b, s);
      ltp_svg_buf_puts(b, "/>");
    }
    if (s->flags & LTP_SVG_MARKERS) {
      marker_group_open(b, s);
      marker_el(b, x + 10, y - 4);
      ltp_svg_buf_puts(b, "</g>");
    }
    text_el(b, x + 26, y, "start", "", s->label);
    x += w;
  }
}

static void draw_spans(ltp_svg_buf *b, const ltp_svg_plot *p, const frame *f) {
  for (size_t i = 0; i < p->n_spans; i++) {
    double a = fmax(px_x(f, p->spans[i].x0), f->left);
    double c = fmin(px_x(f, p->spans[i].x1), f->left + f->w);
    if (c < f->left || a > f->left + f->w)
      continue;
    if (c - a < 2.0) {
      double m = 0.5 * (a + c);
      a = m - 1.0;
      c = m + 1.0;
    }
    ltp_svg_buf_printf(b,
                       "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                       "fill=\"#f0c36d\" fill-opacity=\"0.35\"/>\n",
                       a, f->top, c - a, f->h);
  }
}

/* Label right of the visible span, else left of it, else inside it at its left edge. */
static void draw_span_labels(ltp_svg_buf *b, const ltp_svg_plot *p, const frame *f) {
  double right = f->left + f->w;
  for (size_t i = 0; i < p->n_spans; i++) {
    if (p->spans[i].label == NULL)
      continue;
    double a = fmax(px_x(f, p->spans[i].x0), f->left), c = fmin(px_x(f, p->spans[i].x1), right);
    if (c < f->left || a > right)
      continue;
    double y = f->top + 11.0 + 12.0 * (double)i, w = text_w(p->spans[i].label, 10);
    const char *attrs = "font-size=\"10\" fill=\"#7a5a10\"";
    if (c + 4.0 + w <= right)
      text_el(b, fmax(c, a + 1.0) + 3.0, y, "start", attrs, p->spans[i].label);
    else if (a - 4.0 - w >= f->left)
      text_el(b, fmin(a, c - 1.0) - 3.0, y, "end", attrs, p->spans[i].label);
    else
      text_el(b, a + 3.0, y, "start", attrs, p->spans[i].label);
  }
}

static void draw_hlines(ltp_svg_buf *b, const ltp_svg_plot *p, const frame *f, int labels) {
  for (size_t i = 0; i < p->n_hlines; i++) {
    double y = p->hlines[i].y;
    if (y < f->ya.lo || y > f->ya.hi)
      continue;
    double py = px_y(f, y);
    if (!labels) {
      ltp_svg_buf_printf(b,
                         "<path d=\"M%.2f %.2fH%.2f\" stroke=\"#888888\" stroke-width=\"1\" "
                         "stroke-dasharray=\"4 3\" fill=\"none\"/>\n",
                         f->left, py, f->left + f->w);
    } else if (p->hlines[i].label != NULL) {
      text_el(b, f->left + f->w + 4, py + 3.5, "start", "font-size=\"10\" fill=\"#666666\"",
              p->hlines[i].label);
    }
  }
}

/* Axis lines, ticks and tick labels (x labels only when x_labels). */
static void draw_axes(ltp_svg_buf *b, const frame *f, int x_labels) {
  double bottom = f->top + f->h;
  ltp_svg_buf_printf(b,
                     "<path d=\"M%.2f %.2fV%.2fH%.2f\" fill=\"none\" stroke=\"#000000\" "
                     "stroke-width=\"1\"/>\n",
                     f->left, f->top, bottom, f->left + f->w);
  char t[64];
  ltp_svg_buf_puts(b, "<g stroke=\"#000000\" stroke-width=\"1\">");
  for (size_t i = 0; i < f->xa.n_ticks; i++)
    ltp_svg_buf_printf(b, "<path d=\"M%.2f %.2fv4\"/>", px_x(f, ltp_svg_axis_tick(&f->xa, i)),
                       bottom);
  for (size_t i = 0; i < f->ya.n_ticks; i++)
    ltp_svg_buf_printf(b, "<path d=\"M%.2f %.2fh-4\"/>", f->left,
                       px_y(f, ltp_svg_axis_tick(&f->ya, i)));
  ltp_svg_buf_puts(b, "</g>\n");
  for (size_t i = 0; x_labels && i < f->xa.n_ticks; i++) {
    double v = ltp_svg_axis_tick(&f->xa, i);
    ltp_svg_format_tick(&f->xa, v, t, sizeof t);
    text_el(b, px_x(f, v), bottom + 16, "middle", "", t);
  }
  for (size_t i = 0; i < f->ya.n_ticks; i++) {
    double v = ltp_svg_axis_tick(&f->ya, i);
    ltp_svg_format_tick(&f->ya, v, t, sizeof t);
    text_el(b, f->left - 7, px_y(f, v) + 3.8, "end", "", t);
  }
}

typedef struct {
  size_t first, last, imin, imax;
  int active;
} bucket;

static void line_point(ltp_svg_buf *b, const frame *f, const double *xy, int *pen) {
  ltp_svg_buf_printf(b, "%c%.2f %.2f", *pen ? 'L' : 'M', px_x(f, xy[0]), px_y(f, xy[1]));
  *pen = 1;
}

/* Emit a bucket's first, min, max and last points in index order (M4 decimation). */
static void flush_bucket(ltp_svg_buf *b, const frame *f, const svg_series *s, bucket *k, int *pen) {
  if (!k->active)
    return;
  size_t idx[4] = {k->first, k->imin, k->imax, k->last};
  for (int i = 1; i < 4; i++)
    for (int j = i; j > 0 && idx[j] < idx[j - 1]; j--) {
      size_t t = idx[j];
      idx[j] = idx[j - 1];
      idx[j - 1] = t;
    }
  for (int i = 0; i < 4; i++)
    if (i == 0 || idx[i] != idx[i - 1])
      line_point(b, f, s->xy + 2 * idx[i], pen);
  k->active = 0;
}

static void bucket_add(bucket *k, const svg_series *s, size_t i) {
  if (!k->active) {
    *k = (bucket){i, i, i, i, 1};
    return;
  }
  k->last = i;
  if (s->xy[2 * i + 1] < s->xy[2 * k->imin + 1])
    k->imin = i;
  if (s->xy[2 * i + 1] > s->xy[2 * k->imax + 1])
    k->imax = i;
}

static size_t finite_count(const svg_series *s) {
  size_t c = 0;
  for (size_t i = 0; i < s->n; i++)
    c += (size_t)finite_pt(s->xy + 2 * i);
  return c;
}

/* The line of a series; dense sorted series are reduced to <= 4 points per pixel column. */
static void draw_line(ltp_svg_buf *b, const frame *f, const svg_series *s) {
  if (finite_count(s) == 0)
    return;
  int decimate = s->x_sorted && (double)s->n > 4.0 * f->w;
  ltp_svg_buf_puts(b, "<path fill=\"none\" stroke-width=\"1.5\" stroke-linejoin=\"round\"");
  stroke_attrs(b, s);
  ltp_svg_buf_puts(b, " d=\"");
  int pen = 0;
  bucket k = {0, 0, 0, 0, 0};
  long col = LONG_MIN;
  for (size_t i = 0; i < s->n; i++) {
    const double *xy = s->xy + 2 * i;
    if (!finite_pt(xy)) {
      flush_bucket(b, f, s, &k, &pen);
      pen = 0;
      continue;
    }
    if (!decimate) {
      line_point(b, f, xy, &pen);
      continue;
    }
    long c = (long)floor(px_x(f, xy[0]));
    if (c != col)
      flush_bucket(b, f, s, &k, &pen);
    col = c;
    bucket_add(&k, s, i);
  }
  flush_bucket(b, f, s, &k, &pen);
  ltp_svg_buf_puts(b, "\"/>\n");
}

static void draw_markers(ltp_svg_buf *b, const frame *f, const svg_series *s) {
  if (finite_count(s) == 0)
    return;
  marker_group_open(b, s);
  for (size_t i = 0; i < s->n; i++) {
    const double *xy = s->xy + 2 * i;
    if (finite_pt(xy))
      marker_el(b, px_x(f, xy[0]), px_y(f, xy[1]));
  }
  ltp_svg_buf_puts(b, "</g>\n");
}

static void draw_series(ltp_svg_buf *b, const ltp_svg_plot *p, const frame *f,
                        const char *clip_id) {
  ltp_svg_buf_printf(b,
                     "<defs><clipPath id=\"%s\"><rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                     "height=\"%.2f\"/></clipPath></defs>\n",
                     clip_id, f->left - 5, f->top - 5, f->w + 10, f->h + 10);
  ltp_svg_buf_printf(b, "<g clip-path=\"url(#%s)\">\n", clip_id);
  for (size_t i = 0; i < p->n_series; i++) {
    if (p->series[i].flags & LTP_SVG_LINE)
      draw_line(b, f, &p->series[i]);
    if (p->series[i].flags & LTP_SVG_MARKERS)
      draw_markers(b, f, &p->series[i]);
  }
  ltp_svg_buf_puts(b, "</g>\n");
}

/* Everything inside the frame plus its axes and labels. */
static void draw_frame(ltp_svg_buf *b, const ltp_svg_plot *p, const frame *f, int x_labels,
                       const char *clip_id) {
  draw_spans(b, p, f);
  draw_hlines(b, p, f, 0);
  draw_axes(b, f, x_labels);
  draw_series(b, p, f, clip_id);
  draw_span_labels(b, p, f);
  draw_hlines(b, p, f, 1);
  if (p->y_label != NULL) {
    double cy = f->top + 0.5 * f->h;
    ltp_svg_buf_printf(b,
                       "<text transform=\"translate(14 %.1f) rotate(-90)\" "
                       "text-anchor=\"middle\" font-size=\"12\">",
                       cy);
    ltp_svg_buf_escape(b, p->y_label);
    ltp_svg_buf_puts(b, "</text>\n");
  }
  if (x_labels && p->x_label != NULL)
    text_el(b, f->left + 0.5 * f->w, f->top + f->h + 34, "middle", "font-size=\"12\"", p->x_label);
}

static void svg_open(ltp_svg_buf *b, double w, double h, const char *title) {
  ltp_svg_buf_printf(b,
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                     "viewBox=\"0 0 %.0f %.0f\" font-family=\"Helvetica, Arial, sans-serif\" "
                     "font-size=\"11\">\n",
                     w, h, w, h);
  if (title != NULL) {
    ltp_svg_buf_puts(b, "<title>");
    ltp_svg_buf_escape(b, title);
    ltp_svg_buf_puts(b, "</title>\n");
  }
  ltp_svg_buf_printf(b, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", w, h);
}

static ltp_status buf_status(const ltp_svg_buf *b) {
  return b->oom ? LTP_ERR_NOMEM : LTP_OK;
}

static double left_margin(const ltp_svg_plot *p, const ltp_svg_axis *ya) {
  return (p->y_label ? 24.0 : 6.0) + ytick_w(ya) + 10.0;
}

/* Room right of the frame: a little, or the widest reference-line label. */
static double right_margin(const ltp_svg_plot *p) {
  double r = 18.0;
  for (size_t i = 0; i < p->n_hlines; i++)
    r = fmax(r, text_w(p->hlines[i].label, 10) + 10.0);
  return r;
}

#define X_AXIS_PX 42.0 /* tick labels and x label below a frame */

/* Frame of a standalone plot below its title and legend. The left margin depends on the y
 * tick labels, which depend on the frame height, which depends on the legend rows, which
 * depend on the width: iterate to a fixed point (two or three rounds). */
static frame plot_layout(const ltp_svg_plot *p, double top) {
  frame f;
  int rows = -1;
  f.ya = make_axis(data_range(p, 1), p->y_fixed, p->y_lo, p->y_hi, 5);
  for (int round = 0; round < 4; round++) {
    f.left = left_margin(p, &f.ya);
    f.w = fmax(20.0, p->width_px - f.left - right_margin(p));
    int r = legend_rows(p, f.w);
    f.top = top + r * LEGEND_ROW_PX + (r ? 6.0 : 0.0);
    f.h = fmax(20.0, p->height_px - f.top - X_AXIS_PX);
    ltp_svg_axis ya = make_axis(data_range(p, 1), p->y_fixed, p->y_lo, p->y_hi, ticks_for(f.h, 45));
    int stable = r == rows && ya.n_ticks == f.ya.n_ticks && ya.step == f.ya.step;
    f.ya = ya;
    rows = r;
    if (stable)
      break;
  }
  f.left = left_margin(p, &f.ya);
  f.w = fmax(20.0, p->width_px - f.left - right_margin(p));
  f.xa = make_x_axis(p, data_range(p, 0), ticks_for(f.w, 80));
  return f;
}

ltp_status ltp_svg_plot_render(const ltp_svg_plot *p, const char *id, ltp_svg_buf *out) {
  if (p == NULL || out == NULL)
    return LTP_ERR_ARG;
  double top = p->title ? 30.0 : 10.0;
  frame f = plot_layout(p, top);
  svg_open(out, p->width_px, p->height_px, p->title);
  if (p->title != NULL)
    text_el(out, 0.5 * p->width_px, 19, "middle", "font-size=\"14\" font-weight=\"bold\"",
            p->title);
  draw_legend(out, p, f.left, top + 12.0, f.w);
  char clip[96];
  snprintf(clip, sizeof clip, "%s-clip0", id ? id : "plot");
  draw_frame(out, p, &f, 1, clip);
  ltp_svg_buf_puts(out, "</svg>\n");
  return buf_status(out);
}

static ltp_status write_buf(const ltp_svg_buf *b, FILE *f) {
  if (fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f) < 0)
    return LTP_ERR_IO;
  if (b->len > 0 && fwrite(b->data, 1, b->len, f) != b->len)
    return LTP_ERR_IO;
  return ferror(f) ? LTP_ERR_IO : LTP_OK;
}

ltp_status ltp_svg_plot_write(const ltp_svg_plot *p, const char *id, FILE *f) {
  ltp_svg_buf b;
  ltp_svg_buf_init(&b);
  ltp_status st = ltp_svg_plot_render(p, id, &b);
  if (st == LTP_OK)
    st = write_buf(&b, f);
  ltp_svg_buf_free(&b);
  return st;
}

/* ------------------------------------------------------------------ stacked figures */

struct ltp_svg_figure {
  double width_px;
  char *title;
  char *empty_text;
  ltp_svg_plot **panels;
  size_t n_panels, cap_panels;
};

ltp_svg_figure *ltp_svg_figure_create(double width_px, const char *title) {
  ltp_svg_figure *fig = calloc(1, sizeof *fig);
  if (fig == NULL)
    return NULL;
  int fail = 0;
  fig->width_px = width_px > 100 ? width_px : 100;
  fig->title = dup_str(title, &fail);
  if (fail) {
    free(fig);
    return NULL;
  }
  return fig;
}

void ltp_svg_figure_free(ltp_svg_figure *fig) {
  if (fig == NULL)
    return;
  for (size_t i = 0; i < fig->n_panels; i++)
    ltp_svg_plot_free(fig->panels[i]);
  free(fig->panels);
  free(fig->title);
  free(fig->empty_text);
  free(fig);
}

ltp_status ltp_svg_figure_add_panel(ltp_svg_figure *fig, ltp_svg_plot *panel) {
  if (fig == NULL || panel == NULL) {
    ltp_svg_plot_free(panel);
    return LTP_ERR_ARG;
  }
  if (!grow((void **)&fig->panels, &fig->cap_panels, fig->n_panels, sizeof *fig->panels)) {
    ltp_svg_plot_free(panel);
    return LTP_ERR_NOMEM;
  }
  fig->panels[fig->n_panels++] = panel;
  return LTP_OK;
}

ltp_status ltp_svg_figure_set_empty_text(ltp_svg_figure *fig, const char *text) {
  if (fig == NULL)
    return LTP_ERR_ARG;
  int fail = 0;
  char *t = dup_str(text, &fail);
  if (fail)
    return LTP_ERR_NOMEM;
  free(fig->empty_text);
  fig->empty_text = t;
  return LTP_OK;
}

/* Shared x axis: the first fixed panel range, else the union of the panels' data. */
static ltp_svg_axis figure_x_axis(const ltp_svg_figure *fig, double w) {
  range u = {0, 0, 0};
  for (size_t i = 0; i < fig->n_panels; i++) {
    const ltp_svg_plot *p = fig->panels[i];
    if (p->x_fixed)
      return make_x_axis(p, u, ticks_for(w, 80));
    range r = data_range(p, 0);
    if (r.any) {
      range_add(&u, r.lo);
      range_add(&u, r.hi);
    }
  }
  if (fig->n_panels > 0 && fig->panels[0]->x_log)
    return make_x_axis(fig->panels[0], u, ticks_for(w, 80));
  return make_axis(u, 0, 0, 0, ticks_for(w, 80));
}

#define PANEL_TITLE_PX 18.0
#define PANEL_GAP_PX 12.0

/* Width the panel title takes on its line (the legend starts after it). */
static double panel_title_w(const ltp_svg_plot *p) {
  return p->title ? text_w(p->title, 12) + 16.0 : 0.0;
}

/* Frame of panel p in a slot starting at y0 (left margin common to all panels). The legend
 * shares the title line and wraps onto further rows. */
static frame panel_frame(const ltp_svg_plot *p, double y0, double left, double right,
                         double width_px) {
  frame f;
  f.left = left;
  f.w = fmax(20.0, width_px - left - right);
  int rows = legend_rows(p, f.w - panel_title_w(p));
  double head = (p->title || rows) ? PANEL_TITLE_PX : 4.0;
  f.top = y0 + head + (rows > 1 ? (rows - 1) * LEGEND_ROW_PX : 0.0);
  f.h = fmax(20.0, p->height_px - (f.top - y0) - PANEL_GAP_PX);
  f.ya = make_axis(data_range(p, 1), p->y_fixed, p->y_lo, p->y_hi, ticks_for(f.h, 32));
  f.xa = ltp_svg_nice_axis(0.0, 1.0, 2);
  return f;
}

static double figure_right(const ltp_svg_figure *fig) {
  double r = 18.0;
  for (size_t i = 0; i < fig->n_panels; i++)
    r = fmax(r, right_margin(fig->panels[i]));
  return r;
}

static double figure_height(const ltp_svg_figure *fig, double top) {
  double h = top;
  for (size_t i = 0; i < fig->n_panels; i++)
    h += fig->panels[i]->height_px;
  return h + (fig->n_panels ? X_AXIS_PX : 60.0);
}

static double figure_left(const ltp_svg_figure *fig, double top) {
  double left = 40.0;
  for (size_t i = 0; i < fig->n_panels; i++) {
    frame f = panel_frame(fig->panels[i], top, 0, 18.0, fig->width_px);
    left = fmax(left, left_margin(fig->panels[i], &f.ya));
  }
  return left;
}

static void draw_panel(ltp_svg_buf *b, const ltp_svg_figure *fig, size_t i, double y0,
                       const frame *common, const char *id) {
  const ltp_svg_plot *p = fig->panels[i];
  frame f =
      panel_frame(p, y0, common->left, fig->width_px - common->left - common->w, fig->width_px);
  f.xa = common->xa;
  if (p->title != NULL)
    text_el(b, f.left, y0 + 13.0, "start", "font-size=\"12\" font-weight=\"bold\"", p->title);
  double tw = panel_title_w(p);
  draw_legend(b, p, f.left + tw, y0 + 13.0, f.w - tw);
  char clip[96];
  snprintf(clip, sizeof clip, "%s-clip%zu", id ? id : "fig", i);
  draw_frame(b, p, &f, i + 1 == fig->n_panels, clip);
}

ltp_status ltp_svg_figure_render(const ltp_svg_figure *fig, const char *id, ltp_svg_buf *out) {
  if (fig == NULL || out == NULL)
    return LTP_ERR_ARG;
  double top = fig->title ? 30.0 : 6.0;
  double h = figure_height(fig, top);
  svg_open(out, fig->width_px, h, fig->title);
  if (fig->title != NULL)
    text_el(out, 0.5 * fig->width_px, 19, "middle", "font-size=\"14\" font-weight=\"bold\"",
            fig->title);
  if (fig->n_panels == 0 && fig->empty_text != NULL)
    text_el(out, 0.5 * fig->width_px, top + 30, "middle", "fill=\"#666666\"", fig->empty_text);
  frame common; /* left edge, width and x axis shared by all panels */
  common.left = figure_left(fig, top);
  common.w = fig->width_px - common.left - figure_right(fig);
  common.xa = figure_x_axis(fig, common.w);
  double y0 = top;
  for (size_t i = 0; i < fig->n_panels; i++) {
    draw_panel(out, fig, i, y0, &common, id);
    y0 += fig->panels[i]->height_px;
  }
  ltp_svg_buf_puts(out, "</svg>\n");
  return buf_status(out);
}

ltp_status ltp_svg_figure_write(const ltp_svg_figure *fig, const char *id, FILE *f) {
  ltp_svg_buf b;
  ltp_svg_buf_init(&b);
  ltp_status st = ltp_svg_figure_render(fig, id, &b);
  if (st == LTP_OK)
    st = write_buf(&b, f);
  ltp_svg_buf_free(&b);
  return st;
}
