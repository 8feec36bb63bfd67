/* The public run API (include/ltpsim/ltpsim.h): experiment loading, overrides, simulation,
 * outputs and the one-screen summary, behind one opaque handle. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/sim.h"
#include "io/experiment.h"
#include "io/progress.h"
#include "io/run.h"
#include "io/writers.h"
#include "mech/registry.h"

#define LTP_MAX_OVERRIDES 64

struct ltp_run {
  ltp_params params;
  ltp_protocol proto;
  uint64_t seed;
  int loaded, executed, progress, no_fast_forward;
  char *overrides[LTP_MAX_OVERRIDES];
  size_t n_overrides;
  ltp_results results;
  ltp_error err;
};

ltp_status ltp_run_create(ltp_run **out) {
  if (out == NULL)
    return LTP_ERR_ARG;
  ltp_run *run = calloc(1, sizeof *run);
  if (run == NULL)
    return LTP_ERR_NOMEM;
  ltp_params_defaults(&run->params);
  ltp_protocol_init(&run->proto);
  run->seed = 1;
  *out = run;
  return LTP_OK;
}

void ltp_run_free(ltp_run *run) {
  if (run == NULL)
    return;
  ltp_protocol_free(&run->proto);
  ltp_results_free(&run->results);
  for (size_t i = 0; i < run->n_overrides; ++i)
    free(run->overrides[i]);
  free(run);
}

const char *ltp_run_error(const ltp_run *run) {
  return run ? run->err.msg : "";
}

static ltp_status loaded(ltp_run *run, ltp_status st) {
  run->loaded = st == LTP_OK;
  return st;
}

ltp_status ltp_run_load_default(ltp_run *run) {
  if (run == NULL)
    return LTP_ERR_ARG;
  ltp_error_clear(&run->err);
  return loaded(run, ltp_experiment_load_default(&run->params, &run->proto, &run->seed, &run->err));
}

ltp_status ltp_run_load_file(ltp_run *run, const char *path) {
  if (run == NULL || path == NULL)
    return LTP_ERR_ARG;
  ltp_error_clear(&run->err);
  return loaded(run,
                ltp_experiment_load_file(path, &run->params, &run->proto, &run->seed, &run->err));
}

ltp_status ltp_run_load_string(ltp_run *run, const char *text, const char *name) {
  if (run == NULL || text == NULL || name == NULL)
    return LTP_ERR_ARG;
  ltp_error_clear(&run->err);
  return loaded(run, ltp_experiment_load_string(text, name, &run->params, &run->proto, &run->seed,
                                                &run->err));
}

const ltp_results *ltp_run_results(const ltp_run *run) {
  return run && run->executed ? &run->results : NULL;
}

ltp_status ltp_run_set(ltp_run *run, const char *assignment) {
  if (run == NULL || assignment == NULL)
    return LTP_ERR_ARG;
  if (run->n_overrides >= LTP_MAX_OVERRIDES)
    return ltp_error_set(&run->err, LTP_ERR_RANGE, "--set: more than %d overrides",
                         LTP_MAX_OVERRIDES);
  ltp_status st = ltp_experiment_apply_set(assignment, &run->params, &run->err);
  if (st != LTP_OK)
    return st;
  run->overrides[run->n_overrides] = strdup(assignment);
  if (run->overrides[run->n_overrides] == NULL)
    return LTP_ERR_NOMEM;
  ++run->n_overrides;
  return LTP_OK;
}

ltp_status ltp_run_set_seed(ltp_run *run, uint64_t seed) {
  if (run == NULL)
    return LTP_ERR_ARG;
  run->seed = seed;
  return LTP_OK;
}

ltp_status ltp_run_set_progress(ltp_run *run, int enabled) {
  if (run == NULL)
    return LTP_ERR_ARG;
  run->progress = enabled;
  return LTP_OK;
}

ltp_status ltp_run_set_fast_forward(ltp_run *run, int enabled) {
  if (run == NULL)
    return LTP_ERR_ARG;
  run->no_fast_forward = !enabled;
  return LTP_OK;
}

ltp_status ltp_run_get_potentiation(const ltp_run *run, int pathway, double after_min,
                                    double *pct) {
  if (run == NULL || pct == NULL || !run->executed)
    return LTP_ERR_ARG;
  for (size_t i = 0; i < run->results.n_potentiation; ++i) {
    const ltp_potentiation *p = &run->results.potentiation[i];
    if (p->pathway == pathway - 1 && fabs(p->after_min - after_min) < 1e-6) {
      *pct = p->potentiation_pct;
      return LTP_OK;
    }
  }
  return LTP_ERR_UNKNOWN_KEY;
}

ltp_status ltp_run_get_final(const ltp_run *run, const char *name, double *value) {
  if (run == NULL || name == NULL || value == NULL || !run->executed)
    return LTP_ERR_ARG;
  for (size_t i = 0; i < run->results.n_final_state; ++i)
    if (strcmp(run->results.final_state[i].name, name) == 0) {
      *value = run->results.final_state[i].value;
      return LTP_OK;
    }
  return LTP_ERR_UNKNOWN_KEY;
}

ltp_status ltp_run_get_peak_calcium(const ltp_run *run, int pathway, double *peak_uM,
                                    double *t_ms) {
  if (run == NULL || !run->executed || pathway < 1 || pathway > run->proto.n_pathways)
    return LTP_ERR_ARG;
  if (peak_uM)
    *peak_uM = run->results.peak_ca_uM[pathway - 1];
  if (t_ms)
    *t_ms = run->results.peak_ca_t_ms[pathway - 1];
  return LTP_OK;
}

size_t ltp_run_n_readouts(const ltp_run *run) {
  return run && run->executed ? run->results.readouts.n : 0;
}

ltp_status ltp_run_get_readout(const ltp_run *run, size_t i, double *t_ms, int *pathway,
                               double *slope_pct) {
  if (run == NULL || i >= ltp_run_n_readouts(run))
    return LTP_ERR_ARG;
  const ltp_readout *r = &run->results.readouts.rows[i];
  if (t_ms)
    *t_ms = r->t_ms;
  if (pathway)
    *pathway = r->pathway + 1;
  if (slope_pct)
    *slope_pct = r->slope_pct;
  return LTP_OK;
}

static void progress_cb(void *ctx, double fraction) {
  ltp_progress_update(ctx, fraction);
}

ltp_status ltp_run_execute(ltp_run *run) {
  if (run == NULL)
    return LTP_ERR_ARG;
  if (!run->loaded)
    return ltp_error_set(&run->err, LTP_ERR_ARG, "no experiment loaded before ltp_run_execute");
  ltp_status st = ltp_experiment_finalize(&run->params, &run->proto, &run->err);
  if (st != LTP_OK)
    return st;
  st = ltp_params_check(&run->params, &run->err);
  if (st != LTP_OK)
    return st;
  ltp_progress pb;
  ltp_progress_start(&pb, run->progress);
  ltp_sim_options opt = {
      .no_fast_forward = run->no_fast_forward, .progress = progress_cb, .progress_ctx = &pb};
  ltp_results_free(&run->results);
  st = ltp_simulate(&run->params, &run->proto, run->seed, &opt, &run->results, &run->err);
  ltp_progress_finish(&pb);
  run->executed = st == LTP_OK;
  return st;
}

ltp_status ltp_run_write(ltp_run *run, const char *out_dir) {
  if (run == NULL || out_dir == NULL)
    return LTP_ERR_ARG;
  if (!run->executed)
    return ltp_error_set(&run->err, LTP_ERR_ARG, "ltp_run_write before a successful run");
  return ltp_write_outputs(out_dir, &run->results, &run->proto, &run->params, run->seed,
                           (const char *const *)run->overrides, run->n_overrides, &run->err);
}

ltp_status ltp_run_print_summary(const ltp_run *run, const char *out_dir) {
  if (run == NULL || !run->executed)
    return LTP_ERR_ARG;
  const ltp_results *res = &run->results;
  printf("ltpsim %s: %s\n", LTPSIM_VERSION, run->proto.name);
  if (run->proto.description[0])
    printf("  %s\n", run->proto.description);
  printf("  simulated %.1f min in %.3f s wall (%llu fine steps, %llu slow steps, %llu events)\n",
         res->t_end_ms / 60000.0, res->wall_s, (unsigned long long)res->fine_steps,
         (unsigned long long)res->slow_steps, (unsigned long long)res->events);
  if (res->n_potentiation > 0) {
    int uncaging = 1; /* single-spine experiment: the response is the uEPSC */
    for (size_t i = 0; i < res->n_potentiation; ++i)
      uncaging = uncaging && res->potentiation[i].uncaging;
    printf("\n  %-8s %-8s %14s   %s\n", "pathway", "after", uncaging ? "uEPSC" : "EPSP slope",
           "carried by: receptors"
           " x unitary conductance x release");
    for (size_t i = 0; i < res->n_potentiation; ++i) {
      const ltp_potentiation *p = &res->potentiation[i];
      printf("  %-8d %5.0f min %11.1f %%   %9.1f %% x %9.1f %% x %7.1f %%\n", p->pathway + 1,
             p->after_min, p->potentiation_pct, p->receptors_pct, p->conductance_pct,
             p->release_pct);
    }
  }
  if (out_dir)
    printf("\n  output: %s/report.html (summary.json, readouts.csv, traces.csv, *.svg)\n", out_dir);
  return LTP_OK;
}
