/* Parsing --vary KEY=VALUES: lists of numbers with one unit, lists of words, lin and log
 * ranges; the generated values and their text. */
#include "sweep/axis.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/units.h"

#define RANGE_DIGITS 12 /* significant digits of generated range values */

void ltp_sweep_axis_free(ltp_sweep_axis *a) {
  for (size_t i = 0; a->names != NULL && i < a->n; ++i)
    free(a->names[i]);
  free(a->names);
  free(a->x);
  memset(a, 0, sizeof *a);
}

/* s[0..n) without surrounding blanks into buf; 0 when it does not fit. */
static int trim_into(const char *s, size_t n, char *buf, size_t len) {
  while (n > 0 && isspace((unsigned char)*s))
    ++s, --n;
  while (n > 0 && isspace((unsigned char)s[n - 1]))
    --n;
  if (n >= len)
    return 0;
  memcpy(buf, s, n);
  buf[n] = '\0';
  return 1;
}

static int is_word(const char *s) {
  if (!isalpha((unsigned char)*s) && *s != '_')
    return 0;
  for (; *s; ++s)
    if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
      return 0;
  return 1;
}

/* A number at the start of item; *unit receives what follows it (trimmed). 0: no number. */
static int split_number(const char *item, double *x, char *unit, size_t len) {
  const char *end = ltp_scan_number(item);
  if (end == NULL)
    return 0;
  *x = strtod(item, NULL);
  return trim_into(end, strlen(end), unit, len) && isfinite(*x);
}

static ltp_status check_unit(const ltp_sweep_axis *a, const char *arg, ltp_error *err) {
  if (a->unit[0] == '\0' || ltp_unit_known(a->unit))
    return LTP_OK;
  return ltp_error_set(err, LTP_ERR_UNIT,
                       "--vary %s: unknown unit \"%s\": expected a unit such as ms, Hz, mM or "
                       "mV after the numbers",
                       arg, a->unit);
}

/* "v1,v2,... [UNIT]": numbers (one unit, written after the last or after each) or words. */
static ltp_status parse_list(ltp_sweep_axis *a, const char *arg, const char *text, ltp_error *err) {
  size_t n = 1;
  for (const char *c = text; *c; ++c)
    n += *c == ',';
  a->x = calloc(n, sizeof *a->x);
  char **names = calloc(n, sizeof *names);
  if (a->x == NULL || names == NULL) {
    free(names);
    return ltp_error_set(err, LTP_ERR_NOMEM, "--vary %s: out of memory", arg);
  }
  a->names = names;
  a->n = n;
  int numbers = 0, words = 0;
  const char *item = text;
  for (size_t i = 0; i < n; ++i) {
    const char *comma = strchr(item, ',');
    const size_t len = comma ? (size_t)(comma - item) : strlen(item);
    char tok[128], unit[sizeof a->unit];
    if (!trim_into(item, len, tok, sizeof tok) || tok[0] == '\0')
      return ltp_error_set(err, LTP_ERR_ARG,
                           "--vary %s: value %zu is empty or too long; expected a list such as "
                           "0.5,1,2 mM or a range lin:FROM:TO:N UNIT, log:FROM:TO:N UNIT",
                           arg, i + 1);
    if (split_number(tok, &a->x[i], unit, sizeof unit)) {
      ++numbers;
      if (unit[0] != '\0' && a->unit[0] != '\0' && strcmp(unit, a->unit) != 0)
        return ltp_error_set(err, LTP_ERR_UNIT,
                             "--vary %s: values in different units (\"%s\" and \"%s\"); write "
                             "the numbers with one unit at the end, e.g. 0.5,1,2 mM",
                             arg, a->unit, unit);
      if (unit[0] != '\0')
        snprintf(a->unit, sizeof a->unit, "%s", unit);
    } else if (is_word(tok)) {
      ++words;
      a->x[i] = (double)i;
      if ((names[i] = strdup(tok)) == NULL)
        return ltp_error_set(err, LTP_ERR_NOMEM, "--vary %s: out of memory", arg);
    } else {
      return ltp_error_set(err, LTP_ERR_ARG,
                           "--vary %s: cannot read value \"%s\": expected a number (with a unit, "
                           "e.g. 2 mM) or a name (e.g. stochastic)",
                           arg, tok);
    }
    item = comma ? comma + 1 : item + len;
  }
  if (numbers > 0 && words > 0)
    return ltp_error_set(err, LTP_ERR_ARG, "--vary %s: mixes numbers and names", arg);
  a->kind = words > 0 ? LTP_VALUES_NAMES : LTP_VALUES_LIST;
  if (words == 0) {
    free(a->names);
    a->names = NULL;
  }
  return check_unit(a, arg, err);
}

