/* CaMKII-PP1 bistable switch: Graupner & Brunel 2007, PLoS Comput Biol 3:e221 (GB2007),
 * ModelDB 114452. Equations are the paper's Materials and Methods, Eqs. 1-25; parameter
 * values are its Table 1 (deterministic set, k_CaN = 18 1/s).
 *
 * What is modelled
 * - Ca2+ binds calmodulin in four sequential steps at equilibrium (GB2007 Eq. 1,
 *   dissociation constants L1..L4 from Linse et al. 1991); only Ca4-CaM, C, is active.
 * - A CaMKII holoenzyme is two functionally independent rings of six subunits. A subunit is
 *   phosphorylated at Thr286 or not; a ring is one of the 14 patterns distinct under rotation
 *   (S_0..S_13, GB2007 Eqs. 7-20). Autophosphorylation is intersubunit and directed: subunit
 *   j is phosphorylated by its neighbour j-1, and the substrate must bind C (probability
 *   gamma = C/(K5 + C), Eq. 2). With an unphosphorylated catalyst, which must bind C too, the
 *   rate is k6 gamma^2 (initiation, Fig. 1C); with a phosphorylated catalyst it is
 *   k7 gamma gamma* + k8 gamma (1 - gamma*) = k7 gamma since the paper sets k7 = k8 (Fig.
 *   1D,E), so K9 and k8 drop out.
 * - PP1 (free concentration D) dephosphorylates every phosphorylated subunit at the
 *   Michaelis-Menten per-subunit rate k10 = k12 D / (K_M + S_active) (Eq. 6); the saturation
 *   of k10 at high S_active makes the system bistable.
 * - PP1 is inhibited by phosphorylated inhibitor-1 (I1P, I): dD/dt = -k11 I D + k-11 (D0 - D),
 *   dI/dt = -k11 I D + k-11 (D0 - D) + v_PKA I0 - v_CaN I (Eqs. 24-25; the paper names the
 *   association/dissociation constants k13/k-13, SCIENCE.md and this file k11/k-11). I1 is a
 *   bath of concentration I0. v_CaN and v_PKA are Hill functions of C (Eq. 23).
 * - Drugs (ltpsim additions): kinase_block (KN-62) scales k6 and k7 by (1 - kinase_block);
 *   calcineurin_block (FK506) scales the Ca/CaM-dependent part of v_CaN by
 *   (1 - calcineurin_block). The basal k_CaN^0, which the paper says also stands for PP2A, is
 *   not blocked, so I1P stays bounded under full block.
 *
 * Sources: only the header of the ModelDB 114452 .ode files could be read for this port, so
 * the equations and values are the paper's; its Table 1 agrees with SCIENCE.md section 1f.
 * Checks against the paper: PP1 activity k12 D = 7.21 uM/s at Ca = 0.1 uM (Fig. 5 legend);
 * constant-PP1 bistability 0.091-0.129 uM (Fig. 2); saddle-nodes at 0.09, 0.22, 0.36,
 * 0.37 uM (Fig. 3), here 0.0924, 0.2196, 0.3631, 0.3739; UP at 0.2 uM = 132.4 uM (SCIENCE.md:
 * ~132 uM as the .ode's upper-branch start). The ring transitions are generated from the bit
 * patterns below rather than typed in; tests/test_camkii.c checks them against Eqs. 7-20,
 * where Eq. 14 must read k6 gamma^2 (S2 + 2 S4): S4 = 100100 has two unphosphorylated
 * subunits whose initiation yields S7, as the -2 k6 gamma^2 S4 of Eq. 11 says.
 *
 * Units: concentrations in uM, the paper's rates in 1/s; camkii_rhs returns uM/ms.
 * Stiffness: the fastest mode is I1P-PP1 binding, k11 (D + I) + k-11 (GB2007 Eq. 30), about
 * 17/s at rest and 800/s after 10 s at 10 uM Ca2+ (I1P ~1.6 uM); k10 reaches ~100/s. */
#include "mech/camkii.h"

#include <math.h>
#include <stddef.h>

#include "mech/ca_scale.h"
#include "mech/kinetics.h"

#define GB2007 "Graupner & Brunel 2007 PLoS Comput Biol 3:e221, ModelDB 114452"
#define GB2007_CAM                                                                                 \
  GB2007 ", Table 1A (Linse et al. 1991) x the Ca2+ scale 21/13 (mech/ca_scale.h: the cascade "    \
         "reads the larger transients of kappa_endo 12 as GB2007's read those of kappa 20)"
#define MS_PER_S 1000.0
#define RING_SIZE 6

/* Representative bit pattern of each ring state S_i (bit j = subunit j phosphorylated), in the
 * paper's order: 000000, 100000, 110000, 101000, 100100, 111000, 110100, 110010, 101010,
 * 111100, 111010, 110110, 111110, 111111 (leftmost character = bit 0). */
static const unsigned char ring_pattern[CAMKII_N_RINGS] = {0,  1,  3,  5,  9,  7,  11,
                                                           19, 21, 15, 23, 27, 31, 63};

