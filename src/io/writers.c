/* Writers: finite checks, readouts.csv, traces.csv, summary.json and the atomic write of the
 * whole output directory (figures in figures.c, report in report.c). */
#include "io/writers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/outdir.h"
#include "mech/registry.h"

/* ------------------------------------------------------------------ helpers */

int ltp_output_n_pathways(const ltp_output_ctx *ctx) {
  int n = ctx->proto ? ctx->proto->n_pathways : 0;
  if (n >= 1 && n <= LTP_MAX_PATHWAYS)
    return n;
  n = 0;
  const ltp_readout_log *log = &ctx->res->readouts;
  for (size_t i = 0; i < log->n; i++)
    if (log->rows[i].pathway >= n && log->rows[i].pathway < LTP_MAX_PATHWAYS)
      n = log->rows[i].pathway + 1;
  return n;
}

double ltp_output_rel_min(const ltp_results *res, double t_ms) {
  double t0 = res->induction_ms >= 0.0 ? res->induction_ms : 0.0;
  return (t_ms - t0) / 60000.0;
}

double ltp_output_readout_pct(const ltp_results *res, const ltp_readout *r) {
  if (r->slope_pct != 0.0)
    return r->slope_pct;
  if (r->pathway < 0 || r->pathway >= LTP_MAX_PATHWAYS)
    return NAN;
  if (r->uncaging) {
    const double b_uepsc = res->baseline_uepsc_pA[r->pathway];
    return b_uepsc != 0.0 && r->uepsc_pA != 0.0 ? 100.0 * r->uepsc_pA / b_uepsc : NAN;
  }
  double b_slope = res->baseline_slope_mV_ms[r->pathway];
  double b_epsc = res->baseline_epsc_pA[r->pathway];
  if (b_slope != 0.0 && r->epsp_slope_mV_ms != 0.0)
    return 100.0 * r->epsp_slope_mV_ms / b_slope;
  if (b_epsc != 0.0 && r->epsc_pA != 0.0)
    return 100.0 * r->epsc_pA / b_epsc;
  return NAN;
}

int ltp_output_is_override(const ltp_output_ctx *ctx, const char *key) {
  size_t n = strlen(key);
  for (size_t i = 0; i < ctx->n_overrides; i++) {
    const char *s = ctx->overrides[i];
    if (s == NULL)
      continue;
    while (*s == ' ' || *s == '\t')
      s++;
    if (strncmp(s, key, n) != 0)
      continue;
    s += n;
    while (*s == ' ' || *s == '\t')
      s++;
    if (*s == '=')
      return 1;
  }
  return 0;
}

/* ------------------------------------------------------------------ finite checks */

typedef struct {
  const char *name;
  double v;
} named_value;

static ltp_status check_values(const named_value *v, size_t n, const char *where, size_t idx,
                               ltp_error *err) {
  for (size_t k = 0; k < n; k++)
    if (!isfinite(v[k].v))
      return ltp_error_set(err, LTP_ERR_NUMERIC, "non-finite value %s[%zu].%s = %g", where, idx,
                           v[k].name, v[k].v);
  return LTP_OK;
}

static ltp_status check_readouts(const ltp_readout_log *log, ltp_error *err) {
  for (size_t i = 0; i < log->n; i++) {
    const ltp_readout *r = &log->rows[i];
    const named_value v[] = {{"t_ms", r->t_ms},
                             {"epsp_amp_mV", r->epsp_amp_mV},
                             {"epsp_slope_mV_ms", r->epsp_slope_mV_ms},
                             {"epsc_pA", r->epsc_pA},
                             {"slope_pct", r->slope_pct},
                             {"n_ampa_syn", r->n_ampa_syn},
                             {"gamma_ampa_pS", r->gamma_ampa_pS},
                             {"p_release", r->p_release},
                             {"vesicles", r->vesicles},
                             {"uepsc_pA", r->uepsc_pA}};
    ltp_status st = check_values(v, LTP_COUNT(v), "readouts", i, err);
    if (st != LTP_OK)
      return st;
  }
  return LTP_OK;
}

