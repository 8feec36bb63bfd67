/* Building a sweep's plan: the axes are resolved (parameter key or placeholder) and their
 * values checked, then every point gets its parameters (file, --set, varied parameters) and a
 * protocol. Protocols are loaded once per combination of placeholder values and shared by its
 * points, unless the experiment applies drugs or bath changes: their wash-out values depend
 * on the parameters, so each point then gets its own protocol. */
#include "sweep/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/units.h"
#include "io/experiment.h"
#include "io/vary.h"
#include "mech/registry.h"

typedef struct {
  int loaded, used;
  ltp_params params; /* the file's parameters with this combination's placeholders */
  size_t proto;      /* index into plan->protos */
  uint64_t seed;     /* the file's seed */
} combo;

typedef struct {
  const ltp_sweep_spec *spec;
  ltp_sweep_plan *plan;
  ltp_svg_buf base; /* the file's text (placeholders are substituted into copies) */
  combo *combos;
  size_t n_combos, cap_protos;
  ltp_error *err;
} builder;

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

static ltp_status resolve_axes(builder *b) {
  const ltp_sweep_spec *spec = b->spec;
  for (size_t k = 0; k < spec->n_axes; ++k) {
    const ltp_sweep_axis *a = &spec->axes[k];
    for (size_t j = 0; j < k; ++j)
      if (strcmp(spec->axes[j].key, a->key) == 0)
        return ltp_error_set(b->err, LTP_ERR_ARG, "--vary %s: the key is varied twice", a->key);
    b->plan->is_param[k] = strchr(a->key, '.') != NULL;
    if (b->plan->is_param[k]) {
      ltp_status st = check_param_axis(a, b->err);
      if (st != LTP_OK)
        return st;
      continue;
    }
    if (spec->file == NULL)
      return ltp_error_set(b->err, LTP_ERR_UNKNOWN_KEY,
                           "--vary %s=%s: \"%s\" is not a parameter key (mech.param; see ltpsim "
                           "params), and the default experiment has no placeholders: give an "
                           "experiment file with a line marked '# vary: %s'",
                           a->key, a->spec, a->key, a->key);
    if (b->base.data == NULL) {
      ltp_status st = ltp_vary_read(spec->file, &b->base, b->err);
      if (st != LTP_OK)
        return st;
    }
    if (!ltp_vary_has(b->base.data, a->key))
      return ltp_error_set(b->err, LTP_ERR_UNKNOWN_KEY,
                           "--vary %s=%s: \"%s\" is neither a parameter key (mech.param; see "
                           "ltpsim params) nor a placeholder of %s (expected exactly one line "
                           "marked '# vary: %s')",
                           a->key, a->spec, a->key, spec->file, a->key);
  }
  return LTP_OK;
}

/* ---------------------------------------------------------------- loading */

/* Index of point p's combination of placeholder values (mixed radix, last axis fastest). */
static size_t combo_of(const builder *b, size_t p) {
  size_t c = 0;
  for (size_t k = 0; k < b->spec->n_axes; ++k)
    if (!b->plan->is_param[k])
      c = c * b->spec->axes[k].n + ltp_sweep_point_index(b->spec, p, k);
  return c;
}

/* Load the experiment with point p's placeholder values into params and a new protocol. */
static ltp_status load_point(builder *b, size_t p, ltp_params *params, ltp_protocol *proto,
                             uint64_t *seed) {
  const ltp_sweep_spec *spec = b->spec;
  if (b->base.data == NULL)
    return spec->file ? ltp_experiment_load_file(spec->file, params, proto, seed, b->err)
                      : ltp_experiment_load_default(params, proto, seed, b->err);
  const char *names[LTP_SWEEP_MAX_AXES], *values[LTP_SWEEP_MAX_AXES];
  char buf[LTP_SWEEP_MAX_AXES][160];
  size_t n = 0;
  for (size_t k = 0; k < spec->n_axes; ++k)
    if (!b->plan->is_param[k]) {
      names[n] = spec->axes[k].key;
      values[n] = ltp_sweep_axis_text(&spec->axes[k], ltp_sweep_point_index(spec, p, k), buf[n],
                                      sizeof buf[n]);
      ++n;
    }
  ltp_svg_buf text, label;
  ltp_svg_buf_init(&text);
  ltp_svg_buf_init(&label);
  ltp_status st =
      ltp_vary_substitute(b->base.data, spec->file, names, values, n, &text, &label, b->err);
  if (st == LTP_OK)
    st = ltp_experiment_load_string(text.data, label.data, params, proto, seed, b->err);
  ltp_svg_buf_free(&text);
  ltp_svg_buf_free(&label);
  return st;
}