/* Ring state of every 6-bit pattern: the S_i that equals it up to rotation. */
/* clang-format off */
static const unsigned char ring_state_of_pattern[64] = {
     0,  1,  1,  2,  1,  3,  2,  5,  /* patterns  0- 7 */
     1,  4,  3,  6,  2,  7,  5,  9,  /* patterns  8-15 */
     1,  3,  4,  7,  3,  8,  6, 10,  /* patterns 16-23 */
     2,  6,  7, 11,  5, 10,  9, 12,  /* patterns 24-31 */
     1,  2,  3,  5,  4,  6,  7,  9,  /* patterns 32-39 */
     3,  7,  8, 10,  6, 11, 10, 12,  /* patterns 40-47 */
     2,  5,  6,  9,  7, 10, 11, 12,  /* patterns 48-55 */
     5,  9, 10, 12,  9, 12, 12, 13,  /* patterns 56-63 */
};
/* clang-format on */

/* Number of phosphorylated subunits in each ring state (the paper's m_i). */
static const unsigned char ring_phospho_count[CAMKII_N_RINGS] = {0, 1, 2, 2, 2, 3, 3,
                                                                 3, 3, 4, 4, 4, 5, 6};

static const char *const cam_kinetics_names[] = {"equilibrium", "two_lobe", NULL};

