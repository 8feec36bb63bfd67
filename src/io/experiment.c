/* Experiment files (libconfig): the schema as tables of allowed keys per section and stimulus
 * type, readers that convert every value from its unit and range-check it, and the assembly of
 * parameters and protocol. Every message starts with "FILE:LINE: ". */
#include "io/experiment.h"

#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/units.h"
#include "mech/registry.h"
#include "protocol/drugs.h"
#include "protocol/train.h"

/* Readouts when a file has no `readouts` section (those that fit in the experiment). */
static const double default_readouts_min[] = {5, 30, 60};
/* A concentration above this is a typo, not a drug application. */
#define MAX_DRUG_CONC_UM 1e6

typedef struct {
  const char *file; /* name used in messages */
  ltp_params *params;
  ltp_protocol *proto;
  ltp_error *err;
} loader;

/* ---- messages ------------------------------------------------------------------------ */

static ltp_status fail(const loader *ld, const config_setting_t *s, ltp_status st, const char *fmt,
                       ...) __attribute__((format(printf, 4, 5)));
static ltp_status fail(const loader *ld, const config_setting_t *s, ltp_status st, const char *fmt,
                       ...) {
  char msg[640];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  const char *file = s ? config_setting_source_file(s) : NULL;
  unsigned line = s ? config_setting_source_line(s) : 0;
  if (file == NULL)
    file = ld->file;
  return ltp_error_set(ld->err, st, "%s:%u: %s", file, line ? line : 1u, msg);
}

/* "where" text of a setting for messages: file:line. */
static void origin_of(const loader *ld, const config_setting_t *s, char *buf, size_t len) {
  const char *file = config_setting_source_file(s);
  snprintf(buf, len, "%s:%u", file ? file : ld->file, config_setting_source_line(s));
}

/* A time in the unit a person would use. */
static const char *fmt_ms(double ms, char *buf, size_t len) {
  if (fabs(ms) >= 2 * 3600e3 && fmod(ms, 3600e3) == 0)
    snprintf(buf, len, "%g h", ms / 3600e3);
  else if (fabs(ms) >= 60e3)
    snprintf(buf, len, "%g min", ms / 60e3);
  else if (fabs(ms) >= 1e3)
    snprintf(buf, len, "%g s", ms / 1e3);
  else
    snprintf(buf, len, "%g ms", ms);
  return buf;
}

static const char *join(const char *const *names, char *buf, size_t len) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; names[i] != NULL && used < len; i++) {
    int k = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", names[i]);
    if (k < 0)
      break;
    used += (size_t)k;
  }
  return buf;
}

/* ---- generic readers ----------------------------------------------------------------- */

static int in_list(const char *name, const char *const *list) {
  for (size_t i = 0; list[i] != NULL; i++)
    if (strcmp(list[i], name) == 0)
      return 1;
  return 0;
}

static ltp_status check_keys(const loader *ld, const config_setting_t *g,
                             const char *const *allowed, const char *where) {
  for (int i = 0; i < config_setting_length(g); i++) {
    const config_setting_t *c = config_setting_get_elem(g, (unsigned)i);
    const char *name = config_setting_name(c);
    if (name != NULL && !in_list(name, allowed)) {
      char list[400];
      return fail(ld, c, LTP_ERR_UNKNOWN_KEY, "unknown key \"%s\" in %s; allowed here: %s", name,
                  where, join(allowed, list, sizeof list));
    }
  }
  return LTP_OK;
}

static int is_number(const config_setting_t *s) {
  int t = config_setting_type(s);
  return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT;
}

static double number_of(const config_setting_t *s) {
  switch (config_setting_type(s)) {
  case CONFIG_TYPE_INT: return config_setting_get_int(s);
  case CONFIG_TYPE_INT64: return (double)config_setting_get_int64(s);
  case CONFIG_TYPE_FLOAT: return config_setting_get_float(s);
  case CONFIG_TYPE_BOOL: return config_setting_get_bool(s);
  default: return NAN;
  }
}

/* The value as written, for messages. */
static const char *text_of(const config_setting_t *s, char *buf, size_t len) {
  if (config_setting_type(s) == CONFIG_TYPE_STRING)
    return config_setting_get_string(s);
  if (is_number(s))
    snprintf(buf, len, "%g", number_of(s));
  else
    snprintf(buf, len, "(a %s)", config_setting_is_aggregate(s) ? "group or list" : "value");
  return buf;
}

static int dimensionless(const char *unit) {
  return unit[0] == '\0' || strcmp(unit, "1") == 0;
}

/* Convert one setting (string with unit, or a bare number for dimensionless units). */
static ltp_status quantity_of(const loader *ld, const config_setting_t *s, const char *key,
                              const char *unit, double *out) {
  char want[96], why[400];
  ltp_unit_describe(unit, want, sizeof want);
  if (config_setting_type(s) == CONFIG_TYPE_STRING) {
    ltp_status st = ltp_unit_convert(config_setting_get_string(s), unit, out, why, sizeof why);
    return st == LTP_OK ? st : fail(ld, s, st, "%s: %s", key, why);
  }
  if (is_number(s)) {
    if (dimensionless(unit)) {
      *out = number_of(s);
      return LTP_OK;
    }
    return fail(ld, s, LTP_ERR_UNIT,
                "%s = %g: missing unit: expected %s, written as a string "
                "such as \"%g %s\"",
                key, number_of(s), want, number_of(s), unit);
  }
  return fail(ld, s, LTP_ERR_PARSE, "%s must be a string with a unit: expected %s", key, want);
}

/* Read group.key in unit; *found tells whether it was there. A missing required key fails. */
static ltp_status get_quantity(const loader *ld, const config_setting_t *g, const char *key,
                               const char *unit, int required, double *out, int *found) {
  const config_setting_t *s = config_setting_get_member(g, key);
  if (found)
    *found = s != NULL;
  if (s != NULL)
    return quantity_of(ld, s, key, unit, out);
  if (!required)
    return LTP_OK;
  char want[96];
  return fail(ld, g, LTP_ERR_PARSE, "missing \"%s\": expected %s", key,
              ltp_unit_describe(unit, want, sizeof want));
}

/* A time inside the experiment, [0, duration]; def when absent and not required. */
static ltp_status get_time(const loader *ld, const config_setting_t *g, const char *key,
                           int required, double def, double *out) {
  int found = 0;
  ltp_status st = get_quantity(ld, g, key, "ms", required, out, &found);
  if (st != LTP_OK)
    return st;
  if (!found) {
    *out = def;
    return LTP_OK;
  }
  const config_setting_t *s = config_setting_get_member(g, key);
  char b1[32], b2[32];
  if (*out < 0 || *out > ld->proto->t_end_ms)
    return fail(ld, s, LTP_ERR_RANGE, "%s = \"%s\" is outside the experiment (0 to %s)", key,
                text_of(s, b1, sizeof b1), fmt_ms(ld->proto->t_end_ms, b2, sizeof b2));
  return LTP_OK;
}

