/* Lumped AMPA/NMDA synapse of the point model (Brunel & Wang 2001, J Comput Neurosci
 * 11:63; Wang 1999 for the saturating NMDA gating). */
#include "mech/point_synapse.h"

#include <math.h>
#include <stddef.h>

#include "core/expo.h"

#define BW "Brunel & Wang 2001 (bench/SPEC.md 2.4)"
#define P(field) offsetof(ltp_params, point_synapse.field)
static const ltp_param_def point_synapse_table[] = {
    {"g_ampa", "nS", 1.0, 0, 1e4,
     "bench/SPEC.md 2.4: 1 nS per unit weight gives a 0.23 mV EPSP at rest (W1-W2)",
     "AMPA conductance per unit of plastic weight", P(g_ampa_nS), NULL},
    {"tau_ampa", "ms", 2, 0.1, 100, BW, "AMPA decay time constant", P(tau_ampa_ms), NULL},
    {"g_nmda", "nS", 1.0, 0, 1e4, "bench/SPEC.md 2.4 (not plastic)", "maximal NMDA conductance",
     P(g_nmda_nS), NULL},
    {"tau_nmda_rise", "ms", 2, 0.1, 100, BW, "NMDA rise (x) time constant", P(tau_nmda_rise_ms),
     NULL},
    {"tau_nmda_decay", "ms", 100, 1, 1000, BW, "NMDA decay time constant", P(tau_nmda_decay_ms),
     NULL},
    {"alpha_nmda", "1/ms", 0.5, 0.001, 100, BW, "NMDA saturation rate", P(alpha_nmda_per_ms), NULL},
};
#undef P
#undef BW

const ltp_mech_def point_synapse_mech = {
    "point_synapse", "Point-model synapse: AMPA (first order) and saturating NMDA conductances",
    point_synapse_table, LTP_COUNT(point_synapse_table)};

/* Mean of e^{-t/tau} over [0, h]. */
static double mean_decay(double h_ms, double tau_ms, double decay) {
  return h_ms > 0.0 ? tau_ms * (1.0 - decay) / h_ms : 1.0;
}

void point_gating_step_init(const point_synapse_params *p, double h_ms, point_gating_step *k) {
  k->h_ms = h_ms;
  k->decay_ampa = exp(-h_ms / p->tau_ampa_ms);
  k->decay_x = exp(-h_ms / p->tau_nmda_rise_ms);
  k->decay_nmda = exp(-h_ms / p->tau_nmda_decay_ms);
  k->mean_ampa = mean_decay(h_ms, p->tau_ampa_ms, k->decay_ampa);
  k->mean_x = mean_decay(h_ms, p->tau_nmda_rise_ms, k->decay_x);
}

void point_gating_advance(const point_synapse_params *p, const point_gating_step *k,
                          point_gating *g, double *mean_s_ampa, point_nmda_course *nmda) {
  *mean_s_ampa = g->s_ampa * k->mean_ampa;
  const double x_mean = g->x_nmda * k->mean_x;
  g->s_ampa *= k->decay_ampa;
  g->x_nmda *= k->decay_x;
  /* ds/dt = a - s r with a = alpha x, r = 1/tau_N + alpha x, x held at its step mean */
  const double a = p->alpha_nmda_per_ms * x_mean, r = 1.0 / p->tau_nmda_decay_ms + a;
  const double s_inf = a / r, rh = r * k->h_ms;
  const double e = k->decay_nmda * ltp_exp_near0(-a * k->h_ms); /* e^{-r h} */
  const double s0 = g->s_nmda;
  g->s_nmda = s_inf + (s0 - s_inf) * e;
  *nmda = (point_nmda_course){s0, s_inf, r, e, s_inf + (s0 - s_inf) * (1.0 - e) / rh};
}
