/* The outputs of ltpsim sweep (docs/sweep.md): sweep.csv (one row per run), summary.json (the
 * command, the grid, per point n, mean, sd, min and max of every metric, timing, memory) and
 * sweep.svg (the curve with its spread across repeats), written atomically into one
 * directory. */
#ifndef LTP_SWEEP_OUTPUT_H
#define LTP_SWEEP_OUTPUT_H

#include <jansson.h>
#include <stdio.h>

#include "io/svg.h"
#include "sweep/execute.h"
#include "sweep/plan.h"

#define LTP_SWEEP_SCHEMA_VERSION 1

typedef struct {
  const char *command; /* the command line as typed */
  const char *family;  /* --family, or NULL */
  const ltp_sweep_spec *spec;
  const ltp_sweep_plan *plan;
  const ltp_sweep_results *res;
  int threads;
  double build_s; /* building the plan (loading and checking every run) */
} ltp_sweep_report;

/* Column name of axis k with its unit: "rate_Hz", "nmda.mg_o_mM", "release.mode". */
const char *ltp_sweep_axis_column(const ltp_sweep_axis *a, char *buf, size_t n);
/* Point p's values, e.g. "rate = 5 Hz, nmda.mg_o = 1 mM". */
const char *ltp_sweep_point_label(const ltp_sweep_spec *spec, size_t p, char *buf, size_t n);

ltp_status ltp_sweep_write_csv(const ltp_sweep_report *r, FILE *f);
/* summary.json: the run's description as an indented object, its "points" one line each (so
 * a million points need no document of their size in memory). LTP_ERR_NOMEM, LTP_ERR_IO. */
ltp_status ltp_sweep_write_summary(const ltp_sweep_report *r, FILE *f);
/* sweep.svg: x is the first axis (logarithmic for a log range), one panel per quantity, a curve
 * per readout time, or per value of the second axis (further axes at their first value); the
 * mean over repeats with error bars of one standard deviation. */
ltp_status ltp_sweep_figure(const ltp_sweep_report *r, ltp_svg_buf *out);
/* Marker of a sweep's directory (an existing --out must hold it, or nothing). */
#define LTP_SWEEP_MARKER "sweep.csv"

/* All three files into out_dir (a new or empty directory, or an earlier sweep's). */
ltp_status ltp_sweep_write(const ltp_sweep_report *r, const char *out_dir, ltp_error *err);

#endif
