/* The validation suite (ltpsim validate): cases that run experiments or evaluate mechanism
 * functions and compare the model with published data, each within a stated band; the
 * suite runner (selection, parallel runs, expected failures) and the report writers
 * (validation.json, validation.html). docs/validation.md describes every case. */
#ifndef LTP_VALIDATE_VALIDATE_H
#define LTP_VALIDATE_VALIDATE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "io/svg.h"
#include "ltpsim/ltpsim.h"
#include "mech/model_params.h"

#define LTP_VAL_MAX_VARY 3
#define LTP_VAL_MAX_SETS 3

/* One simulation of a case: an experiment file under validation/, optionally with the values
 * of some settings replaced (the setting on the line that carries the comment "# vary: NAME";
 * @include is followed), --set style overrides and seeds. */
typedef struct {
  const char *file;                      /* relative to the validation directory */
  const char *vary[LTP_VAL_MAX_VARY][2]; /* {NAME, value without quotes}; unused: NULL */
  const char *sets[LTP_VAL_MAX_SETS];    /* "mech.param=value unit"; unused entries NULL */
  unsigned n_seeds;                      /* 0 or 1: one run with the file's seed; n: seeds 1..n */
} ltp_val_run_spec;

/* One comparison with data: the model value must lie in [lo, hi]. */
typedef struct {
  const char *label; /* what is compared, e.g. "B(-70 mV), 1 mM Mg" */
  const char *panel; /* y quantity with its unit; checks with the same panel share one plot */
  double x;          /* position on the case's x axis */
  double lo, hi;     /* accepted band (published value +- tolerance); -HUGE_VAL/HUGE_VAL: open */
} ltp_val_check;

/* Everything an evaluation function sees: the executed runs of the case in spec order (seeds
 * expanded), and for mechanism-level cases the model's parameters: the defaults with the
 * suite's --set overrides, as every run has them. */
typedef struct {
  ltp_run *const *runs;
  size_t n_runs;
  const ltp_params *params;
} ltp_val_ctx;

typedef ltp_status (*ltp_val_eval_fn)(const ltp_val_ctx *ctx, double *values, ltp_error *err);

typedef struct {
  const char *name;      /* unique, [a-z0-9_] */
  const char *group;     /* --only also accepts the group (e.g. "pharmacology"); NULL: none */
  const char *source;    /* publication and SCIENCE.md section */
  const char *protocol;  /* one sentence */
  const char *metric;    /* what is measured */
  const char *target;    /* the published target */
  const char *tolerance; /* how the bands were set, and from what */
  const char *x_label;
  const ltp_val_run_spec *runs;
  size_t n_runs;
  const ltp_val_check *checks;
  size_t n_checks;
  ltp_val_eval_fn eval; /* fills values[n_checks] (NAN where a value cannot be measured) */
  /* NULL, or why the current model fails this case (measured value vs band). A case listed
   * here must fail: an unexpected pass counts as a failure, so the list stays honest. */
  const char *expected_failure;
} ltp_val_case;

const ltp_val_case *ltp_val_cases(size_t *n);

/* ---- Outcomes ---- */
typedef enum {
  LTP_VAL_PASS,  /* every check inside its band */
  LTP_VAL_FAIL,  /* a check outside its band: a regression */
  LTP_VAL_XFAIL, /* expected failure that fails, as documented */
  LTP_VAL_XPASS, /* expected failure that passes: remove its expected_failure (counts as failure) */
  LTP_VAL_ERROR  /* a run or evaluation could not complete */
} ltp_val_outcome;

const char *ltp_val_outcome_name(ltp_val_outcome o);

typedef struct {
  const ltp_val_case *c;
  double *values; /* n_checks model values */
  int *pass;      /* n_checks: value inside its band */
  ltp_val_outcome outcome;
  char error[1024]; /* when outcome is LTP_VAL_ERROR */
  double wall_s;    /* simulation time summed over the case's runs */
  int overridden;   /* run with --set overrides: expected failures of the default set void */
} ltp_val_result;

typedef struct {
  ltp_val_result *results;
  size_t n;
  int jobs;
  double wall_s;                /* whole suite */
  const char *const *overrides; /* NULL-terminated --set overrides of every run, or NULL */
} ltp_val_report;

/* Select by --only (NULL: all). An unknown name is LTP_ERR_UNKNOWN_KEY with the valid names. */
ltp_status ltp_val_select(const char *only, const ltp_val_case **selected, size_t *n,
                          ltp_error *err);
/* Load every run of the selected cases (all files are read and checked before any simulation),
 * run them on `jobs` threads, evaluate and classify. dir is the validation directory. A bad
 * experiment file is an error of the whole suite (nothing is run); a failed simulation is an
 * LTP_VAL_ERROR outcome of its case. overrides (NULL-terminated "mech.param=value" list, or
 * NULL; kept by reference in out) apply to every simulation after the case's own settings;
 * with overrides the expected failures, which describe the default set, do not apply: every
 * case is a pass or a fail. */
ltp_status ltp_val_run_suite(const ltp_val_case *const *cases, size_t n, const char *dir, int jobs,
                             const char *const *overrides, ltp_val_report *out, ltp_error *err);
void ltp_val_report_free(ltp_val_report *r);
/* Classify one case from its values (sets pass[] and outcome; r->overridden: pass/fail only). */
void ltp_val_classify(ltp_val_result *r);
/* 0 when every case passed or failed as expected, else 1. */
int ltp_val_exit_code(const ltp_val_report *r);

/* ---- Writers ---- */
json_t *ltp_val_json(const ltp_val_report *r, ltp_error *err);
/* The model-versus-data figure of one case as an <svg> element. */
ltp_status ltp_val_figure(const ltp_val_result *r, const char *id, ltp_svg_buf *out);
ltp_status ltp_val_html(const ltp_val_report *r, ltp_svg_buf *out);
/* validation.json and validation.html, written atomically into out_dir. */
ltp_status ltp_val_write(const ltp_val_report *r, const char *out_dir, ltp_error *err);

#endif
