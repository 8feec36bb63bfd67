/* Units: a small dimensional-analysis parser for "number unit" strings. A unit expression is a
 * product of (prefixed) unit symbols with integer powers and at most one '/', e.g. "ms",
 * "nS/um2", "ohm cm2", "1/(mM ms)". Every unit reduces to an SI scale (and, for Celsius, an
 * offset) and a vector of base-dimension exponents; conversion is allowed only between equal
 * vectors. Symbols are case-sensitive (mS is millisiemens, ms is milliseconds). */
#include "core/units.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DIM_LEN, DIM_TIME, DIM_MASS, DIM_CURRENT, DIM_AMOUNT, DIM_TEMP, N_DIMS };

typedef struct {
  double scale;  /* SI value of one unit */
  double offset; /* SI value of the unit's zero (Celsius only) */
  int dim[N_DIMS];
} quantity;

typedef struct {
  const char *sym;
  double scale, offset;
  signed char dim[N_DIMS]; /* m, s, kg, A, mol, K */
  int prefixable;
} base_unit;

/* The units this simulator's tables and experiment files use. Derived SI units are written in
 * base dimensions: V = kg m2 s-3 A-1, S = kg-1 m-2 s3 A2, Ohm = kg m2 s-3 A-2, F = kg-1 m-2 s4 A2,
 * M = mol/L = 1000 mol m-3. "C" is degrees Celsius (temperature), never coulomb. */
static const base_unit base_units[] = {
    {"s", 1, 0, {0, 1, 0, 0, 0, 0}, 1},
    {"min", 60, 0, {0, 1, 0, 0, 0, 0}, 0},
    {"h", 3600, 0, {0, 1, 0, 0, 0, 0}, 0},
    {"Hz", 1, 0, {0, -1, 0, 0, 0, 0}, 1},
    {"m", 1, 0, {1, 0, 0, 0, 0, 0}, 1},
    {"L", 1e-3, 0, {3, 0, 0, 0, 0, 0}, 1},
    {"mol", 1, 0, {0, 0, 0, 0, 1, 0}, 1},
    {"M", 1e3, 0, {-3, 0, 0, 0, 1, 0}, 1},
    {"V", 1, 0, {2, -3, 1, -1, 0, 0}, 1},
    {"A", 1, 0, {0, 0, 0, 1, 0, 0}, 1},
    {"S", 1, 0, {-2, 3, -1, 2, 0, 0}, 1},
    {"Ohm", 1, 0, {2, -3, 1, -2, 0, 0}, 1},
    {"ohm", 1, 0, {2, -3, 1, -2, 0, 0}, 1},
    {"\xce\xa9", 1, 0, {2, -3, 1, -2, 0, 0}, 1},     /* Greek capital omega */
    {"\xe2\x84\xa6", 1, 0, {2, -3, 1, -2, 0, 0}, 1}, /* ohm sign */
    {"F", 1, 0, {-2, 4, -1, 2, 0, 0}, 1},
    {"C", 1, 273.15, {0, 0, 0, 0, 0, 1}, 0},
    {"degC", 1, 273.15, {0, 0, 0, 0, 0, 1}, 0},
    {"\xc2\xb0"
     "C",
     1,
     273.15,
     {0, 0, 0, 0, 0, 1},
     0},
    {"K", 1, 0, {0, 0, 0, 0, 0, 1}, 0},
    {"%", 0.01, 0, {0, 0, 0, 0, 0, 0}, 0},
};

typedef struct {
  const char *sym;
  double scale;
} prefix;

static const prefix prefixes[] = {
    {"p", 1e-12},       {"n", 1e-9}, {"u", 1e-6}, {"\xc2\xb5", 1e-6}, /* micro sign */
    {"\xce\xbc", 1e-6},                                               /* Greek mu */
    {"m", 1e-3},        {"c", 1e-2}, {"k", 1e3},  {"M", 1e6},         {"G", 1e9},
};

/* What a dimension vector measures, for messages: name and typical units. */
typedef struct {
  signed char dim[N_DIMS];
  const char *name;
  const char *examples;
} dim_name;

