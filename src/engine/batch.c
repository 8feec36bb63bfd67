/* The batch engine (batch.h): blocks of consecutive units handed to the OpenMP pool with a
 * dynamic schedule (units differ in cost by orders of magnitude: a 0.5 Hz train is mostly
 * quiet, a 9 Hz one never is). */
#include "engine/batch.h"

#include <stdatomic.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "core/pool.h"
#include "engine/sim.h"

int ltp_batch_default_threads(void) {
#ifdef _OPENMP
  return omp_get_max_threads();
#else
  return 1;
#endif
}

typedef struct {
  const ltp_batch *b;
  size_t block, n_blocks;
  atomic_size_t first_fail; /* lowest failing unit so far (stop mode), n_units when none */
  ltp_status first_st;
  ltp_error first_err;
  size_t n_done; /* units finished, updated one block at a time (pool's done) */
} batch_run;

/* One unit from parameters to the consumer. */
static ltp_status run_unit(const ltp_batch *b, size_t i, int thread, ltp_error *err) {
  const ltp_params *params = NULL;
  const ltp_protocol *proto = NULL;
  uint64_t seed = 0;
  ltp_status st = b->unit(b->ctx, i, thread, &params, &proto, &seed, err);
  if (st != LTP_OK)
    return st;
  ltp_results res;
  memset(&res, 0, sizeof res);
  const ltp_sim_options opt = {.no_traces = b->no_traces};
  st = ltp_simulate(params, proto, seed, &opt, &res, err);
  if (st == LTP_OK && b->done)
    st = b->done(b->ctx, i, thread, &res, err);
  ltp_results_free(&res);
  return st;
}

static void run_block(void *ctx, size_t blk, int thread) {
  batch_run *r = ctx;
  const ltp_batch *b = r->b;
  const size_t i0 = blk * r->block;
  const size_t i1 = i0 + r->block < b->n_units ? i0 + r->block : b->n_units;
  for (size_t i = i0; i < i1; ++i) {
    if (b->failed == NULL && i > atomic_load(&r->first_fail))
      return; /* a lower unit failed: its error is the one reported */
    ltp_error e = {LTP_OK, ""};
    const ltp_status st = run_unit(b, i, thread, &e);
    if (st == LTP_OK)
      continue;
    if (b->failed != NULL) {
      b->failed(b->ctx, i, st, &e);
      continue;
    }
#pragma omp critical(ltp_batch_error)
    if (i < atomic_load(&r->first_fail)) {
      atomic_store(&r->first_fail, i);
      r->first_st = st;
      r->first_err = e;
    }
  }
}

static void block_done(void *ctx, size_t n_blocks_done) {
  batch_run *r = ctx;
  const size_t n = n_blocks_done * r->block;
  r->n_done = n < r->b->n_units ? n : r->b->n_units;
  if (r->b->progress)
    r->b->progress(r->b->ctx, r->n_done);
}

ltp_status ltp_batch_run(const ltp_batch *b, ltp_error *err) {
  const size_t n = b->n_units;
  int threads = b->threads > 0 ? b->threads : ltp_batch_default_threads();
  if (threads < 1)
    threads = 1;
  size_t block = b->block;
  if (block == 0) /* enough blocks per thread to balance uneven units */
    block = n / ((size_t)threads * 16) > 0 ? n / ((size_t)threads * 16) : 1;
  if (block > 1024)
    block = 1024;
  batch_run r = {.b = b, .block = block, .n_blocks = (n + block - 1) / block, .first_st = LTP_OK};
  atomic_init(&r.first_fail, n);
  const ltp_pool_work work = {run_block, block_done, &r};
  ltp_pool_run(&work, r.n_blocks, threads);
  const size_t failed = atomic_load(&r.first_fail);
  if (failed < n)
    return ltp_error_set(err, r.first_st, "unit %zu: %s", failed, r.first_err.msg);
  return LTP_OK;
}