static ltp_status check_trace(const ltp_trace *tr, ltp_error *err) {
  size_t w = 1 + tr->n_vars;
  for (size_t i = 0; i < tr->n_rows; i++)
    for (size_t k = 0; k < w; k++) {
      double v = tr->data[i * w + k];
      if (isfinite(v))
        continue;
      return ltp_error_set(err, LTP_ERR_NUMERIC, "non-finite value trace[%zu].%s = %g (t = %g ms)",
                           i, k == 0 ? "t_ms" : tr->names[k - 1], v, tr->data[i * w]);
    }
  return LTP_OK;
}

/* Percentages of a window without test pulses (n_pulses 0) are undefined and written as null. */
static ltp_status check_potentiation(const ltp_results *res, ltp_error *err) {
  for (size_t i = 0; i < res->n_potentiation; i++) {
    const ltp_potentiation *p = &res->potentiation[i];
    const named_value v[] = {{"after_min", p->after_min},
                             {"potentiation_pct", p->potentiation_pct},
                             {"receptors_pct", p->receptors_pct},
                             {"conductance_pct", p->conductance_pct},
                             {"release_pct", p->release_pct}};
    ltp_status st = check_values(v, p->n_pulses ? LTP_COUNT(v) : 1, "potentiation", i, err);
    if (st != LTP_OK)
      return st;
  }
  return LTP_OK;
}

static ltp_status check_scalars(const ltp_output_ctx *ctx, ltp_error *err) {
  const ltp_results *res = ctx->res;
  const named_value v[] = {
      {"t_end_ms", res->t_end_ms}, {"induction_ms", res->induction_ms}, {"wall_s", res->wall_s}};
  for (size_t k = 0; k < LTP_COUNT(v); k++)
    if (!isfinite(v[k].v))
      return ltp_error_set(err, LTP_ERR_NUMERIC, "non-finite value results.%s = %g", v[k].name,
                           v[k].v);
  for (size_t i = 0; i < res->n_final_state; i++)
    if (!isfinite(res->final_state[i].value))
      return ltp_error_set(err, LTP_ERR_NUMERIC, "non-finite value final_state.%s = %g",
                           res->final_state[i].name, res->final_state[i].value);
  int np = ltp_output_n_pathways(ctx);
  for (int p = 0; p < np; p++) {
    const named_value b[] = {{"slope_mV_ms", res->baseline_slope_mV_ms[p]},
                             {"epsc_pA", res->baseline_epsc_pA[p]},
                             {"uepsc_pA", res->baseline_uepsc_pA[p]}};
    ltp_status st = check_values(b, LTP_COUNT(b), "baseline", (size_t)p, err);
    const named_value peak[] = {{"peak_uM", res->peak_ca_uM[p]}, {"t_ms", res->peak_ca_t_ms[p]}};
    if (st == LTP_OK)
      st = check_values(peak, LTP_COUNT(peak), "spine_ca_peak", (size_t)p, err);
    if (st != LTP_OK)
      return st;
  }
  return LTP_OK;
}

static ltp_status check_params(const ltp_params *params, ltp_error *err) {
  for (size_t m = 0; ltp_mech_registry[m] != NULL; m++) {
    const ltp_mech_def *mech = ltp_mech_registry[m];
    for (size_t i = 0; i < mech->n_params; i++) {
      double v = ltp_param_get(params, &mech->params[i]);
      if (!isfinite(v))
        return ltp_error_set(err, LTP_ERR_NUMERIC, "non-finite parameter %s.%s = %g", mech->name,
                             mech->params[i].name, v);
    }
  }
  return LTP_OK;
}

ltp_status ltp_output_check_finite(const ltp_output_ctx *ctx, ltp_error *err) {
  ltp_status st = check_scalars(ctx, err);
  if (st == LTP_OK)
    st = check_potentiation(ctx->res, err);
  if (st == LTP_OK)
    st = check_readouts(&ctx->res->readouts, err);
  if (st == LTP_OK)
    st = check_trace(&ctx->res->trace, err);
  if (st == LTP_OK)
    st = check_trace(&ctx->res->state, err);
  if (st == LTP_OK)
    st = check_params(ctx->params, err);
  return st;
}

