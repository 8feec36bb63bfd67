/* A sweep's plan: the grid of points (the product of the --vary axes, the last axis varying
 * fastest), and for every run its parameters, protocol and seed, all built and checked before
 * anything runs, so that bad input fails before a simulation starts. */
#ifndef LTP_SWEEP_PLAN_H
#define LTP_SWEEP_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "sweep/axis.h"
#include "sweep/execute.h"
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
  size_t n_points, n_runs; /* n_runs = n_points x repeats */
  unsigned repeats;
  int is_param[LTP_SWEEP_MAX_AXES]; /* axis k sets a model parameter (else a placeholder) */
  ltp_params *params;               /* one per point */
  ltp_protocol **protos;            /* shared by the points of a placeholder combination, or
                                       one per point where drug changes depend on parameters */
  size_t n_protos;
  ltp_sweep_job *jobs; /* run of point p, repeat r: jobs[p * repeats + r] */
  ltp_sweep_layout layout;
  char experiment[64]; /* the experiment's name */
  uint64_t seed0;      /* seed of repeat 0 (of the first point) */
  size_t bytes;        /* memory held by the plan */
} ltp_sweep_plan;

/* Build the plan. Errors name the --vary or --set argument or the FILE:LINE, and say what was
 * expected: unknown key, wrong unit, value out of range, a grid of more than
 * LTP_SWEEP_MAX_RUNS runs, a missing file. */
ltp_status ltp_sweep_plan_build(const ltp_sweep_spec *spec, ltp_sweep_plan *plan, ltp_error *err);
void ltp_sweep_plan_free(ltp_sweep_plan *plan);

/* Index along axis k of point p. */
size_t ltp_sweep_point_index(const ltp_sweep_spec *spec, size_t p, size_t k);

#endif
