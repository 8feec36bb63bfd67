/* The nine published Graupner & Brunel 2012 parameter sets, held as data. Read from the first
 * author's code used for the paper's figures (mgraupe/CalciumBasedPlasticityModel,
 * synapticChange.py) as transcribed in SCIENCE.md 2b [V]; the paper's Table S1 itself was not
 * re-read. Columns: tau_Ca (ms), C_pre, C_post, theta_d, theta_p, gamma_d, gamma_p, sigma,
 * tau (s), rho*, D (ms), beta, b. */
#include "rules/graupner_brunel.h"

const char *const gb_set_names[] = {"dp",
                                    "dpd",
                                    "dpd_prime",
                                    "p",
                                    "d",
                                    "d_prime",
                                    "hippocampal_slices",
                                    "hippocampal_cultures",
                                    "cortical_slices",
                                    NULL};

#define FIG2 "Graupner & Brunel 2012 Fig 2; mgraupe/CalciumBasedPlasticityModel synapticChange.py"
static const struct {
  gb_values v;
  const char *source;
} sets[GB_N_SETS] = {
    {{20, 1, 2, 1, 1.3, 200, 321.808, 2.8284, 150, 0.5, 13.7, 0.5, 5}, FIG2 " (DP, classic STDP)"},
    {{20, 0.9, 0.9, 1, 1.3, 250, 550, 2.8284, 150, 0.5, 4.6, 0.5, 5}, FIG2 " (DPD)"},
    {{20, 1, 2, 1, 2.5, 50, 600, 2.8284, 150, 0.5, 2.2, 0.5, 5}, FIG2 " (DPD')"},
    {{20, 2, 2, 1, 1.3, 160, 257.447, 2.8284, 150, 0.5, 0, 0.5, 5}, FIG2 " (P)"},
    {{20, 0.6, 0.6, 1, 1.3, 500, 550, 5.6568, 150, 0.5, 0, 0.5, 5}, FIG2 " (D)"},
    {{20, 1, 2, 1, 3.5, 60, 600, 2.8284, 150, 0.5, 0, 0.5, 5}, FIG2 " (D')"},
    {{48.8373, 1, 0.275865, 1, 1.3, 313.0965, 1645.59, 9.1844, 688.355, 0.5, 18.8008, 0.7, 5.28145},
     "Graupner & Brunel 2012 Fig 3, fit to Wittenberg & Wang 2006; synapticChange.py"},
    {{11.9536, 0.58156, 1.76444, 1, 1.3, 61.141, 113.6545, 2.5654, 33.7596, 0.5, 10, 0.5, 36.0263},
     "Graupner & Brunel 2012, fit to Wang et al. 2005; synapticChange.py"},
    {{22.6936, 0.5617539, 1.23964, 1, 1.3, 331.909, 725.085, 3.3501, 346.3615, 0.5, 4.6098, 0.5,
      5.40988},
     "Graupner & Brunel 2012 Fig 4, fit to Sjostrom et al. 2001; synapticChange.py"},
};
#undef FIG2

const gb_values *gb_set_values(int set) {
  return (set >= 0 && set < GB_N_SETS) ? &sets[set].v : NULL;
}

const char *gb_set_source(int set) {
  return (set >= 0 && set < GB_N_SETS) ? sets[set].source : NULL;
}
