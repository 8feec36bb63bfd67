/* Recorders: growable readout log and trace table, final-state values, freeing results. */
#include "engine/recorder.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Make room for one more element of elem bytes (capacity doubles, starting at first). */
static ltp_status reserve_one(void **arr, size_t *cap, size_t n, size_t elem, size_t first) {
  if (n < *cap)
    return LTP_OK;
  size_t c = *cap ? *cap : first;
  while (c <= n) {
    if (c > SIZE_MAX / 2)
      return LTP_ERR_NOMEM;
    c *= 2;
  }
  if (c > SIZE_MAX / elem)
    return LTP_ERR_NOMEM;
  void *a = realloc(*arr, c * elem);
  if (a == NULL)
    return LTP_ERR_NOMEM;
  *arr = a;
  *cap = c;
  return LTP_OK;
}

ltp_status ltp_readout_append(ltp_readout_log *log, const ltp_readout *r) {
  if (log == NULL || r == NULL)
    return LTP_ERR_ARG;
  ltp_status st = reserve_one((void **)&log->rows, &log->cap, log->n, sizeof *log->rows, 64);
  if (st != LTP_OK)
    return st;
  log->rows[log->n++] = *r;
  return LTP_OK;
}

ltp_status ltp_trace_append(ltp_trace *tr, double t_ms, const double *values) {
  if (tr == NULL || tr->n_vars > LTP_MAX_TRACE_VARS || (tr->n_vars > 0 && values == NULL))
    return LTP_ERR_ARG;
  size_t width = 1 + tr->n_vars;
  ltp_status st =
      reserve_one((void **)&tr->data, &tr->cap_rows, tr->n_rows, width * sizeof *tr->data, 256);
  if (st != LTP_OK)
    return st;
  double *row = tr->data + tr->n_rows * width;
  row[0] = t_ms;
  if (tr->n_vars > 0)
    memcpy(row + 1, values, tr->n_vars * sizeof *values);
  tr->n_rows++;
  return LTP_OK;
}

void ltp_trace_add_columns(ltp_trace *tr, const char *const *names, const char *const *units,
                           size_t n) {
  for (size_t i = 0; i < n && tr->n_vars < LTP_MAX_TRACE_VARS; ++i) {
    tr->names[tr->n_vars] = names[i];
    tr->units[tr->n_vars++] = units[i];
  }
}

size_t ltp_trace_column(const ltp_trace *tr, const char *name) {
  size_t c = 0;
  while (c < tr->n_vars && strcmp(tr->names[c], name) != 0)
    ++c;
  return c;
}

void ltp_trace_add_pathway_columns(ltp_trace *tr, int np, const char *const *names,
                                   const char *const *units, size_t n) {
  for (int k = 0; k < np; ++k)
    for (size_t i = 0; i < n && tr->n_vars < LTP_MAX_TRACE_VARS; ++i) {
      char *name = tr->name_buf[tr->n_vars];
      snprintf(name, LTP_TRACE_NAME_MAX, "p%d.%s", k + 1, names[i]);
      tr->names[tr->n_vars] = name;
      tr->units[tr->n_vars++] = units[i];
    }
}

ltp_status ltp_results_add_state(ltp_results *res, const char *name, const char *unit,
                                 double value) {
  if (res == NULL || name == NULL || name[0] == '\0')
    return LTP_ERR_ARG;
  if (unit == NULL)
    unit = "";
  ltp_state_value v;
  if (strlen(name) >= sizeof v.name || strlen(unit) >= sizeof v.unit)
    return LTP_ERR_ARG;
  if (res->n_final_state >= SIZE_MAX / sizeof v - 1)
    return LTP_ERR_NOMEM;
  ltp_state_value *a = realloc(res->final_state, (res->n_final_state + 1) * sizeof *a);
  if (a == NULL)
    return LTP_ERR_NOMEM;
  memset(&v, 0, sizeof v);
  memcpy(v.name, name, strlen(name) + 1);
  memcpy(v.unit, unit, strlen(unit) + 1);
  v.value = value;
  a[res->n_final_state++] = v;
  res->final_state = a;
  return LTP_OK;
}

void ltp_results_free(ltp_results *res) {
  if (res == NULL)
    return;
  free(res->readouts.rows);
  free(res->trace.data);
  free(res->state.data);
  free(res->potentiation);
  free(res->final_state);
  memset(res, 0, sizeof *res);
}
