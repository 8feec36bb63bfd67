/* The validation suite runner: case selection (--only), loading every run of the selected
 * cases up front, running them on a pool of threads (--jobs), evaluating and classifying the
 * cases (pass, fail, expected failure, unexpected pass, error) and the exit code.
 *
 * Threads rather than forked workers: after the trace column names moved into the results
 * (src/engine/recorder.h), a run shares no mutable memory with another (CVODE contexts, RNG
 * streams and buffers are per run; parameter and drug tables are const), so threads need no
 * serialisation of results. Experiment files are parsed in the main thread before any run
 * starts, so a bad file stops the suite before anything is simulated or written. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/pool.h"
#include "io/experiment.h"
#include "io/run.h"
#include "io/vary.h"
#include "mech/registry.h"
#include "validate/validate.h"

const char *ltp_val_outcome_name(ltp_val_outcome o) {
  static const char *const names[] = {"pass", "FAIL", "expected failure", "UNEXPECTED PASS",
                                      "ERROR"};
  return (size_t)o < sizeof names / sizeof names[0] ? names[o] : "?";
}

/* ---------------------------------------------------------------- selection */

static int matches(const ltp_val_case *c, const char *only) {
  return strcmp(c->name, only) == 0 || (c->group != NULL && strcmp(c->group, only) == 0);
}

ltp_status ltp_val_select(const char *only, const ltp_val_case **selected, size_t *n,
                          ltp_error *err) {
  size_t n_all = 0;
  const ltp_val_case *all = ltp_val_cases(&n_all);
  *n = 0;
  for (size_t i = 0; i < n_all; ++i)
    if (only == NULL || matches(&all[i], only))
      selected[(*n)++] = &all[i];
  if (*n > 0)
    return LTP_OK;
  char names[2048] = "";
  size_t len = 0;
  for (size_t i = 0; i < n_all && len < sizeof names; ++i) {
    const int k = snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "", all[i].name);
    len += k > 0 ? (size_t)k : 0;
    if (all[i].group != NULL &&
        (i == 0 || all[i - 1].group == NULL || strcmp(all[i - 1].group, all[i].group) != 0) &&
        len < sizeof names) {
      const int g = snprintf(names + len, sizeof names - len, " (group %s)", all[i].group);
      len += g > 0 ? (size_t)g : 0;
    }
  }
  return ltp_error_set(err, LTP_ERR_UNKNOWN_KEY, "--only: unknown case '%s'; expected one of: %s",
                       only, names);
}

/* ---------------------------------------------------------------- loading */

/* Load one run: the file as it is (so that errors in it carry their exact line), then, when
 * values are varied, the varied text. */
static ltp_status load_run(ltp_run *run, const char *dir, const ltp_val_run_spec *spec,
                           unsigned seed, const char *const *overrides, ltp_error *err) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, spec->file);
  ltp_status st = ltp_run_load_file(run, path);
  if (st != LTP_OK)
    return ltp_error_set(err, st, "%s", ltp_run_error(run));
  if (spec->vary[0][0] != NULL) {
    const char *names[LTP_VAL_MAX_VARY], *values[LTP_VAL_MAX_VARY];
    size_t n = 0;
    for (; n < LTP_VAL_MAX_VARY && spec->vary[n][0] != NULL; ++n) {
      names[n] = spec->vary[n][0];
      values[n] = spec->vary[n][1];
    }
    ltp_svg_buf base, text, name;
    ltp_svg_buf_init(&base);
    ltp_svg_buf_init(&text);
    ltp_svg_buf_init(&name);
    st = ltp_vary_read(path, &base, err);
    if (st == LTP_OK)
      st = ltp_vary_substitute(base.data, path, names, values, n, &text, &name, err);
    if (st == LTP_OK && (st = ltp_run_load_string(run, text.data, name.data)) != LTP_OK)
      ltp_error_set(err, st, "%s", ltp_run_error(run));
    ltp_svg_buf_free(&base);
    ltp_svg_buf_free(&text);
    ltp_svg_buf_free(&name);
  }
  for (int s = 0; st == LTP_OK && s < LTP_VAL_MAX_SETS && spec->sets[s] != NULL; ++s)
    if ((st = ltp_run_set(run, spec->sets[s])) != LTP_OK)
      ltp_error_set(err, st, "%s (--set %s): %s", path, spec->sets[s], ltp_run_error(run));
  for (size_t o = 0; st == LTP_OK && overrides && overrides[o]; ++o)
    if ((st = ltp_run_set(run, overrides[o])) != LTP_OK)
      ltp_error_set(err, st, "%s", ltp_run_error(run)); /* names the --set and the key */
  if (st == LTP_OK && seed > 0)
    ltp_run_set_seed(run, seed);
  return st;
}

