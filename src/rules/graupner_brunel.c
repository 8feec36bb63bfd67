/* Graupner & Brunel 2012 (PNAS 109:3991) calcium-based synaptic efficacy as a rule:
 *   calcium (kernel mode): c(t) = sum_pre C_pre e^{-(t - t_i - D)/tau_Ca} H(t - t_i - D)
 *                                + sum_post C_post e^{-(t - t_j)/tau_Ca} H(t - t_j)
 *   tau drho/dt = -rho (1 - rho)(rho* - rho) + gamma_p (1 - rho) H(c - theta_p)
 *                 - gamma_d rho H(c - theta_d) + sigma sqrt(tau) sqrt(H(c - theta_p) + H(c -
 * theta_d)) eta(t) (SCIENCE.md 2b; tau in s, gammas dimensionless). In spine mode c is the engine's
 * spine Ca2+ above rest divided by ca_unit. Readout: w = w0 (1 + (b - 1) rho), reported relative to
 * the initial rho (two-state DOWN/UP synapses with w_UP = b w_DOWN).
 *
 * Numerics: between presynaptic arrivals the kernel calcium decays monotonically, so the
 * times spent above each threshold within a step are exact (tau_Ca ln(c/theta)); the step is
 * split there and rho is integrated with the drive constant on each piece (RK4 for the drift,
 * Euler-Maruyama for the additive noise, sub-steps of at most 5 % of the fastest relaxation
 * time). The kernel-mode step is therefore exact in time for any dt, and a quiet synapse
 * (no drive, no arrival pending) may be stepped by minutes at once. */
#include "rules/graupner_brunel.h"

#include <math.h>
#include <stddef.h>

#include "rules/rules.h"

static const char *const calcium_modes[] = {"kernel", "spine", NULL};
static const char *const weight_refs[] = {"initial", "down", NULL};
enum { GB_CALCIUM_KERNEL, GB_CALCIUM_SPINE };

#define FROM_SET " (negative: value of the chosen set)"
#define SRC "Graupner & Brunel 2012; synapticChange.py via SCIENCE.md 2b (table of sets)"
#define P(field) offsetof(ltp_params, rules.graupner_brunel.field)
static const ltp_param_def gb_table[] = {
    {"set", "choice", GB_SET_HIPPOCAMPAL_SLICES, 0, GB_N_SETS - 1,
     "SCIENCE.md 2b: hippocampal slices (fit to Wittenberg & Wang 2006) is the CA1 default",
     "published parameter set; the fields below override single values", P(set), gb_set_names},
    {"tau_ca", "ms", -1, -1, 1e4, SRC, "calcium decay time constant" FROM_SET, P(v.tau_ca_ms),
     NULL},
    {"c_pre", "1", -1, -1, 100, SRC, "calcium jump per presynaptic spike" FROM_SET, P(v.c_pre),
     NULL},
    {"c_post", "1", -1, -1, 100, SRC, "calcium jump per postsynaptic spike" FROM_SET, P(v.c_post),
     NULL},
    {"theta_d", "1", -1, -1, 100, SRC, "depression threshold" FROM_SET, P(v.theta_d), NULL},
    {"theta_p", "1", -1, -1, 100, SRC, "potentiation threshold" FROM_SET, P(v.theta_p), NULL},
    {"gamma_d", "1", -1, -1, 1e5, SRC, "depression rate" FROM_SET, P(v.gamma_d), NULL},
    {"gamma_p", "1", -1, -1, 1e5, SRC, "potentiation rate" FROM_SET, P(v.gamma_p), NULL},
    {"sigma", "1", -1, -1, 100, SRC, "noise amplitude" FROM_SET, P(v.sigma), NULL},
    {"tau_rho", "s", -1, -1, 1e6, SRC, "efficacy time constant tau" FROM_SET, P(v.tau_s), NULL},
    {"rho_star", "1", -1, -1, 1, SRC, "unstable fixed point (boundary of the basins)" FROM_SET,
     P(v.rho_star), NULL},
    {"delay", "ms", -1, -1, 1000, SRC, "delay D of the presynaptic calcium transient" FROM_SET,
     P(v.delay_ms), NULL},
    {"beta", "1", -1, -1, 1, SRC,
     "fraction of synapses starting DOWN (population readout)" FROM_SET, P(v.beta), NULL},
    {"b", "1", -1, -1, 1000, SRC, "UP/DOWN weight ratio" FROM_SET, P(v.b), NULL},
    {"calcium", "choice", GB_CALCIUM_KERNEL, 0, 1,
     "kernel = the published linear calcium (Graupner & Brunel 2012); spine = ltpsim's spine Ca2+",
     "calcium driving rho", P(calcium), calcium_modes},
    {"ca_unit", "uM", 1, 1e-6, 1e3,
     "[calibrate] choose so one presynaptic spike at rest gives c ~ C_pre (docs/rules.md)",
     "spine mode: Ca2+ above rest per unit of model calcium", P(ca_unit_uM), NULL},
    {"rho_init", "1", 0, 0, 1, "Graupner & Brunel 2012: synapses start DOWN (0) or UP (1)",
     "initial efficacy", P(rho_init), NULL},
    {"noise", "1", 1, 0, 1, "Graupner & Brunel 2012 (0 switches the noise term off)",
     "1: noise term on, 0: off", P(noise), NULL},
    {"weight_ref", "choice", 0, 0, 1,
     "ltpsim: initial = relative to the starting efficacy (field readouts); down = 1 + (b - 1) "
     "rho, the UP/DOWN strength of Graupner & Brunel 2012 (bench/SPEC.md 2.2: w scales AMPA)",
     "what the weight is relative to", P(weight_ref), weight_refs},
};
#undef P
#undef SRC
#undef FROM_SET

