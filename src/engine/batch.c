/* The batch engine (batch.h): OpenMP over blocks of units, dynamic schedule (units differ in
 * cost by orders of magnitude: a 0.5 Hz train is mostly quiet, a 9 Hz one never is). */
#include "engine/batch.h"

#include <stdatomic.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "engine/sim.h"

int ltp_batch_default_threads(void) {
#ifdef _OPENMP
  return omp_get_max_threads();
#else
  return 1;
#endif
}

/* One unit from parameters to the consumer. */
static ltp_status run_unit(const ltp_batch *b, size_t i, ltp_error *err) {
  const ltp_params *params = NULL;
  const ltp_protocol *proto = NULL;
  uint64_t seed = 0;
  ltp_status st = b->unit(b->ctx, i, &params, &proto, &seed, err);
  if (st != LTP_OK)
    return st;
  ltp_results res;
  memset(&res, 0, sizeof res);
  const ltp_sim_options opt = {.no_fast_forward = 0, .no_traces = b->no_traces};
  st = ltp_simulate(params, proto, seed, &opt, &res, err);
  if (st == LTP_OK && b->done)
    st = b->done(b->ctx, i, &res, err);
  ltp_results_free(&res);
  return st;
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
  const size_t n_blocks = (n + block - 1) / block;
  atomic_size_t first_fail = n; /* lowest failing unit so far */
  atomic_size_t done = 0;
  ltp_error first_err = {LTP_OK, ""};
  ltp_status first_st = LTP_OK;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (size_t blk = 0; blk < n_blocks; ++blk) {
    const size_t i0 = blk * block, i1 = i0 + block < n ? i0 + block : n;
    for (size_t i = i0; i < i1; ++i) {
      if (i > atomic_load(&first_fail))
        break; /* a lower unit failed: its error is the one reported */
      ltp_error e = {LTP_OK, ""};
      const ltp_status st = run_unit(b, i, &e);
      if (st != LTP_OK) {
#pragma omp critical(ltp_batch_error)
        if (i < atomic_load(&first_fail)) {
          atomic_store(&first_fail, i);
          first_st = st;
          first_err = e;
        }
      }
    }
    atomic_fetch_add(&done, i1 - i0);
#ifdef _OPENMP
    if (b->progress && omp_get_thread_num() == 0)
#else
    if (b->progress)
#endif
      b->progress(b->ctx, (double)atomic_load(&done) / (double)(n ? n : 1));
  }
  const size_t failed = atomic_load(&first_fail);
  if (failed < n)
    return ltp_error_set(err, first_st, "unit %zu: %s", failed, first_err.msg);
  return LTP_OK;
}
