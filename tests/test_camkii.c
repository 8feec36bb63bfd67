/* Tests of the Graupner & Brunel 2007 CaMKII-PP1 switch (src/mech/camkii.c): calmodulin
 * equilibrium, the ring equations against the paper's Eqs. 7-20, conservation, the paper's
 * bistability ranges (Figs. 2, 3), LTP-like and LTD-like switching and the drug blocks. The
 * system is stiff, so trajectories are integrated with SUNDIALS CVODE (BDF, dense;
 * src/engine/settle.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/settle.h"
#include "mech/ca_scale.h"
#include "mech/camkii.h"

#define S_PER_MS 1e-3
#define MS_PER_S 1e3
#define LONG_MS 2e6 /* 2000 s: far longer than any relaxation of the model (< 300 s) */

#define assert_near(a, b, tol)                                                                     \
  do {                                                                                             \
    const double a_ = (a), b_ = (b), t_ = (tol);                                                   \
    if (!(fabs(a_ - b_) <= t_)) {                                                                  \
      print_error("%s = %.9g, expected %.9g +- %.3g\n", #a, a_, b_, t_);                           \
      fail();                                                                                      \
    }                                                                                              \
  } while (0)

/* ---- helpers ------------------------------------------------------------------------- */

/* The table's defaults. */
static camkii_params table_defaults(void) {
  ltp_params all;
  memset(&all, 0, sizeof all);
  for (size_t i = 0; i < camkii_mech.n_params; i++) {
    const ltp_param_def *d = &camkii_mech.params[i];
    memcpy((char *)&all + d->offset, &d->def, sizeof(double));
  }
  return all.camkii;
}

/* The paper's switch: the table's defaults with GB2007's own CaM (the defaults' CaM constants
 * carry the spine's Ca2+ scale, mech/ca_scale.h), against which this file checks the port. */
static camkii_params defaults(void) {
  camkii_params p = table_defaults();
  camkii_use_gb2007_cam(&p);
  return p;
}

/* Advance y by duration_ms at constant free Ca2+ (CVODE BDF, tight tolerances). */
static void integrate(const camkii_params *p, double ca_uM, double *y, double duration_ms) {
  ltp_error err = {0};
  assert_int_equal(ltp_camkii_integrate(p, ca_uM, y, duration_ms, &err), LTP_OK);
}

static double rings_total(const double *y) {
  double s = 0.0;
  for (int i = 0; i < CAMKII_N_RINGS; i++)
    s += y[i];
  return s;
}

/* Settled DOWN state at ca_uM: unphosphorylated rings, cascade at its steady state. */
static void settled_down(const camkii_params *p, double ca_uM, double *y) {
  camkii_init_down(p, y);
  camkii_cascade_steady(p, ca_uM, &y[CAMKII_PP1], &y[CAMKII_I1P]);
  y[CAMKII_CAN] = camkii_can_activation(p, ca_uM);
  integrate(p, ca_uM, y, LONG_MS);
}

/* Settled UP state at ca_uM, started from fully phosphorylated rings (all S_13). */
static void settled_up(const camkii_params *p, double ca_uM, double *y) {
  camkii_init_down(p, y);
  y[0] = 0.0;
  y[13] = p->s_tot_uM;
  camkii_cascade_steady(p, ca_uM, &y[CAMKII_PP1], &y[CAMKII_I1P]);
  y[CAMKII_CAN] = camkii_can_activation(p, ca_uM);
  integrate(p, ca_uM, y, LONG_MS);
}

/* ---- calmodulin and the PP1 cascade ------------------------------------------------- */

static void test_cam_ca4_hand_values(void **state) {
  (void)state;
  const camkii_params p = defaults();
  /* Ca = 0.1: 1 + 0.4/0.1 + 0.32*0.4/0.01 + 0.025*0.128/0.001 + 0.1*0.0032/1e-4 = 24.2 */
  assert_near(camkii_cam_ca4_uM(&p, 0.1), 0.1 / 24.2, 1e-12);
  /* Ca = 1: 1 + 0.4 + 0.128 + 0.0032 + 0.00032 = 1.53152 */
  assert_near(camkii_cam_ca4_uM(&p, 1.0), 0.1 / 1.53152, 1e-12);
  assert_near(camkii_cam_ca4_uM(&p, 0.0), 0.0, 0.0);
  assert_near(camkii_cam_ca4_uM(&p, 1e6), p.cam_tot_uM, 1e-6); /* saturates at CaM_tot */
}

static void test_cascade_rates_and_pp1_at_rest(void **state) {
  (void)state;
  camkii_params p = defaults();
  const double c = 0.1 / 24.2;
  const double v_can = 0.1 + 18.0 / (1.0 + pow(0.053 / c, 3.0));
  const double v_pka = 0.00359 + 100.0 / (1.0 + pow(0.11 / c, 8.0));
  assert_near(camkii_can_rate_per_s(&p, 0.1), v_can, 1e-12);
  assert_near(camkii_pka_rate_per_s(&p, 0.1), v_pka, 1e-12);
  /* GB2007 Fig. 5 legend: "The PP1 steady-state activity is 7.21 uM/s at Ca0 = 0.1 uM". */
  double pp1 = 0.0, i1p = 0.0;
  camkii_cascade_steady(&p, 0.1, &pp1, &i1p);
  assert_near(p.k12_per_s * pp1, 7.21, 0.01);
  /* FK506 removes the Ca/CaM-dependent part only (basal k_CaN^0 stands for PP2A too). */
  p.calcineurin_block = 1.0;
  assert_near(camkii_can_rate_per_s(&p, 1.0), p.can_k0_per_s, 1e-15);
}

/* ---- the ring equations ------------------------------------------------------------- */

/* GB2007 Eqs. 7-20 typed from the paper (uM/s), a = k6 gamma^2, b = k7 gamma, d = k10.
 * Eq. 14 has k6 gamma^2 (S2 + 2 S4): the factor 2 balances the -2 k6 gamma^2 S4 of Eq. 11. */
static void paper_ring_equations(double a, double b, double d, const double *s, double *ds) {
  ds[0] = -6 * a * s[0] + d * s[1];
  ds[1] = 6 * a * s[0] - 4 * a * s[1] - b * s[1] - d * s[1] + 2 * d * (s[2] + s[3] + s[4]);
  ds[2] =
      a * s[1] + b * s[1] - 3 * a * s[2] - b * s[2] - 2 * d * s[2] + d * (2 * s[5] + s[6] + s[7]);
  ds[3] = 2 * a * s[1] - 2 * a * s[3] - 2 * b * s[3] - 2 * d * s[3] +
          d * (s[5] + s[6] + s[7] + 3 * s[8]);
  ds[4] = a * s[1] - 2 * a * s[4] - 2 * b * s[4] - 2 * d * s[4] + d * (s[6] + s[7]);
  ds[5] = a * s[2] + b * (s[2] + s[3]) - 2 * a * s[5] - b * s[5] - 3 * d * s[5] +
          d * (2 * s[9] + s[10]);
  ds[6] = a * (s[2] + s[3]) + 2 * b * s[4] - a * s[6] - 2 * b * s[6] - 3 * d * s[6] +
          d * (s[9] + s[10] + 2 * s[11]);
  ds[7] = a * (s[2] + 2 * s[4]) + b * s[3] - a * s[7] - 2 * b * s[7] - 3 * d * s[7] +
          d * (s[9] + s[10] + 2 * s[11]);
  ds[8] = a * s[3] - 3 * b * s[8] - 3 * d * s[8] + d * s[10];
  ds[9] = a * s[5] + b * (s[5] + s[6] + s[7]) - a * s[9] - b * s[9] - 4 * d * s[9] + 2 * d * s[12];
  ds[10] =
      a * (s[5] + s[6]) + b * (s[7] + 3 * s[8]) - 2 * b * s[10] - 4 * d * s[10] + 2 * d * s[12];
  ds[11] = a * s[7] + b * s[6] - 2 * b * s[11] - 4 * d * s[11] + d * s[12];
  ds[12] =
      a * s[9] + b * (s[9] + 2 * s[10] + 2 * s[11]) - b * s[12] - 5 * d * s[12] + 6 * d * s[13];
  ds[13] = b * s[12] - 6 * d * s[13];
}

static void some_state(double *y) {
  for (int i = 0; i < CAMKII_N_RINGS; i++)
    y[i] = 0.5 + 0.37 * i + 0.11 * (i % 3); /* every pattern populated */
  y[CAMKII_PP1] = 0.013;
  y[CAMKII_I1P] = 0.41;
  y[CAMKII_CAN] = 0.3;
  y[CAMKII_PKA] = 0.1;
  for (int i = CAMKII_CAM_KINASE; i < CAMKII_N_STATE; i++)
    y[i] = 0.01 + 0.001 * i;
}

/* GB2007's equations have calcineurin in equilibrium with Ca4-CaM: compare with the
 * instantaneous form (can_tau_on = can_tau_off = 0). */
static void check_against_paper(const camkii_params *p_kinetic, double ca_uM) {
  camkii_params paper = *p_kinetic;
  paper.can_tau_on_s = paper.can_tau_off_s = 0.0;
  const camkii_params *p = &paper;
  double y[CAMKII_N_STATE], dydt[CAMKII_N_STATE], ref[CAMKII_N_STATE];
  some_state(y);
  camkii_rhs(p, ca_uM, y, dydt);
  const double c = camkii_cam_ca4_uM(p, ca_uM), gamma = c / (p->k5_uM + c);
  const double kin = 1.0 - p->kinase_block;
  const double k10 = p->k12_per_s * y[CAMKII_PP1] / (p->km_uM + camkii_phospho_subunits_uM(y));
  paper_ring_equations(kin * p->k6_per_s * gamma * gamma, kin * p->k7_per_s * gamma, k10, y, ref);
  const double bind = p->k11_per_uM_s * y[CAMKII_I1P] * y[CAMKII_PP1] -
                      p->km11_per_s * (p->pp1_0_uM - y[CAMKII_PP1]);
  ref[CAMKII_PP1] = -bind; /* Eq. 25 */
  ref[CAMKII_I1P] = -bind + camkii_pka_rate_per_s(p, ca_uM) * p->i1_0_uM -
                    camkii_can_rate_per_s(p, ca_uM) * y[CAMKII_I1P]; /* Eq. 24 */
  ref[CAMKII_CAN] = ref[CAMKII_PKA] = 0.0; /* instantaneous: the state entries are unused */
  for (int k = CAMKII_CAM_KINASE; k < CAMKII_N_STATE; k++)
    ref[k] = 0.0; /* equilibrium CaM: the kinetic entries are unused */
  for (int k = 0; k < CAMKII_N_STATE; k++)
    assert_near(dydt[k], ref[k] * S_PER_MS, 1e-12 * (1.0 + fabs(ref[k])));
}

static void test_rhs_matches_paper_equations(void **state) {
  (void)state;
  camkii_params p = defaults();
  check_against_paper(&p, 0.1);
  check_against_paper(&p, 0.7);
  p.k7_per_s = 2.5; /* k6 != k7 tells initiation and propagation apart */
  p.kinase_block = 0.3;
  check_against_paper(&p, 2.0);
}

/* Split Ca2+ inputs (mech/calcium.c, the kinase site): autophosphorylation follows the kinase
 * site's Ca2+, calcineurin and PKA the head's; equal inputs are the single-pool model. */
static void test_split_calcium_inputs(void **state) {
  (void)state;
  camkii_params p = defaults();
  camkii_inputs split, at_kinase, at_head, same;
  camkii_inputs_split(&p, 0.08, 3.0, &split);
  camkii_inputs_at(&p, 0.08, &at_kinase);
  camkii_inputs_at(&p, 3.0, &at_head);
  assert_near(split.initiation_per_s, at_kinase.initiation_per_s, 0.0);
  assert_near(split.propagation_per_s, at_kinase.propagation_per_s, 0.0);
  assert_near(split.can_equilibrium, at_head.can_equilibrium, 0.0);
  assert_near(split.pka_equilibrium, at_head.pka_equilibrium, 0.0);
  print_message("initiation %g /s at the kinase site, %g /s at the head's Ca2+\n",
                split.initiation_per_s, at_head.initiation_per_s);
  assert_true(split.initiation_per_s < 0.1 * at_head.initiation_per_s);
  camkii_inputs_split(&p, 0.7, 0.7, &same);
  camkii_inputs_at(&p, 0.7, &at_head);
  assert_memory_equal(&same, &at_head, sizeof same);
}

/* The kinase's own CaM constants (kinase_l1..l4, 0 = the phosphatases' l1..l4): free CaM's (Pepke
 * et al. 2010: 10, 1, 20, 2.5 uM) leave CaMKII at the resting Ca2+ with almost no Ca4-CaM (a fifth
 * of CaM at 5 uM, half at 9.2 uM), while calcineurin and PKA keep GB2007's CaM; the kinetic form
 * relaxes each pool to its own reader's equilibrium. */
static void test_kinase_cam_of_its_own(void **state) {
  (void)state;
  camkii_params p = defaults();
  assert_near(camkii_kinase_cam_ca4_uM(&p, 0.3), camkii_cam_ca4_uM(&p, 0.3), 0.0);
  p.kinase_l3_uM = 20.0; /* only the 3rd differs: the others are l1, l2, l4 */
  assert_near(camkii_kinase_cam_ca4_uM(&p, 1.0),
              p.cam_tot_uM / (1.0 + p.l4_uM * (1.0 + 20.0 * (1.0 + p.l2_uM * (1.0 + p.l1_uM)))),
              1e-12);
  p.kinase_l1_uM = 10.0;
  p.kinase_l2_uM = 1.0;
  p.kinase_l3_uM = 20.0;
  p.kinase_l4_uM = 2.5;
  /* Eq. 1 by hand at 5 uM: 1 + 2.5/5 + 50/25 + 50/125 + 500/625 = 4.7 */
  assert_near(camkii_kinase_cam_ca4_uM(&p, 5.0), p.cam_tot_uM / 4.7, 1e-12);
  assert_true(camkii_kinase_cam_ca4_uM(&p, 0.07) < 1e-5 * camkii_cam_ca4_uM(&p, 0.07));
  camkii_inputs split, gb;
  camkii_inputs_split(&p, 0.7, 0.7, &split);
  camkii_params q = defaults();
  camkii_inputs_at(&q, 0.7, &gb);
  assert_near(split.can_equilibrium, gb.can_equilibrium, 0.0);
  assert_near(split.pka_equilibrium, gb.pka_equilibrium, 0.0);
  assert_true(split.initiation_per_s < 1e-3 * gb.initiation_per_s);
  p.cam_kinetics = CAMKII_CAM_TWO_LOBE;
  double y[CAMKII_N_STATE], dy[CAMKII_N_STATE];
  some_state(y);
  camkii_cam_equilibrium(&p, 5.0, 0.7, y + CAMKII_N_CORE);
  assert_near(y[CAMKII_CAM_KINASE + 3], camkii_kinase_cam_ca4_uM(&p, 5.0), 1e-12);
  camkii_inputs at;
  camkii_inputs_split(&p, 5.0, 0.7, &at);
  camkii_rhs_inputs(&p, &at, y, dy);
  for (int k = CAMKII_CAM_KINASE; k < CAMKII_N_STATE; k++)
    assert_near(dy[k], 0.0, 1e-12);
}

/* Two-lobe kinetic CaM (cam_kinetics = two_lobe): its equilibrium is GB2007's Eq. 1, where
 * the right-hand side is the equilibrium model's; a brief transient loads little Ca4-CaM, a
 * sustained one all of it. */
static void test_kinetic_cam_keeps_the_equilibrium(void **state) {
  (void)state;
  camkii_params eq = defaults(), kin = defaults();
  kin.cam_kinetics = CAMKII_CAM_TWO_LOBE;
  const double cas[] = {0.07, 0.3, 1.0, 10.0};
  for (size_t c = 0; c < sizeof cas / sizeof cas[0]; c++) {
    double y[CAMKII_N_STATE], d_eq[CAMKII_N_STATE], d_kin[CAMKII_N_STATE];
    some_state(y);
    camkii_cam_equilibrium(&kin, cas[c], cas[c], y + CAMKII_N_CORE);
    assert_near(y[CAMKII_CAM_KINASE + 3], camkii_cam_ca4_uM(&eq, cas[c]), 1e-12);
    camkii_rhs(&eq, cas[c], y, d_eq);
    camkii_rhs(&kin, cas[c], y, d_kin);
    for (int k = 0; k < CAMKII_N_STATE; k++) /* the CaM entries rest, the others agree */
      assert_near(d_kin[k], k >= CAMKII_CAM_KINASE ? 0.0 : d_eq[k], 1e-12 * (1.0 + fabs(d_eq[k])));
  }
}

/* Ca4-CaM after a square Ca2+ pulse from rest (0.07 uM), as a fraction of its equilibrium at
 * the pulse's level. */
static double ca4_cam_loaded(double ca_uM, double duration_ms) {
  camkii_params p = defaults();
  p.cam_kinetics = CAMKII_CAM_TWO_LOBE;
  double y[CAMKII_N_STATE];
  camkii_init_down(&p, y);
  camkii_cam_equilibrium(&p, 0.07, 0.07, y + CAMKII_N_CORE);
  integrate(&p, ca_uM, y, duration_ms);
  return y[CAMKII_CAM_KINASE + 3] / camkii_cam_ca4_uM(&p, ca_uM);
}

static void test_kinetic_cam_filters_brief_transients(void **state) {
  (void)state;
  const double brief = ca4_cam_loaded(1.0, 12.0), tetanus = ca4_cam_loaded(10.0, 1000.0);
  print_message("Ca4-CaM / equilibrium: 12 ms at 1 uM %.4f, 1 s at 10 uM %.4f\n", brief, tetanus);
  /* with GB2007's affinities the C-lobe (L1 0.1, L2 0.025 uM) is loaded already at rest, so
   * only the N-lobe's binding (kon3,4 [Ca] = 100-200/s at 1 uM) lags a brief transient */
  assert_true(brief > 0.2 && brief < 0.5);
  assert_true(tetanus > 0.95);
}

static void test_rhs_conserves_rings(void **state) {
  (void)state;
  const camkii_params p = defaults();
  double y[CAMKII_N_STATE], dydt[CAMKII_N_STATE];
  some_state(y);
  const double cas[] = {0.0, 0.1, 0.3, 1.0, 10.0};
  for (size_t k = 0; k < sizeof cas / sizeof cas[0]; k++) {
    camkii_rhs(&p, cas[k], y, dydt);
    assert_near(rings_total(dydt), 0.0, 1e-15);
  }
}

static void test_init_down(void **state) {
  (void)state;
  const camkii_params p = defaults();
  double y[CAMKII_N_STATE], dydt[CAMKII_N_STATE];
  camkii_init_down(&p, y);
  assert_near(y[0], p.s_tot_uM, 0.0);
  assert_near(camkii_phospho_subunits_uM(y), 0.0, 0.0);
  assert_near(camkii_unphosphorylated_ring_fraction(&p, y), 1.0, 0.0);
  double all_p[CAMKII_N_STATE];
  memcpy(all_p, y, sizeof all_p);
  all_p[0] = 0.25 * p.s_tot_uM; /* a quarter of the rings unphosphorylated, the rest all six */
  all_p[CAMKII_N_RINGS - 1] = 0.75 * p.s_tot_uM;
  assert_near(camkii_unphosphorylated_ring_fraction(&p, all_p), 0.25, 1e-15);
  /* Ca-free cascade: I = k_PKA^0 I0 / k_CaN^0; k12 D = 6.648 uM/s, the constant PP1 activity
   * of GB2007 Fig. 2, which is this Ca-free value. */
  assert_near(y[CAMKII_I1P], 0.0359, 1e-12);
  assert_near(p.k12_per_s * y[CAMKII_PP1], 6.648, 0.001);
  camkii_rhs(&p, 0.0, y, dydt);
  for (int k = 0; k < CAMKII_N_STATE; k++)
    assert_near(dydt[k], 0.0, 1e-15); /* an exact equilibrium without Ca2+ */
}

/* ---- steady states and bistability -------------------------------------------------- */

static void test_equilibrium_and_conservation_after_integration(void **state) {
  (void)state;
  const camkii_params p = defaults();
  double y[CAMKII_N_STATE], dydt[CAMKII_N_STATE];
  settled_up(&p, 0.1, y);
  assert_near(rings_total(y), p.s_tot_uM, 1e-6 * p.s_tot_uM);
  camkii_rhs(&p, 0.1, y, dydt);
  for (int k = 0; k < CAMKII_N_STATE; k++)
    assert_near(dydt[k] * MS_PER_S, 0.0, 1e-5); /* uM/s at a fixed point */
}

static void test_bistable_at_rest(void **state) {
  (void)state;
  const camkii_params p = defaults();
  double down[CAMKII_N_STATE], up[CAMKII_N_STATE];
  /* DOWN from the Ca-free start stays near zero (0.145 uM of 200 uM subunits). */
  camkii_init_down(&p, down);
  integrate(&p, 0.1, down, LONG_MS);
  assert_true(camkii_phospho_subunits_uM(down) < 1.0);
  /* UP at 0.1 uM: GB2007 Fig. 5E/F show S_active ~150 uM; this port gives 150.0. */
  settled_up(&p, 0.1, up);
  assert_near(camkii_phospho_subunits_uM(up), 150.0, 0.05 * 150.0);
  /* UP at 0.2 uM (ModelDB 114452 upper-branch start, SCIENCE.md: ~132 uM). */
  settled_up(&p, 0.2, up);
  assert_near(camkii_phospho_subunits_uM(up), 132.0, 0.05 * 132.0);
}

static int is_bistable(const camkii_params *p, double ca_uM) {
  double down[CAMKII_N_STATE], up[CAMKII_N_STATE];
  settled_down(p, ca_uM, down);
  settled_up(p, ca_uM, up);
  return camkii_phospho_subunits_uM(up) - camkii_phospho_subunits_uM(down) > 10.0;
}

/* GB2007 Fig. 2: with PP1 activity held at k12 D = 6.648 uM/s the six-subunit model is
 * bistable for 0.091 < Ca < 0.129 uM. */
static void test_bistable_range_constant_pp1(void **state) {
  (void)state;
  camkii_params p = defaults();
  p.k11_per_uM_s = 0.0; /* PP1 never inhibited: D stays at D0 */
  p.pp1_0_uM = 6.648 / p.k12_per_s;
  assert_false(is_bistable(&p, 0.088));
  assert_true(is_bistable(&p, 0.094));
  assert_true(is_bistable(&p, 0.126));
  assert_false(is_bistable(&p, 0.132));
}

/* GB2007 Fig. 3B/C with the cascade: saddle-nodes at Ca = 0.09, 0.22, 0.36, 0.37 uM; only DOWN
 * in the LTD window (0.22-0.36), only UP above 0.37. This port: 0.0924, 0.2196, 0.3631, 0.3739. */
static void test_bistable_windows_with_cascade(void **state) {
  (void)state;
  const camkii_params p = defaults();
  double y[CAMKII_N_STATE];
  assert_false(is_bistable(&p, 0.085));
  assert_true(is_bistable(&p, 0.1));
  assert_true(is_bistable(&p, 0.21));
  settled_up(&p, 0.3, y); /* LTD window: UP collapses */
  assert_true(camkii_phospho_subunits_uM(y) < 5.0);
  settled_down(&p, 0.5, y); /* LTP window: DOWN climbs */
  assert_true(camkii_phospho_subunits_uM(y) > 150.0);
}

/* ---- switching ---------------------------------------------------------------------- */

/* Apply ca_uM for pulse_ms to a settled state at 0.1 uM, then rest at 0.1 uM until settled. */
static double after_pulse(const camkii_params *p, const double *start, double ca_uM,
                          double pulse_ms) {
  double y[CAMKII_N_STATE];
  memcpy(y, start, sizeof y);
  integrate(p, ca_uM, y, pulse_ms);
  integrate(p, 0.1, y, LONG_MS);
  return camkii_phospho_subunits_uM(y);
}

/* LTP-like: 1 uM for 1 s switches DOWN to UP (threshold ~97 ms here); 50 ms does not. */
static void test_high_calcium_switches_up(void **state) {
  (void)state;
  const camkii_params p = defaults();
  double down[CAMKII_N_STATE];
  settled_down(&p, 0.1, down);
  assert_near(after_pulse(&p, down, 1.0, 1000.0), 150.0, 0.05 * 150.0);
  assert_true(after_pulse(&p, down, 1.0, 50.0) < 1.0);
}

/* LTD-like: 0.3 uM (calcineurin active, CaMKII barely) for 20 s switches UP to DOWN
 * (threshold ~1.6 s here); a 0.5 s exposure does not. */
static void test_intermediate_calcium_switches_down(void **state) {
  (void)state;
  const camkii_params p = defaults();
  double up[CAMKII_N_STATE];
  settled_up(&p, 0.1, up);
  assert_true(after_pulse(&p, up, 0.3, 20000.0) < 1.0);
  assert_near(after_pulse(&p, up, 0.3, 500.0), 150.0, 0.05 * 150.0);
}

static void test_kinase_block_prevents_ltp(void **state) {
  (void)state;
  camkii_params p = defaults();
  double down[CAMKII_N_STATE];
  settled_down(&p, 0.1, down);
  p.kinase_block = 1.0; /* KN-62 during the pulse and after */
  assert_true(after_pulse(&p, down, 1.0, 10000.0) < 1e-9);
}

static void test_calcineurin_block_prevents_ltd(void **state) {
  (void)state;
  camkii_params p = defaults();
  double up[CAMKII_N_STATE];
  settled_up(&p, 0.1, up);
  p.calcineurin_block = 1.0; /* FK506 */
  assert_true(after_pulse(&p, up, 0.3, 20000.0) > 140.0);
}

/* ---- parameter table ---------------------------------------------------------------- */

/* Calcineurin activates within seconds and stays active for about a minute after Ca2+ falls
 * (tau_off, Fujii et al. 2013): after a 2 s step to 1 uM it is near its equilibrium, and 54 s
 * after the step it has lost 1 - 1/e of it, to 5 % of the step value (exponential decay). */
static void test_calcineurin_activation_kinetics(void **state) {
  (void)state;
  camkii_params p = defaults();
  p.can_tau_on_s = 1.0; /* the measured kinetics (parameter table sources) */
  p.can_tau_off_s = 54.0;
  double y[CAMKII_N_STATE];
  settled_down(&p, 0.07, y);
  const double rest = y[CAMKII_CAN], high = camkii_can_activation(&p, 1.0);
  assert_near(rest, camkii_can_activation(&p, 0.07), 1e-6);
  integrate(&p, 1.0, y, 2.0 * MS_PER_S * p.can_tau_on_s);
  const double after_step = y[CAMKII_CAN];
  assert_true(after_step > rest + 0.8 * (high - rest)); /* 1 - e^-2 = 0.86 */
  integrate(&p, 0.07, y, MS_PER_S * p.can_tau_off_s);
  assert_near(y[CAMKII_CAN] - rest, (after_step - rest) / exp(1.0), 0.05 * (after_step - rest));
}

/* The defaults' CaM is GB2007's with every constant x the Ca2+ scale: it holds at s x Ca the
 * Ca4-CaM GB2007's holds at Ca, so the switch keeps the paper's thresholds at s x their Ca2+,
 * and camkii_ca_equivalent_to_gb2007_uM maps one onto the other. */
static void test_cam_on_the_spine_ca_scale(void **state) {
  (void)state;
  const camkii_params paper = defaults(), model = table_defaults();
  const double s = SPINE_CA_SCALE;
  assert_near(model.l1_uM, 0.1 * s, 1e-12);
  assert_near(model.l4_uM, 0.4 * s, 1e-12);
  const double cas[] = {0.07, 0.1, 0.374, 2.0};
  for (size_t i = 0; i < sizeof cas / sizeof cas[0]; ++i) {
    const double ca = cas[i];
    assert_near(camkii_kinase_cam_ca4_uM(&model, s * ca), camkii_kinase_cam_ca4_uM(&paper, ca),
                1e-12);
    assert_near(camkii_ca_equivalent_to_gb2007_uM(&model, ca), s * ca, 1e-9 * ca);
    assert_near(camkii_ca_equivalent_to_gb2007_uM(&paper, ca), ca, 1e-9 * ca);
  }
  /* the bistable window moves with it: GB2007's 0.085 (DOWN only) and 0.1 uM (both) */
  assert_false(is_bistable(&model, 0.085 * s));
  assert_true(is_bistable(&model, 0.1 * s));
  assert_false(is_bistable(&model, 0.1)); /* below the lower saddle-node on the model's scale */
}

static void test_parameter_table(void **state) {
  (void)state;
  assert_string_equal(camkii_mech.name, "camkii");
  assert_int_equal(camkii_mech.n_params, sizeof(camkii_params) / sizeof(double));
  for (size_t i = 0; i < camkii_mech.n_params; i++) {
    const ltp_param_def *d = &camkii_mech.params[i];
    assert_true(d->min <= d->def && d->def <= d->max);
    assert_true(d->min >= 0.0);
    assert_true(d->offset >= offsetof(ltp_params, camkii));
    assert_true(d->offset < offsetof(ltp_params, camkii) + sizeof(camkii_params));
    for (size_t j = 0; j < i; j++) {
      assert_true(strcmp(d->name, camkii_mech.params[j].name) != 0);
      assert_true(d->offset != camkii_mech.params[j].offset);
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cam_ca4_hand_values),
      cmocka_unit_test(test_cascade_rates_and_pp1_at_rest),
      cmocka_unit_test(test_rhs_matches_paper_equations),
      cmocka_unit_test(test_split_calcium_inputs),
      cmocka_unit_test(test_kinase_cam_of_its_own),
      cmocka_unit_test(test_kinetic_cam_keeps_the_equilibrium),
      cmocka_unit_test(test_kinetic_cam_filters_brief_transients),
      cmocka_unit_test(test_rhs_conserves_rings),
      cmocka_unit_test(test_init_down),
      cmocka_unit_test(test_equilibrium_and_conservation_after_integration),
      cmocka_unit_test(test_bistable_at_rest),
      cmocka_unit_test(test_bistable_range_constant_pp1),
      cmocka_unit_test(test_bistable_windows_with_cascade),
      cmocka_unit_test(test_high_calcium_switches_up),
      cmocka_unit_test(test_intermediate_calcium_switches_down),
      cmocka_unit_test(test_kinase_block_prevents_ltp),
      cmocka_unit_test(test_calcineurin_block_prevents_ltd),
      cmocka_unit_test(test_calcineurin_activation_kinetics),
      cmocka_unit_test(test_cam_on_the_spine_ca_scale),
      cmocka_unit_test(test_parameter_table),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
