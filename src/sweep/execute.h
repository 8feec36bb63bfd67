/* Running the jobs of a sweep: the one place where a sweep reaches an engine. Each job is one
 * simulation (parameters, protocol, seed), independent of the others; only the metrics of a
 * run (src/sweep/metrics.h) are kept, so memory grows by ltp_sweep_result_bytes_per_run() per
 * run. Results do not depend on the number of threads. */
#ifndef LTP_SWEEP_EXECUTE_H
#define LTP_SWEEP_EXECUTE_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "mech/model_params.h"
#include "protocol/protocol.h"
#include "sweep/metrics.h"

/* One run. params and proto (finalized against params) are shared between jobs and read-only. */
typedef struct {
  const ltp_params *params;
  const ltp_protocol *proto;
  uint64_t seed;
} ltp_sweep_job;

typedef struct {
  size_t n, n_metrics;
  double *metrics;       /* n x n_metrics, row per job; NAN where unmeasured or the run failed */
  uint8_t *status;       /* n: ltp_status of each run */
  size_t n_failed;       /* runs that ended in an error (e.g. a numerical blow-up) */
  size_t first_failed;   /* lowest index of a failed run (n when none) */
  ltp_error first_error; /* its message */
  double wall_s;         /* wall time of the whole execution */
} ltp_sweep_results;

/* Called under a lock after each finished run (e.g. to draw a progress bar); may be NULL. */
typedef void (*ltp_sweep_progress_fn)(void *ctx, size_t n_done, size_t n);

/* Run the n jobs on `threads` threads and fill out. Fails only when out cannot be allocated; a
 * run that fails is counted in out (status, n_failed, first_error) and the others go on. */
ltp_status ltp_sweep_execute(const ltp_sweep_job *jobs, size_t n, int threads,
                             const ltp_sweep_layout *layout, ltp_sweep_progress_fn progress,
                             void *progress_ctx, ltp_sweep_results *out, ltp_error *err);
void ltp_sweep_results_free(ltp_sweep_results *r);

/* Bytes kept per run (metrics and status). */
size_t ltp_sweep_result_bytes_per_run(const ltp_sweep_layout *layout);

#endif
