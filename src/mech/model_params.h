/* The aggregate parameter struct of the single-cell cascade model. Each member belongs to
 * one mechanism file in src/mech/ (or src/cell/), whose table documents every field:
 * unit, default, range and source. Fields are doubles so tables can address them by
 * offset; enumerated choices are stored as their index. */
#ifndef LTP_MECH_MODEL_PARAMS_H
#define LTP_MECH_MODEL_PARAMS_H

#include "rules/rule_params.h"

typedef struct {     /* release.c: Dittman 2000 facilitation/depression, Ca_o dependence */
  double mode;       /* choice: mean_field | stochastic */
  double n_sites;    /* release sites per synapse */
  double f1_ref;     /* F1 at 2 mM Ca_o */
  double ca_o_k_mM;  /* Hill half-saturation of F1 on Ca_o */
  double ca_o_hill;  /* Hill coefficient */
  double kf_over_df; /* K_F / Delta_F */
  double tau_f_ms, tau_d_ms;
  double k0_per_s, kmax_per_s, kd;
  double ptp_rate_per_s;   /* post-tetanic potentiation: loading rate at one spike's CaX_F */
  double ptp_tau_s;        /* decay of the mitochondrial (PTP) residual-Ca store */
  double ptp_order;        /* order of the loading in CaX_F */
  double reserve_vesicles; /* recycling pool per release site that refills it (0: unlimited) */
  double recycle_tau_s;    /* recovery of that pool (endocytosis and refilling) */
  double glu_peak_mM, glu_dur_ms;
} release_params;

typedef struct {                                        /* ampa.c */
  double alpha_per_mM_ms, beta_per_ms, e_rev_mV, block; /* block: fraction blocked (CNQX) */
} ampa_params;

typedef struct { /* nmda.c */
  double alpha_per_mM_ms, beta_per_ms, e_rev_mV;
  double n_receptors, gamma_pS;
  double mg_o_mM, block_fit; /* block_fit: choice jahr_stevens | vargas_caballero | strong */
  double ca_fraction;        /* fraction of NMDAR current carried by Ca2+ at ca_fraction_v */
  double ca_fraction_v_mV;   /* potential at which that fraction was measured */
  double temp_C;             /* temperature of the GHK Ca2+ flux */
  double block;              /* fraction of receptors blocked by AP5 */
} nmda_params;

typedef struct { /* cell/cable.c + mech/passive.c: compartments */
  double cm_uF_cm2, e_leak_mV, rm_ohm_cm2, ra_ohm_cm;
  double soma_diam_um, soma_len_um;
  double dend_diam_um, dend_len_um, dend_segments;
  double neck_resistance_MOhm, neck_diam_um, neck_len_um;
  double head_volume_um3;
  double pathway_synapses; /* co-active synapses per pathway (1 modelled spine + lumped) */
} cable_params;

typedef struct { /* hh.c: soma Na/K (Hodgkin & Huxley 1952, NEURON hh, Q10 scaled) */
  double gna_mS_cm2, gk_mS_cm2, ena_mV, ek_mV, temp_C, q10;
  double spike_current_pA, spike_current_ms; /* somatic pulse that evokes one spike */
} hh_params;

typedef struct { /* vgcc.c: spine R- and L-type channels */
  double r_density_nS_um2, l_density_nS_um2, e_ca_mV;
  double r_tau_m_ms, r_tau_h_ms, l_tau_m_ms;
  double l_po_max; /* maximal open probability of L-type channels */
  double l_block;  /* nimodipine */
} vgcc_params;

typedef struct { /* calcium.c: spine head Ca2+ single pool */
  double ca_o_mM, ca_rest_uM, kappa_endo, tau_extrusion_ms;
  double kappa_exo;              /* exogenous buffer capacity (BAPTA/EGTA), set by drugs */
  double tau_exo_exchange_ms;    /* spine-dendrite exchange of the mobile exogenous buffer */
  double kinase_vgcc_coupling;   /* fraction of VGCC Ca2+ current that reaches the PSD's CaMKII */
  double kinase_nmda_enrichment; /* NMDAR Ca2+ at the PSD's CaMKII over the head's average */
} calcium_params;

typedef struct {         /* nanodomain.c: NMDAR Ca2+ nanodomain at the PSD's CaMKII */
  double mode;           /* choice: off | nmda */
  double distance_nm;    /* pore to the GluN2B-bound CaMKII */
  double d_ca_um2_per_s; /* diffusion coefficient of free Ca2+ */
} nanodomain_params;

typedef struct { /* camkii.c: Graupner & Brunel 2007 CaMKII-PP1 system (+ CaN, PKA) */
  double s_tot_uM, cam_tot_uM, k5_uM, k6_per_s, k7_per_s, k12_per_s, km_uM, pp1_0_uM;
  double k11_per_uM_s, km11_per_s, i1_0_uM;
  double can_k_uM, can_n, can_k0_per_s, can_kmax_per_s;
  double can_tau_on_s, can_tau_off_s; /* CaN activation kinetics; 0 = instantaneous (GB2007) */
  double pka_tau_on_s, pka_tau_off_s; /* PKA activation kinetics; 0 = instantaneous (GB2007) */
  double pka_k_uM, pka_n, pka_k0_per_s, pka_kmax_per_s;
  double l1_uM, l2_uM, l3_uM, l4_uM; /* CaM of the phosphatases (and of the kinase by default) */
  double kinase_l1_uM, kinase_l2_uM, kinase_l3_uM, kinase_l4_uM; /* CaMKII's CaM; 0: l1..l4 */
  double cam_kinetics;                 /* choice: equilibrium | two_lobe */
  double kon1_per_uM_s, kon2_per_uM_s; /* Ca2+ binding to the C-lobe (1st, 2nd Ca2+) */
  double kon3_per_uM_s, kon4_per_uM_s; /* Ca2+ binding to the N-lobe (3rd, 4th Ca2+) */
  double kinase_block;                 /* KN-62: fraction of autophosphorylation blocked */
  double calcineurin_block;            /* FK506/cyclosporin: fraction of CaN activity blocked */
} camkii_params;

