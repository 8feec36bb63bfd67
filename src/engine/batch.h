/* The batch engine: many independent runs (synapses, cells, sweep points), each with its own
 * parameters, protocol and seed, spread over OpenMP threads in blocks. Each unit is integrated
 * by the same code as a single run (ltp_simulate: the point engine for cell.model = point_lif,
 * the cascade engine otherwise), so a unit's result does not depend on the batch it is in or
 * on the thread count. Units are produced and consumed through callbacks, so a batch of 10^6
 * synapses holds only the units in flight (one per thread) plus what the caller keeps. */
#ifndef LTP_ENGINE_BATCH_H
#define LTP_ENGINE_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "engine/recorder.h"
#include "mech/model_params.h"
#include "protocol/protocol.h"

typedef struct {
  size_t n_units;
  /* Unit i's parameters, protocol and seed, valid until done(i) returns. Called from the worker
   * threads, once per unit: it must only read shared data or write unit i's own storage. */
  ltp_status (*unit)(void *ctx, size_t i, const ltp_params **params, const ltp_protocol **proto,
                     uint64_t *seed, ltp_error *err);
  /* Unit i's results, from the worker thread that ran it (same rules as unit). The batch frees
   * res after it returns; done may move what it keeps out of res (and zero those fields). */
  ltp_status (*done)(void *ctx, size_t i, ltp_results *res, ltp_error *err);
  void *ctx;
  int threads;   /* OpenMP threads; 0: the OpenMP default */
  size_t block;  /* units per scheduling block; 0: chosen from n_units and threads */
  int no_traces; /* 1: do not record traces and state samples (large sweeps) */
  /* Called from the main thread now and then with the fraction of units done (may be NULL). */
  void (*progress)(void *ctx, double fraction);
} ltp_batch;

/* Run every unit. On failure returns the error of the lowest-numbered failing unit (prefixed
 * "unit i: "), whatever the thread count; units after a failure may not run. */
ltp_status ltp_batch_run(const ltp_batch *b, ltp_error *err);

/* Threads an OpenMP batch will use for threads = 0. */
int ltp_batch_default_threads(void);

#endif
