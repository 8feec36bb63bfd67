/* Mechanisms against analytic results: Mg2+ block values (Jahr & Stevens 1990, SCIENCE.md
 * 1c table), two-state receptor kinetics, Dittman 2000 paired-pulse ratios and train
 * responses (SCIENCE.md 1a [C] tables), post-tetanic potentiation (closed form against
 * numerical integration, cap, no build-up at low rates), spine Ca2+ decay and mass balance,
 * cell input resistance, the actin enlargement pool's fixed point and decay. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

/* cmocka needs the headers above */
#include <cmocka.h>

#include "cell/cable.h"
#include "core/constants.h"
#include "mech/actin.h"
#include "mech/ampa.h"
#include "mech/ca_scale.h"
#include "mech/calcium.h"
#include "mech/camkii.h"
#include "mech/glun2b.h"
#include "mech/ltd_switch.h"
#include "mech/nanodomain.h"
#include "mech/nmda.h"
#include "mech/registry.h"
#include "mech/release.h"

static ltp_params defaults(void) {
  ltp_params p;
  ltp_params_defaults(&p);
  return p;
}

static void mg_block_matches_jahr_stevens_table(void **state) {
  (void)state;
  const ltp_params p = defaults();
  /* SCIENCE.md 1c, computed table, JS rows at 1 and 2 mM (3 significant digits) */
  const double v[] = {-100, -80, -70, -60, -50, -40, -30, -20, -10, 0, 10, 20, 40};
  const double b1[] = {0.0072, 0.024, 0.045, 0.080, 0.139, 0.230, 0.357,
                       0.508,  0.658, 0.781, 0.869, 0.925, 0.977};
  const double b2[] = {0.0036, 0.012, 0.023, 0.042, 0.074, 0.130, 0.218,
                       0.341,  0.490, 0.641, 0.768, 0.861, 0.955};
  for (size_t i = 0; i < sizeof v / sizeof v[0]; ++i) {
    assert_float_equal(nmda_mg_unblock(&p.nmda, v[i], 1.0), b1[i], 0.0015);
    assert_float_equal(nmda_mg_unblock(&p.nmda, v[i], 2.0), b2[i], 0.0015);
    assert_float_equal(nmda_mg_unblock(&p.nmda, v[i], 0.0), 1.0, 1e-12); /* Mg-free */
  }
  /* SPEC.md reference digits */
  assert_float_equal(nmda_mg_unblock(&p.nmda, -70, 1.0), 0.04447, 5e-5);
  assert_float_equal(nmda_mg_unblock(&p.nmda, -55, 1.0), 0.10551, 5e-5);
}

static void mg_block_iv_has_negative_slope_region(void **state) {
  (void)state;
  const ltp_params p = defaults();
  /* I ~ B(V) (V - 0): the most inward point lies between -30 and -25 mV (SCIENCE.md 3.1) */
  double v_min = 0, i_min = 0;
  for (double v = -100; v <= 40; v += 0.1) {
    const double i = nmda_mg_unblock(&p.nmda, v, 1.0) * v;
    if (i < i_min) {
      i_min = i;
      v_min = v;
    }
  }
  assert_true(v_min >= -30.0 && v_min <= -25.0);
  assert_float_equal(nmda_mg_unblock(&p.nmda, -30, 1.0) * -30, -10.7, 0.05);
}

static void vargas_caballero_fit_selectable(void **state) {
  (void)state;
  ltp_params p = defaults();
  p.nmda.block_fit = NMDA_BLOCK_VARGAS_CABALLERO;
  assert_float_equal(nmda_mg_unblock(&p.nmda, -70, 1.0), 0.016, 0.0015);
  assert_float_equal(nmda_mg_unblock(&p.nmda, 0, 1.0), 0.719, 0.0015);
}

/* NMDAR Ca2+ current: P_f of the total current where P_f was measured, and the GHK flux of
 * Ca2+ elsewhere, computed here from the full constant-field expression with [Ca]i = 0.1 uM
 * and [Ca]o = 2 mM (the model neglects [Ca]i): Ca2+ still enters at 0 mV, where the total
 * current is zero, and the flux keeps growing with hyperpolarisation. */
static double ghk_ca_current(double v_mV, double temp_C) {
  const double u = 2.0 * v_mV * LTP_FARADAY_C_PER_MOL /
                   (LTP_GAS_CONSTANT_J_PER_MOL_K * (temp_C + LTP_KELVIN_AT_0_C) * 1e3);
  const double ca_i_mM = 1e-4, ca_o_mM = 2.0;
  if (fabs(u) < 1e-9)
    return ca_i_mM - ca_o_mM;
  return u * (ca_i_mM - ca_o_mM * exp(-u)) / (1.0 - exp(-u));
}

