/* validation.json: one object per case (name, source, protocol, metric, target, tolerance,
 * outcome, expected-failure reason) with every check's band, model value and verdict; the
 * schema is in docs/validation.md. */
#include <math.h>

#include "validate/validate.h"

#define LTP_VALIDATION_SCHEMA_VERSION 1

/* A number, or null where it is not finite (an open band side, a value that could not be
 * measured): JSON has no Inf or NaN. */
static json_t *num(double v) {
  return isfinite(v) ? json_real(v) : json_null();
}

static json_t *str_or_null(const char *s) {
  return s ? json_string(s) : json_null();
}

static json_t *case_json(const ltp_val_result *r) {
  const ltp_val_case *c = r->c;
  json_t *checks = json_array();
  for (size_t k = 0; k < c->n_checks; ++k) {
    const ltp_val_check *ck = &c->checks[k];
    json_array_append_new(checks,
                          json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:b}", "label", ck->label,
                                    "quantity", ck->panel, "x", num(ck->x), "lo", num(ck->lo), "hi",
                                    num(ck->hi), "model", num(r->values[k]), "pass",
                                    (int)(r->outcome != LTP_VAL_ERROR && r->pass[k])));
  }
  const int ok = r->outcome == LTP_VAL_PASS || r->outcome == LTP_VAL_XFAIL;
  return json_pack("{s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:o, s:o, s:f, s:o}", "name",
                   c->name, "group", str_or_null(c->group), "source", c->source, "protocol",
                   c->protocol, "metric", c->metric, "target", c->target, "tolerance", c->tolerance,
                   "outcome", ltp_val_outcome_name(r->outcome), "pass",
                   (int)(r->outcome == LTP_VAL_PASS || r->outcome == LTP_VAL_XPASS), "ok", ok,
                   "expected_failure", str_or_null(c->expected_failure), "error",
                   r->outcome == LTP_VAL_ERROR ? json_string(r->error) : json_null(), "wall_s",
                   r->wall_s, "checks", checks);
}

json_t *ltp_val_json(const ltp_val_report *r, ltp_error *err) {
  json_t *cases = json_array();
  size_t counts[LTP_VAL_ERROR + 1] = {0};
  for (size_t i = 0; cases != NULL && i < r->n; ++i) {
    json_t *c = case_json(&r->results[i]);
    if (c == NULL || json_array_append_new(cases, c) != 0) {
      json_decref(cases);
      cases = NULL;
    }
    counts[r->results[i].outcome]++;
  }
  json_t *root =
      cases
          ? json_pack("{s:i, s:s, s:i, s:f, s:{s:I, s:I, s:I, s:I, s:I}, s:b, s:o}",
                      "schema_version", LTP_VALIDATION_SCHEMA_VERSION, "ltpsim_version",
                      LTPSIM_VERSION, "jobs", r->jobs, "wall_time_s", r->wall_s, "counts", "pass",
                      (json_int_t)counts[LTP_VAL_PASS], "fail", (json_int_t)counts[LTP_VAL_FAIL],
                      "expected_failure", (json_int_t)counts[LTP_VAL_XFAIL], "unexpected_pass",
                      (json_int_t)counts[LTP_VAL_XPASS], "error", (json_int_t)counts[LTP_VAL_ERROR],
                      "ok", (int)(ltp_val_exit_code(r) == 0), "cases", cases)
          : NULL;
  json_t *overrides = root ? json_array() : NULL;
  for (size_t i = 0; overrides && r->overrides && r->overrides[i]; ++i)
    if (json_array_append_new(overrides, json_string(r->overrides[i])) != 0) {
      json_decref(overrides);
      overrides = NULL;
    }
  if (root != NULL && (overrides == NULL || json_object_set_new(root, "overrides", overrides))) {
    json_decref(root);
    root = NULL;
  }
  if (root == NULL)
    ltp_error_set(err, LTP_ERR_NOMEM, "out of memory building validation.json");
  return root;
}