static int same_text(const char *a, const char *b) {
  return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Two specs describe the same simulation (then it runs once and every case shares it). */
static int same_run(const ltp_val_run_spec *a, unsigned seed_a, const ltp_val_run_spec *b,
                    unsigned seed_b) {
  if (!same_text(a->file, b->file) || seed_a != seed_b)
    return 0;
  for (int v = 0; v < LTP_VAL_MAX_VARY; ++v)
    if (!same_text(a->vary[v][0], b->vary[v][0]) || !same_text(a->vary[v][1], b->vary[v][1]))
      return 0;
  for (int k = 0; k < LTP_VAL_MAX_SETS; ++k)
    if (!same_text(a->sets[k], b->sets[k]))
      return 0;
  return 1;
}

static size_t runs_of(const ltp_val_case *c) {
  size_t n = 0;
  for (size_t i = 0; i < c->n_runs; ++i)
    n += c->runs[i].n_seeds > 1 ? c->runs[i].n_seeds : 1;
  return n;
}

/* ---------------------------------------------------------------- the thread pool */

typedef struct {
  ltp_run **runs;
  ltp_status *status;
} pool_jobs;

static void execute_one(void *ctx, size_t i, int thread) {
  pool_jobs *p = ctx;
  (void)thread;
  p->status[i] = ltp_run_execute(p->runs[i]);
}

/* ---------------------------------------------------------------- classification */

void ltp_val_classify(ltp_val_result *r) {
  if (r->outcome == LTP_VAL_ERROR)
    return;
  int all = 1;
  for (size_t k = 0; k < r->c->n_checks; ++k) {
    const double v = r->values[k];
    r->pass[k] = isfinite(v) && v >= r->c->checks[k].lo && v <= r->c->checks[k].hi;
    all = all && r->pass[k];
  }
  if (r->c->expected_failure == NULL || r->overridden)
    r->outcome = all ? LTP_VAL_PASS : LTP_VAL_FAIL;
  else
    r->outcome = all ? LTP_VAL_XPASS : LTP_VAL_XFAIL;
}

int ltp_val_exit_code(const ltp_val_report *r) {
  for (size_t i = 0; i < r->n; ++i)
    if (r->results[i].outcome != LTP_VAL_PASS && r->results[i].outcome != LTP_VAL_XFAIL)
      return 1;
  return 0;
}

void ltp_val_report_free(ltp_val_report *r) {
  for (size_t i = 0; r->results != NULL && i < r->n; ++i) {
    free(r->results[i].values);
    free(r->results[i].pass);
  }
  free(r->results);
  memset(r, 0, sizeof *r);
}

static ltp_status alloc_results(ltp_val_report *out, const ltp_val_case *const *cases, size_t n,
                                ltp_error *err) {
  out->results = calloc(n ? n : 1, sizeof *out->results);
  if (out->results == NULL)
    return ltp_error_set(err, LTP_ERR_NOMEM, "out of memory");
  out->n = n;
  for (size_t i = 0; i < n; ++i) {
    ltp_val_result *r = &out->results[i];
    r->c = cases[i];
    r->overridden = out->overrides != NULL;
    r->values = calloc(cases[i]->n_checks + 1, sizeof *r->values);
    r->pass = calloc(cases[i]->n_checks + 1, sizeof *r->pass);
    if (r->values == NULL || r->pass == NULL)
      return ltp_error_set(err, LTP_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < cases[i]->n_checks; ++k)
      r->values[k] = NAN;
  }
  return LTP_OK;
}

/* Evaluate case i from its runs (first[i] .. first[i] + count) and the suite's parameters. */
static void evaluate(ltp_val_result *r, ltp_run **runs, const ltp_status *status, size_t count,
                     const ltp_params *params) {
  for (size_t j = 0; j < count; ++j) {
    const ltp_results *res = ltp_run_results(runs[j]);
    if (status[j] != LTP_OK || res == NULL) {
      r->outcome = LTP_VAL_ERROR;
      snprintf(r->error, sizeof r->error, "run %zu (%s): %s", j + 1, ltp_status_name(status[j]),
               ltp_run_error(runs[j]));
      return;
    }
    r->wall_s += res->wall_s;
  }
  ltp_val_ctx ctx = {runs, count, params};
  ltp_error err = {0};
  if (r->c->eval(&ctx, r->values, &err) != LTP_OK) {
    r->outcome = LTP_VAL_ERROR;
    snprintf(r->error, sizeof r->error, "%s", err.msg);
    return;
  }
  ltp_val_classify(r);
}

ltp_status ltp_val_run_suite(const ltp_val_case *const *cases, size_t n, const char *dir, int jobs,
                             const char *const *overrides, ltp_val_report *out, ltp_error *err) {
  memset(out, 0, sizeof *out);
  out->jobs = jobs < 1 ? 1 : jobs;
  out->overrides = overrides && overrides[0] ? overrides : NULL;
  const double t0 = ltp_monotonic_s();
  size_t total = 0;
  for (size_t i = 0; i < n; ++i)
    total += runs_of(cases[i]);
  /* slot j (cases in order, runs in spec order, seeds expanded) -> unique simulation */
  ltp_run **uniq = calloc(total + 1, sizeof *uniq), **slots = calloc(total + 1, sizeof *slots);
  const ltp_val_run_spec **spec_of = calloc(total + 1, sizeof *spec_of);
  unsigned *seed_of = calloc(total + 1, sizeof *seed_of);
  ltp_status *status = calloc(total + 1, sizeof *status),
             *slot_status = calloc(total + 1, sizeof *status);
  ltp_status st = uniq && slots && spec_of && seed_of && status && slot_status
                      ? alloc_results(out, cases, n, err)
                      : ltp_error_set(err, LTP_ERR_NOMEM, "out of memory");
  size_t n_uniq = 0;
  size_t *index = calloc(total + 1, sizeof *index);
  if (st == LTP_OK && index == NULL)
    st = ltp_error_set(err, LTP_ERR_NOMEM, "out of memory");
  /* the mechanism-level cases' parameters: the defaults with the runs' overrides */
  ltp_params params;
  ltp_params_defaults(&params);
  for (size_t o = 0; st == LTP_OK && out->overrides && out->overrides[o]; ++o)
    st = ltp_experiment_apply_set(out->overrides[o], &params, err);
  /* load everything first: a bad file stops the suite before any simulation */
  size_t j = 0;
  for (size_t i = 0; st == LTP_OK && i < n; ++i)
    for (size_t s = 0; st == LTP_OK && s < cases[i]->n_runs; ++s) {
      const ltp_val_run_spec *spec = &cases[i]->runs[s];
      const unsigned seeds = spec->n_seeds > 1 ? spec->n_seeds : 1;
      for (unsigned k = 0; st == LTP_OK && k < seeds; ++k, ++j) {
        const unsigned seed = spec->n_seeds > 1 ? k + 1 : 0;
        size_t u = 0;
        while (u < n_uniq && !same_run(spec_of[u], seed_of[u], spec, seed))
          ++u;
        index[j] = u;
        if (u < n_uniq)
          continue;
        spec_of[u] = spec;
        seed_of[u] = seed;
        ++n_uniq;
        st = ltp_run_create(&uniq[u]);
        if (st == LTP_OK)
          st = load_run(uniq[u], dir, spec, seed, out->overrides, err);
        else
          ltp_error_set(err, st, "out of memory");
      }
    }
  if (st == LTP_OK) {
    pool_jobs todo = {uniq, status};
    const ltp_pool_work work = {execute_one, NULL, &todo};
    ltp_pool_run(&work, n_uniq, out->jobs);
  }
  for (size_t k = 0; st == LTP_OK && k < total; ++k) {
    slots[k] = uniq[index[k]];
    slot_status[k] = status[index[k]];
  }
  for (size_t i = 0, first = 0; st == LTP_OK && i < n; first += runs_of(cases[i]), ++i)
    evaluate(&out->results[i], slots + first, slot_status + first, runs_of(cases[i]), &params);
  for (size_t k = 0; uniq != NULL && k < n_uniq; ++k)
    ltp_run_free(uniq[k]);
  free(uniq);
  free(slots);
  free(spec_of);
  free(seed_of);
  free(status);
  free(slot_status);
  free(index);
  out->wall_s = ltp_monotonic_s() - t0;
  if (st != LTP_OK)
    ltp_val_report_free(out);
  return st;
}
