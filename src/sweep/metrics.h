/* What a sweep keeps of each run: the potentiation (% of baseline) at each readout time of the
 * experiment, the final plasticity weight and the peak spine Ca2+, per pathway; and the
 * statistics of a metric across the repeats of a grid point. */
#ifndef LTP_SWEEP_METRICS_H
#define LTP_SWEEP_METRICS_H

#include <stddef.h>

#include "engine/recorder.h"
#include "protocol/protocol.h"

typedef enum {
  LTP_METRIC_POTENTIATION, /* % of baseline at a readout time (ltp_results.potentiation) */
  LTP_METRIC_WEIGHT,       /* final pN.plasticity.weight */
  LTP_METRIC_PEAK_CA       /* peak spine Ca2+ of the run (uM) */
} ltp_metric_kind;

/* The metrics of every run of a sweep: per pathway the potentiation at each readout time, the
 * weight, the peak Ca2+ (in this order). Pathways and readout times are the union over the grid
 * (a run without one of them has no value there): default readout times depend on when the
 * induction starts, which a varied protocol value may move. */
typedef struct {
  int n_pathways;
  size_t n_times;
  double after_ms[LTP_MAX_READOUT_TIMES];
  size_t n; /* metrics per run */
} ltp_sweep_layout;

typedef struct {
  ltp_metric_kind kind;
  int pathway;      /* 1-based */
  double after_min; /* potentiation: readout time after induction onset */
  char name[48];    /* CSV column with its unit: "p1_potentiation_60min_pct" */
  const char *unit; /* "%", "1", "uM" */
} ltp_sweep_metric;

/* Add proto's pathways and readout times to l (zeroed first; times kept ascending). 0 when the
 * union would exceed LTP_MAX_READOUT_TIMES times. */
int ltp_sweep_layout_add(ltp_sweep_layout *l, const ltp_protocol *proto);
/* Metric i (0 <= i < l->n). */
ltp_sweep_metric ltp_sweep_metric_at(const ltp_sweep_layout *l, size_t i);
/* Fill out[l->n] from the results of a run of n_pathways pathways; NAN where a value was not
 * measured (no test pulse in a readout window, no induction, no such pathway or time). */
void ltp_sweep_metrics_extract(const ltp_sweep_layout *l, const ltp_results *res, int n_pathways,
                               double *out);

/* Statistics of the finite values among x[0], x[stride], ... x[(n - 1) stride]: how many, mean,
 * sample standard deviation (n - 1; 0 for one value), min and max; NAN when n is 0. */
typedef struct {
  size_t n;
  double mean, sd, min, max;
} ltp_sweep_stat;

ltp_sweep_stat ltp_sweep_stat_of(const double *x, size_t n, size_t stride);

#endif
