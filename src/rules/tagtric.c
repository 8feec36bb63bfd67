/* Tag-trigger-consolidation (TagTriC): Clopath, Ziegler, Vasilaki, Buesing & Gerstner 2008
 * (PLoS Comput Biol 4:e1000248; ModelDB 118199 tagtric.py, SCIENCE.md 1i):
 *   tags, per synapse, three states: neutral -> high (h = 1) at rate
 *     rho_H = A_LTP [u - theta_H]+ xbar [u_P - theta_L]+          (per ms)
 *   neutral -> low (l = -1) at a presynaptic spike with probability
 *     rho_L = A_LTD [u_D - theta_L]+
 *   high -> neutral at k_H, low -> neutral at k_L; a tagged synapse cannot take the opposite
 *   tag (tagtric.py: (1 - h)(1 + l) and (-1 - l)(1 - h) factors).
 *   trigger, per cell: dp/dt = -p/tau_pd + (1 - block)(1 - p)/tau_pm H(sum_i (h_i - l_i) - theta_p)
 *   consolidation: tau_z dz/dt = z (1 - z)(z - kappa) + gamma (h + l) p
 *   weight: w = w0 + g_h h + g_l l + g_z z, reported relative to the population baseline
 *   w0 + g_z f_z (f_z: fraction of synapses starting with z = 1).
 * u is the membrane potential given to the step (the paper: AdEx soma); u_P, u_D are its
 * low-pass filters, held in the cell state; xbar is the presynaptic trace
 * (tau_x dxbar/dt = -xbar + sum_k (1 ms) delta(t - t_k), as tagtric.py's per-ms update).
 * Transition draws use Philox (one uniform per possible transition and step), so a quiet step
 * of any length is exact for the tags (only decay can happen); z is integrated with RK4
 * sub-steps of at most 5 % of tau_z, p exactly for the threshold state of the step. */
#include "rules/tagtric.h"

#include <math.h>
#include <stddef.h>

#include "rules/rules.h"

#define CL08 "Clopath et al. 2008; ModelDB 118199 tagtric.py (SCIENCE.md 1i)"
#define P(field) offsetof(ltp_params, rules.tagtric.field)
static const ltp_param_def tagtric_table[] = {
    {"a_ltp", "1/mV2", 1e-3, 0, 1, CL08, "potentiation (high tag) rate amplitude", P(a_ltp), NULL},
    {"a_ltd", "1/mV", 1e-2, 0, 1, CL08, "depression (low tag) probability per spike and mV",
     P(a_ltd), NULL},
    {"theta_h", "mV", -50, -100, 50, CL08, "voltage threshold of tag potentiation", P(theta_h_mV),
     NULL},
    {"theta_l", "mV", -70.6, -100, 50, CL08 " (= E_L)", "threshold of the filtered voltages",
     P(theta_l_mV), NULL},
    {"tau_x", "ms", 100, 1, 1e4, CL08, "presynaptic trace time constant", P(tau_x_ms), NULL},
    {"tau_up", "ms", 100, 1, 1e5, CL08, "low-pass of u for potentiation (u_P)", P(tau_up_ms), NULL},
    {"tau_ud", "ms", 1000, 1, 1e5, CL08, "low-pass of u for depression (u_D)", P(tau_ud_ms), NULL},
    {"k_h", "1/s", 1.0 / 3600, 0, 1, CL08 " (tau 1 h)", "high-tag decay rate", P(k_h_per_s), NULL},
    {"k_l", "1/s", 1.0 / 5400, 0, 1, CL08 " (tau 1.5 h)", "low-tag decay rate", P(k_l_per_s), NULL},
    {"tau_pm", "s", 360, 1, 1e5, CL08, "trigger (protein synthesis) rise time", P(tau_pm_s), NULL},
    {"tau_pd", "s", 3600, 1, 1e6, CL08, "trigger decay time", P(tau_pd_s), NULL},
    {"theta_p", "1", 60, 0, 1e6, CL08 " (60 of 200 synapses; scale with the population)",
     "tagged synapses needed to start protein synthesis", P(theta_p), NULL},
    {"tau_z", "s", 360, 1, 1e6, CL08, "consolidation time constant", P(tau_z_s), NULL},
    {"kappa", "1", 0.5, 0, 1, CL08, "unstable fixed point of z", P(kappa), NULL},
    {"gamma", "1", 0.1, 0, 10, CL08, "capture strength", P(gamma), NULL},
    {"w0", "1", 1, 0, 100, CL08, "residual weight", P(w0), NULL},
    {"g_h", "1", 1, 0, 100, CL08, "weight of a high tag", P(g_h), NULL},
    {"g_l", "1", 0.5, 0, 100, CL08 " (l = -1 lowers w)", "weight of a low tag", P(g_l), NULL},
    {"g_z", "1", 2, 0, 100, CL08, "weight of consolidation", P(g_z), NULL},
    {"z_init_fraction", "1", 0.3, 0, 1, CL08 " (iu = 0.3)",
     "probability that a synapse starts consolidated (z = 1)", P(z_init_fraction), NULL},
    {"synthesis_block", "1", 0, 0, 1, "anisomycin: tagtric.py blocks the trigger rise (tp1..tp2)",
     "fraction of protein synthesis blocked", P(synthesis_block), NULL},
};
#undef P
#undef CL08