/* A strictly positive quantity (rate, interval, concentration, window). */
static ltp_status get_positive(const loader *ld, const config_setting_t *g, const char *key,
                               const char *unit, int required, double def, double *out) {
  int found = 0;
  ltp_status st = get_quantity(ld, g, key, unit, required, out, &found);
  if (st != LTP_OK)
    return st;
  if (!found) {
    *out = def;
    return LTP_OK;
  }
  const config_setting_t *s = config_setting_get_member(g, key);
  char b[32];
  if (!(*out > 0))
    return fail(ld, s, LTP_ERR_RANGE, "%s = \"%s\" must be positive", key, text_of(s, b, sizeof b));
  return LTP_OK;
}

static ltp_status get_int(const loader *ld, const config_setting_t *g, const char *key,
                          int required, long long def, long long lo, long long hi, long long *out) {
  const config_setting_t *s = config_setting_get_member(g, key);
  if (s == NULL) {
    *out = def;
    return required ? fail(ld, g, LTP_ERR_PARSE, "missing \"%s\": expected a whole number", key)
                    : LTP_OK;
  }
  int t = config_setting_type(s);
  if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) {
    char b[32];
    return fail(ld, s, LTP_ERR_PARSE, "%s = %s: expected a whole number without quotes", key,
                text_of(s, b, sizeof b));
  }
  *out = t == CONFIG_TYPE_INT ? config_setting_get_int(s) : config_setting_get_int64(s);
  if (*out < lo || *out > hi)
    return fail(ld, s, LTP_ERR_RANGE, "%s = %lld is outside %lld..%lld", key, *out, lo, hi);
  return LTP_OK;
}

/* A count of pulses, trains, ...: lo..LTP_MAX_EVENTS. */
static ltp_status get_count(const loader *ld, const config_setting_t *g, const char *key,
                            int required, int def, int lo, int *out) {
  long long v = 0;
  ltp_status st = get_int(ld, g, key, required, def, lo, LTP_MAX_EVENTS, &v);
  *out = (int)v;
  return st;
}

static ltp_status get_string(const loader *ld, const config_setting_t *g, const char *key,
                             int required, const char **out) {
  const config_setting_t *s = config_setting_get_member(g, key);
  *out = NULL;
  if (s == NULL)
    return required ? fail(ld, g, LTP_ERR_PARSE, "missing \"%s\": expected a string", key) : LTP_OK;
  if (config_setting_type(s) != CONFIG_TYPE_STRING)
    return fail(ld, s, LTP_ERR_PARSE, "%s must be a string in double quotes", key);
  *out = config_setting_get_string(s);
  return LTP_OK;
}

/* A list of groups, e.g. stimuli = ( { ... }, { ... } ); NULL (and OK) when absent. */
static ltp_status get_list(const loader *ld, const config_setting_t *root, const char *key,
                           const config_setting_t **out) {
  *out = config_setting_get_member(root, key);
  if (*out == NULL)
    return LTP_OK;
  if (config_setting_type(*out) != CONFIG_TYPE_LIST)
    return fail(ld, *out, LTP_ERR_PARSE, "%s must be a list of groups: %s = ( { ... }, { ... } );",
                key, key);
  for (int i = 0; i < config_setting_length(*out); i++) {
    const config_setting_t *e = config_setting_get_elem(*out, (unsigned)i);
    if (config_setting_type(e) != CONFIG_TYPE_GROUP)
      return fail(ld, e, LTP_ERR_PARSE, "each entry of %s must be a group { ... }", key);
  }
  return LTP_OK;
}

/* Wrap a builder's error (no position) with the setting's FILE:LINE. */
static ltp_status wrap(const loader *ld, const config_setting_t *s, ltp_status st,
                       const ltp_error *inner) {
  return st == LTP_OK ? st : fail(ld, s, st, "%s", inner->msg);
}

/* ---- header: name, duration, pathways, seed ----------------------------------------- */

static const char *const top_keys[] = {
    "name",    "description", "duration",      "pathways", "seed", "plasticity", "cell",   "params",
    "stimuli", "clamp",       "current_steps", "drugs",    "bath", "readouts",   "traces", NULL};

static ltp_status copy_text(const loader *ld, const config_setting_t *g, const char *key, char *dst,
                            size_t cap) {
  const char *v = NULL;
  ltp_status st = get_string(ld, g, key, 0, &v);
  if (st != LTP_OK || v == NULL)
    return st;
  if (strlen(v) >= cap)
    return fail(ld, config_setting_get_member(g, key), LTP_ERR_RANGE,
                "%s is longer than %zu characters", key, cap - 1);
  snprintf(dst, cap, "%s", v);
  return LTP_OK;
}

/* Default name: the file name without directory and extension. */
static void default_name(const char *file, char *dst, size_t cap) {
  const char *base = strrchr(file, '/');
  base = base ? base + 1 : file;
  size_t n = strcspn(base, ".");
  snprintf(dst, cap, "%.*s", (int)(n < cap - 1 ? n : cap - 1), base);
}

static ltp_status load_header(const loader *ld, const config_setting_t *root, uint64_t *seed) {
  ltp_protocol *p = ld->proto;
  default_name(ld->file, p->name, sizeof p->name);
  ltp_status st = copy_text(ld, root, "name", p->name, sizeof p->name);
  if (st == LTP_OK)
    st = copy_text(ld, root, "description", p->description, sizeof p->description);
  if (st == LTP_OK)
    st = get_quantity(ld, root, "duration", "ms", 1, &p->t_end_ms, NULL);
  if (st != LTP_OK)
    return st;
  const config_setting_t *d = config_setting_get_member(root, "duration");
  char b[32];
  if (!(p->t_end_ms > 0))
    return fail(ld, d, LTP_ERR_RANGE, "duration = \"%s\" must be positive", text_of(d, b, 32));
  if (p->t_end_ms > LTP_MAX_DURATION_MS)
    return fail(ld, d, LTP_ERR_RANGE, "duration = \"%s\" is longer than the %g h limit",
                text_of(d, b, 32), LTP_MAX_DURATION_MS / 3600e3);
  long long v = 0;
  if ((st = get_int(ld, root, "pathways", 0, 1, 1, LTP_MAX_PATHWAYS, &v)) != LTP_OK)
    return st;
  p->n_pathways = (int)v;
  if ((st = get_int(ld, root, "seed", 0, 1, 0, LLONG_MAX, &v)) != LTP_OK)
    return st;
  if (seed)
    *seed = (uint64_t)v;
  return LTP_OK;
}

/* ---- params -------------------------------------------------------------------------- */

static const ltp_mech_def *find_mech(const char *name) {
  for (size_t m = 0; ltp_mech_registry[m] != NULL; m++)
    if (strcmp(ltp_mech_registry[m]->name, name) == 0)
      return ltp_mech_registry[m];
  return NULL;
}

static const char *mech_names(char *buf, size_t len) {
  const char *names[64];
  size_t n = 0;
  for (; ltp_mech_registry[n] != NULL && n < 63; n++)
    names[n] = ltp_mech_registry[n]->name;
  names[n] = NULL;
  return join(names, buf, len);
}

static const char *param_names(const ltp_mech_def *m, char *buf, size_t len) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < m->n_params && used < len; i++) {
    int k = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", m->params[i].name);
    if (k < 0)
      break;
    used += (size_t)k;
  }
  return buf;
}