static void nmda_calcium_current_follows_ghk(void **state) {
  (void)state;
  ltp_params p;
  ltp_params_defaults(&p);
  const double g_nS = 1.0, v_ref = p.nmda.ca_fraction_v_mV, t = p.nmda.temp_C;
  assert_float_equal(nmda_ca_current_pA(&p.nmda, g_nS, v_ref),
                     p.nmda.ca_fraction * g_nS * (v_ref - p.nmda.e_rev_mV), 1e-12);
  const double v[] = {-100, -80, -40, -20, -10, 0, 10, 30};
  for (size_t i = 0; i < sizeof v / sizeof v[0]; ++i) {
    const double ratio =
        nmda_ca_current_pA(&p.nmda, g_nS, v[i]) / nmda_ca_current_pA(&p.nmda, g_nS, v_ref);
    assert_float_equal(ratio, ghk_ca_current(v[i], t) / ghk_ca_current(v_ref, t), 1e-3);
  }
  /* at 0 mV a fifth of the -60 mV influx, where a fixed fraction of the total would give none */
  const double at0 = nmda_ca_current_pA(&p.nmda, g_nS, 0.0);
  assert_true(at0 < 0.0);
  assert_float_equal(at0 / nmda_ca_current_pA(&p.nmda, g_nS, v_ref), 0.22, 0.01);
}

static void ampa_two_state_kinetics_exact(void **state) {
  (void)state;
  const ltp_params p = defaults();
  const double a = p.ampa.alpha_per_mM_ms, b = p.ampa.beta_per_ms;
  /* a long 1 mM pulse reaches r_inf = a/(a+b); after it r decays with rate beta */
  double r = 0;
  for (int i = 0; i < 1000; ++i)
    r = ampa_gate_step(&p.ampa, r, 1.0, 0.1);
  assert_float_equal(r, a / (a + b), 1e-9);
  const double r0 = r;
  for (int i = 0; i < 100; ++i)
    r = ampa_gate_step(&p.ampa, r, 0.0, 0.05);
  assert_float_equal(r, r0 * exp(-b * 5.0), 1e-12);
  /* 1 mM x 1 ms from rest: r = r_inf (1 - exp(-(a+b) 1 ms)) */
  r = ampa_gate_step(&p.ampa, 0.0, 1.0, 1.0);
  assert_float_equal(r, a / (a + b) * (1 - exp(-(a + b))), 1e-12);
}

/* EPSC of spike n relative to spike 1 for a regular train, mean-field release, 2 mM Ca_o */
static double train_ratio(double interval_ms, int n) {
  const ltp_params p = defaults();
  return release_train_ratio(&p.release, interval_ms, n, 2.0);
}

static void dittman_paired_pulse_ratios(void **state) {
  (void)state;
  /* SCIENCE.md 1a [C] table, tolerance 2 % */
  const double isi[] = {10, 20, 50, 100, 200, 500};
  const double ppr[] = {2.21, 2.20, 2.11, 1.86, 1.39, 0.98};
  for (size_t i = 0; i < 6; ++i)
    assert_float_equal(train_ratio(isi[i], 2), ppr[i], 0.02 * ppr[i]);
}

static void dittman_train_responses(void **state) {
  (void)state;
  /* SCIENCE.md 1a [C]: EPSC_n/EPSC_1 at n ~ 10; tolerance 5 % */
  const double hz[] = {5, 10, 20, 50, 100};
  const double ss[] = {1.29, 1.60, 1.58, 1.18, 0.78};
  for (size_t i = 0; i < 5; ++i)
    assert_float_equal(train_ratio(1000.0 / hz[i], 10), ss[i], 0.05 * ss[i]);
}

/* One mean-field bouton (index 0) for the release tests. */
typedef struct {
  double caxf, caxd, ready, ptp, t_last;
  uint64_t n;
  double reserve;
  release_state s;
} bouton;

static void bouton_init(bouton *b, const release_params *p) {
  b->s = (release_state){&b->caxf, &b->caxd, &b->ready, &b->ptp, &b->t_last, &b->n, &b->reserve};
  release_init(p, &b->s, 0);
}

static double spike(const release_params *p, bouton *b, double t_ms) {
  double p_site;
  return release_spike(p, &b->s, 0, t_ms, 2.0, 1.0, 1, &p_site);
}

/* Reference integration for the closed forms and piecewise updates of mech/release.c: classic
 * RK4 over [0, t_ms] of dy/dt = rhs(p, t, y) for n <= 3 variables, in equal steps of at most
 * h_ms (exactly h_ms when it divides t_ms). */
typedef void (*release_rhs)(const release_params *p, double t_ms, const double *y, double *dy);

static void rk4_integrate(release_rhs rhs, const release_params *p, double *y, int n, double t_ms,
                          double h_ms) {
  double k1[3], k2[3], k3[3], k4[3], tmp[3];
  const long steps = (long)ceil(t_ms / h_ms - 1e-9);
  h_ms = t_ms / (double)steps;
  for (long i = 0; i < steps; ++i) {
    const double t = (double)i * h_ms;
    rhs(p, t, y, k1);
    for (int j = 0; j < n; ++j)
      tmp[j] = y[j] + 0.5 * h_ms * k1[j];
    rhs(p, t + 0.5 * h_ms, tmp, k2);
    for (int j = 0; j < n; ++j)
      tmp[j] = y[j] + 0.5 * h_ms * k2[j];
    rhs(p, t + 0.5 * h_ms, tmp, k3);
    for (int j = 0; j < n; ++j)
      tmp[j] = y[j] + h_ms * k3[j];
    rhs(p, t + h_ms, tmp, k4);
    for (int j = 0; j < n; ++j)
      y[j] += h_ms / 6.0 * (k1[j] + 2.0 * k2[j] + 2.0 * k3[j] + k4[j]);
  }
}

