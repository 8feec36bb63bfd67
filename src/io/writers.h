/* Output writers: summary.json, readouts.csv, traces.csv, SVG figures and report.html,
 * written atomically into one output directory (docs/outputs.md documents every file). */
#ifndef LTP_IO_WRITERS_H
#define LTP_IO_WRITERS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/status.h"
#include "engine/recorder.h"
#include "io/svg.h"
#include "mech/model_params.h"
#include "protocol/protocol.h"

#define LTP_SUMMARY_SCHEMA_VERSION 1

/* Write every output file into out_dir (see docs/outputs.md). seed is the run's RNG seed;
 * overrides are the "mech.param=value unit" assignments given on the command line (may be
 * NULL when n_overrides is 0), highlighted in the report. All files are written into
 * out_dir.tmp-PID first and moved into place at the end; on failure nothing is left behind.
 * Errors: LTP_ERR_NUMERIC naming the first non-finite value (nothing is written),
 * LTP_ERR_IO with path and reason, LTP_ERR_NOMEM, LTP_ERR_ARG. */
ltp_status ltp_write_outputs(const char *out_dir, const ltp_results *res, const ltp_protocol *proto,
                             const ltp_params *params, uint64_t seed, const char *const *overrides,
                             size_t n_overrides, ltp_error *err);

/* ---- The pieces, for the CLI and tests. ---- */

/* Everything the writers read. */
typedef struct {
  const ltp_results *res;
  const ltp_protocol *proto;
  const ltp_params *params;
  uint64_t seed;
  const char *const *overrides;
  size_t n_overrides;
} ltp_output_ctx;

/* LTP_ERR_NUMERIC naming the first non-finite number in results or parameters. */
ltp_status ltp_output_check_finite(const ltp_output_ctx *ctx, ltp_error *err);

/* Number of pathways to report: the protocol's, else 1 + the largest readout pathway. */
int ltp_output_n_pathways(const ltp_output_ctx *ctx);
/* Minutes from induction onset (from the experiment start when there is no induction). */
double ltp_output_rel_min(const ltp_results *res, double t_ms);
/* Slope (or EPSC) of a readout in % of its pathway's baseline: the recorded slope_pct, or,
 * for pulses recorded before the baseline was known (slope_pct 0), computed from the baseline;
 * NAN when no baseline is known. */
double ltp_output_readout_pct(const ltp_results *res, const ltp_readout *r);
/* 1 when the parameter key ("mech.name") was set by one of the overrides. */
int ltp_output_is_override(const ltp_output_ctx *ctx, const char *key);

ltp_status ltp_write_readouts_csv(FILE *f, const ltp_results *res);
ltp_status ltp_write_traces_csv(FILE *f, const ltp_results *res);
/* state.csv: the slow (signalling, expression, late-phase) variables over the whole run. */
ltp_status ltp_write_state_csv(FILE *f, const ltp_results *res);
/* The summary.json object (new reference) listing files; NULL with err set on failure. */
json_t *ltp_summary_json(const ltp_output_ctx *ctx, const char *const *files, size_t n_files,
                         ltp_error *err);

/* Figures (figures.c), each rendered as one <svg> element; id prefixes its element ids. */
ltp_status ltp_figure_timecourse(const ltp_output_ctx *ctx, const char *id, ltp_svg_buf *out);
ltp_status ltp_figure_expression(const ltp_output_ctx *ctx, const char *id, ltp_svg_buf *out);
ltp_status ltp_figure_traces(const ltp_output_ctx *ctx, const char *id, ltp_svg_buf *out);

/* One rendered figure for the report. */
typedef struct {
  const char *file;    /* e.g. "ltp_timecourse.svg" */
  const char *caption; /* one sentence */
  const ltp_svg_buf *svg;
} ltp_report_figure;

/* The style sheet of report.html, shared with validation.html (src/validate). */
extern const char ltp_report_css[];

/* report.html (report.c): self-contained page with the figures inlined. */
ltp_status ltp_report_html(const ltp_output_ctx *ctx, const ltp_report_figure *figs, size_t n_figs,
                           const char *const *files, size_t n_files, ltp_svg_buf *out);

#endif