#define P(field) offsetof(ltp_params, camkii.field)
static const ltp_param_def camkii_table[] = {
    {"s_tot", "uM", 33.3, 0.0, 1000.0, GB2007 ", Table 1 (CaMKII_0 = 16.67 uM, 2 rings each)",
     "six-subunit CaMKII rings (200 uM subunits)", P(s_tot_uM), NULL},
    {"cam_tot", "uM", 0.1, 0.0, 100.0, GB2007 ", Table 1C",
     "calmodulin available to the switch (bath)", P(cam_tot_uM), NULL},
    {"k5", "uM", 0.1, 0.0, 100.0, GB2007 ", Table 1A (Meyer et al. 1992)",
     "K5: Ca4-CaM dissociation from an unphosphorylated subunit", P(k5_uM), NULL},
    {"k6", "1/s", 6.0, 0.0, 1e4, GB2007 ", Table 1B",
     "autophosphorylation by a CaM-bound unphosphorylated neighbour (initiation)", P(k6_per_s),
     NULL},
    {"k7", "1/s", 6.0, 0.0, 1e4, GB2007 ", Table 1B (k7 = k8)",
     "autophosphorylation by a phosphorylated neighbour (propagation)", P(k7_per_s), NULL},
    {"k12", "1/s", 6000.0, 0.0, 1e6, GB2007 ", Table 1B", "PP1 catalytic rate on a subunit",
     P(k12_per_s), NULL},
    {"km", "uM", 0.4, 1e-6, 100.0, GB2007 ", Table 1C (from Zhabotinsky 2000)",
     "Michaelis constant of PP1 on phosphorylated subunits", P(km_uM), NULL},
    {"pp1_0", "uM", 0.2, 0.0, 100.0, GB2007 ", Table 1B (D0)", "total PP1", P(pp1_0_uM), NULL},
    {"k11", "1/(uM s)", 500.0, 0.0, 1e6, GB2007 ", Table 1A (the paper's k13)",
     "I1P-PP1 association", P(k11_per_uM_s), NULL},
    {"km11", "1/s", 0.1, 1e-9, 1e4, GB2007 ", Table 1A (the paper's k-13)", "I1P-PP1 dissociation",
     P(km11_per_s), NULL},
    {"i1_0", "uM", 1.0, 0.0, 100.0, GB2007 ", Table 1C (I0)",
     "inhibitor-1 available for phosphorylation (bath)", P(i1_0_uM), NULL},
    {"can_k", "uM", 0.053, 0.0, 100.0, GB2007 ", Table 1A (Stemmer & Klee 1994)",
     "calcineurin half activation (Ca4-CaM concentration)", P(can_k_uM), NULL},
    {"can_n", "1", 3.0, 0.0, 20.0, GB2007 ", Table 1A (Stemmer & Klee 1994)",
     "calcineurin Hill coefficient", P(can_n), NULL},
    {"can_k0", "1/s", 0.1, 1e-6, 1e4, GB2007 ", Table 1C",
     "basal I1P dephosphorylation (CaN and PP2A); > 0 keeps Ca-free I1P finite", P(can_k0_per_s),
     NULL},
    {"can_kmax", "1/s", 18.0, 0.0, 1e4, GB2007 ", Table 1B (18 deterministic, 20 with noise)",
     "maximal Ca/CaM-dependent calcineurin rate on I1P", P(can_kmax_per_s), NULL},
    {"can_tau_on", "s", 0.0, 0.0, 1e4,
     "GB2007 (0: equilibrium); [S] CaN-Ca4CaM binding 10.75 /(uM s) (Rodrigues et al. 2023 "
     "Table 11) gives ~1 s at ~0.1 uM Ca4-CaM",
     "calcineurin activation time constant (0: instantaneous, GB2007)", P(can_tau_on_s), NULL},
    {"can_tau_off", "s", 0.0, 0.0, 1e4,
     "GB2007 (0: equilibrium). Measured: CaN activity decays with tau ~ 95 s at 25 C, 54 s at "
     "35 C in spines (Fujii et al. 2013; Chang et al. 2019; Rodrigues et al. 2023 Figs 1, 19) "
     "[S]; the kinetic form is not yet calibrated (docs/model.md)",
     "calcineurin deactivation time constant (0: instantaneous, GB2007)", P(can_tau_off_s), NULL},
    {"pka_k", "uM", 0.11, 0.0, 100.0, GB2007 ", Table 1B",
     "PKA half activation (Ca4-CaM concentration)", P(pka_k_uM), NULL},
    {"pka_n", "1", 8.0, 0.0, 20.0, GB2007 ", Table 1B", "PKA Hill coefficient", P(pka_n), NULL},
    {"pka_tau_on", "s", 0.0, 0.0, 1e4,
     "[M] cAMP/PKA activity in spines rises within seconds of glutamate uncaging (Tang & "
     "Yasuda 2017)",
     "PKA activation time constant (0: instantaneous, GB2007)", P(pka_tau_on_s), NULL},
    {"pka_tau_off", "s", 0.0, 0.0, 1e4,
     "GB2007 (0: equilibrium); [M] PKA activity in spines decays over about a minute after "
     "stimulation (Tang & Yasuda 2017)",
     "PKA deactivation time constant (0: instantaneous, GB2007)", P(pka_tau_off_s), NULL},
    {"pka_k0", "1/s", 0.00359, 0.0, 1e4, GB2007 ", Table 1B",
     "basal I1 phosphorylation (PKA and PKG)", P(pka_k0_per_s), NULL},
    {"pka_kmax", "1/s", 100.0, 0.0, 1e5, GB2007 ", Table 1B",
     "maximal Ca/CaM-dependent PKA rate on I1", P(pka_kmax_per_s), NULL},
    {"l1", "uM", ON_SPINE_CA_SCALE(CAMKII_GB2007_L1_UM), 0.0, 100.0, GB2007_CAM,
     "dissociation constant of the 1st Ca2+ on CaM", P(l1_uM), NULL},
    {"l2", "uM", ON_SPINE_CA_SCALE(CAMKII_GB2007_L2_UM), 0.0, 100.0, GB2007_CAM,
     "dissociation constant of the 2nd Ca2+ on CaM", P(l2_uM), NULL},
    {"l3", "uM", ON_SPINE_CA_SCALE(CAMKII_GB2007_L3_UM), 0.0, 100.0, GB2007_CAM,
     "dissociation constant of the 3rd Ca2+ on CaM", P(l3_uM), NULL},
    {"l4", "uM", ON_SPINE_CA_SCALE(CAMKII_GB2007_L4_UM), 0.0, 100.0, GB2007_CAM,
     "dissociation constant of the 4th Ca2+ on CaM", P(l4_uM), NULL},
    {"kinase_l1", "uM", 0.0, 0.0, 100.0,
     "0: l1, one CaM for every reader (GB2007); free CaM at physiological ionic strength: 10 uM "
     "(Pepke et al. 2010 [S], SCIENCE.md 1f; docs/model.md)",
     "dissociation constant of the 1st Ca2+ on the CaM that CaMKII reads (0: l1)", P(kinase_l1_uM),
     NULL},
    {"kinase_l2", "uM", 0.0, 0.0, 100.0, "0: l2 (GB2007); free CaM: 1 uM (Pepke et al. 2010 [S])",
     "dissociation constant of the 2nd Ca2+ on the kinase's CaM (0: l2)", P(kinase_l2_uM), NULL},
    {"kinase_l3", "uM", 0.0, 0.0, 100.0, "0: l3 (GB2007); free CaM: 20 uM (Pepke et al. 2010 [S])",
     "dissociation constant of the 3rd Ca2+ on the kinase's CaM (0: l3)", P(kinase_l3_uM), NULL},
    {"kinase_l4", "uM", 0.0, 0.0, 100.0, "0: l4 (GB2007); free CaM: 2.5 uM (Pepke et al. 2010 [S])",
     "dissociation constant of the 4th Ca2+ on the kinase's CaM (0: l4)", P(kinase_l4_uM), NULL},
    {"cam_kinetics", "choice", CAMKII_CAM_EQUILIBRIUM, 0, 1,
     "GB2007 (equilibrium); two_lobe: the binding rates below with GB2007's equilibrium",
     "Ca2+-CaM binding: at equilibrium, or at the two lobes' rates", P(cam_kinetics),
     cam_kinetics_names},
    {"kon1", "1/(uM s)", 5.0, 1e-3, 1e5,
     "[S] Pepke et al. 2010 C-lobe k_on1 (SCIENCE.md 1f, via Rodrigues et al. 2023 Table 12)",
     "binding rate of the 1st Ca2+ (C-lobe); its unbinding rate is l1 x kon1", P(kon1_per_uM_s),
     NULL},
    {"kon2", "1/(uM s)", 10.0, 1e-3, 1e5, "[S] Pepke et al. 2010 C-lobe k_on2 (SCIENCE.md 1f)",
     "binding rate of the 2nd Ca2+ (C-lobe); unbinding l2 x kon2", P(kon2_per_uM_s), NULL},
    {"kon3", "1/(uM s)", 100.0, 1e-3, 1e5, "[S] Pepke et al. 2010 N-lobe k_on1 (SCIENCE.md 1f)",
     "binding rate of the 3rd Ca2+ (N-lobe); unbinding l3 x kon3", P(kon3_per_uM_s), NULL},
    {"kon4", "1/(uM s)", 200.0, 1e-3, 1e5, "[S] Pepke et al. 2010 N-lobe k_on2 (SCIENCE.md 1f)",
     "binding rate of the 4th Ca2+ (N-lobe); unbinding l4 x kon4", P(kon4_per_uM_s), NULL},
    {"kinase_block", "1", 0.0, 0.0, 1.0, "ltpsim: KN-62 applied as a drug",
     "fraction of autophosphorylation (k6, k7) blocked", P(kinase_block), NULL},
    {"calcineurin_block", "1", 0.0, 0.0, 1.0, "ltpsim: FK506 / cyclosporin applied as a drug",
     "fraction of Ca/CaM-dependent calcineurin activity blocked", P(calcineurin_block), NULL},
};
#undef P