/* "lin:FROM:TO:N UNIT" or "log:FROM:TO:N UNIT". */
static ltp_status parse_range(ltp_sweep_axis *a, const char *arg, const char *text,
                              ltp_error *err) {
  const int is_log = strncmp(text, "log:", 4) == 0;
  a->kind = is_log ? LTP_VALUES_LOG : LTP_VALUES_LIN;
  char from_s[64], to_s[64], rest[96], unit[64];
  const char *p = text + 4, *c1 = strchr(p, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
  double from = 0, to = 0, count = 0;
  const int ok = c1 && c2 && trim_into(p, (size_t)(c1 - p), from_s, sizeof from_s) &&
                 trim_into(c1 + 1, (size_t)(c2 - c1 - 1), to_s, sizeof to_s) &&
                 trim_into(c2 + 1, strlen(c2 + 1), rest, sizeof rest) &&
                 split_number(from_s, &from, unit, sizeof unit) && unit[0] == '\0' &&
                 split_number(to_s, &to, unit, sizeof unit) && unit[0] == '\0' &&
                 split_number(rest, &count, a->unit, sizeof a->unit);
  if (!ok)
    return ltp_error_set(err, LTP_ERR_ARG,
                         "--vary %s: cannot read the range; expected %s:FROM:TO:N UNIT (N points "
                         "from FROM to TO, both included), e.g. %s",
                         arg, is_log ? "log" : "lin", is_log ? "log:1:100:5 Hz" : "lin:0:4:9 mM");
  if (count != floor(count) || count < 2 || count > LTP_SWEEP_MAX_RUNS)
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "--vary %s: N = %s points: expected a whole number from 2 to %u", arg,
                         rest, LTP_SWEEP_MAX_RUNS);
  if (is_log && (from <= 0 || to <= 0))
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "--vary %s: a log range needs FROM > 0 and TO > 0 (got %g and %g)", arg,
                         from, to);
  a->n = (size_t)count;
  if ((a->x = calloc(a->n, sizeof *a->x)) == NULL)
    return ltp_error_set(err, LTP_ERR_NOMEM, "--vary %s: out of memory", arg);
  const double last = (double)(a->n - 1);
  for (size_t i = 0; i < a->n; ++i) {
    const double f = (double)i / last;
    const double x = is_log ? exp(log(from) + f * (log(to) - log(from))) : from + f * (to - from);
    a->x[i] = i == 0 ? from : i + 1 == a->n ? to : ltp_round_significant(x, RANGE_DIGITS);
  }
  return check_unit(a, arg, err);
}

ltp_status ltp_sweep_axis_parse(const char *arg, ltp_sweep_axis *a, ltp_error *err) {
  memset(a, 0, sizeof *a);
  const char *eq = strchr(arg, '=');
  if (eq == NULL || !trim_into(arg, (size_t)(eq - arg), a->key, sizeof a->key) || a->key[0] == '\0')
    return ltp_error_set(err, LTP_ERR_ARG,
                         "--vary %s: expected KEY=VALUES, e.g. nmda.mg_o=0.5,1,2 mM or "
                         "rate=lin:1:50:5 Hz",
                         arg);
  if (!trim_into(eq + 1, strlen(eq + 1), a->spec, sizeof a->spec) || a->spec[0] == '\0')
    return ltp_error_set(err, LTP_ERR_ARG, "--vary %s: no values after '=' (or too long)", arg);
  ltp_status st = strncmp(a->spec, "lin:", 4) == 0 || strncmp(a->spec, "log:", 4) == 0
                      ? parse_range(a, arg, a->spec, err)
                      : parse_list(a, arg, a->spec, err);
  if (st != LTP_OK)
    ltp_sweep_axis_free(a);
  return st;
}

const char *ltp_sweep_axis_text(const ltp_sweep_axis *a, size_t i, char *buf, size_t n) {
  if (a->names != NULL) {
    snprintf(buf, n, "%s", a->names[i]);
    return buf;
  }
  char num[40];
  ltp_format_exact(a->x[i], num, sizeof num);
  snprintf(buf, n, "%s%s%s", num, a->unit[0] ? " " : "", a->unit);
  return buf;
}
