/* Sweep execution: the runs are the units of one batch (engine/batch.h: OpenMP threads, each
 * run by ltp_simulate: the point engine for cell.model = point_lif, the cascade otherwise);
 * every run is built in its thread's workspace, its metrics are kept, its full results freed
 * as soon as they are read. */
#include "sweep/execute.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/pool.h"
#include "engine/batch.h"

typedef struct {
  const ltp_sweep_plan *plan;
  ltp_sweep_workspace *ws; /* one per thread */
  size_t n;
  const ltp_sweep_layout *layout;
  ltp_sweep_results *out;
  ltp_sweep_progress_fn progress;
  void *progress_ctx;
  pthread_mutex_t lock; /* out->n_failed, first_failed, first_error */
} sweep_ctx;

static ltp_status unit_of(void *arg, size_t i, int thread, const ltp_params **params,
                          const ltp_protocol **proto, uint64_t *seed, ltp_error *err) {
  sweep_ctx *c = arg;
  ltp_sweep_job job;
  const ltp_status st = ltp_sweep_plan_job(c->plan, i, &c->ws[thread], &job, err);
  if (st == LTP_OK) {
    *params = job.params;
    *proto = job.proto;
    *seed = job.seed;
  }
  return st;
}

static ltp_status unit_done(void *arg, size_t i, int thread, ltp_results *res, ltp_error *err) {
  (void)err;
  sweep_ctx *c = arg;
  ltp_sweep_metrics_extract(c->layout, res, c->ws[thread].proto.n_pathways,
                            c->out->metrics + i * c->out->n_metrics);
  c->out->status[i] = LTP_OK;
  return LTP_OK;
}

static void unit_failed(void *arg, size_t i, ltp_status st, const ltp_error *e) {
  sweep_ctx *c = arg;
  for (size_t k = 0; k < c->out->n_metrics; ++k)
    c->out->metrics[i * c->out->n_metrics + k] = NAN;
  c->out->status[i] = (uint8_t)st;
  pthread_mutex_lock(&c->lock);
  c->out->n_failed++;
  if (i < c->out->first_failed) { /* the lowest index, whatever the thread count */
    c->out->first_failed = i;
    c->out->first_error = *e;
  }
  pthread_mutex_unlock(&c->lock);
}

static void units_done(void *arg, size_t n_done) {
  sweep_ctx *c = arg;
  if (c->progress != NULL)
    c->progress(c->progress_ctx, n_done, c->n);
}

ltp_status ltp_sweep_execute(const ltp_sweep_plan *plan, int threads,
                             ltp_sweep_progress_fn progress, void *progress_ctx,
                             ltp_sweep_results *out, ltp_error *err) {
  const size_t n = plan->n_runs;
  const ltp_sweep_layout *layout = &plan->layout;
  threads = threads < 1 ? 1 : threads > LTP_POOL_MAX_THREADS ? LTP_POOL_MAX_THREADS : threads;
  memset(out, 0, sizeof *out);
  out->n = n;
  out->n_metrics = layout->n;
  out->first_failed = n;
  out->metrics = calloc(n * layout->n + 1, sizeof *out->metrics);
  out->status = calloc(n + 1, sizeof *out->status);
  ltp_sweep_workspace *ws = calloc((size_t)threads, sizeof *ws);
  if (out->metrics == NULL || out->status == NULL || ws == NULL) {
    free(ws);
    ltp_sweep_results_free(out);
    return ltp_error_set(err, LTP_ERR_NOMEM, "sweep: out of memory for the results of %zu runs", n);
  }
  for (int t = 0; t < threads; ++t)
    ltp_sweep_workspace_init(&ws[t]);
  sweep_ctx c = {plan, ws, n, layout, out, progress, progress_ctx, PTHREAD_MUTEX_INITIALIZER};
  /* traces are recorded as by ltpsim run, so a point gives its result bit for bit */
  const ltp_batch batch = {.n_units = n,
                           .unit = unit_of,
                           .done = unit_done,
                           .failed = unit_failed,
                           .progress = units_done,
                           .ctx = &c,
                           .threads = threads};
  const double t0 = ltp_monotonic_s();
  const ltp_status st = ltp_batch_run(&batch, err);
  out->wall_s = ltp_monotonic_s() - t0;
  pthread_mutex_destroy(&c.lock);
  for (int t = 0; t < threads; ++t)
    ltp_sweep_workspace_free(&ws[t]);
  free(ws);
  return st;
}

void ltp_sweep_results_free(ltp_sweep_results *r) {
  free(r->metrics);
  free(r->status);
  memset(r, 0, sizeof *r);
}

size_t ltp_sweep_result_bytes_per_run(const ltp_sweep_layout *layout) {
  return layout->n * sizeof(double) + sizeof(uint8_t);
}
