/* sweep.csv and summary.json, and the atomic write of the sweep's directory. */
#include "sweep/output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "io/outdir.h"

const char *ltp_sweep_axis_column(const ltp_sweep_axis *a, char *buf, size_t n) {
  snprintf(buf, n, "%s%s%s", a->key, a->unit[0] ? "_" : "", a->unit);
  return buf;
}

const char *ltp_sweep_point_label(const ltp_sweep_spec *spec, size_t p, char *buf, size_t n) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t k = 0; k < spec->n_axes && used < n; ++k) {
    char text[160];
    ltp_sweep_axis_text(&spec->axes[k], ltp_sweep_point_index(spec, p, k), text, sizeof text);
    const int w =
        snprintf(buf + used, n - used, "%s%s = %s", k ? ", " : "", spec->axes[k].key, text);
    used += w > 0 ? (size_t)w : 0;
  }
  return buf;
}

/* ---------------------------------------------------------------- sweep.csv */

static void put_value(FILE *f, double v) {
  char buf[40];
  if (isfinite(v))
    fputs(ltp_format_exact(v, buf, sizeof buf), f);
}

ltp_status ltp_sweep_write_csv(const ltp_sweep_report *r, FILE *f) {
  const ltp_sweep_spec *spec = r->spec;
  const ltp_sweep_plan *plan = r->plan;
  char buf[160];
  for (size_t k = 0; k < spec->n_axes; ++k)
    fprintf(f, "%s,", ltp_sweep_axis_column(&spec->axes[k], buf, sizeof buf));
  fputs("repeat,seed,status", f);
  for (size_t i = 0; i < plan->layout.n; ++i)
    fprintf(f, ",%s", ltp_sweep_metric_at(&plan->layout, i).name);
  fputc('\n', f);
  for (size_t j = 0; j < plan->n_runs; ++j) {
    const size_t p = j / plan->repeats;
    for (size_t k = 0; k < spec->n_axes; ++k) {
      const ltp_sweep_axis *a = &spec->axes[k];
      const size_t i = ltp_sweep_point_index(spec, p, k);
      if (a->names != NULL)
        fputs(a->names[i], f);
      else
        put_value(f, a->x[i]);
      fputc(',', f);
    }
    const ltp_status st = (ltp_status)r->res->status[j];
    fprintf(f, "%zu,%llu,%s", j % plan->repeats + 1,
            (unsigned long long)ltp_sweep_run_seed(plan, j),
            st == LTP_OK ? "ok" : ltp_status_name(st));
    for (size_t i = 0; i < plan->layout.n; ++i) {
      fputc(',', f);
      put_value(f, r->res->metrics[j * plan->layout.n + i]);
    }
    fputc('\n', f);
  }
  return ferror(f) ? LTP_ERR_IO : LTP_OK;
}

/* ---------------------------------------------------------------- summary.json */

/* A number, or null where it is not finite: JSON has no NaN. */
static json_t *num(double v) {
  return isfinite(v) ? json_real(v) : json_null();
}

static json_t *axis_value(const ltp_sweep_axis *a, size_t i) {
  return a->names != NULL ? json_string(a->names[i]) : json_real(a->x[i]);
}

static json_t *grid_json(const ltp_sweep_report *r) {
  static const char *const scales[] = {"list", "lin", "log", "names"};
  json_t *grid = json_array();
  for (size_t k = 0; k < r->spec->n_axes; ++k) {
    const ltp_sweep_axis *a = &r->spec->axes[k];
    json_t *values = json_array();
    for (size_t i = 0; i < a->n; ++i)
      json_array_append_new(values, axis_value(a, i));
    json_array_append_new(grid,
                          json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:o}", "key", a->key, "kind",
                                    r->plan->is_param[k] ? "parameter" : "placeholder", "unit",
                                    a->unit, "spec", a->spec, "scale", scales[a->kind], "n",
                                    (json_int_t)a->n, "values", values));
  }
  return grid;
}

static json_t *metrics_json(const ltp_sweep_layout *l) {
  static const char *const kinds[] = {"potentiation", "weight", "peak_ca"};
  json_t *arr = json_array();
  for (size_t i = 0; i < l->n; ++i) {
    const ltp_sweep_metric m = ltp_sweep_metric_at(l, i);
    json_array_append_new(
        arr, json_pack("{s:s, s:s, s:s, s:i, s:o}", "name", m.name, "kind", kinds[m.kind], "unit",
                       m.unit, "pathway", m.pathway, "after_min",
                       m.kind == LTP_METRIC_POTENTIATION ? json_real(m.after_min) : json_null()));
  }
  return arr;
}

static json_t *point_json(const ltp_sweep_report *r, size_t p) {
  const ltp_sweep_plan *plan = r->plan;
  json_t *values = json_object(), *stats = json_object();
  for (size_t k = 0; k < r->spec->n_axes; ++k) {
    const ltp_sweep_axis *a = &r->spec->axes[k];
    json_object_set_new(values, a->key, axis_value(a, ltp_sweep_point_index(r->spec, p, k)));
  }
  const size_t m = plan->layout.n;
  for (size_t i = 0; i < m; ++i) {
    const ltp_sweep_stat s =
        ltp_sweep_stat_of(r->res->metrics + p * plan->repeats * m + i, plan->repeats, m);
    json_object_set_new(stats, ltp_sweep_metric_at(&plan->layout, i).name,
                        json_pack("{s:I, s:o, s:o, s:o, s:o}", "n", (json_int_t)s.n, "mean",
                                  num(s.mean), "sd", num(s.sd), "min", num(s.min), "max",
                                  num(s.max)));
  }
  return json_pack("{s:I, s:o, s:o}", "point", (json_int_t)(p + 1), "values", values, "stats",
                   stats);
}