/* dA/dt = k CaX_F^n - A / tau_ptp with CaX_F = exp(-t / tau_F) after one spike from rest */
static void ptp_rhs(const release_params *p, double t_ms, const double *a, double *da) {
  da[0] = p->ptp_rate_per_s * 1e-3 * pow(exp(-t_ms / p->tau_f_ms), p->ptp_order) -
          a[0] / (p->ptp_tau_s * 1e3);
}

/* The PTP store after one spike, integrated with RK4 at 0.01 ms: the closed form must agree. */
static void ptp_closed_form_matches_integration(void **state) {
  (void)state;
  const ltp_params d = defaults();
  const release_params *p = &d.release;
  bouton b;
  bouton_init(&b, p);
  spike(p, &b, 0.0);
  const double tau = p->ptp_tau_s * 1e3;
  double a = 0.0;
  rk4_integrate(ptp_rhs, p, &a, 1, 1000.0, 0.01); /* 1 s */
  const double closed = release_ptp_at(p, &b.s, 0, 1000.0);
  assert_true(closed > 0.0);
  assert_float_equal(closed, a, 1e-9 * a + 1e-15);
  /* once CaX_F has gone, A only decays with tau_ptp */
  assert_float_equal(release_ptp_at(p, &b.s, 0, 61000.0), closed * exp(-60.0e3 / tau),
                     1e-6 * closed);
}

/* The release fraction is F (1 + A), never above 1. */
static void ptp_release_probability_capped_at_one(void **state) {
  (void)state;
  const ltp_params d = defaults();
  bouton b;
  bouton_init(&b, &d.release);
  b.ptp = 1.0; /* doubles F1 */
  assert_float_equal(release_probability_now(&d.release, &b.s, 0, 0.0, 2.0, 1.0), 0.48, 1e-12);
  b.ptp = 50.0;
  assert_float_equal(release_probability_now(&d.release, &b.s, 0, 0.0, 2.0, 1.0), 1.0, 1e-12);
  assert_float_equal(spike(&d.release, &b, 0.0), 1.0, 1e-12); /* all of D released */
}

/* Test pulses at 0.1 and 0.05 Hz and a pair at 20 ms leave A below 0.2 %: release does not
 * drift during a baseline; 100 pulses at 100 Hz raise it many-fold (A > 1 ten s later). */
static void ptp_builds_up_in_tetanus_not_at_low_rates(void **state) {
  (void)state;
  const ltp_params d = defaults();
  const release_params *p = &d.release;
  const double interval_ms[] = {10000.0, 20000.0};
  for (size_t k = 0; k < 2; ++k) {
    bouton b;
    bouton_init(&b, p);
    const double first = spike(p, &b, 0.0);
    double last = first;
    for (int i = 1; i < 60; ++i)
      last = spike(p, &b, i * interval_ms[k]);
    print_message("60 pulses every %.0f s: A = %.2e, release %.5f of the first\n",
                  interval_ms[k] * 1e-3, b.ptp, last / first);
    assert_true(b.ptp < 2e-3);
    assert_float_equal(last / first, 1.0, 2e-3);
  }
  bouton pair;
  bouton_init(&pair, p);
  spike(p, &pair, 0.0);
  spike(p, &pair, 20.0);
  assert_true(release_ptp_at(p, &pair.s, 0, 1000.0) < 2e-3);
  bouton tet;
  bouton_init(&tet, p);
  for (int i = 0; i < 100; ++i)
    spike(p, &tet, i * 10.0);
  const double a10 = release_ptp_at(p, &tet.s, 0, 990.0 + 10000.0);
  print_message("100 pulses at 100 Hz: A = %.2f 10 s after the last\n", a10);
  assert_true(a10 > 1.0);
}

/* Right-hand side of the refilling from a finite recycling pool (mech/release.c):
 * y = {empty fraction e, pool fraction R, recovery-site Ca c}. */
static void refill_rhs(const release_params *p, double t_ms, const double *y, double *dy) {
  (void)t_ms;
  const double k_per_ms =
      1e-3 * (p->k0_per_s + (p->kmax_per_s - p->k0_per_s) * y[2] / (y[2] + p->kd));
  const double refill = k_per_ms * y[1] * y[0];
  dy[0] = -refill;
  dy[1] = -refill * p->n_sites / p->reserve_vesicles + (1.0 - y[1]) / (p->recycle_tau_s * 1e3);
  dy[2] = -y[2] / p->tau_d_ms;
}

