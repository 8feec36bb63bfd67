/* Triplet STDP (Pfister & Gerstner 2006, J Neurosci 26:9673): the pair terms plus a
 * post-post-pre triplet term for potentiation (A3+, o2 with tau_y) and a pre-pre-post term for
 * depression (A3-, r2 with tau_x); the published fits as named sets (SCIENCE.md 2g). Rows
 * tagged [M] there were not re-verified against the paper: their source strings say
 * "provisional". Implemented by the shared trace kernel (stdp.c). */
#include <stddef.h>

#include "rules/rules.h"
#include "rules/stdp.h"

const char *const stdp_triplet_set_names[] = {"visual_all_to_all_full",
                                              "visual_nearest_minimal",
                                              "hippocampal_all_to_all_minimal",
                                              "hippocampal_all_to_all_full",
                                              "hippocampal_nearest_full",
                                              "visual_nearest_full",
                                              NULL};

/* A2+, A3+, A2-, A3-, tau+, tau-, tau_x, tau_y (ms; 0 = trace not in the set), scheme.
 * tau+ = 16.8 ms, tau- = 33.7 ms for all sets: the fit of Bi & Poo 2001 (Annu Rev Neurosci
 * 24:139), kept fixed by Pfister & Gerstner 2006 (SCIENCE.md 2f). */
static const struct {
  stdp_values v;
  const char *source;
} sets[] = {
    {{5e-10, 6.2e-3, 7e-3, 2.3e-4, 16.8, 33.7, 101, 125, STDP_ALL_TO_ALL},
     "Pfister & Gerstner 2006 Table 4 via VH-Lab stdp_triplet_apply doc and NESTML [S]"},
    {{0, 6.5e-3, 7.1e-3, 0, 16.8, 33.7, 0, 114, STDP_NEAREST},
     "Pfister & Gerstner 2006 via an Igor implementation's comments [S]"},
    {{5.3e-3, 8e-3, 3.5e-3, 0, 16.8, 33.7, 0, 40, STDP_ALL_TO_ALL},
     "Pfister & Gerstner 2006 via an Igor implementation [S]"},
    {{6.1e-3, 6.7e-3, 1.6e-3, 1.4e-3, 16.8, 33.7, 946, 27, STDP_ALL_TO_ALL},
     "provisional [M]: Pfister & Gerstner 2006, not re-verified (SCIENCE.md 6)"},
    {{4.6e-3, 9.1e-3, 3e-3, 7.5e-9, 16.8, 33.7, 575, 47, STDP_NEAREST},
     "provisional [M]: Pfister & Gerstner 2006, not re-verified (SCIENCE.md 6)"},
    {{8.8e-11, 5.3e-2, 6.6e-3, 3.1e-3, 16.8, 33.7, 714, 40, STDP_NEAREST},
     "provisional [M]: Pfister & Gerstner 2006, not re-verified (SCIENCE.md 6)"},
};

const stdp_values *stdp_triplet_set(int set) {
  return (set >= 0 && set < (int)LTP_COUNT(sets)) ? &sets[set].v : NULL;
}

const char *stdp_triplet_set_source(int set) {
  return (set >= 0 && set < (int)LTP_COUNT(sets)) ? sets[set].source : NULL;
}

#define FROM_SET " (negative: value of the chosen set)"
#define PG "Pfister & Gerstner 2006 (SCIENCE.md 2g; rows of the [M] sets are provisional)"
#define P(field) offsetof(ltp_params, rules.stdp_triplet.field)
static const ltp_param_def triplet_table[] = {
    {"set", "choice", 0, 0, LTP_COUNT(sets) - 1,
     "visual_all_to_all_full, visual_nearest_minimal, hippocampal_all_to_all_minimal: [S] "
     "verified from code; hippocampal_all_to_all_full, hippocampal_nearest_full, "
     "visual_nearest_full: provisional [M] (SCIENCE.md 2g, 6)",
     "published parameter set", P(set), stdp_triplet_set_names},
    {"a2_plus", "1", -1, -1, 1, PG, "pair potentiation amplitude" FROM_SET, P(v.a2_plus), NULL},
    {"a3_plus", "1", -1, -1, 1, PG, "triplet potentiation amplitude" FROM_SET, P(v.a3_plus), NULL},
    {"a2_minus", "1", -1, -1, 1, PG, "pair depression amplitude" FROM_SET, P(v.a2_minus), NULL},
    {"a3_minus", "1", -1, -1, 1, PG, "triplet depression amplitude" FROM_SET, P(v.a3_minus), NULL},
    {"tau_plus", "ms", -1, -1, 1e4, PG " (16.8 ms, Bi & Poo 2001 fit)",
     "presynaptic trace r1" FROM_SET, P(v.tau_plus_ms), NULL},
    {"tau_minus", "ms", -1, -1, 1e4, PG " (33.7 ms, Bi & Poo 2001 fit)",
     "postsynaptic trace o1" FROM_SET, P(v.tau_minus_ms), NULL},
    {"tau_x", "ms", -1, -1, 1e5, PG, "presynaptic triplet trace r2 (0: unused)" FROM_SET,
     P(v.tau_x_ms), NULL},
    {"tau_y", "ms", -1, -1, 1e5, PG, "postsynaptic triplet trace o2 (0: unused)" FROM_SET,
     P(v.tau_y_ms), NULL},
    {"scheme", "choice", 0, 0, 2, PG " (each set was fitted with its own scheme)",
     "spike interaction: set (the set's own), all_to_all or nearest", P(scheme), stdp_scheme_names},
    {"w_init", "1", 1, 1e-6, 100,
     "Pfister & Gerstner 2006 fit relative changes: w_init = 1 makes dw a fraction of baseline",
     "initial weight (multiplier = w / w_init)", P(w_init), NULL},
    {"w_min", "1", 0, 0, 100, "[M] hard lower bound 0 (no bounds in the fits)", "lower bound",
     P(w_min), NULL},
    {"w_max", "1", 100, 0, 1e4, "[M] effectively unbounded (no bounds in the fits)", "upper bound",
     P(w_max), NULL},
};
#undef P
#undef PG
#undef FROM_SET

const ltp_mech_def stdp_triplet_mech = {"stdp_triplet",
                                        "Triplet STDP, Pfister & Gerstner 2006 (reduced rule)",
                                        triplet_table, LTP_COUNT(triplet_table)};

static void triplet_resolve(const ltp_params *p, void *out) {
  const stdp_values *row = stdp_triplet_set((int)p->rules.stdp_triplet.set);
  stdp_resolve_from(&stdp_triplet_mech, p, offsetof(ltp_params, rules.stdp_triplet),
                    row ? row : &sets[0].v, out);
}

const ltp_rule stdp_triplet_rule = STDP_RULE(
    "stdp_triplet", "Triplet STDP (Pfister & Gerstner 2006)", &stdp_triplet_mech, triplet_resolve);
