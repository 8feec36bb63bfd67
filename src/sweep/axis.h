/* One swept key of ltpsim sweep: "--vary KEY=VALUES", where VALUES is a list ("0.5,1,2 mM",
 * "deterministic,stochastic") or a range of N points with both ends included
 * ("lin:FROM:TO:N UNIT", "log:FROM:TO:N UNIT"). KEY is resolved later (src/sweep/plan.c): a
 * model parameter ("nmda.mg_o") or a placeholder of the experiment file ("rate"). */
#ifndef LTP_SWEEP_AXIS_H
#define LTP_SWEEP_AXIS_H

#include <stddef.h>

#include "core/status.h"

/* Absurd-size guard: a sweep of more runs than this (points x repeats) is an input error. */
#define LTP_SWEEP_MAX_RUNS 10000000u

typedef enum {
  LTP_VALUES_LIST, /* numbers as written */
  LTP_VALUES_LIN,  /* lin:FROM:TO:N */
  LTP_VALUES_LOG,  /* log:FROM:TO:N */
  LTP_VALUES_NAMES /* words, e.g. the choices of an enumerated parameter */
} ltp_values_kind;

typedef struct {
  char key[96];   /* parameter key or placeholder name */
  char spec[256]; /* VALUES as given */
  ltp_values_kind kind;
  char unit[32]; /* unit written after the numbers ("mM"); "" for names and bare numbers */
  size_t n;
  double *x;    /* n numbers in unit; for names their index 0 .. n-1 */
  char **names; /* LTP_VALUES_NAMES: n words; otherwise NULL */
} ltp_sweep_axis;

/* Parse "KEY=VALUES" (an --vary argument) into a (zeroed or freed) axis. Numbers of a range
 * are rounded to 12 significant digits, the ends kept exact. Errors (LTP_ERR_ARG, LTP_ERR_UNIT,
 * LTP_ERR_RANGE) start with "--vary ARG: " and say what was expected. */
ltp_status ltp_sweep_axis_parse(const char *arg, ltp_sweep_axis *a, ltp_error *err);
void ltp_sweep_axis_free(ltp_sweep_axis *a);

/* Value i as text for the experiment or --set: "0.5 mM", "stochastic", "3". Returns buf. */
const char *ltp_sweep_axis_text(const ltp_sweep_axis *a, size_t i, char *buf, size_t n);

#endif