/* The pool's piecewise refilling agrees with RK4 (0.01 ms) within 1 % on every spike of 200
 * pulses at 50 Hz (which take the pool below 40 %), 15 s of rest and 20 pulses at 1 Hz.
 * PTP is switched off, so the release fraction is Dittman's facilitated F, whose residual
 * Ca decays in closed form and which the reference computes the same way. */
static void reserve_refill_matches_integration(void **state) {
  (void)state;
  ltp_params d = defaults();
  release_params *p = &d.release;
  p->ptp_rate_per_s = 0.0;
  bouton b;
  bouton_init(&b, p);
  double y[3] = {0.0, 1.0, 0.0}, caxf = 0.0, t_prev = 0.0, worst = 0.0, pool_low = 1.0;
  for (int i = 0; i < 220; ++i) {
    const double t = i < 200 ? i * 20.0 : 199 * 20.0 + 15000.0 + (i - 200) * 1000.0;
    if (i > 0) {
      rk4_integrate(refill_rhs, p, y, 3, t - t_prev, 0.01);
      caxf *= exp(-(t - t_prev) / p->tau_f_ms);
    }
    const double f1 = release_f1(p, 2.0, 1.0);
    const double f = caxf > 0.0 ? f1 + (1.0 - f1) / (1.0 + p->kf_over_df / caxf) : f1;
    const double expected = (1.0 - y[0]) * f;
    const double got = spike(p, &b, t);
    worst = fmax(worst, fabs(got / expected - 1.0));
    y[0] += (1.0 - y[0]) * f;
    y[2] += 1.0;
    caxf += 1.0;
    t_prev = t;
    pool_low = fmin(pool_low, y[1]);
  }
  print_message("finite pool: worst release error %.2e; pool down to %.3f\n", worst, pool_low);
  assert_true(pool_low < 0.4); /* the train does deplete the pool */
  assert_true(worst < 0.01);
}

/* Without a pool limit (reserve_vesicles 0) release is Dittman's model alone: a 50 Hz train
 * holds its 10th-spike ratio for 900 spikes; with the default pool it falls below half. */
static void reserve_limits_long_trains_only(void **state) {
  (void)state;
  ltp_params d = defaults();
  d.release.reserve_vesicles = 0.0;
  const double unlimited_10 = release_train_ratio(&d.release, 20.0, 10, 2.0);
  const double unlimited_900 = release_train_ratio(&d.release, 20.0, 900, 2.0);
  assert_float_equal(unlimited_900, unlimited_10, 0.05 * unlimited_10);
  const ltp_params def = defaults();
  const double pooled_10 = release_train_ratio(&def.release, 20.0, 10, 2.0);
  const double pooled_900 = release_train_ratio(&def.release, 20.0, 900, 2.0);
  print_message("50 Hz, 10th / 900th spike: unlimited %.3f / %.3f, pool %.3f / %.3f\n",
                unlimited_10, unlimited_900, pooled_10, pooled_900);
  assert_float_equal(pooled_10, unlimited_10, 0.05 * unlimited_10);
  assert_true(pooled_900 < 0.5 * unlimited_900);
}

/* Stochastic boutons settle the pool with the refills they drew: over 400 seeds the mean
 * release of spikes 191-200 of a 50 Hz train is the mean-field value within 5 %. */
static void reserve_stochastic_mean_matches_mean_field(void **state) {
  (void)state;
  ltp_params d = defaults();
  release_params *p = &d.release;
  p->n_sites = 5;
  p->mode = RELEASE_STOCHASTIC;
  release_params mf = *p;
  mf.mode = RELEASE_MEAN_FIELD;
  bouton m;
  bouton_init(&m, &mf);
  double mean_field = 0.0, drawn = 0.0;
  for (int i = 0; i < 200; ++i) {
    const double r = spike(&mf, &m, i * 20.0);
    if (i >= 190)
      mean_field += r;
  }
  for (uint64_t seed = 1; seed <= 400; ++seed) {
    bouton b;
    bouton_init(&b, p);
    for (int i = 0; i < 200; ++i) {
      double p_site;
      const double r = release_spike(p, &b.s, 0, i * 20.0, 2.0, 1.0, seed, &p_site);
      if (i >= 190)
        drawn += r / 400.0;
    }
  }
  print_message("spikes 191-200 at 50 Hz: mean field %.3f, stochastic mean %.3f vesicles\n",
                mean_field, drawn);
  assert_float_equal(drawn, mean_field, 0.05 * mean_field);
}

static void release_depends_on_calcium_o(void **state) {
  (void)state;
  const ltp_params p = defaults();
  assert_float_equal(release_f1(&p.release, 2.0, 1.0), 0.24, 1e-12);
  /* -38 % from 2.5 to 1 mM (Hardingham 2006 via Rodrigues 2023), the fit's anchor */
  const double ratio = release_f1(&p.release, 1.0, 1.0) / release_f1(&p.release, 2.5, 1.0);
  assert_float_equal(ratio, 0.62, 0.005);
}

