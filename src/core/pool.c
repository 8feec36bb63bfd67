/* The thread pool: a shared counter under a mutex hands out job indices. */
#include "core/pool.h"

#include <pthread.h>

typedef struct {
  const ltp_pool_work *work;
  size_t n, next, finished;
  pthread_mutex_t lock;
} pool;

typedef struct {
  pool *p;
  int thread;
} worker_arg;

static void *worker(void *arg) {
  pool *p = ((worker_arg *)arg)->p;
  const int thread = ((worker_arg *)arg)->thread;
  for (;;) {
    pthread_mutex_lock(&p->lock);
    const size_t i = p->next++;
    pthread_mutex_unlock(&p->lock);
    if (i >= p->n)
      return NULL;
    p->work->run(p->work->ctx, i, thread);
    pthread_mutex_lock(&p->lock);
    const size_t finished = ++p->finished;
    if (p->work->done != NULL)
      p->work->done(p->work->ctx, finished);
    pthread_mutex_unlock(&p->lock);
  }
}

void ltp_pool_run(const ltp_pool_work *work, size_t n, int threads) {
  pool p = {work, n, 0, 0, PTHREAD_MUTEX_INITIALIZER};
  pthread_t tid[LTP_POOL_MAX_THREADS];
  worker_arg args[LTP_POOL_MAX_THREADS];
  int started = 0;
  for (; started < threads - 1 && started < LTP_POOL_MAX_THREADS - 1; ++started) {
    args[started] = (worker_arg){&p, started + 1};
    if (pthread_create(&tid[started], NULL, worker, &args[started]) != 0)
      break; /* fewer threads than asked: the calling thread still runs every job */
  }
  worker_arg self = {&p, 0};
  worker(&self);
  for (int t = 0; t < started; ++t)
    pthread_join(tid[t], NULL);
  pthread_mutex_destroy(&p.lock);
}
