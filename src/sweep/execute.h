/* Running the runs of a sweep: the one place where a sweep reaches an engine. Each run is one
 * simulation (parameters, protocol, seed: ltp_sweep_plan_job), independent of the others;
 * only its metrics (src/sweep/metrics.h) are kept, so memory grows by
 * ltp_sweep_result_bytes_per_run() per run, plus one workspace per thread. Results do not
 * depend on the number of threads. */
#ifndef LTP_SWEEP_EXECUTE_H
#define LTP_SWEEP_EXECUTE_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "sweep/plan.h"

typedef struct {
  size_t n, n_metrics;
  double *metrics;       /* n x n_metrics, row per run; NAN where unmeasured or the run failed */
  uint8_t *status;       /* n: ltp_status of each run */
  size_t n_failed;       /* runs that ended in an error (e.g. a numerical blow-up) */
  size_t first_failed;   /* lowest index of a failed run (n when none) */
  ltp_error first_error; /* its message */
  double wall_s;         /* wall time of the whole execution */
} ltp_sweep_results;

/* Called under a lock after each finished run (e.g. to draw a progress bar); may be NULL. */
typedef void (*ltp_sweep_progress_fn)(void *ctx, size_t n_done, size_t n);

/* Run every run of the plan on `threads` threads and fill out. Fails only when memory runs
 * out; a run that fails is counted in out (status, n_failed, first_error) and the others go
 * on. */
ltp_status ltp_sweep_execute(const ltp_sweep_plan *plan, int threads,
                             ltp_sweep_progress_fn progress, void *progress_ctx,
                             ltp_sweep_results *out, ltp_error *err);
void ltp_sweep_results_free(ltp_sweep_results *r);

/* Bytes kept per run (metrics and status). */
size_t ltp_sweep_result_bytes_per_run(const ltp_sweep_layout *layout);

#endif
