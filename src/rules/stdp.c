/* Trace-based STDP (Pfister & Gerstner 2006, J Neurosci 26:9673; pair rule: Song, Miller &
 * Abbott 2000). Traces r1, r2 (presynaptic) and o1, o2 (postsynaptic) decay exponentially with
 * tau+, tau_x, tau-, tau_y and at each spike jump by 1 (all-to-all) or are reset to 1 (nearest
 * spike). Updates, with traces read just before the spike's own increment:
 *   pre:  w <- w - o1 (A2- + A3- r2)
 *   post: w <- w + r1 (A2+ + A3+ o2)
 * w is kept in [w_min, w_max] (hard bounds, additive rule). Traces are advanced in closed form
 * at spikes only, so the rule is always quiet and step() has nothing to do: an engine may
 * fast-forward through any stretch without spikes. A time constant of 0 marks a trace the set
 * does not use; it then reads 0. */
#include "rules/stdp.h"

#include <math.h>
#include <string.h>

#include "rules/rules.h"

const char *const stdp_scheme_names[] = {"set", "all_to_all", "nearest", NULL};

void stdp_resolve_from(const ltp_mech_def *mech, const ltp_params *p, size_t params_offset,
                       const stdp_values *row, stdp_par *out) {
  stdp_params user;
  memcpy(&user, (const char *)p + params_offset, sizeof user);
  ltp_rule_apply_overrides(mech, p, params_offset + offsetof(stdp_params, v), sizeof(stdp_values),
                           row, &out->v);
  if (user.scheme >= 1.0) /* 0 = "set": keep the set's scheme */
    out->v.scheme = user.scheme - 1.0;
  out->w_init = user.w_init;
  out->w_min = user.w_min;
  out->w_max = user.w_max;
}

void stdp_init(const void *par, double *s, const ltp_rule_rng *rng) {
  (void)rng;
  memset(s, 0, STDP_N_STATE * sizeof *s);
  s[STDP_W] = ((const stdp_par *)par)->w_init;
}

static double decay(double tau_ms, double elapsed_ms) {
  return tau_ms > 0.0 ? exp(-elapsed_ms / tau_ms) : 0.0;
}

static void advance(const stdp_par *p, double *s, double t_ms) {
  const double e = t_ms > s[STDP_T] ? t_ms - s[STDP_T] : 0.0;
  s[STDP_R1] *= decay(p->v.tau_plus_ms, e);
  s[STDP_R2] *= decay(p->v.tau_x_ms, e);
  s[STDP_O1] *= decay(p->v.tau_minus_ms, e);
  s[STDP_O2] *= decay(p->v.tau_y_ms, e);
  s[STDP_T] = t_ms > s[STDP_T] ? t_ms : s[STDP_T];
}

static void bump(const stdp_par *p, double *trace) {
  *trace = (int)p->v.scheme == STDP_NEAREST ? 1.0 : *trace + 1.0;
}

static void clamp(const stdp_par *p, double *w) {
  *w = *w < p->w_min ? p->w_min : (*w > p->w_max ? p->w_max : *w);
}

void stdp_pre(const void *par, double *s, const double *cell, double t_ms,
              const ltp_rule_rng *rng) {
  (void)cell, (void)rng;
  const stdp_par *p = par;
  advance(p, s, t_ms);
  s[STDP_W] -= s[STDP_O1] * (p->v.a2_minus + p->v.a3_minus * s[STDP_R2]);
  clamp(p, &s[STDP_W]);
  bump(p, &s[STDP_R1]);
  bump(p, &s[STDP_R2]);
}

void stdp_post(const void *par, double *s, const double *cell, double t_ms,
               const ltp_rule_rng *rng) {
  (void)cell, (void)rng;
  const stdp_par *p = par;
  advance(p, s, t_ms);
  s[STDP_W] += s[STDP_R1] * (p->v.a2_plus + p->v.a3_plus * s[STDP_O2]);
  clamp(p, &s[STDP_W]);
  bump(p, &s[STDP_O1]);
  bump(p, &s[STDP_O2]);
}

void stdp_step(const void *par, double *s, const double *cell, const ltp_rule_input *in,
               const ltp_rule_rng *rng) {
  (void)par, (void)s, (void)cell, (void)in, (void)rng; /* event-driven: nothing between spikes */
}

int stdp_quiet(const void *par, const double *s, const double *cell, const ltp_rule_input *in) {
  (void)par, (void)s, (void)cell, (void)in;
  return 1;
}

double stdp_weight(const void *par, const double *s) {
  return s[STDP_W] / ((const stdp_par *)par)->w_init;
}