static void calcium_decays_exponentially_and_conserves_mass(void **state) {
  (void)state;
  const ltp_params p = defaults();
  const double rest = p.calcium.ca_rest_uM, tau = calcium_tau_ms(&p.calcium);
  assert_float_equal(tau, p.calcium.tau_extrusion_ms, 1e-12);
  double ca = rest + 1.0;
  for (int i = 0; i < 480; ++i)
    ca = calcium_step(&p.calcium, ca, 0.0, 0.05, 0.025);
  assert_float_equal(ca - rest, exp(-12.0 / tau), 1e-9);
  /* mass balance: charge in = 2F V (1 + kappa) (Delta free + integral of extrusion) */
  const double i_pA = -0.5, vol = 0.05, dt = 0.001, t_end = 5.0;
  double c = rest, extruded = 0;
  for (int i = 0; i < (int)(t_end / dt); ++i) {
    const double before = c;
    c = calcium_step(&p.calcium, c, i_pA, vol, dt);
    extruded += 0.5 * ((before - rest) + (c - rest)) / tau * dt;
  }
  const double influx = calcium_flux_uM_per_ms(i_pA, vol) * t_end / (1.0 + p.calcium.kappa_endo);
  assert_float_equal((c - rest) + extruded, influx, 1e-6 * influx);
}

/* The kinase site's current: the NMDARs' scaled by kinase_nmda_enrichment, the VGCCs' by
 * kinase_vgcc_coupling; the defaults (1, 1) give the head's whole current (single pool). */
static void kinase_site_current_scales_its_sources(void **state) {
  (void)state;
  ltp_params p = defaults();
  assert_float_equal(calcium_kinase_current_pA(&p.calcium, -0.2, -0.3), -0.5, 1e-15);
  p.calcium.kinase_nmda_enrichment = 10.0;
  p.calcium.kinase_vgcc_coupling = 0.0;
  assert_float_equal(calcium_kinase_current_pA(&p.calcium, -0.2, -0.3), -2.0, 1e-15);
  /* the pool is linear: the kinase site's rise is ten times the NMDAR part of the head's */
  const double rest = p.calcium.ca_rest_uM;
  double head = rest, kinase = rest;
  for (int i = 0; i < 400; ++i) {
    head = calcium_step(&p.calcium, head, -0.2, 0.05, 0.025);
    kinase = calcium_step(&p.calcium, kinase, calcium_kinase_current_pA(&p.calcium, -0.2, 0.0),
                          0.05, 0.025);
  }
  assert_float_equal(kinase - rest, 10.0 * (head - rest), 1e-9 * (kinase - rest));
}

/* The NMDAR nanodomain (mech/nanodomain.c): a point source's steady rise into a half-space,
 * i / (4 pi F D r), by hand for 0.1 pA of inward current at 20 nm with D = 220 um2/s (18.7 uM),
 * none for outward current; the kinase's <gamma> and <gamma^2> average the holoenzymes next to a
 * conducting channel and the others. */
static void nanodomain_rise_and_gamma_average(void **state) {
  (void)state;
  ltp_params p = defaults();
  const double rise = 0.1e-12 / (4.0 * M_PI * LTP_FARADAY_C_PER_MOL * 220e-12 * 20e-9) * 1e3;
  assert_float_equal(nanodomain_rise_uM(&p.nanodomain, -0.1), rise, 1e-12 * rise);
  assert_float_equal(rise, 18.75, 0.01);
  assert_float_equal(nanodomain_rise_uM(&p.nanodomain, 0.1), 0.0, 0.0);
  p.nanodomain.distance_nm = 40.0; /* 1/r */
  assert_float_equal(nanodomain_rise_uM(&p.nanodomain, -0.1), rise / 2.0, 1e-12 * rise);
  double g, g2;
  nanodomain_kinase_gamma(&p, 0.2, 0.0, -60.0, &g, &g2);
  assert_float_equal(g, camkii_kinase_gamma(&p.camkii, 0.2), 1e-15);
  assert_float_equal(g2, g * g, 1e-15);
  const double i1 = nmda_ca_current_pA(&p.nmda, p.nmda.gamma_pS * 1e-3, -60.0);
  const double open = camkii_kinase_gamma(&p.camkii, 0.2 + nanodomain_rise_uM(&p.nanodomain, i1));
  nanodomain_kinase_gamma(&p, 0.2, 0.25, -60.0, &g, &g2);
  const double rest = camkii_kinase_gamma(&p.camkii, 0.2);
  assert_float_equal(g, 0.25 * open + 0.75 * rest, 1e-15);
  assert_float_equal(g2, 0.25 * open * open + 0.75 * rest * rest, 1e-15);
  assert_true(g2 > g * g); /* the nanodomain's holoenzymes initiate more than the mean would */
}

