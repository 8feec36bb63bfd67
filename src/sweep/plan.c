/* Building a sweep's plan: the axes are resolved (parameter key or placeholder) and their
 * values checked, then every point is built once in a workspace and checked: its parameters
 * (the file's, --set, the varied parameters), its protocol (loaded once per combination of
 * placeholder values and reused while the combination stays; finalized again per point when
 * the experiment applies drugs or bath changes, whose wash-out values depend on the
 * parameters) and the readouts it reports. Workers rebuild the runs with the same code. */
#include "sweep/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell/cell_model.h"
#include "core/units.h"
#include "engine/point.h"
#include "io/experiment.h"
#include "io/vary.h"
#include "mech/registry.h"

size_t ltp_sweep_point_index(const ltp_sweep_spec *spec, size_t p, size_t k) {
  for (size_t j = spec->n_axes; j-- > k + 1;)
    p /= spec->axes[j].n;
  return p % spec->axes[k].n;
}

/* ---------------------------------------------------------------- sizes and axes */

static ltp_status count_runs(const ltp_sweep_spec *spec, ltp_sweep_plan *plan, ltp_error *err) {
  size_t points = 1;
  int absurd = 0;
  for (size_t k = 0; k < spec->n_axes; ++k) {
    if (spec->axes[k].n > LTP_SWEEP_MAX_RUNS / points)
      absurd = 1;
    else
      points *= spec->axes[k].n;
  }
  if (absurd || points > LTP_SWEEP_MAX_RUNS / spec->repeats)
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "--vary/--repeats: the sweep has more than %u runs (points x repeats); "
                         "use fewer values or repeats, or split the sweep",
                         LTP_SWEEP_MAX_RUNS);
  plan->n_points = points;
  plan->repeats = spec->repeats;
  plan->n_runs = points * spec->repeats;
  return LTP_OK;
}

/* A parameter axis: every value is parsed and range-checked against the parameter's table. */
static ltp_status check_param_axis(const ltp_sweep_axis *a, ltp_error *err) {
  char why[600], text[160];
  const ltp_param_def *d = ltp_param_lookup(a->key, NULL);
  if (d == NULL) {
    ltp_experiment_explain_unknown_param(a->key, why, sizeof why);
    return ltp_error_set(err, LTP_ERR_UNKNOWN_KEY, "--vary %s=%s: %s (see ltpsim params)", a->key,
                         a->spec, why);
  }
  for (size_t i = 0; i < a->n; ++i) {
    double v = 0;
    ltp_sweep_axis_text(a, i, text, sizeof text);
    ltp_status st = ltp_param_parse_value(d, text, &v, why, sizeof why);
    if (st == LTP_OK)
      st = ltp_param_check_value(d, v, why, sizeof why);
    if (st != LTP_OK)
      return ltp_error_set(err, st, "--vary %s=%s: value \"%s\": %s", a->key, a->spec, text, why);
  }
  return LTP_OK;
}

static ltp_status resolve_axes(ltp_sweep_plan *plan, ltp_error *err) {
  const ltp_sweep_spec *spec = plan->spec;
  for (size_t k = 0; k < spec->n_axes; ++k) {
    const ltp_sweep_axis *a = &spec->axes[k];
    for (size_t j = 0; j < k; ++j)
      if (strcmp(spec->axes[j].key, a->key) == 0)
        return ltp_error_set(err, LTP_ERR_ARG, "--vary %s: the key is varied twice", a->key);
    plan->is_param[k] = strchr(a->key, '.') != NULL;
    if (plan->is_param[k]) {
      ltp_status st = check_param_axis(a, err);
      if (st != LTP_OK)
        return st;
      continue;
    }
    if (spec->file == NULL)
      return ltp_error_set(err, LTP_ERR_UNKNOWN_KEY,
                           "--vary %s=%s: \"%s\" is not a parameter key (mech.param; see ltpsim "
                           "params), and the default experiment has no placeholders: give an "
                           "experiment file with a line marked '# vary: %s'",
                           a->key, a->spec, a->key, a->key);
    if (plan->base.data == NULL) {
      ltp_status st = ltp_vary_read(spec->file, &plan->base, err);
      if (st != LTP_OK)
        return st;
    }
    if (!ltp_vary_has(plan->base.data, a->key))
      return ltp_error_set(err, LTP_ERR_UNKNOWN_KEY,
                           "--vary %s=%s: \"%s\" is neither a parameter key (mech.param; see "
                           "ltpsim params) nor a placeholder of %s (expected exactly one line "
                           "marked '# vary: %s')",
                           a->key, a->spec, a->key, spec->file, a->key);
  }
  return LTP_OK;
}

/* ---------------------------------------------------------------- building a point */

