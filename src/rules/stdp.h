/* Trace-based spike-timing-dependent plasticity shared by the pair rule (stdp_pair.c) and the
 * triplet rule (stdp_triplet.c); pair STDP is the triplet rule with A3+ = A3- = 0 (Pfister &
 * Gerstner 2006, J Neurosci 26:9673, eqs. 1-4). */
#ifndef LTP_RULES_STDP_H
#define LTP_RULES_STDP_H

#include "rules/rule.h"

enum { STDP_ALL_TO_ALL, STDP_NEAREST };
extern const char *const stdp_scheme_names[]; /* "set", "all_to_all", "nearest" */

typedef struct {
  stdp_values v;
  double w_init, w_min, w_max;
} stdp_par;

/* Per-synapse state: weight, presynaptic traces r1 (tau+), r2 (tau_x), postsynaptic traces o1
 * (tau-), o2 (tau_y), all valid at time T (the last spike). */
enum { STDP_W, STDP_R1, STDP_R2, STDP_O1, STDP_O2, STDP_T, STDP_N_STATE };

/* Resolve the parameters of a rule whose user struct is at params_offset in ltp_params. */
void stdp_resolve_from(const ltp_mech_def *mech, const ltp_params *p, size_t params_offset,
                       const stdp_values *row, stdp_par *out);

/* The rule callbacks (identical for pair and triplet). */
void stdp_init(const void *par, double *s, const ltp_rule_rng *rng);
void stdp_pre(const void *par, double *s, const double *cell, double t_ms, const ltp_rule_rng *rng);
void stdp_post(const void *par, double *s, const double *cell, double t_ms,
               const ltp_rule_rng *rng);
void stdp_step(const void *par, double *s, const double *cell, const ltp_rule_input *in,
               const ltp_rule_rng *rng);
int stdp_quiet(const void *par, const double *s, const double *cell, const ltp_rule_input *in);
double stdp_weight(const void *par, const double *s);

/* The rule entry of an STDP variant: everything but its name, table and resolver is the shared
 * trace kernel above. */
#define STDP_RULE(rule_name, rule_doc, rule_mech, rule_resolve)                                    \
  {                                                                                                \
    .name = (rule_name), .doc = (rule_doc), .mech = (rule_mech), .par_size = sizeof(stdp_par),     \
    .n_state = STDP_N_STATE, .n_cell = 0, .resolve = (rule_resolve), .init = stdp_init,            \
    .cell_init = NULL, .pre_spike = stdp_pre, .post_spike = stdp_post, .cell_step = NULL,          \
    .step = stdp_step, .quiet = stdp_quiet, .weight = stdp_weight                                  \
  }

/* Published sets of each rule (rows in the order of the names, NULL when out of range). */
extern const char *const stdp_pair_set_names[], *const stdp_triplet_set_names[];
const stdp_values *stdp_pair_set(int set);
const stdp_values *stdp_triplet_set(int set);
const char *stdp_triplet_set_source(int set);

#endif