const ltp_mech_def camkii_mech = {
    "camkii",
    "CaMKII-PP1 bistable switch with PKA / calcineurin / inhibitor-1 (Graupner & Brunel 2007)",
    camkii_table, LTP_COUNT(camkii_table)};

/* The two readers of Ca2+-CaM. By default both see GB2007's constants (Linse et al. 1991) on
 * the spine's Ca2+ scale (mech/ca_scale.h); camkii.kinase_l1..l4 give CaMKII's CaM constants of
 * its own (docs/model.md: with free CaM's at physiological ionic strength, Pepke et al. 2010,
 * the kinase reaches GB2007's switching Ca4-CaM at 6.5 uM Ca2+ instead of 0.37 uM, the order
 * of Zhabotinsky 2000's ~4 uM CaMKII set point, SCIENCE.md 1f, while calcineurin's half
 * activation stays near 0.7 uM; with the defaults' scaled CaM the switch lies at 0.60 uM). */
typedef enum { CAM_KINASE = 0, CAM_PHOSPHATASE = 1 } cam_reader;

static void cam_affinities(const camkii_params *p, cam_reader reader, double l[4]) {
  const double own[4] = {p->l1_uM, p->l2_uM, p->l3_uM, p->l4_uM};
  const double kinase[4] = {p->kinase_l1_uM, p->kinase_l2_uM, p->kinase_l3_uM, p->kinase_l4_uM};
  for (int i = 0; i < 4; ++i) /* a kinase constant of 0 is the phosphatases' */
    l[i] = reader == CAM_KINASE && kinase[i] > 0.0 ? kinase[i] : own[i];
}

static int kinase_reads_phosphatase_cam(const camkii_params *p) {
  double k[4], ph[4];
  cam_affinities(p, CAM_KINASE, k);
  cam_affinities(p, CAM_PHOSPHATASE, ph);
  return k[0] == ph[0] && k[1] == ph[1] && k[2] == ph[2] && k[3] == ph[3];
}

static double cam_ca4_of(const camkii_params *p, cam_reader reader, double ca_uM) {
  if (ca_uM <= 0.0)
    return 0.0;
  double l[4];
  cam_affinities(p, reader, l);
  /* GB2007 Eq. 1 at equilibrium: C = CaM0 / (1 + L4/Ca + L3 L4/Ca^2 + ...), Horner form. */
  const double x = 1.0 / ca_uM;
  const double denom = 1.0 + l[3] * x * (1.0 + l[2] * x * (1.0 + l[1] * x * (1.0 + l[0] * x)));
  return p->cam_tot_uM / denom;
}

double camkii_cam_ca4_uM(const camkii_params *p, double ca_uM) {
  return cam_ca4_of(p, CAM_PHOSPHATASE, ca_uM);
}

double camkii_kinase_cam_ca4_uM(const camkii_params *p, double ca_uM) {
  return cam_ca4_of(p, CAM_KINASE, ca_uM);
}

void camkii_use_gb2007_cam(camkii_params *p) {
  p->l1_uM = CAMKII_GB2007_L1_UM;
  p->l2_uM = CAMKII_GB2007_L2_UM;
  p->l3_uM = CAMKII_GB2007_L3_UM;
  p->l4_uM = CAMKII_GB2007_L4_UM;
  p->kinase_l1_uM = p->kinase_l2_uM = p->kinase_l3_uM = p->kinase_l4_uM = 0.0;
}

double camkii_ca_equivalent_to_gb2007_uM(const camkii_params *p, double gb2007_ca_uM) {
  camkii_params gb2007 = *p;
  camkii_use_gb2007_cam(&gb2007);
  const double target = camkii_kinase_cam_ca4_uM(&gb2007, gb2007_ca_uM);
  /* Ca4-CaM grows monotonically with Ca2+: bisect on a log scale to 1e-12 relative */
  double lo = 1e-6, hi = 1e6;
  for (int i = 0; i < 200 && hi / lo > 1.0 + 1e-12; ++i) {
    const double mid = sqrt(lo * hi);
    if (camkii_kinase_cam_ca4_uM(p, mid) < target)
      lo = mid;
    else
      hi = mid;
  }
  return sqrt(lo * hi);
}

