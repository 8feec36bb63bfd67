/* A small SVG line-plot writer: plots with series, reference lines, shaded spans, nice ticks and
 * a legend; stacked multi-panel figures; rendered to a growable string or a FILE*. */
#ifndef LTP_IO_SVG_H
#define LTP_IO_SVG_H

#include <stddef.h>
#include <stdio.h>

#include "core/status.h"

/* ---- Growable string. Appends never fail loudly: an allocation failure sets oom, later
 * appends are ignored, and the owner checks oom once at the end. ---- */
typedef struct {
  char *data; /* NUL-terminated when len > 0 */
  size_t len, cap;
  int oom;
} ltp_svg_buf;

void ltp_svg_buf_init(ltp_svg_buf *b);
void ltp_svg_buf_free(ltp_svg_buf *b);
void ltp_svg_buf_append(ltp_svg_buf *b, const char *s, size_t n);
void ltp_svg_buf_puts(ltp_svg_buf *b, const char *s);
void ltp_svg_buf_printf(ltp_svg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append text with & < > " ' escaped (valid in XML text, XML attributes and HTML). */
void ltp_svg_buf_escape(ltp_svg_buf *b, const char *text);

/* ---- Axis ticks ---- */
typedef struct {
  double lo, hi; /* axis range (auto: extended outwards to multiples of step) */
  double step;   /* 1, 2, 2.5 or 5 times a power of ten */
  double tick0;  /* first tick; ticks at tick0 + i * step, i = 0 .. n_ticks - 1 */
  size_t n_ticks;
  int decimals; /* digits after the point needed to print every tick exactly */
  /* 0: linear. Logarithmic (lo, hi, tick0 in log10 units; ltp_svg_axis_tick gives the ticks):
   * LTP_SVG_LOG_DECADES, a tick every `step` decades, or LTP_SVG_LOG_125, ticks at 1, 2 and
   * 5 x 10^k. */
  int log;
} ltp_svg_axis;

enum { LTP_SVG_LOG_DECADES = 1, LTP_SVG_LOG_125 = 2 };

/* Nice axis for data in [lo, hi] with about target_ticks ticks (>= 2): the range is extended
 * to multiples of the step. A degenerate or non-finite range is widened to something sensible
 * (a single value v gives v +- 10 %, or -1..1 for 0; no finite data gives 0..1). */
ltp_svg_axis ltp_svg_nice_axis(double lo, double hi, size_t target_ticks);
/* The same steps, but the range is kept as given and only the ticks inside it are listed. */
ltp_svg_axis ltp_svg_fixed_axis(double lo, double hi, size_t target_ticks);
/* Logarithmic axis for data in [lo, hi] (both > 0; otherwise 1 .. 10): 1-2-5 ticks over up to
 * about two and a half decades, decades beyond; the range is extended to ticks. */
ltp_svg_axis ltp_svg_log_axis(double lo, double hi, size_t target_ticks);
/* Tick i (0 <= i < a->n_ticks) in axis units (log10 of the value on a logarithmic axis). */
double ltp_svg_axis_tick(const ltp_svg_axis *a, size_t i);
/* Tick label of value v (in axis units) on axis a ("-0" printed as "0"). */
void ltp_svg_format_tick(const ltp_svg_axis *a, double v, char *out, size_t n);

/* ---- Plots ---- */
enum {
  LTP_SVG_LINE = 1u << 0,    /* connect the points (non-finite points break the line) */
  LTP_SVG_MARKERS = 1u << 1, /* a circle at each point */
  LTP_SVG_OPEN = 1u << 2,    /* markers hollow (with LTP_SVG_MARKERS) */
  LTP_SVG_DASHED = 1u << 3   /* line dashed (with LTP_SVG_LINE) */
};

typedef struct {
  unsigned flags;    /* LTP_SVG_LINE | LTP_SVG_MARKERS | ... */
  const char *color; /* CSS colour; NULL: the next colour of a colour-blind-safe palette */
  const char *label; /* legend text; NULL: not in the legend */
} ltp_svg_style;

/* Colour i of the default palette (Okabe & Ito 2008, colour-blind safe; black first). */
const char *ltp_svg_palette_color(size_t i);

typedef struct ltp_svg_plot ltp_svg_plot;

/* A plot of width_px x height_px (the whole image when rendered alone; as a panel of a figure
 * only the height counts). Title and labels may be NULL. Returns NULL when out of memory. */
ltp_svg_plot *ltp_svg_plot_create(double width_px, double height_px, const char *title,
                                  const char *x_label, const char *y_label);
void ltp_svg_plot_free(ltp_svg_plot *p);

/* Add a series of n points (copied). Non-finite points are skipped (markers) or break the
 * line. Strided form: point i is (x[i * x_stride], y[i * y_stride]), for row-major tables. */
ltp_status ltp_svg_plot_add_series(ltp_svg_plot *p, const double *x, const double *y, size_t n,
                                   ltp_svg_style style);
ltp_status ltp_svg_plot_add_series_strided(ltp_svg_plot *p, const double *x, size_t x_stride,
                                           const double *y, size_t y_stride, size_t n,
                                           ltp_svg_style style);
/* Dashed horizontal reference line at y (included in the auto range), optional label. */
ltp_status ltp_svg_plot_add_hline(ltp_svg_plot *p, double y, const char *label);
/* Shaded span x0..x1 across the plot height (at least 2 px wide), optional label at its top. */
ltp_status ltp_svg_plot_add_span(ltp_svg_plot *p, double x0, double x1, const char *label);
/* Make the x axis logarithmic: call before adding series or spans and before
 * ltp_svg_plot_set_xrange (LTP_ERR_ARG otherwise). Points with x <= 0 are then not drawn. In a
 * figure the first panel decides for the shared x axis. */
ltp_status ltp_svg_plot_set_xlog(ltp_svg_plot *p);
/* Fix an axis range instead of the automatic one (nice ticks are still chosen inside it). */
void ltp_svg_plot_set_xrange(ltp_svg_plot *p, double lo, double hi);
void ltp_svg_plot_set_yrange(ltp_svg_plot *p, double lo, double hi);

/* Render as one <svg> element (no XML declaration, so it can be inlined into HTML). id
 * prefixes the element ids (clip paths): give each figure of one HTML page its own. */
ltp_status ltp_svg_plot_render(const ltp_svg_plot *p, const char *id, ltp_svg_buf *out);
/* Write a standalone SVG file (XML declaration + element). LTP_ERR_IO on a write error. */
ltp_status ltp_svg_plot_write(const ltp_svg_plot *p, const char *id, FILE *f);

/* ---- Stacked figures: panels one above the other sharing the x axis (union of their
 * ranges); only the bottom panel shows x tick labels and the x label. ---- */
typedef struct ltp_svg_figure ltp_svg_figure;

ltp_svg_figure *ltp_svg_figure_create(double width_px, const char *title);
void ltp_svg_figure_free(ltp_svg_figure *fig);
/* Append a panel (its title, y label and height are used; its width is the figure's). The
 * figure owns the panel from this call on, also when the call fails. */
ltp_status ltp_svg_figure_add_panel(ltp_svg_figure *fig, ltp_svg_plot *panel);
/* Text shown instead of panels when the figure has none (e.g. "no traces recorded"). */
ltp_status ltp_svg_figure_set_empty_text(ltp_svg_figure *fig, const char *text);
ltp_status ltp_svg_figure_render(const ltp_svg_figure *fig, const char *id, ltp_svg_buf *out);
ltp_status ltp_svg_figure_write(const ltp_svg_figure *fig, const char *id, FILE *f);

#endif
