/* Test helper: load an experiment from a string or a file, apply --set overrides and run the engine
 * directly (engine/sim.h), with or without the quiet-stretch fast-forward. Include after
 * <cmocka.h>. */
#ifndef LTP_TESTS_SIM_RUN_H
#define LTP_TESTS_SIM_RUN_H

#include <string.h>

#include "engine/sim.h"
#include "io/experiment.h"

typedef struct {
  ltp_params params;
  ltp_protocol proto;
  uint64_t seed;
  ltp_results res;
} sim_run;

/* After loading: the overrides, finalize, run. */
static inline ltp_status sim_run_loaded(sim_run *r, ltp_status st, const char *const *sets,
                                        int no_fast_forward, ltp_error *err) {
  for (size_t i = 0; sets && sets[i] && st == LTP_OK; ++i)
    st = ltp_experiment_apply_set(sets[i], &r->params, err);
  if (st == LTP_OK)
    st = ltp_experiment_finalize(&r->params, &r->proto, err);
  ltp_sim_options opt = {.no_fast_forward = no_fast_forward};
  if (st == LTP_OK)
    st = ltp_simulate(&r->params, &r->proto, r->seed, &opt, &r->res, err);
  return st;
}

/* sets: NULL-terminated list of "mech.param=value" overrides, or NULL */
static inline ltp_status sim_run_text(sim_run *r, const char *text, const char *const *sets,
                                      int no_fast_forward, ltp_error *err) {
  memset(r, 0, sizeof *r);
  ltp_protocol_init(&r->proto);
  const ltp_status st =
      ltp_experiment_load_string(text, "test.exp", &r->params, &r->proto, &r->seed, err);
  return sim_run_loaded(r, st, sets, no_fast_forward, err);
}

/* The same for an experiment file. */
static inline ltp_status sim_run_file(sim_run *r, const char *path, const char *const *sets,
                                      int no_fast_forward, ltp_error *err) {
  memset(r, 0, sizeof *r);
  ltp_protocol_init(&r->proto);
  const ltp_status st = ltp_experiment_load_file(path, &r->params, &r->proto, &r->seed, err);
  return sim_run_loaded(r, st, sets, no_fast_forward, err);
}

static inline void sim_run_free(sim_run *r) {
  ltp_results_free(&r->res);
  ltp_protocol_free(&r->proto);
}

#endif