void ltp_experiment_explain_unknown_param(const char *key, char *buf, size_t len) {
  char list[500], mech[64];
  size_t n = strcspn(key, ".");
  snprintf(mech, sizeof mech, "%.*s", (int)(n < 63 ? n : 63), key);
  const ltp_mech_def *m = find_mech(mech);
  if (key[n] != '.' || m == NULL)
    snprintf(buf, len, "unknown parameter \"%s\": write mech.param with a mechanism from: %s", key,
             mech_names(list, sizeof list));
  else
    snprintf(buf, len, "unknown parameter \"%s\"; %s has: %s", key, m->name,
             param_names(m, list, sizeof list));
}

static ltp_status param_value(const loader *ld, const ltp_mech_def *m, const ltp_param_def *d,
                              const config_setting_t *s, double *out) {
  char why[400], key[96];
  snprintf(key, sizeof key, "%s.%s", m->name, d->name);
  int t = config_setting_type(s);
  if (t == CONFIG_TYPE_STRING) {
    ltp_status st = ltp_param_parse_value(d, config_setting_get_string(s), out, why, sizeof why);
    return st == LTP_OK ? st : fail(ld, s, st, "%s: %s", key, why);
  }
  if (d->choices == NULL && (t == CONFIG_TYPE_BOOL || is_number(s)) && dimensionless(d->unit)) {
    *out = number_of(s);
    return LTP_OK;
  }
  if (d->choices != NULL) {
    char list[256];
    size_t used = 0;
    list[0] = '\0';
    for (size_t i = 0; d->choices[i] && used < sizeof list; i++)
      used += (size_t)snprintf(list + used, sizeof list - used, "%s\"%s\"", i ? ", " : "",
                               d->choices[i]);
    return fail(ld, s, LTP_ERR_PARSE, "%s: expected one of %s (a quoted name)", key, list);
  }
  return quantity_of(ld, s, key, d->unit, out);
}

static ltp_status load_mech_params(const loader *ld, const ltp_mech_def *m,
                                   const config_setting_t *g) {
  for (int i = 0; i < config_setting_length(g); i++) {
    const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
    char key[96], why[600];
    snprintf(key, sizeof key, "%s.%s", m->name, config_setting_name(s));
    const ltp_param_def *d = ltp_param_lookup(key, NULL);
    if (d == NULL) {
      ltp_experiment_explain_unknown_param(key, why, sizeof why);
      return fail(ld, s, LTP_ERR_UNKNOWN_KEY, "%s", why);
    }
    double v = 0;
    ltp_status st = param_value(ld, m, d, s, &v);
    if (st != LTP_OK)
      return st;
    if (ltp_param_check_value(d, v, why, sizeof why) != LTP_OK)
      return fail(ld, s, LTP_ERR_RANGE, "%s: %s", key, why);
    *ltp_param_ptr(ld->params, d) = v;
  }
  return LTP_OK;
}

/* Top-level shorthands for choice parameters: plasticity = "graupner_brunel"; is
 * plasticity.rule and cell = "point_lif"; is cell.model (read before params, so a value in
 * params in the same file wins). */
static const char *const shorthands[][2] = {{"plasticity", "plasticity.rule"},
                                            {"cell", "cell.model"}};

static ltp_status load_shorthands(const loader *ld, const config_setting_t *root) {
  ltp_status st = LTP_OK;
  for (size_t i = 0; st == LTP_OK && i < LTP_COUNT(shorthands); ++i) {
    const config_setting_t *s = config_setting_get_member(root, shorthands[i][0]);
    if (s == NULL)
      continue;
    const ltp_mech_def *m = NULL;
    const ltp_param_def *d = ltp_param_lookup(shorthands[i][1], &m);
    st = param_value(ld, m, d, s, ltp_param_ptr(ld->params, d));
  }
  return st;
}

static ltp_status load_params(const loader *ld, const config_setting_t *root) {
  ltp_status st = load_shorthands(ld, root);
  if (st != LTP_OK)
    return st;
  const config_setting_t *ps = config_setting_get_member(root, "params");
  if (ps == NULL)
    return LTP_OK;
  if (config_setting_type(ps) != CONFIG_TYPE_GROUP)
    return fail(ld, ps, LTP_ERR_PARSE,
                "params must be a group: params = { nmda = { mg_o = \"1 mM\"; }; };");
  for (int i = 0; i < config_setting_length(ps); i++) {
    const config_setting_t *g = config_setting_get_elem(ps, (unsigned)i);
    const ltp_mech_def *m = find_mech(config_setting_name(g));
    char list[400];
    if (m == NULL)
      return fail(ld, g, LTP_ERR_UNKNOWN_KEY, "unknown mechanism \"%s\" in params; mechanisms: %s",
                  config_setting_name(g), mech_names(list, sizeof list));
    if (config_setting_type(g) != CONFIG_TYPE_GROUP)
      return fail(ld, g, LTP_ERR_PARSE,
                  "params.%s must be a group: %s = { name = \"value unit\"; };", m->name, m->name);
    st = load_mech_params(ld, m, g);
    if (st != LTP_OK)
      return st;
  }
  return LTP_OK;
}

/* ---- stimuli ------------------------------------------------------------------------- */

typedef ltp_status (*stim_fn)(const loader *ld, const config_setting_t *s, int pathway);

/* from, to (default: the end) and interval of a series of test stimuli; what names the series
 * in the message when "to" is not after "from". */
static ltp_status get_test_span(const loader *ld, const config_setting_t *s, const char *what,
                                double *t0, double *t1, double *interval) {
  ltp_status st = get_time(ld, s, "from", 0, 0, t0);
  if (st == LTP_OK)
    st = get_time(ld, s, "to", 0, ld->proto->t_end_ms, t1);
  if (st == LTP_OK)
    st = get_positive(ld, s, "interval", "ms", 1, 0, interval);
  if (st == LTP_OK && !(*t1 > *t0))
    st = fail(ld, s, LTP_ERR_RANGE, "%s: \"to\" must be after \"from\"", what);
  return st;
}

/* at, rate and pulses of a regular train; a default of 0 makes the key required. */
static ltp_status get_pulse_train(const loader *ld, const config_setting_t *s,
                                  double default_rate_hz, int default_pulses, double *at,
                                  double *rate_hz, int *pulses) {
  ltp_status st = get_time(ld, s, "at", 1, 0, at);
  if (st == LTP_OK)
    st = get_positive(ld, s, "rate", "Hz", default_rate_hz <= 0, default_rate_hz, rate_hz);
  if (st == LTP_OK)
    st = get_count(ld, s, "pulses", default_pulses <= 0, default_pulses, 1, pulses);
  return st;
}

static ltp_status build_test_pulses(const loader *ld, const config_setting_t *s, int pw) {
  double t0 = 0, t1 = 0, interval = 0;
  ltp_error e = {LTP_OK, ""};
  ltp_status st = get_test_span(ld, s, "test pulses", &t0, &t1, &interval);
  if (st != LTP_OK)
    return st;
  return wrap(ld, s, ltp_stim_test_pulses(ld->proto, pw, t0, t1, interval, &e), &e);
}

