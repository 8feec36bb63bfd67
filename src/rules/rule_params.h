/* Parameter structs of the reduced plasticity rules (src/rules/), members of ltp_params so the
 * rules' tables can address them by offset like every mechanism. Each rule file documents
 * every field (unit, default, range, source). Fields of a `*_values` struct can come from a
 * named published set: a negative user value (default -1) means "take it from the chosen
 * set", any value >= 0 overrides the set (docs/rules.md, "Presets and overrides"). */
#ifndef LTP_RULES_RULE_PARAMS_H
#define LTP_RULES_RULE_PARAMS_H

/* Graupner & Brunel 2012: one row of the published parameter sets. */
typedef struct {
  double tau_ca_ms, c_pre, c_post, theta_d, theta_p, gamma_d, gamma_p, sigma, tau_s, rho_star,
      delay_ms, beta, b;
} gb_values;

typedef struct {
  double set;        /* choice: dp | dpd | dpd_prime | p | d | d_prime | hippocampal_slices | ... */
  gb_values v;       /* overrides of the set row (negative: from the set) */
  double calcium;    /* choice: kernel (own linear Ca from spikes) | spine (engine Ca2+) */
  double ca_unit_uM; /* spine mode: uM of spine Ca2+ above rest per unit of GB calcium */
  double rho_init;   /* initial efficacy (0 DOWN, 1 UP) */
  double noise;      /* 1: noise term on, 0: off */
  double weight_ref; /* choice: initial (w relative to rho_init) | down (w = 1 + (b - 1) rho) */
} gb_params;

/* Shouval, Bear & Cooper 2002 / Shouval & Kalantzis 2005: one row of the sets. */
typedef struct {
  double alpha1_uM, alpha2_uM, beta1_per_uM, beta2_per_uM;
  double eta_form;                /* 0: P1/(P2 + c^P3) + P4 time constant; 1: Hill rate */
  double p1_s, p2, p3, p4_s;      /* time-constant form (2002) */
  double eta_k_uM, eta_offset_uM; /* Hill-rate form (2005): c'^3/(c'^3 + k^3) per s */
} shouval_values;

typedef struct {
  double set; /* choice: bcc2002 | sk2005 */
  shouval_values v;
  double lambda, w_init;
} shouval_params;

/* Trace-based STDP (pair and triplet share it): amplitudes per spike, time constants in ms. */
typedef struct {
  double a2_plus, a3_plus, a2_minus, a3_minus;
  double tau_plus_ms, tau_minus_ms, tau_x_ms, tau_y_ms; /* tau 0: trace unused (always 0) */
  double scheme;                                        /* 0: all_to_all, 1: nearest */
} stdp_values;

typedef struct {
  double set; /* choice of published set */
  stdp_values v;
  double scheme; /* choice: set | all_to_all | nearest */
  double w_init, w_min, w_max;
} stdp_params;

/* Clopath, Ziegler, Vasilaki, Buesing & Gerstner 2008 tag-trigger-consolidation. */
typedef struct {
  double a_ltp, a_ltd, theta_h_mV, theta_l_mV, tau_x_ms, tau_up_ms, tau_ud_ms;
  double k_h_per_s, k_l_per_s;
  double tau_pm_s, tau_pd_s, theta_p;
  double tau_z_s, kappa, gamma;
  double w0, g_h, g_l, g_z, z_init_fraction;
  double synthesis_block; /* fraction of protein synthesis blocked (anisomycin) */
} tagtric_params;

typedef struct {
  double rule; /* choice: cascade (the mechanistic model) | a reduced rule (plasticity.rule) */
  double ap_detect_mV; /* somatic potential whose upward crossing is a postsynaptic spike */
  gb_params graupner_brunel;
  shouval_params shouval;
  stdp_params stdp_pair, stdp_triplet;
  tagtric_params tagtric;
} rules_params;

#endif