static const dim_name dim_names[] = {
    {{0, 0, 0, 0, 0, 0}, "a dimensionless number", "e.g. 0.5 or 50 %"},
    {{0, 1, 0, 0, 0, 0}, "a time", "us, ms, s, min, h"},
    {{0, -1, 0, 0, 0, 0}, "a frequency or rate", "Hz, kHz, 1/s, 1/ms"},
    {{-3, 0, 0, 0, 1, 0}, "a concentration", "nM, uM, mM, M"},
    {{2, -3, 1, -1, 0, 0}, "a voltage", "mV, V"},
    {{0, 0, 0, 1, 0, 0}, "a current", "pA, nA"},
    {{-2, 3, -1, 2, 0, 0}, "a conductance", "pS, nS"},
    {{2, -3, 1, -2, 0, 0}, "a resistance", "MOhm"},
    {{-2, 4, -1, 2, 0, 0}, "a capacitance", "pF"},
    {{1, 0, 0, 0, 0, 0}, "a length", "um"},
    {{2, 0, 0, 0, 0, 0}, "an area", "um2"},
    {{3, 0, 0, 0, 0, 0}, "a volume", "um3"},
    {{-4, 3, -1, 2, 0, 0}, "a conductance density", "nS/um2, mS/cm2"},
    {{-4, 4, -1, 2, 0, 0}, "a specific capacitance", "uF/cm2"},
    {{3, -3, 1, -2, 0, 0}, "a resistivity", "ohm cm"},
    {{4, -3, 1, -2, 0, 0}, "a specific resistance", "ohm cm2"},
    {{3, -1, 0, 0, -1, 0}, "a second-order rate constant", "1/(mM ms), 1/(uM s)"},
    {{0, 0, 0, 0, 1, 0}, "an amount", "mol"},
    {{0, 0, 0, 0, 0, 1}, "a temperature", "C"},
};

static void say(char *why, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *why, size_t len, const char *fmt, ...) {
  if (why == NULL || len == 0)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, len, fmt, ap);
  va_end(ap);
}

/* ---- unit expressions ---------------------------------------------------------------- */

typedef struct {
  const char *s; /* cursor */
  int n_factors; /* symbols seen, to know whether an affine offset may apply */
  int ok;
  char bad[48]; /* the symbol that was not understood */
} uparser;

static quantity q_one(void) {
  quantity q = {1, 0, {0}};
  return q;
}

static quantity q_mul(quantity a, quantity b, int sign) {
  quantity r = {sign > 0 ? a.scale * b.scale : a.scale / b.scale, 0, {0}};
  for (int i = 0; i < N_DIMS; i++)
    r.dim[i] = a.dim[i] + sign * b.dim[i];
  return r;
}

static quantity q_pow(quantity a, int power) {
  quantity r = {pow(a.scale, power), 0, {0}};
  for (int i = 0; i < N_DIMS; i++)
    r.dim[i] = a.dim[i] * power;
  return r;
}

static int is_sym_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '%' || c >= 0x80;
}

static void skip_space(uparser *p) {
  while (*p->s == ' ' || *p->s == '\t')
    p->s++;
}

static const base_unit *find_base(const char *sym, size_t n, int need_prefixable) {
  for (size_t i = 0; i < LTP_COUNT(base_units); i++) {
    const base_unit *b = &base_units[i];
    if (strlen(b->sym) == n && strncmp(b->sym, sym, n) == 0 && (!need_prefixable || b->prefixable))
      return b;
  }
  return NULL;
}

/* One symbol such as "ms", "MOhm", "um" (without its power). */
static int lookup_symbol(const char *sym, size_t n, quantity *q) {
  const base_unit *b = find_base(sym, n, 0);
  double scale = 1;
  for (size_t i = 0; b == NULL && i < LTP_COUNT(prefixes); i++) {
    size_t k = strlen(prefixes[i].sym);
    if (n > k && strncmp(sym, prefixes[i].sym, k) == 0) {
      b = find_base(sym + k, n - k, 1);
      scale = prefixes[i].scale;
    }
  }
  if (b == NULL)
    return 0;
  q->scale = b->scale * scale;
  q->offset = b->offset;
  for (int i = 0; i < N_DIMS; i++)
    q->dim[i] = b->dim[i];
  return 1;
}