/* Two-lobe kinetic CaM (camkii.cam_kinetics = two_lobe). The four Ca2+ bind in sequence, the
 * C-lobe's two first (the high-affinity pair of GB2007's L1, L2; Linse et al. 1991), then the
 * N-lobe's, at the lobes' binding rates of Pepke et al. 2010 (5, 10 and 100, 200 /(uM s)); each
 * unbinding rate is L_i x kon_i, so the equilibrium is GB2007's Eq. 1 and its bistability is
 * unchanged. What changes is the response to brief Ca2+ transients. With GB2007's affinities
 * the C-lobe is mostly loaded already at resting Ca2+ (L1 = 0.1, L2 = 0.025 uM), so the lag is
 * the N-lobe's (kon3,4 [Ca] = 100-200/s at 1 uM): a 12-ms square pulse to 1 uM makes 0.39 of
 * the equilibrium Ca4-CaM (tests/test_camkii.c). Pepke's own affinities (C-lobe 10 and 1 uM)
 * would leave the C-lobe empty at rest and filter far more, but move GB2007's switch. */
static void cam_rates(const camkii_params *p, cam_reader reader, double kon[4], double koff[4]) {
  const double on[4] = {p->kon1_per_uM_s, p->kon2_per_uM_s, p->kon3_per_uM_s, p->kon4_per_uM_s};
  double l[4];
  cam_affinities(p, reader, l);
  for (int i = 0; i < 4; ++i) {
    kon[i] = on[i];
    koff[i] = l[i] * on[i];
  }
}

/* d(CaM with i Ca2+)/dt (uM/ms) of one pool at free Ca2+ ca_uM; cam[i - 1] holds CaM with i
 * Ca2+ bound, CaM with none is the rest of cam_tot. */
static void cam_fluxes(const camkii_params *p, cam_reader reader, double ca_uM, const double *cam,
                       double *dcam) {
  double kon[4], koff[4];
  cam_rates(p, reader, kon, koff);
  const double cam0 = p->cam_tot_uM - cam[0] - cam[1] - cam[2] - cam[3];
  double flux[4]; /* net binding of the i-th Ca2+ (uM/s) */
  for (int i = 0; i < 4; ++i)
    flux[i] = kon[i] * ca_uM * (i == 0 ? cam0 : cam[i - 1]) - koff[i] * cam[i];
  for (int i = 0; i < 4; ++i)
    dcam[i] = (flux[i] - (i < 3 ? flux[i + 1] : 0.0)) / MS_PER_S;
}

/* Every species of one pool at equilibrium; cam[3] is camkii_cam_ca4_uM, which the hot path
 * computes alone in Horner form (tests/test_camkii.c checks they agree). */
static void cam_pool_equilibrium(const camkii_params *p, cam_reader reader, double ca_uM,
                                 double *cam) {
  double l[4];
  cam_affinities(p, reader, l);
  double w[5] = {1.0, 0, 0, 0, 0}, sum = 1.0;
  for (int i = 0; i < 4; ++i) {
    w[i + 1] = ca_uM > 0.0 ? w[i] * ca_uM / l[i] : 0.0;
    sum += w[i + 1];
  }
  for (int i = 0; i < 4; ++i)
    cam[i] = p->cam_tot_uM * w[i + 1] / sum;
}

void camkii_cam_equilibrium(const camkii_params *p, double ca_kinase_uM, double ca_phosphatase_uM,
                            double *cam) {
  cam_pool_equilibrium(p, CAM_KINASE, ca_kinase_uM, cam);
  cam_pool_equilibrium(p, CAM_PHOSPHATASE, ca_phosphatase_uM, cam + 4);
}

/* Bound (1/s) on the rates of the kinetic CaM block at Ca2+ ca_uM: the column of species i
 * holds its own unbinding and onward binding, kon_(i+1) [Ca] + koff_i, twice (out of i, into
 * its neighbour), and kon_1 [Ca] from CaM with no Ca2+ (= cam_tot minus the others), also twice;
 * the largest such sum bounds the spectral radius. */
static double cam_stiffness_per_s(const camkii_params *p, double ca_uM) {
  double fastest = 0.0;
  for (int reader = CAM_KINASE; reader <= CAM_PHOSPHATASE; ++reader) {
    double kon[4], koff[4];
    cam_rates(p, (cam_reader)reader, kon, koff);
    for (int i = 0; i < 4; ++i)
      fastest = fmax(fastest, 2.0 * (kon[i] * fabs(ca_uM) + koff[i]) + 2.0 * kon[0] * fabs(ca_uM));
  }
  return fastest;
}

/* v_CaN and v_PKA (1/s) for active fractions of calcineurin and PKA. */
static double can_rate(const camkii_params *p, double active_fraction) {
  return p->can_k0_per_s + (1.0 - p->calcineurin_block) * p->can_kmax_per_s * active_fraction;
}