/* Index of point p's combination of placeholder values (mixed radix, last axis fastest). */
static size_t combo_of(const ltp_sweep_plan *plan, size_t p) {
  size_t c = 0;
  for (size_t k = 0; k < plan->spec->n_axes; ++k)
    if (!plan->is_param[k])
      c = c * plan->spec->axes[k].n + ltp_sweep_point_index(plan->spec, p, k);
  return c;
}

uint64_t ltp_sweep_run_seed(const ltp_sweep_plan *plan, size_t j) {
  const size_t p = j / plan->repeats;
  const uint64_t first =
      plan->spec->seed_given ? plan->spec->seed : plan->combo_seed[combo_of(plan, p)];
  return first + j % plan->repeats;
}

void ltp_sweep_workspace_init(ltp_sweep_workspace *w) {
  memset(w, 0, sizeof *w);
  ltp_protocol_init(&w->proto);
}

void ltp_sweep_workspace_free(ltp_sweep_workspace *w) {
  ltp_protocol_free(&w->proto);
  memset(w, 0, sizeof *w);
}

/* Load the experiment with point p's placeholder values into w (file_params, proto). */
static ltp_status load_point(const ltp_sweep_plan *plan, size_t p, ltp_sweep_workspace *w,
                             uint64_t *seed, ltp_error *err) {
  const ltp_sweep_spec *spec = plan->spec;
  w->loaded = 0;
  w->loads++;
  if (plan->base.data == NULL)
    return spec->file ? ltp_experiment_load_file(spec->file, &w->file_params, &w->proto, seed, err)
                      : ltp_experiment_load_default(&w->file_params, &w->proto, seed, err);
  const char *names[LTP_SWEEP_MAX_AXES], *values[LTP_SWEEP_MAX_AXES];
  char buf[LTP_SWEEP_MAX_AXES][160];
  size_t n = 0;
  for (size_t k = 0; k < spec->n_axes; ++k)
    if (!plan->is_param[k]) {
      names[n] = spec->axes[k].key;
      values[n] = ltp_sweep_axis_text(&spec->axes[k], ltp_sweep_point_index(spec, p, k), buf[n],
                                      sizeof buf[n]);
      ++n;
    }
  ltp_svg_buf text, label;
  ltp_svg_buf_init(&text);
  ltp_svg_buf_init(&label);
  ltp_status st =
      ltp_vary_substitute(plan->base.data, spec->file, names, values, n, &text, &label, err);
  if (st == LTP_OK)
    st = ltp_experiment_load_string(text.data, label.data, &w->file_params, &w->proto, seed, err);
  ltp_svg_buf_free(&text);
  ltp_svg_buf_free(&label);
  return st;
}

/* Point p's parameters: its combination's, then --set, then the varied parameters. */
static ltp_status point_params(const ltp_sweep_plan *plan, size_t p, ltp_sweep_workspace *w,
                               ltp_error *err) {
  const ltp_sweep_spec *spec = plan->spec;
  w->params = w->file_params;
  ltp_status st = LTP_OK;
  for (size_t s = 0; st == LTP_OK && s < spec->n_sets; ++s)
    st = ltp_experiment_apply_set(spec->sets[s], &w->params, err);
  for (size_t k = 0; st == LTP_OK && k < spec->n_axes; ++k) {
    if (!plan->is_param[k])
      continue;
    char text[160], why[600];
    const ltp_sweep_axis *a = &spec->axes[k];
    const ltp_param_def *d = ltp_param_lookup(a->key, NULL);
    ltp_sweep_axis_text(a, ltp_sweep_point_index(spec, p, k), text, sizeof text);
    st = ltp_param_parse_value(d, text, ltp_param_ptr(&w->params, d), why, sizeof why);
    if (st != LTP_OK)
      ltp_error_set(err, st, "--vary %s=%s: value \"%s\": %s", a->key, a->spec, text, why);
  }
  return st == LTP_OK ? ltp_params_check(&w->params, err) : st;
}

/* Point p in w: its protocol (loaded unless w holds its combination; with a seed from the file
 * into *seed when loaded), its parameters, the protocol finalized against them. */
static ltp_status build_point(const ltp_sweep_plan *plan, size_t p, ltp_sweep_workspace *w,
                              uint64_t *seed, ltp_error *err) {
  const size_t combo = combo_of(plan, p);
  ltp_status st = LTP_OK;
  const int reuse = w->loaded && w->combo == combo;
  if (!reuse)
    st = load_point(plan, p, w, seed, err);
  if (st == LTP_OK)
    st = point_params(plan, p, w, err);
  /* loading finalized the protocol against the file's parameters: again against the point's
   * where applications depend on them */
  if (st == LTP_OK && w->proto.n_applications > 0 && !(reuse && w->point == p))
    st = ltp_experiment_finalize(&w->params, &w->proto, err);
  w->loaded = st == LTP_OK;
  w->combo = combo;
  w->point = p;
  return st;
}