/* Optional power after a symbol: "2" as in um2, or "^-1". */
static int parse_power(uparser *p) {
  int sign = 1, power = 0, digits = 0;
  if (*p->s == '^') {
    p->s++;
    if (*p->s == '-' || *p->s == '+')
      sign = (*p->s++ == '-') ? -1 : 1;
  }
  while (*p->s >= '0' && *p->s <= '9' && digits < 3) {
    power = power * 10 + (*p->s++ - '0');
    digits++;
  }
  return digits ? sign * power : 1;
}

static quantity parse_expr(uparser *p);

static quantity parse_factor(uparser *p) {
  skip_space(p);
  if (*p->s == '(') {
    p->s++;
    quantity q = parse_expr(p);
    skip_space(p);
    if (*p->s != ')')
      p->ok = 0;
    else
      p->s++;
    p->n_factors++; /* a group never carries an offset */
    return q;
  }
  if (*p->s == '1' && !(p->s[1] >= '0' && p->s[1] <= '9')) {
    p->s++;
    return q_one();
  }
  const char *start = p->s;
  while (is_sym_char((unsigned char)*p->s))
    p->s++;
  size_t n = (size_t)(p->s - start);
  quantity q = q_one();
  if (n == 0 || !lookup_symbol(start, n, &q)) {
    if (p->ok) {
      size_t m = n ? n : strlen(start);
      snprintf(p->bad, sizeof p->bad, "%.*s", (int)(m < 40 ? m : 40), start);
    }
    p->ok = 0;
    if (n == 0 && *p->s)
      p->s++; /* make progress on a stray character */
    return q;
  }
  int power = parse_power(p);
  p->n_factors++;
  if (power != 1) {
    p->n_factors++;
    q = q_pow(q, power);
  }
  return q;
}

static int starts_factor(const char *s) {
  return *s == '(' || *s == '1' || is_sym_char((unsigned char)*s);
}

/* product [ '/' factor ] */
static quantity parse_expr(uparser *p) {
  quantity q = parse_factor(p);
  for (;;) {
    skip_space(p);
    if (*p->s == '*')
      p->s++;
    else if ((unsigned char)p->s[0] == 0xc2 && (unsigned char)p->s[1] == 0xb7)
      p->s += 2; /* · */
    skip_space(p);
    if (!p->ok || !starts_factor(p->s))
      break;
    q = q_mul(q, parse_factor(p), 1);
  }
  if (*p->s == '/') {
    p->s++;
    q = q_mul(q, parse_factor(p), -1);
    p->n_factors++;
    skip_space(p);
    if (starts_factor(p->s))
      p->ok = 0; /* "1/mM ms" is ambiguous: write 1/(mM ms) */
  }
  return q;
}

/* Parse a whole unit expression; "" and "1" are dimensionless. */
static int parse_unit(const char *text, quantity *q, char *bad, size_t bad_len) {
  uparser p = {text, 0, 1, ""};
  skip_space(&p);
  if (*p.s == '\0') {
    *q = q_one();
    return 1;
  }
  quantity r = parse_expr(&p);
  skip_space(&p);
  if (*p.s != '\0')
    p.ok = 0;
  if (!p.ok) {
    if (bad)
      snprintf(bad, bad_len, "%s", p.bad[0] ? p.bad : text);
    return 0;
  }
  if (p.n_factors > 1)
    r.offset = 0; /* Celsius offsets apply only to a lone "C" */
  *q = r;
  return 1;
}

static int same_dims(const quantity *a, const quantity *b) {
  for (int i = 0; i < N_DIMS; i++)
    if (a->dim[i] != b->dim[i])
      return 0;
  return 1;
}

static const dim_name *find_dim_name(const quantity *q) {
  for (size_t i = 0; i < LTP_COUNT(dim_names); i++) {
    int same = 1;
    for (int k = 0; k < N_DIMS; k++)
      same &= dim_names[i].dim[k] == q->dim[k];
    if (same)
      return &dim_names[i];
  }
  return NULL;
}

static const char *describe_q(const quantity *q, const char *unit, char *buf, size_t len) {
  const dim_name *d = find_dim_name(q);
  if (d)
    snprintf(buf, len, "%s (%s)", d->name, d->examples);
  else
    snprintf(buf, len, "a value in %s", unit);
  return buf;
}