static double pka_rate(const camkii_params *p, double active_fraction) {
  return p->pka_k0_per_s + p->pka_kmax_per_s * active_fraction;
}

static double can_activation_of_cam(const camkii_params *p, double cam_uM) {
  return hill_activation(cam_uM, p->can_k_uM, p->can_n);
}

static double pka_activation_of_cam(const camkii_params *p, double cam_uM) {
  return hill_activation(cam_uM, p->pka_k_uM, p->pka_n);
}

static double can_rate_of_cam(const camkii_params *p, double cam_uM) {
  return can_rate(p, can_activation_of_cam(p, cam_uM));
}

static double pka_rate_of_cam(const camkii_params *p, double cam_uM) {
  return pka_rate(p, pka_activation_of_cam(p, cam_uM));
}

/* An enzyme's active fraction relaxes to its equilibrium with tau_on while rising and tau_off
 * while falling; with either time constant 0 it is the equilibrium (GB2007). Sets *d_per_s and
 * returns the active fraction to use. */
static double enzyme_activity(double equilibrium, double state, double tau_on_s, double tau_off_s,
                              double *d_per_s) {
  *d_per_s = 0.0;
  if (tau_on_s <= 0.0 || tau_off_s <= 0.0)
    return equilibrium;
  *d_per_s = (equilibrium - state) / (equilibrium > state ? tau_on_s : tau_off_s);
  return state;
}

double camkii_can_rate_per_s(const camkii_params *p, double ca_uM) {
  return can_rate_of_cam(p, camkii_cam_ca4_uM(p, ca_uM));
}

double camkii_can_activation(const camkii_params *p, double ca_uM) {
  return can_activation_of_cam(p, camkii_cam_ca4_uM(p, ca_uM));
}

double camkii_pka_activation(const camkii_params *p, double ca_uM) {
  return pka_activation_of_cam(p, camkii_cam_ca4_uM(p, ca_uM));
}

double camkii_pka_rate_per_s(const camkii_params *p, double ca_uM) {
  return pka_rate_of_cam(p, camkii_cam_ca4_uM(p, ca_uM));
}

double camkii_phospho_subunits_uM(const double *y) {
  double s = 0.0;
  for (int i = 0; i < CAMKII_N_RINGS; i++)
    s += ring_phospho_count[i] * y[i];
  return s;
}

double camkii_phospho_fraction(const camkii_params *p, const double *y) {
  const double subunits = RING_SIZE * p->s_tot_uM;
  return subunits > 0.0 ? camkii_phospho_subunits_uM(y) / subunits : 0.0;
}

double camkii_unphosphorylated_ring_fraction(const camkii_params *p, const double *y) {
  return p->s_tot_uM > 0.0 ? y[0] / p->s_tot_uM : 1.0;
}

/* Per-subunit rates (1/ms) that act on one ring pattern. */
typedef struct {
  double initiation;  /* k6 gamma^2: substrate and unphosphorylated catalyst bind C */
  double propagation; /* k7 gamma: phosphorylated catalyst, substrate binds C */
  double dephospho;   /* k10 = k12 D / (K_M + S_active) */
} ring_rates;

/* Fraction of subunits with Ca4-CaM bound, gamma = C / (K5 + C) (Eq. 2). */
static double gamma_of_cam(const camkii_params *p, double cam_uM) {
  return cam_uM > 0.0 ? cam_uM / (p->k5_uM + cam_uM) : 0.0;
}

double camkii_kinase_gamma(const camkii_params *p, double ca_uM) {
  return gamma_of_cam(p, camkii_kinase_cam_ca4_uM(p, ca_uM));
}

void camkii_inputs_set_kinase_gamma(const camkii_params *p, double gamma, double gamma2,
                                    camkii_inputs *in) {
  const double kinase = 1.0 - p->kinase_block;
  in->initiation_per_s = kinase * p->k6_per_s * gamma2;
  in->propagation_per_s = kinase * p->k7_per_s * gamma;
}

/* The rates that follow from Ca4-CaM at the kinase and at the phosphatases. */
static void inputs_of_cam(const camkii_params *p, double cam_kinase_uM, double cam_phosphatase_uM,
                          camkii_inputs *in) {
  const double gamma = gamma_of_cam(p, cam_kinase_uM);
  camkii_inputs_set_kinase_gamma(p, gamma, gamma * gamma, in);
  in->can_equilibrium = can_activation_of_cam(p, cam_phosphatase_uM);
  in->pka_equilibrium = pka_activation_of_cam(p, cam_phosphatase_uM);
}

void camkii_inputs_split(const camkii_params *p, double ca_kinase_uM, double ca_phosphatase_uM,
                         camkii_inputs *in) {
  const double cam = camkii_kinase_cam_ca4_uM(p, ca_kinase_uM);
  const double cam_phosphatase =
      ca_phosphatase_uM == ca_kinase_uM && kinase_reads_phosphatase_cam(p)
          ? cam
          : camkii_cam_ca4_uM(p, ca_phosphatase_uM);
  inputs_of_cam(p, cam, cam_phosphatase, in);
  in->ca_kinase_uM = ca_kinase_uM;
  in->ca_phosphatase_uM = ca_phosphatase_uM;
}