static json_t *failed_json(const ltp_sweep_report *r) {
  const ltp_sweep_results *res = r->res;
  if (res->n_failed == 0)
    return json_pack("{s:I, s:n}", "n", (json_int_t)0, "first");
  const size_t j = res->first_failed;
  return json_pack(
      "{s:I, s:{s:I, s:I, s:I, s:I, s:s, s:s}}", "n", (json_int_t)res->n_failed, "first", "run",
      (json_int_t)(j + 1), "point", (json_int_t)(j / r->plan->repeats + 1), "repeat",
      (json_int_t)(j % r->plan->repeats + 1), "seed", (json_int_t)ltp_sweep_run_seed(r->plan, j),
      "status", ltp_status_name((ltp_status)res->status[j]), "message", res->first_error.msg);
}

#define JSON_FLAGS JSON_REAL_PRECISION(17)

/* Everything but the points. */
static json_t *summary_head(const ltp_sweep_report *r) {
  const ltp_sweep_plan *plan = r->plan;
  const double wall = r->res->wall_s;
  const size_t per_run = ltp_sweep_result_bytes_per_run(&plan->layout);
  return json_pack(
      "{s:i, s:s, s:s, s:o, s:{s:o, s:s}, s:o, s:I, s:I, s:I, s:I, s:i, s:o, s:o, "
      "s:{s:f, s:f, s:o}, s:{s:I, s:I, s:I, s:I, s:o}}",
      "schema_version", LTP_SWEEP_SCHEMA_VERSION, "ltpsim_version", LTPSIM_VERSION, "command",
      r->command ? r->command : "", "family", r->family ? json_string(r->family) : json_null(),
      "experiment", "file", r->spec->file ? json_string(r->spec->file) : json_null(), "name",
      plan->experiment, "grid", grid_json(r), "repeats", (json_int_t)plan->repeats, "seed",
      (json_int_t)ltp_sweep_run_seed(plan, 0), "n_points", (json_int_t)plan->n_points, "n_runs",
      (json_int_t)plan->n_runs, "threads", r->threads, "metrics", metrics_json(&plan->layout),
      "failed", failed_json(r), "timing", "build_s", r->build_s, "wall_s", wall, "runs_per_s",
      wall > 0 ? json_real((double)plan->n_runs / wall) : json_null(), "memory",
      "result_bytes_per_run", (json_int_t)per_run, "results_bytes",
      (json_int_t)(per_run * plan->n_runs), "plan_bytes", (json_int_t)plan->bytes,
      "workspace_bytes_per_thread", (json_int_t)plan->workspace_bytes, "engine_bytes_per_thread",
      plan->engine_bytes ? json_integer((json_int_t)plan->engine_bytes) : json_null());
}

ltp_status ltp_sweep_write_summary(const ltp_sweep_report *r, FILE *f) {
  json_t *head = summary_head(r);
  char *text = head ? json_dumps(head, JSON_INDENT(2) | JSON_FLAGS) : NULL;
  json_decref(head);
  if (text == NULL)
    return LTP_ERR_NOMEM;
  /* the head without its closing "\n}", then the points, one line each */
  fprintf(f, "%.*s,\n  \"points\": [\n", (int)(strlen(text) - 2), text);
  free(text);
  ltp_status st = LTP_OK;
  for (size_t p = 0; st == LTP_OK && p < r->plan->n_points; ++p) {
    json_t *point = point_json(r, p);
    char *line = point ? json_dumps(point, JSON_FLAGS) : NULL;
    json_decref(point);
    if (line == NULL)
      st = LTP_ERR_NOMEM;
    else
      fprintf(f, "    %s%s\n", line, p + 1 < r->plan->n_points ? "," : "");
    free(line);
  }
  fputs("  ]\n}\n", f);
  return st != LTP_OK ? st : ferror(f) ? LTP_ERR_IO : LTP_OK;
}

/* ---------------------------------------------------------------- the directory */

static ltp_status write_csv(FILE *f, const void *r) {
  return ltp_sweep_write_csv(r, f);
}

static ltp_status write_summary(FILE *f, const void *r) {
  return ltp_sweep_write_summary(r, f);
}

ltp_status ltp_sweep_write(const ltp_sweep_report *r, const char *out_dir, ltp_error *err) {
  ltp_svg_buf svg;
  ltp_svg_buf_init(&svg);
  ltp_status st = ltp_sweep_figure(r, &svg);
  if (st != LTP_OK) {
    ltp_svg_buf_free(&svg);
    return ltp_error_set(err, st, "out of memory building sweep.svg");
  }
  const ltp_outdir_file files[] = {{"sweep.csv", NULL, 0, write_csv, r},
                                   {"summary.json", NULL, 0, write_summary, r},
                                   {"sweep.svg", svg.data, svg.len, NULL, NULL}};
  st = ltp_outdir_write_files(out_dir, LTP_SWEEP_MARKER, files, 3, err);
  ltp_svg_buf_free(&svg);
  return st;
}