typedef struct { /* trafficking.c: AMPAR slots, exo/endocytosis, GluA1-S831 */
  double slots_0, slots_max_gain, slots_min_frac, tau_early_s;
  double k_exo_per_s, k_ins_per_s, k_rem_per_s;
  double gamma_low_pS, gamma_high_pS, k_phos_per_s, k_dephos_per_s, s831_basal;
  double pp1_threshold;
  double camkii_threshold; /* CaMKII activity below which it does not drive expression */
} trafficking_params;

typedef struct { /* actin.c: enlargement pool of the spine head */
  double pool_max, k_poly_per_s, tau_loss_s, block;
} actin_params;

typedef struct { /* ltd_switch.c: count of Ca2+ entry, all-or-none LTD commitment */
  double k_rem_per_s, tau_count_s, count_threshold_uM_s, hill, k_commit_per_s, kinase_veto;
  double count_saturation_uM;
  double tau_commit_s;
  /* coincidence term: count per quantum at a saturated L-type Ca2+ sensor, and the sensor */
  double coincidence_gain_uM_s, coincidence_k_uM, coincidence_hill;
  double coincidence_use, coincidence_tau_rec_s; /* its supply: use per quantum, recovery */
} ltd_switch_params;

typedef struct {       /* glun2b.c: CaMKII bound at the synapse's GluN2B, the expression drive */
  double k_bind_per_s; /* 0: no gate, every reader sees the T286 fraction */
  double k_nmda_uM, hill, tau_unbind_s;
} glun2b_params;

typedef struct { /* retrograde.c */
  double enabled, gain, tau_rise_s, tau_decay_s, camkii_threshold;
} retrograde_params;

typedef struct { /* late_phase.c: tag, PRP synthesis, capture, consolidation */
  double tag_threshold, tau_tag_s, tau_prp_rise_s, tau_prp_decay_s, prp_threshold;
  double tau_trigger_s, tau_set_s, tau_z_s, z_kappa, z_gamma, synthesis_block;
  double start_high; /* probability that a synapse starts consolidated (z = 1) */
} late_params;

typedef struct { /* cell/cell_model.c: which cell the synapses sit on */
  double model;  /* choice: cable (compartments + cascade) | point_lif (engine/batch.c) */
} cell_model_params;

typedef struct { /* cell/lif.c: conductance-based leaky integrate-and-fire point cell */
  double cm_pF, g_leak_nS, e_leak_mV, v_th_mV, v_reset_mV, t_ref_ms;
  double epsp_window_ms; /* test-pulse readout: peak depolarisation within this window */
} lif_params;

typedef struct { /* mech/point_synapse.c: lumped AMPA + NMDA conductances of a point synapse */
  double g_ampa_nS, tau_ampa_ms;
  double g_nmda_nS, tau_nmda_rise_ms, tau_nmda_decay_ms, alpha_nmda_per_ms;
} point_synapse_params;

typedef struct { /* mech/nmda_calcium.c: point-synapse Ca2+ from the NMDA current, bAP jump */
  double tau_ms, eta_per_pA_ms, c_bap;
} nmda_calcium_params;

typedef struct {
  cell_model_params cell;
  lif_params lif;
  point_synapse_params point_synapse;
  nmda_calcium_params nmda_calcium;
  release_params release;
  ampa_params ampa;
  nmda_params nmda;
  cable_params cable;
  hh_params hh;
  vgcc_params vgcc;
  calcium_params calcium;
  nanodomain_params nanodomain;
  camkii_params camkii;
  trafficking_params trafficking;
  actin_params actin;
  ltd_switch_params ltd_switch;
  glun2b_params glun2b;
  retrograde_params retrograde;
  late_params late;
  rules_params rules; /* src/rules/: reduced plasticity rules, one table per rule */
  struct {
    double dt_ms, slow_dt_ms, quiet_tol, rtol, state_dt_s, tail_dt_ms, slow_rk_step_ms;
    double method;            /* choice: fixed | reference (engine/reference.c) */
    double reference_rtol;    /* relative tolerance of the reference integration */
    double slow_rk_courant;   /* largest h x stiffness bound of an explicit slow step */
    double quiet_explicit_ms; /* explicit start of a quiet stretch before CVODE takes over */
    double tail_dv_mV;        /* largest membrane-potential change per event-tail step */
    double tail_max_ms;       /* point model: largest step in the NMDA/calcium tails */
    double active_max_ms;     /* point model: largest step while a pulse's gating is active */
    double rule_max_ms;       /* point model: largest step while the plasticity rule acts */
    double fast_tol;          /* point model: gating above which the fine step is taken */
  } engine;                   /* engine/numerics.c */
} ltp_params;

#endif
