/* Graupner & Brunel 2012 (PNAS 109:3991) calcium-based synaptic efficacy: the published
 * parameter sets, the rule (graupner_brunel.c) and the analytic transition-probability
 * approximation used for fast STDP windows and the SCIENCE.md 2b reference tables
 * (gb_analytic.c). */
#ifndef LTP_RULES_GRAUPNER_BRUNEL_H
#define LTP_RULES_GRAUPNER_BRUNEL_H

#include <stddef.h>

#include "rules/rule.h"

/* The published sets, in the order of gb_set_names (gb_presets.c). */
enum {
  GB_SET_DP,
  GB_SET_DPD,
  GB_SET_DPD_PRIME,
  GB_SET_P,
  GB_SET_D,
  GB_SET_D_PRIME,
  GB_SET_HIPPOCAMPAL_SLICES,
  GB_SET_HIPPOCAMPAL_CULTURES,
  GB_SET_CORTICAL_SLICES,
  GB_N_SETS
};
extern const char *const gb_set_names[]; /* NULL-terminated */
/* Row of set i (NULL when out of range) and where it was read. */
const gb_values *gb_set_values(int set);
const char *gb_set_source(int set);

/* Working parameters of one run (resolve): the set row with overrides applied. */
typedef struct {
  gb_values v;
  int kernel;        /* 1: calcium from the rule's own spike kernel, 0: spine Ca2+ input */
  double ca_unit_uM; /* spine mode scale */
  double rho_init;
  int noise;
  int weight_down; /* weight_ref = down: w = 1 + (b - 1) rho, not relative to rho_init */
} gb_par;

/* Per-synapse state slots. Pending presynaptic arrivals (spike time + D) wait in a queue of
 * GB_QUEUE slots; a spike arriving when it is full is applied at once (only at presynaptic
 * rates above GB_QUEUE / D, e.g. > 400 Hz for D = 18.8 ms). */
enum {
  GB_RHO,
  GB_CA,
  GB_CA_T,
  GB_DRAWS,
  GB_QUEUE0,
  GB_QUEUE = 8,
  GB_N_STATE = GB_QUEUE0 + GB_QUEUE
};

/* Kernel calcium of the state at time t_ms (>= the state's own time), without arrivals
 * still waiting in the queue. */
double gb_state_calcium(const gb_par *p, const double *state, double t_ms);

/* Analytic approximation (SCIENCE.md 2b; mgraupe/CalciumBasedPlasticityModel). */

/* Fractions of time the steady-state periodic calcium trace of a regular protocol spends above
 * theta_d and theta_p. One period lasts period_ms; pre and post hold the spike times in the
 * period (ms, any sign; presynaptic transients arrive delay_ms later); the trace is sampled
 * every res_ms (the reference tables use 0.02 ms). */
void gb_periodic_fractions(const gb_values *v, double period_ms, const double *pre, size_t n_pre,
                           const double *post, size_t n_post, double res_ms, double *alpha_d,
                           double *alpha_p);

typedef struct {
  double p_up, p_down, ratio;
} gb_outcome;

/* Transition probabilities after duration_s of drive with fractions alpha_d, alpha_p (rho
 * treated as an Ornstein-Uhlenbeck process, starting in 0 or 1), and the population ratio. */
gb_outcome gb_analytic_outcome(const gb_values *v, double alpha_d, double alpha_p,
                               double duration_s);

/* Mean weight after / before of a population with fraction beta starting DOWN, UP/DOWN weight
 * ratio b, given the transition probabilities (synapticChange.py, changeInSynapticStrength). */
double gb_population_ratio(const gb_values *v, double p_up, double p_down);

/* The ratio for n_pairs repetitions at f_hz of one presynaptic spike at 0 and n_post
 * postsynaptic spikes at dt_ms, dt_ms + post_isi_ms, ... (the published protocols). */
double gb_protocol_ratio(const gb_values *v, double dt_ms, size_t n_post, double post_isi_ms,
                         double n_pairs, double f_hz, double res_ms);

#endif