/* A new protocol in plan->protos, loaded for point p; its index in *index. */
static ltp_status new_proto(builder *b, size_t p, ltp_params *params, uint64_t *seed,
                            size_t *index) {
  ltp_sweep_plan *plan = b->plan;
  if (plan->n_protos == b->cap_protos) {
    const size_t cap = b->cap_protos ? 2 * b->cap_protos : 16;
    ltp_protocol **grown = realloc(plan->protos, cap * sizeof *grown);
    if (grown == NULL)
      return ltp_error_set(b->err, LTP_ERR_NOMEM, "sweep: out of memory for protocols");
    plan->protos = grown;
    b->cap_protos = cap;
  }
  ltp_protocol *proto = malloc(sizeof *proto);
  if (proto == NULL)
    return ltp_error_set(b->err, LTP_ERR_NOMEM, "sweep: out of memory for protocols");
  ltp_protocol_init(proto);
  plan->protos[plan->n_protos] = proto;
  *index = plan->n_protos++;
  return load_point(b, p, params, proto, seed);
}

/* Point p's parameters: its combination's, then --set, then the varied parameters. */
static ltp_status point_params(builder *b, size_t p, const combo *c) {
  const ltp_sweep_spec *spec = b->spec;
  ltp_params *params = &b->plan->params[p];
  *params = c->params;
  ltp_status st = LTP_OK;
  for (size_t s = 0; st == LTP_OK && s < spec->n_sets; ++s)
    st = ltp_experiment_apply_set(spec->sets[s], params, b->err);
  for (size_t k = 0; st == LTP_OK && k < spec->n_axes; ++k) {
    if (!b->plan->is_param[k])
      continue;
    char text[160], why[600];
    const ltp_sweep_axis *a = &spec->axes[k];
    const ltp_param_def *d = ltp_param_lookup(a->key, NULL);
    ltp_sweep_axis_text(a, ltp_sweep_point_index(spec, p, k), text, sizeof text);
    st = ltp_param_parse_value(d, text, ltp_param_ptr(params, d), why, sizeof why);
    if (st != LTP_OK)
      ltp_error_set(b->err, st, "--vary %s=%s: value \"%s\": %s", a->key, a->spec, text, why);
  }
  return st == LTP_OK ? ltp_params_check(params, b->err) : st;
}

/* Point p's protocol: its combination's, finalized against the point's parameters. A protocol
 * with drug or bath applications is finalized once per point, on a copy of its own. */
static ltp_status point_proto(builder *b, size_t p, combo *c, const ltp_protocol **out) {
  ltp_sweep_plan *plan = b->plan;
  size_t index = c->proto;
  ltp_status st = LTP_OK;
  const int per_point = plan->protos[c->proto]->n_applications > 0;
  if (per_point && c->used) {
    ltp_params scratch;
    uint64_t seed;
    st = new_proto(b, p, &scratch, &seed, &index);
  }
  if (st == LTP_OK && (per_point || !c->used))
    st = ltp_experiment_finalize(&plan->params[p], plan->protos[index], b->err);
  c->used = 1;
  *out = plan->protos[index];
  return st;
}

static size_t proto_bytes(const ltp_protocol *p) {
  return sizeof *p + p->cap_events * sizeof *p->events + p->cap_changes * sizeof *p->changes +
         p->cap_applications * sizeof *p->applications + p->cap_clamps * sizeof *p->clamps +
         p->cap_steps * sizeof *p->steps + p->cap_marks * sizeof *p->marks;
}

