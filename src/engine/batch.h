/* The batch engine: many independent runs (synapses, cells, sweep points), each with its own
 * parameters, protocol and seed, on OpenMP threads (core/pool.c) in blocks of units. Each unit
 * is integrated by the same code as a single run (ltp_simulate: the point engine for
 * cell.model = point_lif, the cascade engine otherwise), so a unit's result does not depend on
 * the batch it is in or on the thread count. Units are produced and consumed through
 * callbacks, so a batch of 10^6 synapses holds only the units in flight (one per thread) plus
 * what the caller keeps. */
#ifndef LTP_ENGINE_BATCH_H
#define LTP_ENGINE_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "engine/recorder.h"
#include "mech/model_params.h"
#include "protocol/protocol.h"

typedef struct {
  size_t n_units;
  /* Unit i's parameters, protocol and seed, valid until done (or failed) for i returns. Called
   * from thread `thread` (0 .. threads - 1), once per unit: it must only read shared data or
   * write unit i's or that thread's own storage. */
  ltp_status (*unit)(void *ctx, size_t i, int thread, const ltp_params **params,
                     const ltp_protocol **proto, uint64_t *seed, ltp_error *err);
  /* Unit i's results (same rules as unit; may be NULL). The batch frees res after it returns;
   * done may move what it keeps out of res (and zero those fields). */
  ltp_status (*done)(void *ctx, size_t i, int thread, ltp_results *res, ltp_error *err);
  /* NULL: the batch stops at the first failure and returns the error of the lowest-numbered
   * failing unit, whatever the thread count. Otherwise it is called for every failing unit
   * (from that unit's thread) and the batch goes on. */
  void (*failed)(void *ctx, size_t i, ltp_status st, const ltp_error *err);
  /* NULL, or called one at a time with the number of units finished. */
  void (*progress)(void *ctx, size_t n_done);
  void *ctx;
  int threads;   /* threads; 0: ltp_batch_default_threads() */
  size_t block;  /* units per scheduling block; 0: chosen from n_units and threads */
  int no_traces; /* 1: no trace window and no state samples (large sweeps) */
} ltp_batch;

/* Run every unit (see failed for what a failure does). */
ltp_status ltp_batch_run(const ltp_batch *b, ltp_error *err);

/* Threads a batch uses for threads = 0 (OMP_NUM_THREADS, else the CPUs). */
int ltp_batch_default_threads(void);

#endif
