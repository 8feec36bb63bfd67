/* Pair-based STDP (SCIENCE.md 2f): dw = A+ e^{-dt/tau+} for dt = t_post - t_pre > 0 and
 * dw = -A- e^{dt/tau-} for dt < 0, additive with hard bounds, all-to-all or nearest-spike
 * pairing chosen explicitly (Morrison, Diesmann & Gerstner 2008 show they differ > 10 Hz).
 * Implemented by the shared trace kernel (stdp.c) with the triplet terms off. */
#include <stddef.h>

#include "rules/rules.h"
#include "rules/stdp.h"

const char *const stdp_pair_set_names[] = {"song2000", "bi_poo", NULL};

/* A2+, A3+, A2-, A3-, tau+, tau-, tau_x, tau_y (ms), scheme */
static const stdp_values sets[] = {
    {0.005, 0, 0.00525, 0, 20, 20, 0, 0, STDP_ALL_TO_ALL},
    {0.005, 0, 0.00525, 0, 16.8, 33.7, 0, 0, STDP_ALL_TO_ALL},
};

const stdp_values *stdp_pair_set(int set) {
  return (set >= 0 && set < (int)LTP_COUNT(sets)) ? &sets[set] : NULL;
}

#define FROM_SET " (negative: value of the chosen set)"
#define SMA "Song, Miller & Abbott 2000 via VH-Lab stdp_apply doc (SCIENCE.md 2f)"
#define BP "Bi & Poo 2001 fit, as used by Pfister & Gerstner 2006 (SCIENCE.md 2f)"
#define P(field) offsetof(ltp_params, rules.stdp_pair.field)
static const ltp_param_def pair_table[] = {
    {"set", "choice", 0, 0, LTP_COUNT(sets) - 1,
     "song2000: " SMA "; bi_poo: tau+/tau- of the " BP " with the song2000 amplitudes",
     "published parameter set", P(set), stdp_pair_set_names},
    {"a_plus", "1", -1, -1, 1, SMA, "potentiation per pair, fraction of w_max" FROM_SET,
     P(v.a2_plus), NULL},
    {"a_minus", "1", -1, -1, 1, SMA " (A- = 1.05 A+)", "depression per pair" FROM_SET,
     P(v.a2_minus), NULL},
    {"tau_plus", "ms", -1, -1, 1e4, SMA " (20 ms); " BP " (16.8 ms)",
     "potentiation window" FROM_SET, P(v.tau_plus_ms), NULL},
    {"tau_minus", "ms", -1, -1, 1e4, SMA " (20 ms); " BP " (33.7 ms)", "depression window" FROM_SET,
     P(v.tau_minus_ms), NULL},
    {"scheme", "choice", 0, 0, 2,
     "all-to-all or nearest-spike must be chosen explicitly (SCIENCE.md 2f); set = all_to_all",
     "spike pairing scheme", P(scheme), stdp_scheme_names},
    {"w_init", "1", 0.5, 1e-6, 1, "[M] mid-range start; Song et al. 2000 bound w to [0, g_max]",
     "initial weight, fraction of w_max (multiplier = w / w_init)", P(w_init), NULL},
    {"w_min", "1", 0, 0, 1, "Song, Miller & Abbott 2000: hard lower bound 0", "lower bound",
     P(w_min), NULL},
    {"w_max", "1", 1, 0, 100, "Song, Miller & Abbott 2000: hard upper bound g_max", "upper bound",
     P(w_max), NULL},
};
#undef P
#undef BP
#undef SMA
#undef FROM_SET

const ltp_mech_def stdp_pair_mech = {"stdp_pair", "Pair-based additive STDP (reduced rule)",
                                     pair_table, LTP_COUNT(pair_table)};

static void pair_resolve(const ltp_params *p, void *out) {
  const stdp_values *row = stdp_pair_set((int)p->rules.stdp_pair.set);
  stdp_resolve_from(&stdp_pair_mech, p, offsetof(ltp_params, rules.stdp_pair), row ? row : &sets[0],
                    out);
}

const ltp_rule stdp_pair_rule =
    STDP_RULE("stdp_pair", "Pair-based STDP (Song, Miller & Abbott 2000; Bi & Poo windows)",
              &stdp_pair_mech, pair_resolve);
