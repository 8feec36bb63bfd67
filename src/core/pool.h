/* A pool of OpenMP threads that runs n independent jobs, handed out in index order. Used by the
 * validation suite (ltpsim validate --jobs) and the batch engine (engine/batch.c, under
 * ltpsim sweep --jobs): the library keeps no mutable static state, so runs in different
 * threads share no memory. */
#ifndef LTP_CORE_POOL_H
#define LTP_CORE_POOL_H

#include <stddef.h>

#define LTP_POOL_MAX_THREADS 64

typedef struct {
  /* Run job i (0 <= i < n) on thread `thread` (0 .. threads - 1; 0 is the calling thread).
   * Called from several threads at once for different i. */
  void (*run)(void *ctx, size_t i, int thread);
  /* NULL, or called after each job with the number of jobs finished so far, one call at a
   * time (a critical section), e.g. to draw a progress bar. */
  void (*done)(void *ctx, size_t n_done);
  void *ctx;
} ltp_pool_work;

/* Run every job on `threads` threads (clamped to 1 .. LTP_POOL_MAX_THREADS; the calling
 * thread is thread 0) and return when all have finished. */
void ltp_pool_run(const ltp_pool_work *work, size_t n, int threads);

#endif
