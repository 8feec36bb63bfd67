/* A sweep's plan: the grid of points (the product of the --vary axes, the last axis varying
 * fastest) and how to build every run's parameters, protocol and seed. ltp_sweep_plan_build
 * builds and checks every point before anything runs, so bad input fails first; it keeps only
 * what the points need to be rebuilt (the file's text, a seed per combination of placeholder
 * values), not the points themselves: a worker builds each run again, the same way, in a
 * workspace of its own, so memory does not grow with the grid (W2 with 10^6 rates would
 * otherwise hold 10^6 protocols of 900 events). */
#ifndef LTP_SWEEP_PLAN_H
#define LTP_SWEEP_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "io/svg.h"
#include "mech/model_params.h"
#include "protocol/protocol.h"
#include "sweep/axis.h"
#include "sweep/metrics.h"

#define LTP_SWEEP_MAX_AXES 4

typedef struct {
  const char *file;           /* experiment file; NULL: the embedded default experiment */
  const ltp_sweep_axis *axes; /* n_axes parsed --vary arguments */
  size_t n_axes;
  const char *const *sets; /* --set "mech.param=value unit", applied after the file */
  size_t n_sets;
  unsigned repeats; /* runs per point (>= 1) */
  int seed_given;   /* repeat r runs with seed + r; without --seed, the file's seed + r */
  uint64_t seed;
} ltp_sweep_spec;

typedef struct {
  const ltp_sweep_spec *spec; /* kept by reference */
  size_t n_points, n_runs;    /* n_runs = n_points x repeats */
  unsigned repeats;
  int is_param[LTP_SWEEP_MAX_AXES]; /* axis k sets a model parameter (else a placeholder) */
  size_t n_combos;                  /* combinations of placeholder values */
  uint64_t *combo_seed;             /* n_combos: the file's seed with those values */
  ltp_svg_buf base;                 /* the file's text, when placeholders are varied */
  ltp_sweep_layout layout;          /* the metrics of a run */
  char experiment[64];              /* the experiment's name */
  size_t bytes;                     /* memory held by the plan */
  size_t workspace_bytes;           /* the largest workspace seen while checking */
  size_t engine_bytes;              /* point model: the engine's working state of one run (0:
                                       the cascade, whose state is not counted) */
} ltp_sweep_plan;

/* Build and check every point. Errors name the --vary or --set argument or FILE:LINE and say
 * what was expected: unknown key, wrong unit, value out of range, a grid of more than
 * LTP_SWEEP_MAX_RUNS runs, a missing file. */
ltp_status ltp_sweep_plan_build(const ltp_sweep_spec *spec, ltp_sweep_plan *plan, ltp_error *err);
void ltp_sweep_plan_free(ltp_sweep_plan *plan);

/* Index along axis k of point p. */
size_t ltp_sweep_point_index(const ltp_sweep_spec *spec, size_t p, size_t k);
/* Seed of run j (point j / repeats, repeat j % repeats). */
uint64_t ltp_sweep_run_seed(const ltp_sweep_plan *plan, size_t j);

/* One thread's workspace: the protocol of its last combination of placeholder values (reused
 * while the next runs have the same values) and the parameters of its present run. */
typedef struct {
  int loaded;
  size_t combo, point;
  ltp_params file_params; /* the file's, with the combination's placeholder values */
  ltp_params params;      /* the point's: then --set, then the varied parameters */
  ltp_protocol proto;     /* finalized against params */
  size_t loads;           /* experiments parsed (a test counts them) */
} ltp_sweep_workspace;

void ltp_sweep_workspace_init(ltp_sweep_workspace *w);
void ltp_sweep_workspace_free(ltp_sweep_workspace *w);

/* One run: what the engine needs, pointing into a workspace. */
typedef struct {
  const ltp_params *params;
  const ltp_protocol *proto;
  uint64_t seed;
} ltp_sweep_job;

/* Run j's job, built in w as the plan checked it (valid until w is used again). Reads only
 * the plan, so several threads may call it at once with workspaces of their own. */
ltp_status ltp_sweep_plan_job(const ltp_sweep_plan *plan, size_t j, ltp_sweep_workspace *w,
                              ltp_sweep_job *job, ltp_error *err);

#endif