ltp_status ltp_sweep_plan_job(const ltp_sweep_plan *plan, size_t j, ltp_sweep_workspace *w,
                              ltp_sweep_job *job, ltp_error *err) {
  uint64_t file_seed = 0;
  const ltp_status st = build_point(plan, j / plan->repeats, w, &file_seed, err);
  *job = (ltp_sweep_job){&w->params, &w->proto, ltp_sweep_run_seed(plan, j)};
  return st;
}

/* ---------------------------------------------------------------- the plan */

static size_t proto_bytes(const ltp_protocol *p) {
  return sizeof *p + p->cap_events * sizeof *p->events + p->cap_changes * sizeof *p->changes +
         p->cap_applications * sizeof *p->applications + p->cap_clamps * sizeof *p->clamps +
         p->cap_steps * sizeof *p->steps + p->cap_marks * sizeof *p->marks;
}

/* Build every point once: seeds of the combinations, readout layout, errors. With placeholders,
 * the file as it is first, so that an error in it names its own line (the substituted text has
 * its @includes expanded). */
static ltp_status check_points(ltp_sweep_plan *plan, ltp_error *err) {
  ltp_sweep_workspace w;
  ltp_sweep_workspace_init(&w);
  uint64_t seed = 0;
  ltp_status st =
      plan->base.data == NULL
          ? LTP_OK
          : ltp_experiment_load_file(plan->spec->file, &w.file_params, &w.proto, &seed, err);
  for (size_t p = 0; st == LTP_OK && p < plan->n_points; ++p) {
    const size_t combo = combo_of(plan, p);
    st = build_point(plan, p, &w, &plan->combo_seed[combo], err);
    if (st != LTP_OK)
      break;
    if (p == 0)
      snprintf(plan->experiment, sizeof plan->experiment, "%s", w.proto.name);
    const size_t bytes = sizeof w + proto_bytes(&w.proto) - sizeof w.proto;
    plan->workspace_bytes = bytes > plan->workspace_bytes ? bytes : plan->workspace_bytes;
    if (ltp_cell_is_point(&w.params)) { /* the point engine's working state of one run */
      const size_t eng = ltp_point_state_bytes(&w.params, w.proto.n_pathways);
      plan->engine_bytes = eng > plan->engine_bytes ? eng : plan->engine_bytes;
    }
    if (!ltp_sweep_layout_add(&plan->layout, &w.proto))
      st = ltp_error_set(err, LTP_ERR_RANGE,
                         "--vary: the points of the grid have more than %d different readout "
                         "times between them (point %zu adds one); give the experiment "
                         "explicit readouts = { after = [...]; }",
                         LTP_MAX_READOUT_TIMES, p + 1);
  }
  ltp_sweep_workspace_free(&w);
  return st;
}

ltp_status ltp_sweep_plan_build(const ltp_sweep_spec *spec, ltp_sweep_plan *plan, ltp_error *err) {
  memset(plan, 0, sizeof *plan);
  plan->spec = spec;
  ltp_svg_buf_init(&plan->base);
  if (spec->n_axes > LTP_SWEEP_MAX_AXES)
    return ltp_error_set(err, LTP_ERR_ARG, "--vary: at most %d keys may be varied together",
                         LTP_SWEEP_MAX_AXES);
  if (spec->repeats < 1)
    return ltp_error_set(err, LTP_ERR_RANGE, "--repeats: expected at least 1");
  ltp_status st = count_runs(spec, plan, err);
  if (st == LTP_OK)
    st = resolve_axes(plan, err);
  plan->n_combos = 1;
  for (size_t k = 0; st == LTP_OK && k < spec->n_axes; ++k)
    plan->n_combos *= plan->is_param[k] ? 1 : spec->axes[k].n;
  if (st == LTP_OK && (plan->combo_seed = calloc(plan->n_combos, sizeof *plan->combo_seed)) == NULL)
    st = ltp_error_set(err, LTP_ERR_NOMEM, "sweep: out of memory for %zu combinations",
                       plan->n_combos);
  if (st == LTP_OK)
    st = check_points(plan, err);
  plan->bytes = sizeof *plan + plan->n_combos * sizeof *plan->combo_seed + plan->base.cap;
  if (st != LTP_OK)
    ltp_sweep_plan_free(plan);
  return st;
}

void ltp_sweep_plan_free(ltp_sweep_plan *plan) {
  free(plan->combo_seed);
  ltp_svg_buf_free(&plan->base);
  memset(plan, 0, sizeof *plan);
}