static void bapta_shrinks_transients(void **state) {
  (void)state;
  ltp_params p = defaults();
  /* 10 mM BAPTA (Kd 0.2 uM): kappa_exo = 50000; the same influx gives a (1 + kappa) smaller
   * rise, and the mobile buffer carries bound Ca2+ out with its 50 ms exchange */
  p.calcium.kappa_exo = 50000;
  const double tau = calcium_tau_ms(&p.calcium), k_endo = 1.0 + p.calcium.kappa_endo;
  assert_float_equal(tau, (k_endo + 50000.0) / (k_endo / 12.0 + 50000.0 / 50.0), 1e-9);
  assert_true(tau < 60.0);
  const double rest = p.calcium.ca_rest_uM;
  const double rise = calcium_step(&p.calcium, rest, -1.0, 0.05, 0.025) - rest;
  const ltp_params plain = defaults();
  const double rise_free = calcium_step(&plain.calcium, rest, -1.0, 0.05, 0.025) - rest;
  const double ratio = k_endo / (k_endo + 50000.0);
  assert_float_equal(rise / rise_free, ratio, 1e-3 * ratio);
}

static void cell_input_resistance_in_ca1_range(void **state) {
  (void)state;
  ltp_params p = defaults();
  ltp_cable c = {0};
  ltp_error err = {0};
  assert_int_equal(ltp_cable_build(&c, &p.cable, 1, &err), LTP_OK);
  /* passive cell, 10 pA into the soma for 2 s: R_in = dV / I, SCIENCE.md 1d: 50-150 MOhm */
  for (int i = 0; i < 80000; ++i) {
    ltp_cable_begin_step(&c);
    c.i_inj_pA[0] = 10.0;
    ltp_cable_solve(&c, 0.025, 0, 0.0);
  }
  const double r_in_MOhm = (c.v_mV[0] - p.cable.e_leak_mV) / 10.0 * 1e3;
  print_message("R_in = %.1f MOhm\n", r_in_MOhm);
  assert_true(r_in_MOhm > 50.0 && r_in_MOhm < 150.0);
  /* voltage clamp holds the soma exactly */
  ltp_cable_begin_step(&c);
  ltp_cable_solve(&c, 0.025, 1, -40.0);
  assert_float_equal(c.v_mV[0], -40.0, 1e-12);
  ltp_cable_free(&c);
}

static void actin_pool_fixed_point_and_decay(void **state) {
  (void)state;
  const ltp_params p = defaults();
  const actin_params *a = &p.actin;
  /* at constant CaMKII drive k the pool settles where filling balances loss */
  const double k = 0.8, rate = a->k_poly_per_s * k;
  const double fixed = a->pool_max * rate / (rate + 1.0 / a->tau_loss_s);
  assert_float_equal(actin_pool_rhs(a, fixed, k), 0.0, 1e-15);
  /* without drive it decays with tau_loss; the block stops the filling only */
  assert_float_equal(actin_pool_rhs(a, 0.2, 0.0), -1e-3 * 0.2 / a->tau_loss_s, 1e-18);
  actin_params blocked = *a;
  blocked.block = 1.0;
  assert_float_equal(actin_pool_rhs(&blocked, 0.2, 1.0), -1e-3 * 0.2 / a->tau_loss_s, 1e-18);
  assert_float_equal(actin_stiffness_per_ms(a, k), 1e-3 * (rate + 1.0 / a->tau_loss_s), 1e-18);
}

static void ltd_switch_counts_and_commits(void **state) {
  (void)state;
  const ltp_params p = defaults();
  const ltd_switch_params *l = &p.ltd_switch;
  assert_true(l->k_rem_per_s > 0.0); /* on in the default set */
  const double rest = 0.07, rise = 0.3, k_sat = l->count_saturation_uM;
  /* the count grows with the rise over rest, linearly well below the saturation, and
   * leaks with tau_count; below rest it only leaks */
  const double linear = rise / (1.0 + rise / k_sat);
  assert_float_equal(ltd_switch_count_rhs(l, 0.0, rest + rise, rest, 0.0, 0.0), 1e-3 * linear,
                     1e-15);
  assert_float_equal(ltd_switch_count_rhs(l, 2.0, rest - 0.01, rest, 0.0, 0.0),
                     -1e-3 * 2.0 / l->tau_count_s, 1e-15);
  /* a rise far above the saturation counts at most k_sat per second */
  assert_true(ltd_switch_count_rhs(l, 0.0, rest + 1000.0, rest, 0.0, 0.0) < 1e-3 * k_sat);
  /* calcineurin blocked, or CaMKII fully on with the full veto: nothing is counted */
  assert_float_equal(ltd_switch_count_rhs(l, 0.0, rest + rise, rest, 1.0, 0.0), 0.0, 0.0);
  ltd_switch_params veto = *l;
  veto.kinase_veto = 1.0;
  assert_float_equal(ltd_switch_count_rhs(&veto, 0.0, rest + rise, rest, 0.0, 1.0), 0.0, 0.0);
  /* commitment: half the commit rate at the threshold, steeply less below it, none at 0 */
  const double theta = l->count_threshold_uM_s;
  assert_float_equal(ltd_switch_commit_rhs(l, 0.0, theta), 1e-3 * 0.5 * l->k_commit_per_s, 1e-15);
  assert_true(ltd_switch_commit_rhs(l, 0.0, 0.8 * theta) < 0.05 * 1e-3 * l->k_commit_per_s);
  assert_float_equal(ltd_switch_commit_rhs(l, 0.0, 0.0), 0.0, 0.0);
  /* once committed it decays with tau_commit whatever the count */
  assert_float_equal(ltd_switch_commit_rhs(l, 1.0, 0.0), -1e-3 / l->tau_commit_s, 1e-15);
  ltd_switch_params on = *l;
  on.k_rem_per_s = 2e-4;
  assert_float_equal(ltd_switch_removal_per_s(&on, 0.5), 1e-4, 1e-18);
  assert_true(ltd_switch_stiffness_per_ms(l, theta) >= 1e-3 / l->tau_count_s);
}