/* trains and train_interval, shared by tetanus and theta_burst. */
static ltp_status get_trains(const loader *ld, const config_setting_t *s, int *n, double *ti) {
  ltp_status st = get_count(ld, s, "trains", 0, 1, 1, n);
  if (st == LTP_OK)
    st = get_positive(ld, s, "train_interval", "ms", *n > 1, 0, ti);
  return st;
}

static ltp_status build_tetanus(const loader *ld, const config_setting_t *s, int pw) {
  double at = 0, rate = 0, ti = 0;
  int pulses = 0, n_trains = 1;
  ltp_error e = {LTP_OK, ""};
  ltp_status st = get_pulse_train(ld, s, 0, 0, &at, &rate, &pulses);
  if (st == LTP_OK)
    st = get_trains(ld, s, &n_trains, &ti);
  if (st != LTP_OK)
    return st;
  return wrap(ld, s, ltp_stim_tetanus(ld->proto, pw, at, rate, pulses, n_trains, ti, &e), &e);
}

/* An LFS train starts "at" a time or ends at "end" (its last pulse; trains of different rates
 * then end together), with pulse offsets optionally rounded to a stimulator clock "grid". */
static ltp_status build_lfs(const loader *ld, const config_setting_t *s, int pw) {
  ltp_train_timing when = {0, 0, 0};
  double rate = 0;
  int pulses = 0;
  ltp_error e = {LTP_OK, ""};
  const int has_at = config_setting_get_member(s, "at") != NULL;
  const int has_end = config_setting_get_member(s, "end") != NULL;
  if (has_at == has_end)
    return fail(ld, s, LTP_ERR_PARSE,
                "an lfs stimulus needs exactly one of \"at\" (first pulse) and \"end\" (last "
                "pulse)");
  when.anchor_is_end = has_end;
  ltp_status st = get_time(ld, s, has_end ? "end" : "at", 1, 0, &when.anchor_ms);
  if (st == LTP_OK)
    st = get_positive(ld, s, "rate", "Hz", 0, 1.0, &rate);
  if (st == LTP_OK)
    st = get_count(ld, s, "pulses", 0, 900, 1, &pulses);
  if (st == LTP_OK)
    st = get_time(ld, s, "grid", 0, 0, &when.grid_ms);
  if (st != LTP_OK)
    return st;
  return wrap(ld, s, ltp_stim_lfs_timed(ld->proto, pw, &when, rate, pulses, &e), &e);
}

static ltp_status build_theta_burst(const loader *ld, const config_setting_t *s, int pw) {
  double at = 0, burst_rate = 0, theta = 0, ti = 0;
  int bursts = 0, per_burst = 0, n_trains = 1;
  ltp_error e = {LTP_OK, ""};
  ltp_status st = get_time(ld, s, "at", 1, 0, &at);
  if (st == LTP_OK)
    st = get_count(ld, s, "bursts", 0, 10, 1, &bursts);
  if (st == LTP_OK)
    st = get_count(ld, s, "pulses_per_burst", 0, 4, 1, &per_burst);
  if (st == LTP_OK)
    st = get_positive(ld, s, "burst_rate", "Hz", 0, 100, &burst_rate);
  if (st == LTP_OK)
    st = get_positive(ld, s, "theta_rate", "Hz", 0, 5, &theta);
  if (st == LTP_OK)
    st = get_trains(ld, s, &n_trains, &ti);
  if (st != LTP_OK)
    return st;
  return wrap(ld, s,
              ltp_stim_theta_burst(ld->proto, pw, at, bursts, per_burst, burst_rate, theta,
                                   n_trains, ti, &e),
              &e);
}

static ltp_status build_pairing(const loader *ld, const config_setting_t *s, int pw) {
  double at = 0, pre_rate = 0, post_rate = 0, delay = 0, repeat_rate = 0;
  int n_pre = 1, n_post = 1, repeats = 1;
  ltp_error e = {LTP_OK, ""};
  ltp_status st = get_time(ld, s, "at", 1, 0, &at);
  if (st == LTP_OK)
    st = get_count(ld, s, "pre_pulses", 0, 1, 0, &n_pre);
  if (st == LTP_OK)
    st = get_positive(ld, s, "pre_rate", "Hz", n_pre > 1, 0, &pre_rate);
  if (st == LTP_OK)
    st = get_count(ld, s, "post_spikes", 0, 1, 0, &n_post);
  if (st == LTP_OK)
    st = get_positive(ld, s, "post_rate", "Hz", n_post > 1, 0, &post_rate);
  if (st == LTP_OK)
    st = get_quantity(ld, s, "delay", "ms", 1, &delay, NULL);
  if (st == LTP_OK)
    st = get_count(ld, s, "repeats", 0, 1, 1, &repeats);
  if (st == LTP_OK)
    st = get_positive(ld, s, "repeat_rate", "Hz", repeats > 1, 0, &repeat_rate);
  if (st != LTP_OK)
    return st;
  return wrap(ld, s,
              ltp_stim_pairing(ld->proto, pw, at, n_pre, pre_rate, n_post, post_rate, delay,
                               repeats, repeat_rate, &e),
              &e);
}

static ltp_status build_clamp_pairing(const loader *ld, const config_setting_t *s, int pw) {
  double at = 0, hold = 0, rate = 0;
  int pulses = 0;
  ltp_error e = {LTP_OK, ""};
  ltp_status st = get_time(ld, s, "at", 1, 0, &at);
  if (st == LTP_OK)
    st = get_quantity(ld, s, "hold", "mV", 1, &hold, NULL);
  if (st == LTP_OK)
    st = get_positive(ld, s, "rate", "Hz", 1, 0, &rate);
  if (st == LTP_OK)
    st = get_count(ld, s, "pulses", 1, 0, 1, &pulses);
  if (st != LTP_OK)
    return st;
  return wrap(ld, s, ltp_stim_clamp_pairing(ld->proto, pw, at, hold, rate, pulses, &e), &e);
}

/* Glutamate of an uncaging pulse: `quanta` (a number: vesicles' worth of cleft glutamate) or
 * `glu` (the cleft concentration, "3 mM"), not both; one quantum when neither is given. */
static ltp_status get_uncaging_glu(const loader *ld, const config_setting_t *s, double *glu,
                                   ltp_glu_unit *unit) {
  int has_quanta = config_setting_get_member(s, "quanta") != NULL;
  int has_glu = config_setting_get_member(s, "glu") != NULL;
  if (has_quanta && has_glu)
    return fail(ld, config_setting_get_member(s, "glu"), LTP_ERR_PARSE,
                "give either \"quanta\" (vesicles' worth of glutamate) or \"glu\" (cleft "
                "concentration, e.g. \"3 mM\"), not both");
  *unit = has_glu ? LTP_GLU_MM : LTP_GLU_QUANTA;
  ltp_status st = has_glu ? get_positive(ld, s, "glu", "mM", 1, 0, glu)
                          : get_positive(ld, s, "quanta", "1", 0, 1.0, glu);
  if (st != LTP_OK)
    return st;
  ltp_error e = {LTP_OK, ""};
  const config_setting_t *where = config_setting_get_member(s, has_glu ? "glu" : "quanta");
  return wrap(ld, where ? where : s, ltp_protocol_check_uncage_glu(*glu, *unit, &e), &e);
}

