/* Metrics of one run and their statistics across repeats. */
#include "sweep/metrics.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int ltp_sweep_layout_add(ltp_sweep_layout *l, const ltp_protocol *proto) {
  if (proto->n_pathways > l->n_pathways)
    l->n_pathways = proto->n_pathways;
  for (size_t j = 0; j < proto->n_readout_times; ++j) {
    const double t = proto->readout_after_ms[j];
    size_t at = 0;
    while (at < l->n_times && l->after_ms[at] < t)
      ++at;
    if (at < l->n_times && l->after_ms[at] == t)
      continue;
    if (l->n_times == LTP_MAX_READOUT_TIMES)
      return 0;
    memmove(l->after_ms + at + 1, l->after_ms + at, (l->n_times - at) * sizeof *l->after_ms);
    l->after_ms[at] = t;
    ++l->n_times;
  }
  l->n = (size_t)l->n_pathways * (l->n_times + 2);
  return 1;
}

ltp_sweep_metric ltp_sweep_metric_at(const ltp_sweep_layout *l, size_t i) {
  ltp_sweep_metric m = {LTP_METRIC_POTENTIATION, 0, 0, "", "%"};
  const size_t per = l->n_times + 2, j = i % per;
  m.pathway = (int)(i / per) + 1;
  if (j < l->n_times) {
    m.after_min = l->after_ms[j] / 60000.0;
    snprintf(m.name, sizeof m.name, "p%d_potentiation_%gmin_pct", m.pathway, m.after_min);
  } else if (j == l->n_times) {
    m.kind = LTP_METRIC_WEIGHT;
    m.unit = "1";
    snprintf(m.name, sizeof m.name, "p%d_weight", m.pathway);
  } else {
    m.kind = LTP_METRIC_PEAK_CA;
    m.unit = "uM";
    snprintf(m.name, sizeof m.name, "p%d_peak_ca_uM", m.pathway);
  }
  return m;
}

static double potentiation(const ltp_results *res, int pathway, double after_min) {
  for (size_t i = 0; i < res->n_potentiation; ++i) {
    const ltp_potentiation *p = &res->potentiation[i];
    if (p->pathway == pathway && fabs(p->after_min - after_min) < 1e-9 && p->n_pulses > 0)
      return p->potentiation_pct;
  }
  return NAN;
}

static double final_value(const ltp_results *res, const char *name) {
  for (size_t i = 0; i < res->n_final_state; ++i)
    if (strcmp(res->final_state[i].name, name) == 0)
      return res->final_state[i].value;
  return NAN;
}

void ltp_sweep_metrics_extract(const ltp_sweep_layout *l, const ltp_results *res, int n_pathways,
                               double *out) {
  for (size_t i = 0; i < l->n; ++i) {
    const ltp_sweep_metric m = ltp_sweep_metric_at(l, i);
    const int k = m.pathway - 1;
    char name[64];
    double v = NAN;
    if (k >= n_pathways) { /* a pathway this run does not have */
      out[i] = NAN;
      continue;
    }
    switch (m.kind) {
    case LTP_METRIC_POTENTIATION: v = potentiation(res, k, m.after_min); break;
    case LTP_METRIC_WEIGHT:
      snprintf(name, sizeof name, "p%d.plasticity.weight", m.pathway);
      v = final_value(res, name);
      break;
    case LTP_METRIC_PEAK_CA: v = res->peak_ca_uM[k]; break;
    }
    out[i] = isfinite(v) ? v : NAN;
  }
}

ltp_sweep_stat ltp_sweep_stat_of(const double *x, size_t n, size_t stride) {
  ltp_sweep_stat s = {0, 0.0, 0.0, NAN, NAN};
  double sum = 0.0;
  for (size_t i = 0; i < n; ++i) {
    const double v = x[i * stride];
    if (!isfinite(v))
      continue;
    sum += v;
    s.min = s.n == 0 || v < s.min ? v : s.min;
    s.max = s.n == 0 || v > s.max ? v : s.max;
    ++s.n;
  }
  if (s.n == 0)
    return (ltp_sweep_stat){0, NAN, NAN, NAN, NAN};
  s.mean = sum / (double)s.n;
  double ss = 0.0;
  for (size_t i = 0; i < n; ++i) {
    const double v = x[i * stride];
    if (isfinite(v))
      ss += (v - s.mean) * (v - s.mean);
  }
  s.sd = s.n > 1 ? sqrt(ss / (double)(s.n - 1)) : 0.0;
  return s;
}