/* The coincidence term at time t for q quanta, L-type Ca2+ ca, calcineurin block cn and CaMKII
 * fraction kinase, no AP5. */
static double coincidence(const ltd_switch_params *l, ltd_coincidence_supply *s, double t, double q,
                          double ca, double cn, double kinase) {
  const ltd_coincidence_input in = {q, ca, 0.0, cn, kinase};
  return ltd_switch_coincidence_uM_s(l, s, t, &in);
}

/* The coincidence term: L-type Ca2+ already in the head when glutamate arrives. */
/* CaMKII's binding to GluN2B (mech/glun2b.c): half the binding rate at K, next to nothing at
 * the NMDAR Ca2+ that AP5 leaves, no unbinding while every holoenzyme carries a phosphorylated
 * subunit; the synapse reads the resting T286 fraction plus the bound share of its rise. */
static void glun2b_binds_with_nmdar_calcium_only(void **state) {
  (void)state;
  const ltp_params p = defaults();
  const glun2b_params *g = &p.glun2b;
  assert_true(g->k_bind_per_s > 0.0); /* on in the default set */
  const double k = g->k_nmda_uM;
  assert_float_equal(glun2b_bound_rhs(g, 0.0, 1.0, k), 1e-3 * 0.5 * g->k_bind_per_s, 1e-15);
  /* a 0 mV pairing under 50 uM AP5 leaves ~0.07 uM (a seventh of K): (1/7)^n of the rate */
  assert_true(glun2b_bound_rhs(g, 0.0, 1.0, k / 7.0) < 1e-3 * g->k_bind_per_s * 1e-6);
  assert_float_equal(glun2b_bound_rhs(g, 0.4, 1.0, 0.0), -1e-3 * 0.4 / g->tau_unbind_s, 1e-18);
  assert_float_equal(glun2b_bound_rhs(g, 0.4, 0.0, 0.0), 0.0, 0.0);
  assert_float_equal(glun2b_bound_rhs(g, 0.0, 1.0, -0.01), 0.0, 0.0); /* below rest: none */
  /* the synapse's drive */
  const double a0 = 2e-4;
  assert_float_equal(glun2b_drive(g, 0.0, 0.9, a0), a0, 1e-18);
  assert_float_equal(glun2b_drive(g, 1.0, 0.9, a0), 0.9, 1e-15);
  assert_float_equal(glun2b_drive(g, 0.5, 0.9, a0), a0 + 0.5 * (0.9 - a0), 1e-15);
  assert_float_equal(glun2b_drive(g, 0.5, 1e-4, a0), 1e-4, 0.0); /* below rest: a_K */
  glun2b_params off = *g;
  off.k_bind_per_s = 0.0; /* the gate off: a_K itself */
  assert_float_equal(glun2b_drive(&off, 0.0, 0.9, a0), 0.9, 0.0);
  assert_float_equal(glun2b_stiffness_per_ms(g, k),
                     1e-3 * (0.5 * g->k_bind_per_s + 1.0 / g->tau_unbind_s), 1e-15);
}

/* The Ca2+ scale (mech/ca_scale.h): the count's Ca2+ constants are the values chosen on the
 * scale of kappa_endo 20 times the factor, so with every Ca2+ (rest included) times the factor
 * the count grows the factor times as fast, commits at the same point and the coincidence
 * term adds the factor times as much: the LTD side is what it was at kappa 20. */
static void ltd_switch_follows_the_spine_ca_scale(void **state) {
  (void)state;
  const ltp_params p = defaults();
  const ltd_switch_params *now = &p.ltd_switch;
  const double f = SPINE_CA_SCALE;
  assert_float_equal(p.calcium.kappa_endo, 12.0, 0.0);
  assert_float_equal(f, 21.0 / 13.0, 1e-15);
  ltd_switch_params before = *now; /* the constants as chosen at kappa 20 */
  before.count_threshold_uM_s /= f;
  before.count_saturation_uM /= f;
  before.coincidence_gain_uM_s /= f;
  before.coincidence_k_uM /= f;
  assert_float_equal(before.count_threshold_uM_s, 7.0, 1e-12);
  assert_float_equal(before.coincidence_k_uM, 0.15, 1e-12);
  const double rest = 0.07, rises[] = {0.05, 0.3, 2.0, 30.0}, count = 4.0;
  for (size_t i = 0; i < sizeof rises / sizeof rises[0]; ++i) {
    const double x = rises[i];
    assert_float_equal(ltd_switch_count_rhs(now, f * count, f * (rest + x), f * rest, 0.0, 0.1),
                       f * ltd_switch_count_rhs(&before, count, rest + x, rest, 0.0, 0.1),
                       1e-12 * f * x);
    ltd_coincidence_supply a, b;
    ltd_coincidence_supply_init(&a);
    ltd_coincidence_supply_init(&b);
    const ltd_coincidence_input in_now = {0.3, f * x, 0.0, 0.0, 0.1},
                                in_before = {0.3, x, 0.0, 0.0, 0.1};
    assert_float_equal(ltd_switch_coincidence_uM_s(now, &a, 0.0, &in_now),
                       f * ltd_switch_coincidence_uM_s(&before, &b, 0.0, &in_before), 1e-12);
    assert_float_equal(a.available, b.available, 1e-12);
  }
  assert_float_equal(ltd_switch_commit_rhs(now, 0.2, f * 6.5),
                     ltd_switch_commit_rhs(&before, 0.2, 6.5), 1e-15);
}