/* Matsuzaki et al. 2004 (Nature 429:761): 60 pulses at 1 Hz are the defaults. */
static ltp_status build_uncaging(const loader *ld, const config_setting_t *s, int pw) {
  double at = 0, rate = 0, glu = 1;
  int pulses = 0;
  ltp_glu_unit unit = LTP_GLU_QUANTA;
  ltp_error e = {LTP_OK, ""};
  ltp_status st = get_pulse_train(ld, s, 1.0, 60, &at, &rate, &pulses);
  if (st == LTP_OK)
    st = get_uncaging_glu(ld, s, &glu, &unit);
  if (st != LTP_OK)
    return st;
  return wrap(ld, s, ltp_stim_uncaging(ld->proto, pw, at, rate, pulses, glu, unit, &e), &e);
}

static ltp_status build_test_uncaging(const loader *ld, const config_setting_t *s, int pw) {
  double t0 = 0, t1 = 0, interval = 0, glu = 1;
  ltp_glu_unit unit = LTP_GLU_QUANTA;
  ltp_error e = {LTP_OK, ""};
  ltp_status st = get_test_span(ld, s, "test uncaging", &t0, &t1, &interval);
  if (st == LTP_OK)
    st = get_uncaging_glu(ld, s, &glu, &unit);
  if (st != LTP_OK)
    return st;
  return wrap(ld, s, ltp_stim_test_uncaging(ld->proto, pw, t0, t1, interval, glu, unit, &e), &e);
}

static const char *const k_test[] = {"type", "pathway", "from", "to", "interval", NULL};
static const char *const k_tetanus[] = {"type",   "pathway",        "at", "rate", "pulses",
                                        "trains", "train_interval", NULL};
static const char *const k_lfs[] = {"type", "pathway", "at", "end", "rate", "pulses", "grid", NULL};
static const char *const k_tbs[] = {
    "type",       "pathway",    "at",     "bursts",         "pulses_per_burst",
    "burst_rate", "theta_rate", "trains", "train_interval", NULL};
static const char *const k_pairing[] = {"type",     "pathway",     "at",        "pre_pulses",
                                        "pre_rate", "post_spikes", "post_rate", "delay",
                                        "repeats",  "repeat_rate", NULL};
static const char *const k_clamp_pairing[] = {"type", "pathway", "at", "hold",
                                              "rate", "pulses",  NULL};
static const char *const k_uncaging[] = {"type",   "pathway", "at",  "rate",
                                         "pulses", "quanta",  "glu", NULL};
static const char *const k_test_uncaging[] = {"type",     "pathway", "from", "to",
                                              "interval", "quanta",  "glu",  NULL};

typedef struct {
  const char *type;
  const char *const *keys;
  stim_fn build;
} stim_kind;

static const stim_kind stim_kinds[] = {
    {"test_pulses", k_test, build_test_pulses},
    {"tetanus", k_tetanus, build_tetanus},
    {"lfs", k_lfs, build_lfs},
    {"theta_burst", k_tbs, build_theta_burst},
    {"pairing", k_pairing, build_pairing},
    {"clamp_pairing", k_clamp_pairing, build_clamp_pairing},
    {"uncaging", k_uncaging, build_uncaging},
    {"test_uncaging", k_test_uncaging, build_test_uncaging},
};

static const stim_kind *find_stim(const char *type) {
  for (size_t i = 0; i < LTP_COUNT(stim_kinds); i++)
    if (strcmp(stim_kinds[i].type, type) == 0)
      return &stim_kinds[i];
  return NULL;
}

/* Which pathway a stimulus is on (1-based in files, 0-based returned). */
static ltp_status get_pathway(const loader *ld, const config_setting_t *s, int *pw) {
  long long v = 1;
  ltp_status st = get_int(ld, s, "pathway", 0, 1, 1, INT_MAX, &v);
  if (st != LTP_OK)
    return st;
  if (v > ld->proto->n_pathways)
    return fail(ld, config_setting_get_member(s, "pathway"), LTP_ERR_RANGE,
                "pathway = %lld is out of range: this experiment has %d pathway%s (1..%d; set "
                "pathways = N at the top level for more)",
                v, ld->proto->n_pathways, ld->proto->n_pathways > 1 ? "s" : "",
                ld->proto->n_pathways);
  *pw = (int)v - 1;
  return LTP_OK;
}

/* Conditioning marks made by one stimulus, to pause that pathway's test pulses under them; its
 * setting and whether it gives test pulses, to name it when they collide. */
typedef struct {
  int pathway, gives_tests;
  size_t mark0, mark1;
  const config_setting_t *setting;
} stim_span;

static ltp_status load_stimulus(const loader *ld, const config_setting_t *s, stim_span *span) {
  const char *type = NULL;
  ltp_status st = get_string(ld, s, "type", 1, &type);
  if (st != LTP_OK)
    return st;
  const stim_kind *k = find_stim(type);
  if (k == NULL) {
    const char *names[LTP_COUNT(stim_kinds) + 1];
    char list[200];
    for (size_t i = 0; i < LTP_COUNT(stim_kinds); i++)
      names[i] = stim_kinds[i].type;
    names[LTP_COUNT(stim_kinds)] = NULL;
    return fail(ld, config_setting_get_member(s, "type"), LTP_ERR_UNKNOWN_KEY,
                "unknown stimulus type \"%s\"; types: %s", type, join(names, list, sizeof list));
  }
  char where[64];
  snprintf(where, sizeof where, "%s %s stimulus", strchr("aeiou", k->type[0]) ? "an" : "a",
           k->type);
  int pw = 0;
  if ((st = check_keys(ld, s, k->keys, where)) != LTP_OK)
    return st;
  if ((st = get_pathway(ld, s, &pw)) != LTP_OK)
    return st;
  span->pathway = pw;
  span->setting = s;
  span->gives_tests = strncmp(k->type, "test_", 5) == 0;
  span->mark0 = ld->proto->n_marks;
  st = k->build(ld, s, pw);
  span->mark1 = ld->proto->n_marks;
  return st;
}

typedef struct {
  double t_ms;
  int pathway;
} test_time;

static int cmp_test_time(const void *a, const void *b) {
  const double x = ((const test_time *)a)->t_ms, y = ((const test_time *)b)->t_ms;
  return (x > y) - (x < y);
}

/* One readout is open at a time (engine/sim.c): two test pulses closer than its window would
 * cut the first one's readout short, e.g. two pathways tested at the same instants. The blame
 * goes to the last-listed test stimulus on either pathway involved. */