/* Just the name ("a frequency or rate"), for what was given instead. */
static const char *name_q(const quantity *q, const char *unit, char *buf, size_t len) {
  const dim_name *d = find_dim_name(q);
  if (d)
    snprintf(buf, len, "%s", d->name);
  else
    snprintf(buf, len, "a value in %s", unit);
  return buf;
}

int ltp_unit_known(const char *unit) {
  quantity q;
  return unit != NULL && parse_unit(unit, &q, NULL, 0);
}

const char *ltp_unit_describe(const char *unit, char *buf, size_t len) {
  quantity q;
  if (unit == NULL || !parse_unit(unit, &q, NULL, 0)) {
    snprintf(buf, len, "a value in %s", unit ? unit : "(null)");
    return buf;
  }
  return describe_q(&q, unit, buf, len);
}

ltp_status ltp_unit_factor(const char *unit, const char *target_unit, double *factor,
                           double *offset, char *why, size_t why_len) {
  quantity from, to;
  char bad[48], want[96];
  if (unit == NULL || target_unit == NULL || factor == NULL || offset == NULL) {
    say(why, why_len, "internal error: NULL argument to ltp_unit_factor");
    return LTP_ERR_ARG;
  }
  if (!parse_unit(target_unit, &to, bad, sizeof bad)) {
    say(why, why_len, "internal error: unknown target unit \"%s\"", target_unit);
    return LTP_ERR_ARG;
  }
  if (!parse_unit(unit, &from, bad, sizeof bad)) {
    say(why, why_len, "unknown unit \"%s\": expected %s", bad,
        describe_q(&to, target_unit, want, sizeof want));
    return LTP_ERR_UNIT;
  }
  if (!same_dims(&from, &to)) {
    char got[96];
    say(why, why_len, "expected %s, got unit \"%s\" (%s)",
        describe_q(&to, target_unit, want, sizeof want), unit,
        name_q(&from, unit, got, sizeof got));
    return LTP_ERR_UNIT;
  }
  *factor = from.scale / to.scale;
  *offset = (from.offset - to.offset) / to.scale;
  return LTP_OK;
}

/* ---- numbers ------------------------------------------------------------------------- */

const char *ltp_scan_number(const char *s) {
  const char *p = s;
  int digits = 0;
  if (*p == '+' || *p == '-')
    p++;
  while (*p >= '0' && *p <= '9')
    p++, digits++;
  if (*p == '.') {
    p++;
    while (*p >= '0' && *p <= '9')
      p++, digits++;
  }
  if (digits == 0)
    return NULL;
  if (*p == 'e' || *p == 'E') {
    const char *e = p + 1;
    if (*e == '+' || *e == '-')
      e++;
    if (*e >= '0' && *e <= '9') {
      while (*e >= '0' && *e <= '9')
        e++;
      p = e;
    }
  }
  return p;
}

/* Copy text without surrounding blanks (for the unit part) into buf. */
static void trim_copy(const char *s, char *buf, size_t len) {
  while (*s == ' ' || *s == '\t')
    s++;
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    n--;
  if (n >= len)
    n = len - 1;
  memcpy(buf, s, n);
  buf[n] = '\0';
}