static void ltd_switch_coincidence_reads_ltype_calcium_before_glutamate(void **state) {
  (void)state;
  const ltp_params p = defaults();
  ltd_switch_params l = p.ltd_switch;
  assert_true(l.coincidence_gain_uM_s > 0.0); /* on in the default set */
  const double k = l.coincidence_k_uM, gain = l.coincidence_gain_uM_s, q = 0.25;
  ltd_coincidence_supply s;
  /* a fresh supply and the sensor half active: gain x quanta / 2 */
  ltd_coincidence_supply_init(&s);
  assert_float_equal(coincidence(&l, &s, 0.0, q, k, 0.0, 0.0), gain * q * 0.5, 1e-12);
  /* the supply used: exp(-use x quanta x sensor) of it is left */
  const double left = exp(-l.coincidence_use * q * 0.5);
  assert_float_equal(s.available, left, 1e-12);
  /* and it recovers exactly with tau_rec: one tau later 1 - (1 - left) / e is available */
  const double tau_ms = 1e3 * l.coincidence_tau_rec_s;
  const double back = 1.0 - (1.0 - left) * exp(-1.0);
  assert_float_equal(coincidence(&l, &s, tau_ms, q, 1e6 * k, 0.0, 0.0),
                     gain * q * back / (1.0 + pow(1e-6, l.coincidence_hill)), 1e-12);
  /* steep in the L-type Ca2+: a tenth of K counts (1/10)^n of the full term at most */
  ltd_coincidence_supply_init(&s);
  assert_true(coincidence(&l, &s, 0.0, q, 0.1 * k, 0.0, 0.0) <=
              gain * q * pow(0.1, l.coincidence_hill));
  /* nothing at rest, with calcineurin blocked, or with the kinase on and the full veto; and
   * nothing used then */
  l.kinase_veto = 1.0;
  const double rest[][3] = {{0.0, 0.0, 0.0}, {k, 1.0, 0.0}, {k, 0.0, 1.0}};
  for (int i = 0; i < 3; ++i) {
    ltd_coincidence_supply_init(&s);
    assert_float_equal(coincidence(&l, &s, 0.0, q, rest[i][0], rest[i][1], rest[i][2]), 0.0, 0.0);
  }
  ltd_coincidence_supply_init(&s);
  (void)coincidence(&l, &s, 0.0, q, 0.0, 0.0, 0.0);
  assert_float_equal(s.available, 1.0, 0.0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(mg_block_matches_jahr_stevens_table),
      cmocka_unit_test(mg_block_iv_has_negative_slope_region),
      cmocka_unit_test(vargas_caballero_fit_selectable),
      cmocka_unit_test(nmda_calcium_current_follows_ghk),
      cmocka_unit_test(ampa_two_state_kinetics_exact),
      cmocka_unit_test(dittman_paired_pulse_ratios),
      cmocka_unit_test(dittman_train_responses),
      cmocka_unit_test(ptp_closed_form_matches_integration),
      cmocka_unit_test(ptp_release_probability_capped_at_one),
      cmocka_unit_test(ptp_builds_up_in_tetanus_not_at_low_rates),
      cmocka_unit_test(reserve_refill_matches_integration),
      cmocka_unit_test(reserve_limits_long_trains_only),
      cmocka_unit_test(reserve_stochastic_mean_matches_mean_field),
      cmocka_unit_test(release_depends_on_calcium_o),
      cmocka_unit_test(calcium_decays_exponentially_and_conserves_mass),
      cmocka_unit_test(kinase_site_current_scales_its_sources),
      cmocka_unit_test(nanodomain_rise_and_gamma_average),
      cmocka_unit_test(bapta_shrinks_transients),
      cmocka_unit_test(cell_input_resistance_in_ca1_range),
      cmocka_unit_test(actin_pool_fixed_point_and_decay),
      cmocka_unit_test(ltd_switch_counts_and_commits),
      cmocka_unit_test(ltd_switch_coincidence_reads_ltype_calcium_before_glutamate),
      cmocka_unit_test(ltd_switch_follows_the_spine_ca_scale),
      cmocka_unit_test(glun2b_binds_with_nmdar_calcium_only),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
