/* Hodgkin & Huxley (1952) squid-axon Na+/K+ kinetics in the NEURON `hh` convention
 * (rest near -65 mV, rates per ms at 6.3 C, Q10 = 3), at the soma only: enough to fire the
 * cell and send a spike back into the dendrite and spine. */
#include "mech/hh.h"

#include <math.h>
#include <stddef.h>

#include "mech/kinetics.h"

#define P(field) offsetof(ltp_params, hh.field)
static const ltp_param_def hh_table[] = {
    {"gna", "mS/cm2", 120, 0, 1000, "Hodgkin & Huxley 1952; NEURON hh", "peak Na+ conductance",
     P(gna_mS_cm2), NULL},
    {"gk", "mS/cm2", 36, 0, 1000, "Hodgkin & Huxley 1952; NEURON hh", "peak K+ conductance",
     P(gk_mS_cm2), NULL},
    {"ena", "mV", 50, 0, 100, "Hodgkin & Huxley 1952; NEURON hh", "Na+ reversal", P(ena_mV), NULL},
    {"ek", "mV", -77, -110, -50, "Hodgkin & Huxley 1952; NEURON hh", "K+ reversal", P(ek_mV), NULL},
    {"temp", "C", 6.3, 0, 40,
     "NEURON hh default 6.3 C: at 35 C with Q10 = 3 the squid kinetics give too brief spikes to "
     "back-propagate (docs/model.md)",
     "temperature for the HH rates", P(temp_C), NULL},
    {"q10", "1", 3, 1, 5, "Hodgkin & Huxley 1952", "temperature coefficient of the rates", P(q10),
     NULL},
    {"spike_current", "pA", 3000, 0, 100000,
     "chosen to evoke one overshooting spike that back-propagates (tests/test_engine.c)",
     "somatic current pulse used for each postsynaptic spike", P(spike_current_pA), NULL},
    {"spike_current_dur", "ms", 2, 0.1, 20, "as spike_current", "duration of that pulse",
     P(spike_current_ms), NULL},
};
#undef P

const ltp_mech_def hh_mech = {"hh", "Somatic Hodgkin-Huxley Na+/K+ spike generator", hh_table,
                              LTP_COUNT(hh_table)};

/* x / (1 - e) with e = exp(-x / k), and its limit k at x = 0 */
static double vtrap(double x, double k, double e) {
  return fabs(x / k) < 1e-6 ? k * (1.0 - x / k / 2.0) : x / (1.0 - e);
}

/* exp(0.5) and exp(-1.5): exp(-(v + 35) / 10) = exp(-(v + 40) / 10) exp(0.5), and
 * exp(-(v + 55) / 10) = exp(-(v + 40) / 10) exp(-1.5) */
#define EXP_PLUS_HALF 1.6487212707001282
#define EXP_MINUS_1_5 0.22313016014842982

typedef struct {
  double m_inf, m_tau, h_inf, h_tau, n_inf, n_tau;
} hh_rates;

double hh_rate_factor(const hh_params *p) {
  return pow(p->q10, (p->temp_C - 6.3) / 10.0);
}

static hh_rates rates_at(double phi, double v) {
  /* the three terms of slope 10 mV share one exponential: exp(-(v + 40) / 10) */
  const double e40 = exp(-(v + 40.0) / 10.0);
  const double am = 0.1 * vtrap(v + 40.0, 10.0, e40), bm = 4.0 * exp(-(v + 65.0) / 18.0);
  const double ah = 0.07 * exp(-(v + 65.0) / 20.0), bh = 1.0 / (1.0 + e40 * EXP_PLUS_HALF);
  const double an = 0.01 * vtrap(v + 55.0, 10.0, e40 * EXP_MINUS_1_5),
               bn = 0.125 * exp(-(v + 65.0) / 80.0);
  hh_rates r = {am / (am + bm),          1.0 / (phi * (am + bm)), ah / (ah + bh),
                1.0 / (phi * (ah + bh)), an / (an + bn),          1.0 / (phi * (an + bn))};
  return r;
}

static hh_rates rates(const hh_params *p, double v) {
  return rates_at(hh_rate_factor(p), v);
}

void hh_gates_rest(const hh_params *p, double v_mV, hh_gates *g) {
  const hh_rates r = rates(p, v_mV);
  g->m = r.m_inf;
  g->h = r.h_inf;
  g->n = r.n_inf;
}

void hh_gates_advance(double rate_factor, double v_mV, double dt_ms, hh_gates *g) {
  const hh_rates r = rates_at(rate_factor, v_mV);
  g->m = gate_step(g->m, r.m_inf, r.m_tau, dt_ms);
  g->h = gate_step(g->h, r.h_inf, r.h_tau, dt_ms);
  g->n = gate_step(g->n, r.n_inf, r.n_tau, dt_ms);
}

void hh_gates_step(const hh_params *p, double v_mV, double dt_ms, hh_gates *g) {
  hh_gates_advance(hh_rate_factor(p), v_mV, dt_ms, g);
}

void hh_gates_rhs(const hh_params *p, double v_mV, const hh_gates *g, hh_gates *dg) {
  const hh_rates r = rates(p, v_mV);
  dg->m = gate_rhs(g->m, r.m_inf, r.m_tau);
  dg->h = gate_rhs(g->h, r.h_inf, r.h_tau);
  dg->n = gate_rhs(g->n, r.n_inf, r.n_tau);
}

void hh_currents(const hh_params *p, const hh_gates *g, double area_um2, double *g_nS,
                 double *ge_pA) {
  /* mS/cm2 x um2 -> nS: x 1e-2 */
  const double gna = p->gna_mS_cm2 * g->m * g->m * g->m * g->h * area_um2 * 1e-2;
  const double n2 = g->n * g->n;
  const double gk = p->gk_mS_cm2 * n2 * n2 * area_um2 * 1e-2;
  *g_nS += gna + gk;
  *ge_pA += gna * p->ena_mV + gk * p->ek_mV;
}