const ltp_mech_def gb_mech = {"graupner_brunel",
                              "Graupner & Brunel 2012 calcium-based efficacy rho (reduced rule)",
                              gb_table, LTP_COUNT(gb_table)};

static const double gb_empty = -1e300; /* free queue slot */

static void gb_resolve(const ltp_params *p, void *out) {
  gb_par *g = out;
  const gb_params *u = &p->rules.graupner_brunel;
  const gb_values *row = gb_set_values((int)u->set);
  if (row == NULL)
    row = gb_set_values(GB_SET_HIPPOCAMPAL_SLICES);
  ltp_rule_apply_overrides(&gb_mech, p, offsetof(ltp_params, rules.graupner_brunel.v),
                           sizeof(gb_values), row, &g->v);
  g->kernel = (int)u->calcium == GB_CALCIUM_KERNEL;
  g->ca_unit_uM = u->ca_unit_uM;
  g->rho_init = u->rho_init;
  g->noise = u->noise > 0.5;
  g->weight_down = (int)u->weight_ref == 1;
}

static void gb_init(const void *par, double *s, const ltp_rule_rng *rng) {
  (void)rng;
  const gb_par *g = par;
  s[GB_RHO] = g->rho_init;
  s[GB_CA] = 0.0;
  s[GB_CA_T] = 0.0;
  s[GB_DRAWS] = 0.0;
  for (int q = 0; q < GB_QUEUE; ++q)
    s[GB_QUEUE0 + q] = gb_empty;
}

double gb_state_calcium(const gb_par *g, const double *s, double t_ms) {
  const double age = t_ms > s[GB_CA_T] ? t_ms - s[GB_CA_T] : 0.0;
  return s[GB_CA] * exp(-age / g->v.tau_ca_ms);
}

static void ca_advance(const gb_par *g, double *s, double t_ms) {
  s[GB_CA] = gb_state_calcium(g, s, t_ms);
  s[GB_CA_T] = t_ms > s[GB_CA_T] ? t_ms : s[GB_CA_T];
}

static void gb_pre(const void *par, double *s, const double *cell, double t_ms,
                   const ltp_rule_rng *rng) {
  (void)cell, (void)rng;
  const gb_par *g = par;
  if (!g->kernel)
    return;
  if (g->v.delay_ms > 0.0)
    for (int q = 0; q < GB_QUEUE; ++q)
      if (s[GB_QUEUE0 + q] == gb_empty) {
        s[GB_QUEUE0 + q] = t_ms + g->v.delay_ms;
        return;
      }
  ca_advance(g, s, t_ms); /* no delay, or queue full: the transient starts now */
  s[GB_CA] += g->v.c_pre;
}

static void gb_post(const void *par, double *s, const double *cell, double t_ms,
                    const ltp_rule_rng *rng) {
  (void)cell, (void)rng;
  const gb_par *g = par;
  if (!g->kernel)
    return;
  ca_advance(g, s, t_ms);
  s[GB_CA] += g->v.c_post;
}

/* d rho / dt in 1/s with the drive switches held. */
static double drift(const gb_values *v, double rho, int on_p, int on_d) {
  return (-rho * (1.0 - rho) * (v->rho_star - rho) + v->gamma_p * (1.0 - rho) * on_p -
          v->gamma_d * rho * on_d) /
         v->tau_s;
}

/* Advance rho by len_ms with constant drive (RK4 drift + Euler-Maruyama noise). */
static void gb_piece(const gb_par *g, double *s, int on_p, int on_d, double len_ms,
                     const ltp_rule_rng *rng) {
  if (len_ms <= 0.0)
    return;
  const gb_values *v = &g->v;
  const double len_s = 1e-3 * len_ms;
  const double rate = (1.0 + v->gamma_p * on_p + v->gamma_d * on_d) / v->tau_s;
  const double n = ceil(len_s * rate / 0.05);
  const double h = len_s / n;
  const double kick =
      (g->noise && (on_p || on_d)) ? v->sigma * sqrt((on_p + on_d) * h / v->tau_s) : 0.0;
  double rho = s[GB_RHO];
  for (double i = 0; i < n; i += 1.0) {
    const double k1 = drift(v, rho, on_p, on_d);
    const double k2 = drift(v, rho + 0.5 * h * k1, on_p, on_d);
    const double k3 = drift(v, rho + 0.5 * h * k2, on_p, on_d);
    const double k4 = drift(v, rho + h * k3, on_p, on_d);
    rho += h / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
    if (kick > 0.0)
      rho += kick * ltp_rule_gauss(rng, &s[GB_DRAWS]);
  }
  s[GB_RHO] = rho;
}