static ltp_status build_points(builder *b) {
  const ltp_sweep_spec *spec = b->spec;
  ltp_sweep_plan *plan = b->plan;
  for (size_t p = 0; p < plan->n_points; ++p) {
    combo *c = &b->combos[combo_of(b, p)];
    ltp_status st = LTP_OK;
    if (!c->loaded) {
      st = new_proto(b, p, &c->params, &c->seed, &c->proto);
      c->loaded = st == LTP_OK;
    }
    const ltp_protocol *proto = NULL;
    if (st == LTP_OK)
      st = point_params(b, p, c);
    if (st == LTP_OK)
      st = point_proto(b, p, c, &proto);
    if (st != LTP_OK)
      return st;
    if (p == 0)
      snprintf(plan->experiment, sizeof plan->experiment, "%s", proto->name);
    if (!ltp_sweep_layout_add(&plan->layout, proto))
      return ltp_error_set(b->err, LTP_ERR_RANGE,
                           "--vary: the points of the grid have more than %d different readout "
                           "times between them (point %zu adds one); give the experiment "
                           "explicit readouts = { after = [...]; }",
                           LTP_MAX_READOUT_TIMES, p + 1);
    const uint64_t seed = spec->seed_given ? spec->seed : c->seed;
    for (unsigned r = 0; r < plan->repeats; ++r)
      plan->jobs[p * plan->repeats + r] = (ltp_sweep_job){&plan->params[p], proto, seed + r};
  }
  plan->seed0 = plan->jobs[0].seed;
  plan->bytes = plan->n_points * sizeof *plan->params + plan->n_runs * sizeof *plan->jobs +
                plan->n_protos * sizeof *plan->protos;
  for (size_t i = 0; i < plan->n_protos; ++i)
    plan->bytes += proto_bytes(plan->protos[i]);
  return LTP_OK;
}

ltp_status ltp_sweep_plan_build(const ltp_sweep_spec *spec, ltp_sweep_plan *plan, ltp_error *err) {
  memset(plan, 0, sizeof *plan);
  if (spec->n_axes > LTP_SWEEP_MAX_AXES)
    return ltp_error_set(err, LTP_ERR_ARG, "--vary: at most %d keys may be varied together",
                         LTP_SWEEP_MAX_AXES);
  if (spec->repeats < 1)
    return ltp_error_set(err, LTP_ERR_RANGE, "--repeats: expected at least 1");
  builder b = {spec, plan, {0}, NULL, 0, 0, err};
  ltp_svg_buf_init(&b.base);
  ltp_status st = count_runs(spec, plan, err);
  if (st == LTP_OK)
    st = resolve_axes(&b);
  b.n_combos = 1;
  for (size_t k = 0; st == LTP_OK && k < spec->n_axes; ++k)
    b.n_combos *= plan->is_param[k] ? 1 : spec->axes[k].n;
  if (st == LTP_OK) {
    b.combos = calloc(b.n_combos, sizeof *b.combos);
    plan->params = calloc(plan->n_points, sizeof *plan->params);
    plan->jobs = calloc(plan->n_runs, sizeof *plan->jobs);
    if (b.combos == NULL || plan->params == NULL || plan->jobs == NULL)
      st = ltp_error_set(err, LTP_ERR_NOMEM, "sweep: out of memory for %zu points, %zu runs",
                         plan->n_points, plan->n_runs);
  }
  if (st == LTP_OK)
    st = build_points(&b);
  free(b.combos);
  ltp_svg_buf_free(&b.base);
  if (st != LTP_OK)
    ltp_sweep_plan_free(plan);
  return st;
}

void ltp_sweep_plan_free(ltp_sweep_plan *plan) {
  for (size_t i = 0; i < plan->n_protos; ++i) {
    ltp_protocol_free(plan->protos[i]);
    free(plan->protos[i]);
  }
  free(plan->protos);
  free(plan->params);
  free(plan->jobs);
  memset(plan, 0, sizeof *plan);
}