static ltp_status check_test_spacing(const loader *ld, const stim_span *spans, int n) {
  const ltp_protocol *p = ld->proto;
  size_t n_tests = 0;
  for (size_t i = 0; i < p->n_events; i++)
    n_tests += ltp_event_is_test(&p->events[i]);
  if (n_tests < 2)
    return LTP_OK;
  test_time *tt = malloc(n_tests * sizeof *tt);
  if (tt == NULL)
    return ltp_error_set(ld->err, LTP_ERR_NOMEM, "out of memory");
  size_t j = 0;
  for (size_t i = 0; i < p->n_events; i++)
    if (ltp_event_is_test(&p->events[i]))
      tt[j++] = (test_time){p->events[i].t_ms, p->events[i].pathway};
  qsort(tt, n_tests, sizeof *tt, cmp_test_time);
  ltp_status st = LTP_OK;
  for (size_t i = 1; st == LTP_OK && i < n_tests; i++) {
    const test_time a = tt[i - 1], b = tt[i];
    if (b.t_ms - a.t_ms >= LTP_READOUT_WINDOW_MS)
      continue;
    int culprit = n - 1;
    while (culprit > 0 && !(spans[culprit].gives_tests && (spans[culprit].pathway == a.pathway ||
                                                           spans[culprit].pathway == b.pathway)))
      --culprit;
    st = fail(ld, spans[culprit].setting, LTP_ERR_RANGE,
              "test pulses at %g s (pathway %d) and %g s (pathway %d) are %g ms apart, closer than "
              "the %g ms readout window: the first one's readout would be cut short; interleave "
              "the pathways' test pulses (e.g. from = \"1 min\" on one of them)",
              a.t_ms / 1000.0, a.pathway + 1, b.t_ms / 1000.0, b.pathway + 1, b.t_ms - a.t_ms,
              LTP_READOUT_WINDOW_MS);
  }
  free(tt);
  return st;
}

static ltp_status load_stimuli(const loader *ld, const config_setting_t *root) {
  const config_setting_t *list = NULL;
  ltp_status st = get_list(ld, root, "stimuli", &list);
  if (st != LTP_OK || list == NULL)
    return st;
  const int n = config_setting_length(list);
  stim_span *spans = calloc((size_t)n + 1, sizeof *spans);
  if (spans == NULL)
    return ltp_error_set(ld->err, LTP_ERR_NOMEM, "out of memory");
  for (int i = 0; st == LTP_OK && i < n; i++)
    st = load_stimulus(ld, config_setting_get_elem(list, (unsigned)i), &spans[i]);
  for (int i = 0; st == LTP_OK && i < n; i++)
    for (size_t m = spans[i].mark0; m < spans[i].mark1; m++)
      ltp_protocol_drop_tests(ld->proto, spans[i].pathway, ld->proto->marks[m].t0_ms,
                              ld->proto->marks[m].t1_ms);
  if (st == LTP_OK && n > 0)
    st = check_test_spacing(ld, spans, n);
  free(spans);
  return st;
}

/* ---- clamp, current steps, drugs, bath ---------------------------------------------- */

/* from/to of an epoch: from defaults to 0, to to the end (or stays open when open_end). */
static ltp_status get_span(const loader *ld, const config_setting_t *s, const char *from_key,
                           int from_required, int open_end, double *t0, double *t1) {
  ltp_status st = get_time(ld, s, from_key, from_required, 0, t0);
  if (st == LTP_OK)
    st = get_time(ld, s, "to", 0, open_end ? INFINITY : ld->proto->t_end_ms, t1);
  if (st == LTP_OK && !(*t1 > *t0))
    st = fail(ld, s, LTP_ERR_RANGE, "\"to\" must be after \"%s\"", from_key);
  return st;
}

/* A list of epochs, each a span and one quantity: voltage-clamp epochs and current steps. */
typedef struct {
  const char *list;            /* top-level key */
  const char *const *keys;     /* the keys an element may have */
  const char *what;            /* "a clamp epoch", for the unknown-key message */
  int from_required;           /* "from" must be given (else it defaults to 0) */
  const char *quantity, *unit; /* the value's key and unit */
  ltp_status (*add)(ltp_protocol *, double t0_ms, double t1_ms, double value, ltp_error *);
} epoch_list;

static const char *const k_clamp[] = {"from", "to", "hold", NULL};
static const char *const k_step[] = {"from", "to", "amplitude", NULL};
static const epoch_list clamp_epochs = {"clamp", k_clamp, "a clamp epoch",       0,
                                        "hold",  "mV",    ltp_protocol_add_clamp};
static const epoch_list current_steps = {"current_steps", k_step, "a current step",     1,
                                         "amplitude",     "pA",   ltp_protocol_add_step};

static ltp_status load_epochs(const loader *ld, const config_setting_t *root,
                              const epoch_list *kind) {
  const config_setting_t *list = NULL;
  ltp_status st = get_list(ld, root, kind->list, &list);
  for (int i = 0; st == LTP_OK && list && i < config_setting_length(list); i++) {
    const config_setting_t *s = config_setting_get_elem(list, (unsigned)i);
    double t0 = 0, t1 = 0, value = 0;
    ltp_error e = {LTP_OK, ""};
    st = check_keys(ld, s, kind->keys, kind->what);
    if (st == LTP_OK)
      st = get_span(ld, s, "from", kind->from_required, 0, &t0, &t1);
    if (st == LTP_OK)
      st = get_quantity(ld, s, kind->quantity, kind->unit, 1, &value, NULL);
    if (st == LTP_OK)
      st = wrap(ld, s, kind->add(ld->proto, t0, t1, value, &e), &e);
  }
  return st;
}

static const char *const k_drug[] = {"name", "conc", "from", "to", NULL};

static ltp_status load_drug(const loader *ld, const config_setting_t *s) {
  const char *name = NULL;
  double conc = 0, t0 = 0, t1 = 0;
  ltp_error e = {LTP_OK, ""};
  char origin[96], list[300];
  ltp_status st = check_keys(ld, s, k_drug, "a drug application");
  if (st == LTP_OK)
    st = get_string(ld, s, "name", 1, &name);
  if (st != LTP_OK)
    return st;
  const ltp_drug_def *d = ltp_drug_lookup(name);
  if (d == NULL)
    return fail(ld, config_setting_get_member(s, "name"), LTP_ERR_UNKNOWN_KEY,
                "unknown drug \"%s\"; known drugs: %s", name, ltp_drug_names(list, sizeof list));
  st = get_positive(ld, s, "conc", "uM", 1, 0, &conc);
  if (st == LTP_OK && conc > MAX_DRUG_CONC_UM)
    st = fail(ld, config_setting_get_member(s, "conc"), LTP_ERR_RANGE,
              "conc = \"%s\" is above 1 M: not a plausible concentration",
              config_setting_get_string(config_setting_get_member(s, "conc")));
  if (st == LTP_OK)
    st = get_span(ld, s, "from", 0, 1, &t0, &t1);
  if (st != LTP_OK)
    return st;
  origin_of(ld, s, origin, sizeof origin);
  return wrap(ld, s, ltp_drug_apply(ld->proto, d, conc, t0, t1, origin, &e), &e);
}

static const char *const k_bath[] = {"name", "value", "at", "from", "to", NULL};