ltp_status ltp_unit_convert(const char *text, const char *target_unit, double *out, char *why,
                            size_t why_len) {
  quantity to;
  char want[96], unit[64];
  if (text == NULL || target_unit == NULL || out == NULL) {
    say(why, why_len, "internal error: NULL argument to ltp_unit_convert");
    return LTP_ERR_ARG;
  }
  if (!parse_unit(target_unit, &to, NULL, 0)) {
    say(why, why_len, "internal error: unknown target unit \"%s\"", target_unit);
    return LTP_ERR_ARG;
  }
  describe_q(&to, target_unit, want, sizeof want);
  const char *s = text;
  while (*s == ' ' || *s == '\t')
    s++;
  const char *end = ltp_scan_number(s);
  if (end == NULL) {
    say(why, why_len, "expected a number followed by a unit, %s, got \"%s\"", want, text);
    return LTP_ERR_UNIT;
  }
  char num[64];
  size_t n = (size_t)(end - s) < sizeof num - 1 ? (size_t)(end - s) : sizeof num - 1;
  memcpy(num, s, n);
  num[n] = '\0';
  double v = strtod(num, NULL);
  trim_copy(end, unit, sizeof unit);
  int dimensionless = find_dim_name(&to) == &dim_names[0];
  if (unit[0] == '\0' && !dimensionless) {
    say(why, why_len, "missing unit: expected %s, got \"%s\"", want, text);
    return LTP_ERR_UNIT;
  }
  double factor = 1, offset = 0;
  if (unit[0] != '\0') {
    char inner[400];
    ltp_status st = ltp_unit_factor(unit, target_unit, &factor, &offset, inner, sizeof inner);
    if (st != LTP_OK) {
      quantity from;
      char got[96];
      if (parse_unit(unit, &from, NULL, 0))
        say(why, why_len, "expected %s, got \"%s\" (%s)", want, text,
            name_q(&from, unit, got, sizeof got));
      else
        say(why, why_len, "%s; got \"%s\"", inner, text);
      return st;
    }
  }
  double r = v * factor + offset;
  if (!isfinite(r)) {
    say(why, why_len, "\"%s\" is too large to represent", text);
    return LTP_ERR_RANGE;
  }
  *out = r;
  return LTP_OK;
}

/* ---- parameter values ---------------------------------------------------------------- */

static int same_name_ci(const char *a, const char *b) {
  for (; *a && *b; a++, b++) {
    char x = (*a >= 'A' && *a <= 'Z') ? (char)(*a - 'A' + 'a') : *a;
    char y = (*b >= 'A' && *b <= 'Z') ? (char)(*b - 'A' + 'a') : *b;
    if (x != y)
      return 0;
  }
  return *a == *b;
}

static void list_choices(const ltp_param_def *d, char *buf, size_t len) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; d->choices[i] != NULL && used < len; i++) {
    int k = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", d->choices[i]);
    if (k < 0)
      break;
    used += (size_t)k;
  }
}

ltp_status ltp_param_parse_value(const ltp_param_def *d, const char *text, double *out, char *why,
                                 size_t why_len) {
  if (d == NULL || text == NULL || out == NULL) {
    say(why, why_len, "internal error: NULL argument to ltp_param_parse_value");
    return LTP_ERR_ARG;
  }
  if (d->choices != NULL) {
    char name[64], list[256];
    trim_copy(text, name, sizeof name);
    for (size_t i = 0; d->choices[i] != NULL; i++) {
      if (same_name_ci(name, d->choices[i])) {
        *out = (double)i;
        return LTP_OK;
      }
    }
    list_choices(d, list, sizeof list);
    say(why, why_len, "unknown choice \"%s\": expected one of %s", name, list);
    return LTP_ERR_UNKNOWN_KEY;
  }
  return ltp_unit_convert(text, d->unit, out, why, why_len);
}

static const char *unit_suffix(const ltp_param_def *d) {
  return (strcmp(d->unit, "1") == 0 || d->unit[0] == '\0') ? "" : d->unit;
}

ltp_status ltp_param_check_value(const ltp_param_def *d, double value, char *why, size_t why_len) {
  if (isfinite(value) && value >= d->min && value <= d->max)
    return LTP_OK;
  const char *u = unit_suffix(d);
  if (d->choices != NULL) {
    say(why, why_len, "choice index %g is outside [%g, %g]", value, d->min, d->max);
  } else {
    say(why, why_len, "%g%s%s is outside the accepted range [%g, %g]%s%s", value, *u ? " " : "", u,
        d->min, d->max, *u ? " " : "", u);
  }
  return LTP_ERR_RANGE;
}

const char *ltp_param_format_value(const ltp_param_def *d, double value, char *buf, size_t len) {
  if (d->choices != NULL) {
    size_t n = 0;
    while (d->choices[n] != NULL)
      n++;
    if (value >= 0 && value < (double)n && value == floor(value)) {
      snprintf(buf, len, "%s", d->choices[(size_t)value]);
      return buf;
    }
  }
  const char *u = unit_suffix(d);
  snprintf(buf, len, "%g%s%s", value, *u ? " " : "", u);
  return buf;
}
