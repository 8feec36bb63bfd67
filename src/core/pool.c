/* The thread pool on OpenMP: a parallel loop with a dynamic schedule hands out job indices in
 * order; the done callback runs in a critical section. */
#include "core/pool.h"

#ifdef _OPENMP
#include <omp.h>
#endif

void ltp_pool_run(const ltp_pool_work *work, size_t n, int threads) {
  if (threads < 1)
    threads = 1;
  if (threads > LTP_POOL_MAX_THREADS)
    threads = LTP_POOL_MAX_THREADS;
  size_t finished = 0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (size_t i = 0; i < n; ++i) {
#ifdef _OPENMP
    const int thread = omp_get_thread_num();
#else
    const int thread = 0;
#endif
    work->run(work->ctx, i, thread);
#pragma omp critical(ltp_pool_done)
    {
      ++finished;
      if (work->done != NULL)
        work->done(work->ctx, finished);
    }
  }
}