static ltp_status load_bath_entry(const loader *ld, const config_setting_t *s) {
  const char *name = NULL;
  char list[200], why[400], origin[96];
  ltp_error e = {LTP_OK, ""};
  ltp_status st = check_keys(ld, s, k_bath, "a bath change");
  if (st == LTP_OK)
    st = get_string(ld, s, "name", 1, &name);
  if (st != LTP_OK)
    return st;
  const ltp_bath_def *b = ltp_bath_lookup(name);
  if (b == NULL)
    return fail(ld, config_setting_get_member(s, "name"), LTP_ERR_UNKNOWN_KEY,
                "unknown bath ion \"%s\"; known: %s", name, ltp_bath_names(list, sizeof list));
  const ltp_param_def *d = ltp_param_lookup(b->target, NULL);
  const config_setting_t *vs = config_setting_get_member(s, "value");
  double v = 0, t0 = 0, t1 = 0;
  if (vs == NULL)
    return fail(ld, s, LTP_ERR_PARSE, "missing \"value\" (e.g. \"0 mM\")");
  if ((st = quantity_of(ld, vs, "value", d->unit, &v)) != LTP_OK)
    return st;
  if (ltp_param_check_value(d, v, why, sizeof why) != LTP_OK)
    return fail(ld, vs, LTP_ERR_RANGE, "%s: %s", b->target, why);
  const int has_at = config_setting_get_member(s, "at") != NULL;
  if (has_at && config_setting_get_member(s, "from") != NULL)
    return fail(ld, s, LTP_ERR_PARSE, "give either \"at\" or \"from\", not both");
  if ((st = get_span(ld, s, has_at ? "at" : "from", 0, 1, &t0, &t1)) != LTP_OK)
    return st;
  origin_of(ld, s, origin, sizeof origin);
  return wrap(ld, s, ltp_bath_apply(ld->proto, b, v, t0, t1, origin, &e), &e);
}

static ltp_status load_applications(const loader *ld, const config_setting_t *root) {
  const config_setting_t *drugs = NULL, *bath = NULL;
  ltp_status st = get_list(ld, root, "drugs", &drugs);
  for (int i = 0; st == LTP_OK && drugs && i < config_setting_length(drugs); i++)
    st = load_drug(ld, config_setting_get_elem(drugs, (unsigned)i));
  if (st == LTP_OK)
    st = get_list(ld, root, "bath", &bath);
  for (int i = 0; st == LTP_OK && bath && i < config_setting_length(bath); i++)
    st = load_bath_entry(ld, config_setting_get_elem(bath, (unsigned)i));
  return st;
}

/* ---- readouts and traces ------------------------------------------------------------- */

static const char *const k_readouts[] = {"after", "window", "baseline", NULL};

static ltp_status check_readout_time(const loader *ld, const config_setting_t *s, double after,
                                     double induction) {
  char b1[32], b2[32], b3[32];
  if (induction < 0)
    return fail(ld, s, LTP_ERR_RANGE,
                "readouts need an induction stimulus (tetanus, lfs, "
                "theta_burst, pairing or clamp_pairing) to count from");
  if (induction + after > ld->proto->t_end_ms)
    return fail(ld, s, LTP_ERR_RANGE,
                "readout %s after induction (at %s) is after the end of the experiment (%s)",
                fmt_ms(after, b1, sizeof b1), fmt_ms(induction + after, b2, sizeof b2),
                fmt_ms(ld->proto->t_end_ms, b3, sizeof b3));
  return LTP_OK;
}

static ltp_status load_after(const loader *ld, const config_setting_t *a, double induction) {
  ltp_protocol *p = ld->proto;
  int t = config_setting_type(a);
  if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST)
    return fail(ld, a, LTP_ERR_PARSE, "after must be a list of times: after = [\"5 min\", ...];");
  const int n = config_setting_length(a);
  if (n < 1 || n > LTP_MAX_READOUT_TIMES)
    return fail(ld, a, LTP_ERR_RANGE, "after has %d times: give 1..%d", n, LTP_MAX_READOUT_TIMES);
  p->n_readout_times = 0;
  for (int i = 0; i < n; i++) {
    const config_setting_t *e = config_setting_get_elem(a, (unsigned)i);
    double v = 0;
    char b[32];
    ltp_status st = quantity_of(ld, e, "after", "ms", &v);
    if (st == LTP_OK && !(v > 0))
      st = fail(ld, e, LTP_ERR_RANGE, "after = \"%s\" must be positive", text_of(e, b, 32));
    if (st == LTP_OK)
      st = check_readout_time(ld, e, v, induction);
    if (st != LTP_OK)
      return st;
    p->readout_after_ms[p->n_readout_times++] = v;
  }
  return LTP_OK;
}

static ltp_status load_readouts(const loader *ld, const config_setting_t *root) {
  ltp_protocol *p = ld->proto;
  const double induction = ltp_protocol_induction_ms(p);
  const config_setting_t *r = config_setting_get_member(root, "readouts");
  if (r == NULL) { /* defaults that fit */
    p->n_readout_times = 0;
    for (size_t i = 0; induction >= 0 && i < LTP_COUNT(default_readouts_min); i++)
      if (induction + default_readouts_min[i] * 60e3 <= p->t_end_ms)
        p->readout_after_ms[p->n_readout_times++] = default_readouts_min[i] * 60e3;
    return LTP_OK;
  }
  if (config_setting_type(r) != CONFIG_TYPE_GROUP)
    return fail(ld, r, LTP_ERR_PARSE, "readouts must be a group: readouts = { after = [...]; };");
  ltp_status st = check_keys(ld, r, k_readouts, "readouts");
  if (st == LTP_OK)
    st = get_positive(ld, r, "window", "ms", 0, p->readout_window_ms, &p->readout_window_ms);
  if (st == LTP_OK)
    st = get_positive(ld, r, "baseline", "ms", 0, p->baseline_window_ms, &p->baseline_window_ms);
  const config_setting_t *a = config_setting_get_member(r, "after");
  if (st == LTP_OK && a != NULL)
    st = load_after(ld, a, induction);
  else if (st == LTP_OK)
    p->n_readout_times = 0;
  return st;
}

static const char *const k_traces[] = {"interval", "from", "to", NULL};

static ltp_status load_traces(const loader *ld, const config_setting_t *root) {
  ltp_protocol *p = ld->proto;
  const config_setting_t *t = config_setting_get_member(root, "traces");
  if (t == NULL)
    return LTP_OK;
  if (config_setting_type(t) != CONFIG_TYPE_GROUP)
    return fail(ld, t, LTP_ERR_PARSE,
                "traces must be a group: traces = { interval = \"0.1 ms\"; };");
  ltp_status st = check_keys(ld, t, k_traces, "traces");
  if (st == LTP_OK)
    st = get_positive(ld, t, "interval", "ms", 0, p->trace_dt_ms, &p->trace_dt_ms);
  if (st != LTP_OK)
    return st;
  const int has_from = config_setting_get_member(t, "from") != NULL;
  if (has_from != (config_setting_get_member(t, "to") != NULL))
    return fail(ld, t, LTP_ERR_PARSE,
                "traces: give both \"from\" and \"to\", or neither (then "
                "1 s before to 2 s after induction)");
  if (has_from)
    st = get_span(ld, t, "from", 1, 0, &p->trace_t0_ms, &p->trace_t1_ms);
  return st;
}