/* ------------------------------------------------------------------ CSV */

ltp_status ltp_write_readouts_csv(FILE *f, const ltp_results *res) {
  fputs("t_min,pathway,epsp_amp_mV,epsp_slope_mV_ms,epsc_pA,slope_pct,n_ampa_syn,"
        "gamma_ampa_pS,p_release,vesicles,uepsc_pA,uncaging\n",
        f);
  for (size_t i = 0; i < res->readouts.n; i++) {
    const ltp_readout *r = &res->readouts.rows[i];
    double pct = ltp_output_readout_pct(res, r);
    fprintf(f, "%.10g,%d,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%d\n",
            r->t_ms / 60000.0, r->pathway + 1, r->epsp_amp_mV, r->epsp_slope_mV_ms, r->epsc_pA,
            isfinite(pct) ? pct : r->slope_pct, r->n_ampa_syn, r->gamma_ampa_pS, r->p_release,
            r->vesicles, r->uepsc_pA, r->uncaging);
  }
  return ferror(f) ? LTP_ERR_IO : LTP_OK;
}

/* Column header: the name, with "_unit" appended unless the name already ends with it or
 * the unit is dimensionless; characters other than [A-Za-z0-9_.] become '_'. */
static void trace_header(FILE *f, const char *name, const char *unit) {
  char h[160];
  size_t nn = strlen(name), nu = unit ? strlen(unit) : 0;
  int has_unit =
      nu > 0 && nn > nu + 1 && name[nn - nu - 1] == '_' && strcmp(name + nn - nu, unit) == 0;
  int dimensionless = nu == 0 || strcmp(unit, "1") == 0;
  snprintf(h, sizeof h, "%s%s%s", name, has_unit || dimensionless ? "" : "_",
           has_unit || dimensionless ? "" : unit);
  for (char *c = h; *c; c++)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
          *c == '_' || *c == '.'))
      *c = '_';
  fprintf(f, ",%s", h);
}

static ltp_status write_trace_csv(FILE *f, const ltp_trace *tr) {
  fputs("t_ms", f);
  for (size_t k = 0; k < tr->n_vars; k++)
    trace_header(f, tr->names[k] ? tr->names[k] : "var", tr->units[k]);
  fputc('\n', f);
  size_t w = 1 + tr->n_vars;
  for (size_t i = 0; i < tr->n_rows; i++) {
    for (size_t k = 0; k < w; k++)
      fprintf(f, "%s%.10g", k ? "," : "", tr->data[i * w + k]);
    fputc('\n', f);
  }
  return ferror(f) ? LTP_ERR_IO : LTP_OK;
}

ltp_status ltp_write_traces_csv(FILE *f, const ltp_results *res) {
  return write_trace_csv(f, &res->trace);
}

ltp_status ltp_write_state_csv(FILE *f, const ltp_results *res) {
  return write_trace_csv(f, &res->state);
}

/* ------------------------------------------------------------------ summary.json */

/* Builder state: the first failure is kept in err, later puts are skipped. */
typedef struct {
  ltp_error *err;
  int failed;
} jb;

static void jb_nomem(jb *b) {
  if (!b->failed)
    ltp_error_set(b->err, LTP_ERR_NOMEM, "out of memory building summary.json");
  b->failed = 1;
}

static void jb_set(jb *b, json_t *obj, const char *key, json_t *v) {
  if (b->failed) {
    json_decref(v);
    return;
  }
  if (v == NULL || json_object_set_new(obj, key, v) != 0)
    jb_nomem(b);
}

static void jb_append(jb *b, json_t *arr, json_t *v) {
  if (b->failed) {
    json_decref(v);
    return;
  }
  if (v == NULL || json_array_append_new(arr, v) != 0)
    jb_nomem(b);
}

static void jb_real(jb *b, json_t *obj, const char *key, double v, const char *where) {
  if (b->failed)
    return;
  if (!isfinite(v)) {
    ltp_error_set(b->err, LTP_ERR_NUMERIC, "summary.json: %s%s = %g is not finite", where, key, v);
    b->failed = 1;
    return;
  }
  jb_set(b, obj, key, json_real(v));
}