const ltp_mech_def tagtric_mech = {"tagtric",
                                   "Clopath et al. 2008 tag-trigger-consolidation (reduced rule)",
                                   tagtric_table, LTP_COUNT(tagtric_table)};

static double pos(double x) {
  return x > 0.0 ? x : 0.0;
}

static void tt_resolve(const ltp_params *p, void *out) {
  *(tagtric_par *)out = p->rules.tagtric;
}

static void tt_init(const void *par, double *s, const ltp_rule_rng *rng) {
  const tagtric_par *t = par;
  s[TT_TAG] = 0.0;
  s[TT_XBAR] = 0.0;
  s[TT_DRAWS] = 0.0;
  s[TT_Z] = ltp_rule_uniform(rng, &s[TT_DRAWS]) < t->z_init_fraction ? 1.0 : 0.0;
}

static void tt_cell_init(const void *par, double *c) {
  const tagtric_par *t = par;
  c[TT_UP] = c[TT_UD] = t->theta_l_mV; /* theta_L = E_L: the filters start at rest */
  c[TT_P] = 0.0;
  c[TT_TAGGED] = 0.0;
}

static void tt_pre(const void *par, double *s, const double *cell, double t_ms,
                   const ltp_rule_rng *rng) {
  (void)t_ms;
  const tagtric_par *t = par;
  if (s[TT_TAG] == 0.0) {
    const double p_low = t->a_ltd * pos(cell[TT_UD] - t->theta_l_mV);
    if (p_low > 0.0 && ltp_rule_uniform(rng, &s[TT_DRAWS]) < p_low)
      s[TT_TAG] = -1.0;
  }
  s[TT_XBAR] += 1.0 / t->tau_x_ms;
}

static void tt_post(const void *par, double *s, const double *cell, double t_ms,
                    const ltp_rule_rng *rng) {
  (void)par, (void)s, (void)cell, (void)t_ms, (void)rng; /* the voltage input carries post spikes */
}

static void tt_cell_step(const void *par, double *c, const double *states, size_t n,
                         const ltp_rule_input *in) {
  const tagtric_par *t = par;
  double tagged = 0.0; /* sum_i (h_i - l_i): every tagged synapse counts 1 */
  for (size_t i = 0; i < n; ++i)
    tagged += fabs(states[i * TT_N_STATE + TT_TAG]);
  c[TT_TAGGED] = tagged;
  const double dt_s = 1e-3 * in->dt_ms;
  const double on = tagged > t->theta_p ? 1.0 - t->synthesis_block : 0.0;
  const double rate = 1.0 / t->tau_pd_s + on / t->tau_pm_s; /* exact for the step */
  const double p_inf = (on / t->tau_pm_s) / rate;
  c[TT_P] = p_inf + (c[TT_P] - p_inf) * exp(-rate * dt_s);
  c[TT_UP] = in->v_mV + (c[TT_UP] - in->v_mV) * exp(-in->dt_ms / t->tau_up_ms);
  c[TT_UD] = in->v_mV + (c[TT_UD] - in->v_mV) * exp(-in->dt_ms / t->tau_ud_ms);
}

