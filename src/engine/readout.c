/* Baseline normalisation and potentiation at readout times. The response measure is the
 * initial EPSP slope at the soma (the field-EPSP slope analogue), or the EPSC amplitude when
 * the soma is voltage-clamped during the test pulse; for a test uncaging pulse it is the
 * unitary EPSC of the uncaged spine. Electrical and uncaging test pulses of a pathway are
 * normalised to baselines of their own kind. */
#include "engine/readout.h"

#include <math.h>
#include <stdlib.h>

static double response(const ltp_readout *r) {
  if (r->uncaging)
    return r->uepsc_pA;
  return r->epsc_pA > 0.0 && r->epsp_slope_mV_ms == 0.0 ? r->epsc_pA : r->epsp_slope_mV_ms;
}

typedef struct {
  double response, epsc, receptors, gamma, p_release;
  size_t n;
} baseline_means;

/* Means over the readouts of one pathway and kind (uncaging or electrical) in [t0, t1). */
static baseline_means baseline_of(const ltp_results *res, int pathway, int uncaging, double t0,
                                  double t1) {
  baseline_means b = {0, 0, 0, 0, 0, 0};
  for (size_t i = 0; i < res->readouts.n; ++i) {
    const ltp_readout *r = &res->readouts.rows[i];
    if (r->pathway != pathway || r->uncaging != uncaging || r->t_ms < t0 || r->t_ms >= t1)
      continue;
    b.response += response(r);
    b.epsc += r->epsc_pA;
    b.receptors += r->n_ampa_syn;
    b.gamma += r->gamma_ampa_pS;
    b.p_release += r->p_release;
    ++b.n;
  }
  if (b.n > 0) {
    b.response /= (double)b.n;
    b.epsc /= (double)b.n;
    b.receptors /= (double)b.n;
    b.gamma /= (double)b.n;
    b.p_release /= (double)b.n;
  }
  return b;
}

static double pct(double x, double base) {
  return base != 0.0 ? 100.0 * x / base : 0.0;
}

/* The potentiation of a pathway is read from its electrical test pulses, or from its test
 * uncaging pulses when it has only those (a single-spine experiment). */
static int reads_uncaging(const ltp_results *res, int pathway) {
  int uncaging = 0;
  for (size_t i = 0; i < res->readouts.n; ++i) {
    const ltp_readout *r = &res->readouts.rows[i];
    if (r->pathway != pathway)
      continue;
    if (!r->uncaging)
      return 0;
    uncaging = 1;
  }
  return uncaging;
}

ltp_status ltp_results_analyse(ltp_results *res, const ltp_protocol *proto, ltp_error *err) {
  const double ind = ltp_protocol_induction_ms(proto);
  res->induction_ms = ind;
  const double b1 = ind >= 0.0 ? ind : proto->t_end_ms;
  const double b0 = proto->baseline_window_ms > 0.0 ? b1 - proto->baseline_window_ms : 0.0;
  baseline_means base[LTP_MAX_PATHWAYS][2]; /* [pathway][uncaging] */
  for (int k = 0; k < proto->n_pathways; ++k) {
    for (int u = 0; u < 2; ++u)
      base[k][u] = baseline_of(res, k, u, b0, b1);
    res->baseline_slope_mV_ms[k] = base[k][0].response;
    res->baseline_epsc_pA[k] = base[k][0].epsc;
    res->baseline_uepsc_pA[k] = base[k][1].response;
  }
  for (size_t i = 0; i < res->readouts.n; ++i) {
    ltp_readout *r = &res->readouts.rows[i];
    r->slope_pct = pct(response(r), base[r->pathway][r->uncaging != 0].response);
  }
  const size_t n = proto->n_readout_times * (size_t)proto->n_pathways;
  res->potentiation = calloc(n ? n : 1, sizeof *res->potentiation);
  if (res->potentiation == NULL)
    return ltp_error_set(err, LTP_ERR_NOMEM, "readouts: out of memory");
  res->n_potentiation = 0;
  if (ind < 0.0)
    return LTP_OK;
  for (int k = 0; k < proto->n_pathways; ++k) {
    const int u = reads_uncaging(res, k);
    const baseline_means *b = &base[k][u];
    for (size_t j = 0; j < proto->n_readout_times; ++j) {
      const double c = ind + proto->readout_after_ms[j], half = 0.5 * proto->readout_window_ms;
      const baseline_means m = baseline_of(res, k, u, c - half, c + half);
      ltp_potentiation *pt = &res->potentiation[res->n_potentiation++];
      pt->after_min = proto->readout_after_ms[j] / 60000.0;
      pt->pathway = k;
      pt->uncaging = u;
      pt->n_pulses = m.n;
      pt->potentiation_pct = m.n ? pct(m.response, b->response) : NAN;
      pt->receptors_pct = m.n ? pct(m.receptors, b->receptors) : NAN;
      pt->conductance_pct = m.n ? pct(m.gamma, b->gamma) : NAN;
      pt->release_pct = m.n ? pct(m.p_release, b->p_release) : NAN;
    }
  }
  return LTP_OK;
}
