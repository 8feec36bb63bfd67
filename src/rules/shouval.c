/* Shouval, Bear & Cooper 2002 (PNAS 99:10831) calcium control hypothesis, as implemented in
 * folmez/CaDP-MatLab (Omega_calcium.m, eta_calcium.m, update_w.m; SCIENCE.md 2a):
 *   dw/dt = eta(c) (Omega(c) - lambda w)
 *   Omega(c) = 0.25 + sig(c - alpha2; beta2) - 0.25 sig(c - alpha1; beta1),  sig(x;k) =
 * 1/(1+e^{-kx}) 2002:  eta(c) = 1/tau(c), tau(c) = P1/(P2 + c^P3) + P4   (s) 2005
 * stochastic-release variant (Shouval & Kalantzis 2005, CaDP-MatLab "Shouval 2004"): eta(c) =
 * c'^3/(c'^3 + k^3), c' = c + offset   (1/s) c is the spine Ca2+ above rest (uM) from ltpsim's
 * receptor/calcium layer; the stochastic release itself is release.mode = stochastic. Over a step
 * the input is constant, so w is advanced exactly: w -> w_inf + (w - w_inf) e^{-eta lambda dt},
 * w_inf = Omega/lambda; any dt is exact for constant Ca, which is what lets an engine fast-forward
 * at rest. The weight multiplier is w / w_init (w_init 0.25 = Omega(0)/lambda, the resting fixed
 * point). */
#include "rules/shouval.h"

#include <math.h>
#include <stddef.h>

#include "rules/rules.h"

const char *const shouval_set_names[] = {"bcc2002", "sk2005", NULL};

/* alpha1, alpha2 (uM), beta1, beta2 (1/uM), eta form, P1 (s), P2, P3, P4 (s), k (uM), offset (uM);
 * unused entries 0. */
static const shouval_values sets[SHOUVAL_N_SETS] = {
    {0.35, 0.55, 80, 80, SHOUVAL_ETA_TAU_FORM, 0.1, 1e-5, 3, 1, 0, 0},
    {0.40, 0.65, 30, 30, SHOUVAL_ETA_HILL_FORM, 0, 0, 0, 0, 0.6, 1e-5},
};

const shouval_values *shouval_set_values(int set) {
  return (set >= 0 && set < SHOUVAL_N_SETS) ? &sets[set] : NULL;
}

#define FROM_SET " (negative: value of the chosen set)"
#define S02 "Shouval et al. 2002; folmez/CaDP-MatLab Omega_calcium.m (SCIENCE.md 2a)"
#define SETA "Shouval et al. 2002; CaDP-MatLab eta_calcium.m, P2 corrected (SCIENCE.md 2a)"
#define S05 "Shouval & Kalantzis 2005; CaDP-MatLab 'Shouval 2004' (SCIENCE.md 2a)"
#define P(field) offsetof(ltp_params, rules.shouval.field)
static const ltp_param_def shouval_table[] = {
    {"set", "choice", SHOUVAL_SET_BCC2002, 0, SHOUVAL_N_SETS - 1,
     "bcc2002 = Shouval, Bear & Cooper 2002; sk2005 = Shouval & Kalantzis 2005",
     "published parameter set", P(set), shouval_set_names},
    {"alpha1", "uM", -1, -1, 100, S02 "; 0.40 in " S05, "LTD onset of Omega" FROM_SET,
     P(v.alpha1_uM), NULL},
    {"alpha2", "uM", -1, -1, 100, S02 "; 0.65 in " S05, "LTP onset of Omega" FROM_SET,
     P(v.alpha2_uM), NULL},
    {"beta1", "1/uM", -1, -1, 1e4, S02 "; 30 in " S05, "slope of the LTD sigmoid" FROM_SET,
     P(v.beta1_per_uM), NULL},
    {"beta2", "1/uM", -1, -1, 1e4, S02 "; 30 in " S05, "slope of the LTP sigmoid" FROM_SET,
     P(v.beta2_per_uM), NULL},
    {"p1", "s", -1, -1, 1e6, SETA, "tau(c) = P1/(P2 + c^P3) + P4: P1" FROM_SET, P(v.p1_s), NULL},
    {"p2", "1", -1, -1, 1e6, SETA, "P2" FROM_SET, P(v.p2), NULL},
    {"p3", "1", -1, -1, 10, SETA, "P3" FROM_SET, P(v.p3), NULL},
    {"p4", "s", -1, -1, 1e6, SETA, "P4" FROM_SET, P(v.p4_s), NULL},
    {"eta_k", "uM", -1, -1, 100, S05, "half-activation of the Hill learning rate" FROM_SET,
     P(v.eta_k_uM), NULL},
    {"eta_offset", "uM", -1, -1, 1, S05, "c' = c + offset in the Hill rate" FROM_SET,
     P(v.eta_offset_uM), NULL},
    {"lambda", "1", 1, 0, 100, S02 " (update_w.m)", "weight decay factor in Omega - lambda w",
     P(lambda), NULL},
    {"w_init", "1", 0.25, 1e-6, 100, "Omega(0)/lambda: the resting fixed point (Shouval 2002)",
     "initial weight (the weight multiplier is w / w_init)", P(w_init), NULL},
};
#undef P
#undef S05
#undef SETA
#undef S02
#undef FROM_SET