static double z_rhs(const tagtric_par *t, double z, double tag, double p) {
  return (z * (1.0 - z) * (z - t->kappa) + t->gamma * tag * p) / t->tau_z_s; /* 1/s */
}

/* Probability of a transition at rate per ms within dt_ms. */
static double chance(double rate_per_ms, double dt_ms) {
  return -expm1(-rate_per_ms * dt_ms);
}

static void tt_step(const void *par, double *s, const double *cell, const ltp_rule_input *in,
                    const ltp_rule_rng *rng) {
  const tagtric_par *t = par;
  const double dt = in->dt_ms;
  double rate = 0.0; /* per ms, of the one transition open from the current tag state */
  if (s[TT_TAG] == 0.0)
    rate = t->a_ltp * pos(in->v_mV - t->theta_h_mV) * s[TT_XBAR] * pos(cell[TT_UP] - t->theta_l_mV);
  else
    rate = 1e-3 * (s[TT_TAG] > 0.0 ? t->k_h_per_s : t->k_l_per_s);
  const double tag_before = s[TT_TAG];
  if (rate > 0.0 && ltp_rule_uniform(rng, &s[TT_DRAWS]) < chance(rate, dt))
    s[TT_TAG] = tag_before == 0.0 ? 1.0 : 0.0;
  s[TT_XBAR] *= exp(-dt / t->tau_x_ms);
  /* consolidation with the tag of the start of the step (h + l = tag) */
  const double dt_s = 1e-3 * dt;
  const double n = ceil(dt_s / (0.05 * t->tau_z_s));
  const double h = dt_s / n;
  double z = s[TT_Z];
  for (double i = 0; i < n; i += 1.0) {
    const double k1 = z_rhs(t, z, tag_before, cell[TT_P]);
    const double k2 = z_rhs(t, z + 0.5 * h * k1, tag_before, cell[TT_P]);
    const double k3 = z_rhs(t, z + 0.5 * h * k2, tag_before, cell[TT_P]);
    const double k4 = z_rhs(t, z + h * k3, tag_before, cell[TT_P]);
    z += h / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
  }
  s[TT_Z] = z;
}

static int tt_quiet(const void *par, const double *s, const double *cell,
                    const ltp_rule_input *in) {
  (void)s, (void)cell;
  /* no high tag can form below theta_H; decay, z and p are exact or sub-stepped for any dt */
  return in->v_mV <= ((const tagtric_par *)par)->theta_h_mV;
}

static double tt_weight(const void *par, const double *s) {
  const tagtric_par *t = par;
  const double h = s[TT_TAG] > 0.0 ? 1.0 : 0.0, l = s[TT_TAG] < 0.0 ? -1.0 : 0.0;
  return (t->w0 + t->g_h * h + t->g_l * l + t->g_z * s[TT_Z]) /
         (t->w0 + t->g_z * t->z_init_fraction);
}

const ltp_rule tagtric_rule = {
    .name = "tagtric",
    .doc = "Clopath et al. 2008 tag-trigger-consolidation with a cell-wide trigger",
    .mech = &tagtric_mech,
    .par_size = sizeof(tagtric_par),
    .n_state = TT_N_STATE,
    .n_cell = TT_N_CELL,
    .resolve = tt_resolve,
    .init = tt_init,
    .cell_init = tt_cell_init,
    .pre_spike = tt_pre,
    .post_spike = tt_post,
    .cell_step = tt_cell_step,
    .step = tt_step,
    .quiet = tt_quiet,
    .weight = tt_weight,
};