/* ---- assembly ------------------------------------------------------------------------ */

static ltp_status load_all(const loader *ld, const config_setting_t *root, uint64_t *seed) {
  ltp_status st = check_keys(ld, root, top_keys, "the top level");
  if (st == LTP_OK)
    st = load_header(ld, root, seed);
  if (st == LTP_OK)
    st = load_params(ld, root);
  if (st == LTP_OK)
    st = load_epochs(ld, root, &clamp_epochs); /* before stimuli: pairing holds override */
  if (st == LTP_OK)
    st = load_epochs(ld, root, &current_steps);
  if (st == LTP_OK)
    st = load_stimuli(ld, root);
  if (st == LTP_OK)
    st = load_applications(ld, root);
  if (st == LTP_OK)
    st = load_readouts(ld, root);
  if (st == LTP_OK)
    st = load_traces(ld, root);
  if (st != LTP_OK)
    return st;
  ltp_error e = {LTP_OK, ""};
  if ((st = ltp_protocol_resolve_changes(ld->proto, ld->params, &e)) != LTP_OK)
    return ltp_error_set(ld->err, st, "%s", e.msg); /* already names FILE:LINE */
  if ((st = ltp_protocol_finalize(ld->proto, &e)) != LTP_OK)
    return ltp_error_set(ld->err, st, "%s:1: %s", ld->file, e.msg);
  return LTP_OK;
}

static ltp_status load_config(config_t *cfg, const char *name, ltp_params *params,
                              ltp_protocol *proto, uint64_t *seed, ltp_error *err) {
  loader ld = {name, params, proto, err};
  ltp_status st = load_all(&ld, config_root_setting(cfg), seed);
  if (st != LTP_OK)
    ltp_protocol_free(proto);
  return st;
}

static ltp_status syntax_error(const config_t *cfg, const char *name, ltp_error *err) {
  const char *file = config_error_file(cfg), *text = config_error_text(cfg);
  if (text == NULL || strcmp(text, "syntax error") == 0)
    text = "";
  return ltp_error_set(err, LTP_ERR_PARSE,
                       "%s:%d: syntax error%s%s (libconfig syntax: "
                       "key = value; groups { }, lists ( ), arrays [ ])",
                       file ? file : name, config_error_line(cfg), *text ? ": " : "", text);
}

static void reset(ltp_params *params, ltp_protocol *proto) {
  ltp_params_defaults(params);
  ltp_protocol_free(proto);
}

ltp_status ltp_experiment_load_string(const char *text, const char *name, ltp_params *params,
                                      ltp_protocol *proto, uint64_t *seed, ltp_error *err) {
  if (text == NULL || params == NULL || proto == NULL)
    return ltp_error_set(err, LTP_ERR_ARG, "ltp_experiment_load_string: NULL argument");
  reset(params, proto);
  config_t cfg;
  config_init(&cfg);
  ltp_status st = config_read_string(&cfg, text) == CONFIG_TRUE
                      ? load_config(&cfg, name ? name : "(string)", params, proto, seed, err)
                      : syntax_error(&cfg, name ? name : "(string)", err);
  config_destroy(&cfg);
  return st;
}

/* Open path for reading, refusing directories; LTP_ERR_IO names the path and the reason. */
static ltp_status open_file(const char *path, FILE **fp, ltp_error *err) {
  *fp = fopen(path, "r");
  if (*fp == NULL)
    return ltp_error_set(err, LTP_ERR_IO, "%s: %s", path, strerror(errno));
  struct stat sb;
  if (fstat(fileno(*fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
    fclose(*fp);
    *fp = NULL;
    return ltp_error_set(err, LTP_ERR_IO, "%s: %s", path, strerror(EISDIR));
  }
  return LTP_OK;
}

ltp_status ltp_experiment_load_file(const char *path, ltp_params *params, ltp_protocol *proto,
                                    uint64_t *seed, ltp_error *err) {
  if (path == NULL || params == NULL || proto == NULL)
    return ltp_error_set(err, LTP_ERR_ARG, "ltp_experiment_load_file: NULL argument");
  reset(params, proto);
  FILE *fp = NULL;
  ltp_status st = open_file(path, &fp, err);
  if (st != LTP_OK)
    return st;
  char dir[4096];
  const char *slash = strrchr(path, '/');
  snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
  config_t cfg;
  config_init(&cfg);
  config_set_include_dir(&cfg, dir); /* @include "x.exp" is relative to the file */
  if (config_read(&cfg, fp) == CONFIG_TRUE)
    st = load_config(&cfg, path, params, proto, seed, err);
  else
    st = syntax_error(&cfg, path, err);
  config_destroy(&cfg);
  fclose(fp);
  return st;
}

ltp_status ltp_experiment_load_default(ltp_params *params, ltp_protocol *proto, uint64_t *seed,
                                       ltp_error *err) {
  return ltp_experiment_load_string(ltp_experiment_default_text(), "default.exp", params, proto,
                                    seed, err);
}

ltp_status ltp_experiment_finalize(const ltp_params *params, ltp_protocol *proto, ltp_error *err) {
  if (params == NULL || proto == NULL)
    return ltp_error_set(err, LTP_ERR_ARG, "ltp_experiment_finalize: NULL argument");
  ltp_status st = ltp_protocol_resolve_changes(proto, params, err);
  return st == LTP_OK ? ltp_protocol_finalize(proto, err) : st;
}

/* Copy s[0..n) without surrounding blanks. */
static void trimmed(const char *s, size_t n, char *buf, size_t len) {
  while (n > 0 && (*s == ' ' || *s == '\t'))
    s++, n--;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    n--;
  snprintf(buf, len, "%.*s", (int)(n < len - 1 ? n : len - 1), s);
}

ltp_status ltp_experiment_apply_set(const char *assignment, ltp_params *params, ltp_error *err) {
  if (assignment == NULL || params == NULL)
    return ltp_error_set(err, LTP_ERR_ARG, "--set: NULL argument");
  const char *eq = strchr(assignment, '=');
  if (eq == NULL)
    return ltp_error_set(err, LTP_ERR_ARG,
                         "--set \"%s\": expected mech.param=value, e.g. nmda.mg_o=2 mM",
                         assignment);
  char key[96], value[128], why[600];
  trimmed(assignment, (size_t)(eq - assignment), key, sizeof key);
  trimmed(eq + 1, strlen(eq + 1), value, sizeof value);
  const ltp_param_def *d = ltp_param_lookup(key, NULL);
  if (d == NULL) {
    ltp_experiment_explain_unknown_param(key, why, sizeof why);
    return ltp_error_set(err, LTP_ERR_UNKNOWN_KEY, "--set \"%s\": %s", assignment, why);
  }
  double v = 0;
  ltp_status st = ltp_param_parse_value(d, value, &v, why, sizeof why);
  if (st == LTP_OK)
    st = ltp_param_check_value(d, v, why, sizeof why);
  if (st != LTP_OK)
    return ltp_error_set(err, st, "--set \"%s\": %s: %s", assignment, key, why);
  *ltp_param_ptr(params, d) = v;
  return LTP_OK;
}