/* A JSON string of at most max bytes of s; bytes that are not valid UTF-8 become '?'. */
static json_t *jb_string(const char *s, size_t max) {
  size_t n = 0;
  while (n < max && s[n])
    n++;
  json_t *j = json_stringn(s, n);
  if (j != NULL)
    return j;
  char *c = malloc(n + 1);
  if (c == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    c[i] = (unsigned char)s[i] < 0x80 ? s[i] : '?';
  j = json_stringn(c, n);
  free(c);
  return j;
}

static json_t *json_seed(uint64_t seed) {
  if (seed <= (uint64_t)INT64_MAX)
    return json_integer((json_int_t)seed);
  char s[32];
  snprintf(s, sizeof s, "%llu", (unsigned long long)seed);
  return json_string(s);
}

static json_t *json_count(uint64_t v) {
  return json_integer(v <= (uint64_t)INT64_MAX ? (json_int_t)v : (json_int_t)INT64_MAX);
}

static void put_experiment(jb *b, json_t *root, const ltp_output_ctx *ctx) {
  json_t *e = json_object();
  jb_set(b, root, "experiment", e);
  if (b->failed)
    return;
  jb_set(b, e, "name", jb_string(ctx->proto->name, sizeof ctx->proto->name));
  jb_set(b, e, "description", jb_string(ctx->proto->description, sizeof ctx->proto->description));
}

static void put_times(jb *b, json_t *root, const ltp_output_ctx *ctx) {
  jb_set(b, root, "seed", json_seed(ctx->seed));
  jb_real(b, root, "t_end_min", ctx->res->t_end_ms / 60000.0, "");
  if (ctx->res->induction_ms >= 0.0)
    jb_real(b, root, "induction_min", ctx->res->induction_ms / 60000.0, "");
  else
    jb_set(b, root, "induction_min", json_null());
  jb_set(b, root, "n_pathways", json_integer(ltp_output_n_pathways(ctx)));
}

/* An array `name` of one object per pathway, each filled by fill(b, object, ctx, pathway). */
static void put_per_pathway(jb *b, json_t *root, const char *name, const ltp_output_ctx *ctx,
                            void (*fill)(jb *, json_t *, const ltp_output_ctx *, int)) {
  json_t *arr = json_array();
  jb_set(b, root, name, arr);
  int np = ltp_output_n_pathways(ctx);
  for (int p = 0; p < np && !b->failed; p++) {
    json_t *o = json_object();
    jb_append(b, arr, o);
    if (b->failed)
      return;
    jb_set(b, o, "pathway", json_integer(p + 1));
    fill(b, o, ctx, p);
  }
}

static void fill_baseline(jb *b, json_t *o, const ltp_output_ctx *ctx, int p) {
  jb_real(b, o, "slope_mV_ms", ctx->res->baseline_slope_mV_ms[p], "baseline.");
  jb_real(b, o, "epsc_pA", ctx->res->baseline_epsc_pA[p], "baseline.");
  jb_real(b, o, "uepsc_pA", ctx->res->baseline_uepsc_pA[p], "baseline.");
}

/* Peak spine Ca2+ of each pathway's modelled spine (the tetanus peak in an LTP protocol). */
static void fill_peak_calcium(jb *b, json_t *o, const ltp_output_ctx *ctx, int p) {
  jb_real(b, o, "peak_uM", ctx->res->peak_ca_uM[p], "spine_ca_peak.");
  jb_real(b, o, "t_min", ctx->res->peak_ca_t_ms[p] / 60000.0, "spine_ca_peak.");
}

/* A percentage of a potentiation window, null when the window held no test pulse. */
static void jb_pct(jb *b, json_t *obj, const char *key, double v, size_t n_pulses) {
  if (n_pulses == 0)
    jb_set(b, obj, key, json_null());
  else
    jb_real(b, obj, key, v, "potentiation.");
}

static void put_potentiation(jb *b, json_t *root, const ltp_results *res) {
  json_t *arr = json_array();
  jb_set(b, root, "potentiation", arr);
  for (size_t i = 0; i < res->n_potentiation && !b->failed; i++) {
    const ltp_potentiation *p = &res->potentiation[i];
    json_t *o = json_object();
    jb_append(b, arr, o);
    if (b->failed)
      return;
    jb_real(b, o, "after_min", p->after_min, "potentiation.");
    jb_set(b, o, "pathway", json_integer(p->pathway + 1));
    jb_set(b, o, "uncaging", json_boolean(p->uncaging));
    jb_pct(b, o, "potentiation_pct", p->potentiation_pct, p->n_pulses);
    jb_pct(b, o, "receptors_pct", p->receptors_pct, p->n_pulses);
    jb_pct(b, o, "conductance_pct", p->conductance_pct, p->n_pulses);
    jb_pct(b, o, "release_pct", p->release_pct, p->n_pulses);
    jb_set(b, o, "n_pulses", json_count(p->n_pulses));
  }
}

static void put_final_state(jb *b, json_t *root, const ltp_results *res) {
  json_t *obj = json_object();
  jb_set(b, root, "final_state", obj);
  for (size_t i = 0; i < res->n_final_state && !b->failed; i++) {
    const ltp_state_value *s = &res->final_state[i];
    json_t *o = json_object();
    char key[sizeof s->name + 1];
    snprintf(key, sizeof key, "%.*s", (int)sizeof s->name - 1, s->name);
    jb_set(b, obj, key, o);
    if (b->failed)
      return;
    jb_real(b, o, "value", s->value, "final_state.");
    jb_set(b, o, "unit", jb_string(s->unit, sizeof s->unit));
  }
}

static void put_counters(jb *b, json_t *root, const ltp_results *res) {
  json_t *c = json_object();
  jb_set(b, root, "counters", c);
  if (b->failed)
    return;
  jb_set(b, c, "fine_steps", json_count(res->fine_steps));
  jb_set(b, c, "slow_steps", json_count(res->slow_steps));
  jb_set(b, c, "events", json_count(res->events));
  jb_set(b, c, "readouts", json_count(res->readouts.n));
  jb_set(b, c, "trace_rows", json_count(res->trace.n_rows));
  jb_real(b, root, "wall_time_s", res->wall_s, "");
}

/* One changed parameter: key, value, unit, default, choice name, who set it. */
static json_t *param_json(jb *b, const ltp_output_ctx *ctx, const char *key, const ltp_param_def *d,
                          double v) {
  json_t *o = json_object();
  if (o == NULL)
    return NULL;
  jb_set(b, o, "key", json_string(key));
  jb_real(b, o, "value", v, "parameters_changed.");
  jb_set(b, o, "unit", json_string(d->unit ? d->unit : ""));
  jb_real(b, o, "default", d->def, "parameters_changed.");
  int idx = (int)v;
  if (d->choices != NULL && idx >= 0 && (double)idx == v) {
    int n = 0;
    while (d->choices[n] != NULL)
      n++;
    if (idx < n)
      jb_set(b, o, "choice", json_string(d->choices[idx]));
  }
  jb_set(b, o, "set_by", json_string(ltp_output_is_override(ctx, key) ? "override" : "experiment"));
  return o;
}

static void put_params(jb *b, json_t *root, const ltp_output_ctx *ctx) {
  json_t *arr = json_array();
  jb_set(b, root, "parameters_changed", arr);
  for (size_t m = 0; ltp_mech_registry[m] != NULL && !b->failed; m++) {
    const ltp_mech_def *mech = ltp_mech_registry[m];
    for (size_t i = 0; i < mech->n_params && !b->failed; i++) {
      const ltp_param_def *d = &mech->params[i];
      double v = ltp_param_get(ctx->params, d);
      if (v == d->def)
        continue;
      char key[128];
      snprintf(key, sizeof key, "%s.%s", mech->name, d->name);
      jb_append(b, arr, param_json(b, ctx, key, d, v));
    }
  }
  json_t *ov = json_array();
  jb_set(b, root, "overrides", ov);
  for (size_t i = 0; i < ctx->n_overrides && !b->failed; i++)
    if (ctx->overrides[i] != NULL)
      jb_append(b, ov, jb_string(ctx->overrides[i], 4096));
}

static void put_files(jb *b, json_t *root, const char *const *files, size_t n_files) {
  json_t *arr = json_array();
  jb_set(b, root, "files", arr);
  for (size_t i = 0; i < n_files && !b->failed; i++)
    jb_append(b, arr, json_string(files[i]));
}

json_t *ltp_summary_json(const ltp_output_ctx *ctx, const char *const *files, size_t n_files,
                         ltp_error *err) {
  jb b = {err, 0};
  json_t *root = json_object();
  if (root == NULL) {
    jb_nomem(&b);
    return NULL;
  }
  jb_set(&b, root, "schema_version", json_integer(LTP_SUMMARY_SCHEMA_VERSION));
  jb_set(&b, root, "ltpsim_version", json_string(LTPSIM_VERSION));
  put_experiment(&b, root, ctx);
  put_times(&b, root, ctx);
  put_per_pathway(&b, root, "baseline", ctx, fill_baseline);
  put_per_pathway(&b, root, "spine_ca_peak", ctx, fill_peak_calcium);
  put_potentiation(&b, root, ctx->res);
  put_final_state(&b, root, ctx->res);
  put_counters(&b, root, ctx->res);
  put_params(&b, root, ctx);
  put_files(&b, root, files, n_files);
  if (b.failed) {
    json_decref(root);
    return NULL;
  }
  return root;
}

/* ------------------------------------------------------------------ the output directory */

enum {
  F_READOUTS,
  F_TRACES,
  F_STATE,
  F_TIMECOURSE,
  F_EXPRESSION,
  F_TRACES_SVG,
  F_REPORT,
  F_SUMMARY,
  F_N
};
static const char *const output_files[F_N] = {"readouts.csv",       "traces.csv",     "state.csv",
                                              "ltp_timecourse.svg", "expression.svg", "traces.svg",
                                              "report.html",        "summary.json"};

typedef ltp_status (*csv_writer)(FILE *f, const ltp_results *res);

static ltp_status write_csv(const ltp_outdir *od, const char *name, csv_writer w,
                            const ltp_results *res, ltp_error *err) {
  FILE *f = ltp_outdir_fopen(od, name, err);
  if (f == NULL)
    return LTP_ERR_IO;
  w(f, res);
  return ltp_outdir_fclose(od, f, name, err);
}

static ltp_status write_svg(const ltp_outdir *od, const char *name, const ltp_svg_buf *svg,
                            ltp_error *err) {
  FILE *f = ltp_outdir_fopen(od, name, err);
  if (f == NULL)
    return LTP_ERR_IO;
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
  if (svg->len > 0)
    fwrite(svg->data, 1, svg->len, f);
  return ltp_outdir_fclose(od, f, name, err);
}

typedef ltp_status (*figure_fn)(const ltp_output_ctx *ctx, const char *id, ltp_svg_buf *out);

typedef struct {
  int file;
  const char *id, *caption;
  figure_fn render;
} figure_spec;

static const figure_spec figure_specs[] = {
    {F_TIMECOURSE, "timecourse",
     "EPSP slope (EPSC under voltage clamp) in % of the pre-induction baseline, one symbol per "
     "test pulse; shaded: induction and other marked epochs; dashed: baseline (100 %).",
     ltp_figure_timecourse},
    {F_EXPRESSION, "expression",
     "Expression mechanisms at each test pulse in % of their baseline: synaptic AMPAR count, "
     "mean AMPAR unitary conductance and release probability.",
     ltp_figure_expression},
    {F_TRACES_SVG, "traces", "Recorded state variables around induction, one panel per variable.",
     ltp_figure_traces},
};
#define N_FIGURES (sizeof figure_specs / sizeof figure_specs[0])

static ltp_status render_figures(const ltp_output_ctx *ctx, const ltp_outdir *od, ltp_svg_buf *bufs,
                                 ltp_error *err) {
  for (size_t i = 0; i < N_FIGURES; i++) {
    const figure_spec *s = &figure_specs[i];
    ltp_status st = s->render(ctx, s->id, &bufs[i]);
    if (st != LTP_OK)
      return ltp_error_set(err, st, "cannot render %s: %s", output_files[s->file],
                           ltp_status_name(st));
    st = write_svg(od, output_files[s->file], &bufs[i], err);
    if (st != LTP_OK)
      return st;
  }
  return LTP_OK;
}

static ltp_status write_report(const ltp_output_ctx *ctx, const ltp_outdir *od,
                               const ltp_svg_buf *bufs, ltp_error *err) {
  ltp_report_figure figs[N_FIGURES];
  for (size_t i = 0; i < N_FIGURES; i++)
    figs[i] =
        (ltp_report_figure){output_files[figure_specs[i].file], figure_specs[i].caption, &bufs[i]};
  ltp_svg_buf html;
  ltp_svg_buf_init(&html);
  ltp_status st = ltp_report_html(ctx, figs, N_FIGURES, output_files, F_N, &html);
  if (st != LTP_OK)
    ltp_error_set(err, st, "cannot build report.html: %s", ltp_status_name(st));
  else
    st = ltp_outdir_write(od, output_files[F_REPORT], html.data, html.len, err);
  ltp_svg_buf_free(&html);
  return st;
}

static ltp_status write_summary(const ltp_output_ctx *ctx, const ltp_outdir *od, ltp_error *err) {
  json_t *root = ltp_summary_json(ctx, output_files, F_N, err);
  if (root == NULL)
    return err && err->status != LTP_OK ? err->status : LTP_ERR_NOMEM;
  char *text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
  json_decref(root);
  if (text == NULL)
    return ltp_error_set(err, LTP_ERR_NOMEM, "out of memory serialising summary.json");
  FILE *f = ltp_outdir_fopen(od, output_files[F_SUMMARY], err);
  if (f != NULL) {
    fputs(text, f);
    fputc('\n', f);
  }
  free(text);
  return f ? ltp_outdir_fclose(od, f, output_files[F_SUMMARY], err) : LTP_ERR_IO;
}

static ltp_status write_all(const ltp_output_ctx *ctx, const ltp_outdir *od, ltp_error *err) {
  ltp_status st = write_csv(od, output_files[F_READOUTS], ltp_write_readouts_csv, ctx->res, err);
  if (st == LTP_OK)
    st = write_csv(od, output_files[F_TRACES], ltp_write_traces_csv, ctx->res, err);
  if (st == LTP_OK)
    st = write_csv(od, output_files[F_STATE], ltp_write_state_csv, ctx->res, err);
  ltp_svg_buf bufs[N_FIGURES];
  for (size_t i = 0; i < N_FIGURES; i++)
    ltp_svg_buf_init(&bufs[i]);
  if (st == LTP_OK)
    st = render_figures(ctx, od, bufs, err);
  if (st == LTP_OK)
    st = write_report(ctx, od, bufs, err);
  for (size_t i = 0; i < N_FIGURES; i++)
    ltp_svg_buf_free(&bufs[i]);
  if (st == LTP_OK)
    st = write_summary(ctx, od, err);
  return st;
}

ltp_status ltp_write_outputs(const char *out_dir, const ltp_results *res, const ltp_protocol *proto,
                             const ltp_params *params, uint64_t seed, const char *const *overrides,
                             size_t n_overrides, ltp_error *err) {
  if (out_dir == NULL || res == NULL || proto == NULL || params == NULL ||
      (n_overrides > 0 && overrides == NULL))
    return ltp_error_set(err, LTP_ERR_ARG, "ltp_write_outputs: missing argument");
  ltp_output_ctx ctx = {res, proto, params, seed, overrides, n_overrides};
  ltp_status st = ltp_output_check_finite(&ctx, err);
  if (st != LTP_OK)
    return st;
  ltp_outdir od;
  st = ltp_outdir_begin(&od, out_dir, "summary.json", err);
  if (st != LTP_OK)
    return st;
  st = write_all(&ctx, &od, err);
  if (st == LTP_OK)
    return ltp_outdir_commit(&od, err);
  ltp_outdir_abort(&od);
  return st;
}