void camkii_inputs_at(const camkii_params *p, double ca_uM, camkii_inputs *in) {
  camkii_inputs_split(p, ca_uM, ca_uM, in);
}

static ring_rates ring_rates_at(const camkii_params *p, const camkii_inputs *in, const double *y,
                                double s_active) {
  ring_rates r;
  r.initiation = in->initiation_per_s / MS_PER_S;
  r.propagation = in->propagation_per_s / MS_PER_S;
  r.dephospho = p->k12_per_s * y[CAMKII_PP1] / (p->km_uM + s_active) / MS_PER_S; /* Eq. 6 */
  return r;
}

/* Rate at which subunit j of pattern m changes state. */
static inline double subunit_rate(unsigned m, int j, const ring_rates *r) {
  if (m & (1u << j))
    return r->dephospho;
  const int catalyst = (j + RING_SIZE - 1) % RING_SIZE;
  return (m & (1u << catalyst)) ? r->propagation : r->initiation;
}

/* Ring transitions (GB2007 Eqs. 7-20), in uM/ms: every subunit of every pattern flips. The
 * loops are unrolled so that the patterns, rate choices and target states, all constants,
 * fold away: what is left is one multiply-add per transition into its target, and one for the
 * pattern's total outflow (this is the inner loop of the slow integration). */
static void ring_fluxes(const ring_rates *r, const double *y, double *dydt_per_ms) {
  /* local copies: the output may alias the input as far as the compiler knows, which would
   * force a reload of y after every store */
  double yl[CAMKII_N_RINGS], d[CAMKII_N_RINGS];
  for (int i = 0; i < CAMKII_N_RINGS; i++) {
    yl[i] = y[i];
    d[i] = 0.0;
  }
#pragma GCC unroll 14
  for (int i = 0; i < CAMKII_N_RINGS; i++) {
    const unsigned m = ring_pattern[i];
    double out = 0.0;
#pragma GCC unroll 6
    for (int j = 0; j < RING_SIZE; j++) {
      const double rate = subunit_rate(m, j, r);
      out += rate;
      d[ring_state_of_pattern[m ^ (1u << j)]] += rate * yl[i];
    }
    d[i] -= out * yl[i];
  }
  for (int i = 0; i < CAMKII_N_RINGS; i++)
    dydt_per_ms[i] = d[i];
}

/* PP1 / I1P cascade (GB2007 Eqs. 24-25), in uM/ms. */
static void cascade_fluxes(const camkii_params *p, const camkii_inputs *in, const double *y,
                           double *dydt_per_ms) {
  const double pp1 = y[CAMKII_PP1], i1p = y[CAMKII_I1P];
  const double binding = p->k11_per_uM_s * i1p * pp1 - p->km11_per_s * (p->pp1_0_uM - pp1);
  double dcan_per_s, dpka_per_s;
  const double can = enzyme_activity(in->can_equilibrium, y[CAMKII_CAN], p->can_tau_on_s,
                                     p->can_tau_off_s, &dcan_per_s);
  const double pka = enzyme_activity(in->pka_equilibrium, y[CAMKII_PKA], p->pka_tau_on_s,
                                     p->pka_tau_off_s, &dpka_per_s);
  dydt_per_ms[CAMKII_CAN] = dcan_per_s / MS_PER_S;
  dydt_per_ms[CAMKII_PKA] = dpka_per_s / MS_PER_S;
  dydt_per_ms[CAMKII_PP1] = -binding / MS_PER_S;
  dydt_per_ms[CAMKII_I1P] =
      (-binding + pka_rate(p, pka) * p->i1_0_uM - can_rate(p, can) * i1p) / MS_PER_S;
}

static int cam_is_kinetic(const camkii_params *p) {
  return (int)p->cam_kinetics == CAMKII_CAM_TWO_LOBE;
}

void camkii_rhs_parts(const camkii_params *p, const camkii_inputs *in, const double *core,
                      const double *cam, double *dcore_per_ms, double *dcam_per_ms) {
  camkii_inputs kinetic;
  if (cam != NULL && cam_is_kinetic(p)) { /* the rates follow the Ca4-CaM state, not the Ca2+ */
    inputs_of_cam(p, cam[3], cam[7], &kinetic);
    cam_fluxes(p, CAM_KINASE, in->ca_kinase_uM, cam, dcam_per_ms);
    cam_fluxes(p, CAM_PHOSPHATASE, in->ca_phosphatase_uM, cam + 4, dcam_per_ms + 4);
    in = &kinetic;
  } else if (dcam_per_ms != NULL) {
    for (int i = 0; i < CAMKII_N_CAM; ++i)
      dcam_per_ms[i] = 0.0;
  }
  const ring_rates r = ring_rates_at(p, in, core, camkii_phospho_subunits_uM(core));
  ring_fluxes(&r, core, dcore_per_ms);
  cascade_fluxes(p, in, core, dcore_per_ms);
}