/* Time (ms) a transient decaying from c0 stays above theta, at most len_ms. */
static double time_above(double c0, double theta, double tau_ms, double len_ms) {
  if (c0 <= theta)
    return 0.0;
  const double t = tau_ms * log(c0 / theta);
  return t < len_ms ? t : len_ms;
}

/* Integrate rho over [t0, t1] while the kernel calcium only decays (no arrival inside). */
static void gb_segment(const gb_par *g, double *s, double t0, double t1, const ltp_rule_rng *rng) {
  const double len = t1 - t0, c0 = gb_state_calcium(g, s, t0);
  const double h_d = time_above(c0, g->v.theta_d, g->v.tau_ca_ms, len);
  const double h_p = time_above(c0, g->v.theta_p, g->v.tau_ca_ms, len);
  const double cut[4] = {0.0, fmin(h_d, h_p), fmax(h_d, h_p), len};
  for (int i = 0; i < 3; ++i) {
    const double mid = 0.5 * (cut[i] + cut[i + 1]);
    gb_piece(g, s, mid < h_p, mid < h_d, cut[i + 1] - cut[i], rng);
  }
  ca_advance(g, s, t1);
}

/* Earliest queued arrival at or before t_end, or -1. */
static int next_arrival(const double *s, double t_end) {
  int best = -1;
  for (int q = 0; q < GB_QUEUE; ++q) {
    const double a = s[GB_QUEUE0 + q];
    if (a != gb_empty && a <= t_end && (best < 0 || a < s[GB_QUEUE0 + best]))
      best = q;
  }
  return best;
}

static void gb_step(const void *par, double *s, const double *cell, const ltp_rule_input *in,
                    const ltp_rule_rng *rng) {
  (void)cell;
  const gb_par *g = par;
  if (!g->kernel) {
    const double c = in->ca_uM / g->ca_unit_uM;
    gb_piece(g, s, c > g->v.theta_p, c > g->v.theta_d, in->dt_ms, rng);
    return;
  }
  double t = in->t_ms;
  const double t_end = in->t_ms + in->dt_ms;
  ca_advance(g, s, t);
  for (;;) {
    const int q = next_arrival(s, t_end);
    const double stop = q < 0 ? t_end : fmax(t, s[GB_QUEUE0 + q]);
    if (stop > t)
      gb_segment(g, s, t, stop, rng);
    t = stop;
    if (q < 0)
      break;
    s[GB_CA] += g->v.c_pre;
    s[GB_QUEUE0 + q] = gb_empty;
  }
}

static int gb_quiet(const void *par, const double *s, const double *cell,
                    const ltp_rule_input *in) {
  (void)cell;
  const gb_par *g = par;
  const double theta = fmin(g->v.theta_d, g->v.theta_p);
  if (!g->kernel)
    return in->ca_uM / g->ca_unit_uM <= theta;
  for (int q = 0; q < GB_QUEUE; ++q)
    if (s[GB_QUEUE0 + q] != gb_empty)
      return 0;
  return gb_state_calcium(g, s, in->t_ms) <= theta;
}

/* Spine mode: the drive is constant while the calcium stays on one side of each threshold. */
static int gb_regime(const void *par, const double *s, const ltp_rule_input *in) {
  (void)s;
  const gb_par *g = par;
  if (g->kernel)
    return 0; /* the kernel calcium is the rule's own; its step is exact for any dt */
  const double c = in->ca_uM / g->ca_unit_uM;
  return (c > g->v.theta_d) + 2 * (c > g->v.theta_p);
}

static double gb_weight(const void *par, const double *s) {
  const gb_par *g = par;
  const double w = 1.0 + (g->v.b - 1.0) * s[GB_RHO];
  return g->weight_down ? w : w / (1.0 + (g->v.b - 1.0) * g->rho_init);
}

const ltp_rule gb_rule = {
    .name = "graupner_brunel",
    .doc = "Graupner & Brunel 2012: bistable efficacy driven by calcium above two thresholds",
    .mech = &gb_mech,
    .par_size = sizeof(gb_par),
    .n_state = GB_N_STATE,
    .n_cell = 0,
    .resolve = gb_resolve,
    .init = gb_init,
    .cell_init = NULL,
    .pre_spike = gb_pre,
    .post_spike = gb_post,
    .cell_step = NULL,
    .step = gb_step,
    .quiet = gb_quiet,
    .regime = gb_regime,
    .weight = gb_weight,
};