const ltp_mech_def shouval_mech = {
    "shouval", "Shouval, Bear & Cooper 2002 calcium control rule (reduced rule)", shouval_table,
    LTP_COUNT(shouval_table)};

static double sig(double x, double k) {
  return 1.0 / (1.0 + exp(-k * x));
}

double shouval_omega(const shouval_values *v, double c) {
  return 0.25 + sig(c - v->alpha2_uM, v->beta2_per_uM) -
         0.25 * sig(c - v->alpha1_uM, v->beta1_per_uM);
}

double shouval_eta_per_s(const shouval_values *v, double c) {
  if ((int)v->eta_form == SHOUVAL_ETA_HILL_FORM) {
    const double c3 = pow(c + v->eta_offset_uM, 3.0);
    return c3 / (c3 + pow(v->eta_k_uM, 3.0));
  }
  const double cp = c > 0.0 ? pow(c, v->p3) : 0.0;
  return 1.0 / (v->p1_s / (v->p2 + cp) + v->p4_s);
}

static void shouval_resolve(const ltp_params *p, void *out) {
  shouval_par *s = out;
  const shouval_values *row = shouval_set_values((int)p->rules.shouval.set);
  ltp_rule_apply_overrides(&shouval_mech, p, offsetof(ltp_params, rules.shouval.v),
                           sizeof(shouval_values), row ? row : &sets[0], &s->v);
  s->lambda = p->rules.shouval.lambda;
  s->w_init = p->rules.shouval.w_init;
}

static void shouval_init(const void *par, double *st, const ltp_rule_rng *rng) {
  (void)rng;
  st[SHOUVAL_W] = ((const shouval_par *)par)->w_init;
}

static void shouval_spike(const void *par, double *st, const double *cell, double t_ms,
                          const ltp_rule_rng *rng) {
  (void)par, (void)st, (void)cell, (void)t_ms, (void)rng; /* driven by calcium alone */
}

static void shouval_step(const void *par, double *st, const double *cell, const ltp_rule_input *in,
                         const ltp_rule_rng *rng) {
  (void)cell, (void)rng;
  const shouval_par *s = par;
  const double c = in->ca_uM > 0.0 ? in->ca_uM : 0.0;
  const double rate = shouval_eta_per_s(&s->v, c) * s->lambda; /* 1/s */
  if (rate <= 0.0)
    return;
  const double w_inf = shouval_omega(&s->v, c) / s->lambda;
  st[SHOUVAL_W] = w_inf + (st[SHOUVAL_W] - w_inf) * exp(-rate * 1e-3 * in->dt_ms);
}

static int shouval_quiet(const void *par, const double *st, const double *cell,
                         const ltp_rule_input *in) {
  (void)st, (void)cell;
  /* the update is exact for constant Ca; "quiet" = Ca at rest (within 1 % of alpha1) */
  return in->ca_uM <= 0.01 * ((const shouval_par *)par)->v.alpha1_uM;
}

static double shouval_weight(const void *par, const double *st) {
  return st[SHOUVAL_W] / ((const shouval_par *)par)->w_init;
}

const ltp_rule shouval_rule = {
    .name = "shouval",
    .doc = "Shouval, Bear & Cooper 2002: dw/dt = eta(Ca) (Omega(Ca) - lambda w)",
    .mech = &shouval_mech,
    .par_size = sizeof(shouval_par),
    .n_state = SHOUVAL_N_STATE,
    .n_cell = 0,
    .resolve = shouval_resolve,
    .init = shouval_init,
    .cell_init = NULL,
    .pre_spike = shouval_spike,
    .post_spike = shouval_spike,
    .cell_step = NULL,
    .step = shouval_step,
    .quiet = shouval_quiet,
    .weight = shouval_weight,
};