void camkii_rhs_inputs(const camkii_params *p, const camkii_inputs *in, const double *y,
                       double *dydt_per_ms) {
  camkii_rhs_parts(p, in, y, y + CAMKII_N_CORE, dydt_per_ms, dydt_per_ms + CAMKII_N_CORE);
}

void camkii_rhs(const camkii_params *p, double ca_uM, const double *y, double *dydt_per_ms) {
  camkii_inputs in;
  camkii_inputs_at(p, ca_uM, &in);
  camkii_rhs_inputs(p, &in, y, dydt_per_ms);
}

/* Bound on the spectral radius of the Jacobian of camkii_rhs. The Jacobian is block
 * triangular: the CaN and PKA activities depend on Ca2+ alone, PP1 (D) and I1P on each other
 * and those activities, the rings on themselves and D. Its eigenvalues are those of the
 * diagonal blocks, and each block's are bounded by its largest column sum of absolute values
 * (an induced norm). Columns, in 1/s:
 * - a ring pattern i: it leaves at out_i <= 6 max(k6 gamma^2, k7 gamma, k10) and the same
 *   flux arrives elsewhere (2 out_i); k10 = k12 D / (K_M + S) falls with S_active, by
 *   k10 m_i / (K_M + S) per uM of y_i, which moves every dephosphorylation flux: at most
 *   2 k10 m_i S / (K_M + S) <= 12 k10 S / (K_M + S);
 * - D: binding k11 I + k-11 in the D and I1P rows; I1P: binding k11 D in both rows and
 *   calcineurin v_CaN <= its maximum;
 * - CaN, PKA activities (when kinetic): 1 / min(tau_on, tau_off);
 * - kinetic CaM (cam_kinetics = two_lobe): the CaM block depends on Ca2+ and itself only
 *   (nothing feeds back on it), so it is a diagonal block; its columns are bounded by
 *   cam_stiffness_per_s; the rings then see Ca4-CaM as a state, so their rates are bounded at
 *   Ca4-CaM = cam_tot.
 * The engine sizes explicit steps with it (engine/slow.c). */
double camkii_stiffness_per_ms(const camkii_params *p, const camkii_inputs *in, const double *y) {
  const double s_active = fabs(camkii_phospho_subunits_uM(y));
  const double pp1 = fabs(y[CAMKII_PP1]), i1p = fabs(y[CAMKII_I1P]);
  const double k10 = p->k12_per_s * pp1 / (p->km_uM + s_active);
  double fastest = k10, cam_col = 0.0;
  if (cam_is_kinetic(p)) {
    /* the autophosphorylation rates at the largest Ca4-CaM (all of cam_tot) */
    camkii_inputs top;
    inputs_of_cam(p, p->cam_tot_uM, p->cam_tot_uM, &top);
    fastest = fmax(fastest, fmax(top.initiation_per_s, top.propagation_per_s));
    cam_col = cam_stiffness_per_s(p, fmax(in->ca_kinase_uM, in->ca_phosphatase_uM));
  }
  if (in->initiation_per_s > fastest)
    fastest = in->initiation_per_s;
  if (in->propagation_per_s > fastest)
    fastest = in->propagation_per_s;
  double col = 2.0 * RING_SIZE * (fastest + k10 * s_active / (p->km_uM + s_active));
  const double d_col = 2.0 * (p->k11_per_uM_s * i1p + p->km11_per_s);
  const double i_col = 2.0 * p->k11_per_uM_s * pp1 + can_rate(p, 1.0);
  col = fmax(col, fmax(d_col, fmax(i_col, cam_col)));
  if (p->can_tau_on_s > 0.0 && p->can_tau_off_s > 0.0)
    col = fmax(col, 1.0 / fmin(p->can_tau_on_s, p->can_tau_off_s));
  if (p->pka_tau_on_s > 0.0 && p->pka_tau_off_s > 0.0)
    col = fmax(col, 1.0 / fmin(p->pka_tau_on_s, p->pka_tau_off_s));
  return col / MS_PER_S;
}

void camkii_cascade_steady(const camkii_params *p, double ca_uM, double *pp1_uM, double *i1p_uM) {
  /* dD/dt = 0 makes the binding terms cancel in dI/dt, so I = v_PKA I0 / v_CaN and
   * D = D0 / (1 + k11 I / k-11) (the paper's D_steady-state, Results). */
  const double cam = camkii_cam_ca4_uM(p, ca_uM);
  const double i1p = pka_rate_of_cam(p, cam) * p->i1_0_uM / can_rate_of_cam(p, cam);
  *i1p_uM = i1p;
  *pp1_uM = p->pp1_0_uM / (1.0 + p->k11_per_uM_s * i1p / p->km11_per_s);
}

void camkii_init_down(const camkii_params *p, double *y) {
  for (int i = 0; i < CAMKII_N_RINGS; i++)
    y[i] = 0.0;
  y[0] = p->s_tot_uM;
  camkii_cascade_steady(p, 0.0, &y[CAMKII_PP1], &y[CAMKII_I1P]);
  y[CAMKII_CAN] = y[CAMKII_PKA] = 0.0;
  camkii_cam_equilibrium(p, 0.0, 0.0, y + CAMKII_N_CORE);
}
