/* Compartmental cell: geometry from the table, passive membrane, implicit tree solve.
 * Backward Euler: (C/dt + G + sum g_ax) V' - sum g_ax V'_nb = C/dt V + G E + I_inj, which is
 * unconditionally stable, so the sub-microsecond spine-head time constant (R_neck x C_head)
 * does not limit the step (Hines 1984 ordering: every parent has a lower index). */
#include "cell/cable.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#define P(field) offsetof(ltp_params, cable.field)
static const ltp_param_def cable_table[] = {
    {"cm", "uF/cm2", 1.0, 0.3, 3, "standard membrane capacitance (SCIENCE.md 1d; Rodrigues 0.6)",
     "specific membrane capacitance", P(cm_uF_cm2), NULL},
    {"e_leak", "mV", -70, -90, -50, "Rodrigues et al. 2023 E_leak -70 mV", "leak reversal",
     P(e_leak_mV), NULL},
    {"rm", "ohm cm2", 20000, 1000, 200000,
     "[M] chosen with the geometry for R_in ~ 100 MOhm (SCIENCE.md 1d, 50-150 MOhm)",
     "specific membrane resistance", P(rm_ohm_cm2), NULL},
    {"ra", "ohm cm", 200, 30, 500, "Golding et al. 2001 as quoted by Rodrigues et al. 2023",
     "axial resistivity", P(ra_ohm_cm), NULL},
    {"soma_diam", "um", 30, 5, 100,
     "lumped soma + basal tree (isopotential cylinder), sized for R_in ~ 100 MOhm",
     "soma cylinder diameter", P(soma_diam_um), NULL},
    {"soma_len", "um", 150, 5, 1000, "as soma_diam", "soma cylinder length", P(soma_len_um), NULL},
    {"dend_diam", "um", 2, 0.2, 10, "Rodrigues et al. 2023 (single cylinder, 2 um)",
     "apical dendrite diameter", P(dend_diam_um), NULL},
    {"dend_len", "um", 600, 10, 3000,
     "apical trunk to the synapse and beyond; synapse at 200 um (Rodrigues et al. 2023)",
     "apical dendrite length", P(dend_len_um), NULL},
    {"dend_segments", "1", 40, 1, 100,
     "ltpsim: 15 um segments; the back-propagating AP at the spine (200 um) peaks at -26.4 mV, "
     "within 1 mV of 6-12 um segments (docs/numerics.md); 100 um segments (the earlier 6) left "
     "it at -34.3 mV and its spine Ca2+ rise 3 x too small. The d_lambda rule (0.1 lambda at "
     "100 Hz, Hines & Carnevale 2001) would give 27 um, too coarse for the AP's faster edges",
     "dendrite compartments; spines attach at the segment 200 um from the soma", P(dend_segments),
     NULL},
    {"neck_resistance", "MOhm", 250, 1, 2000,
     "Rodrigues et al. 2023; Popovic et al. 2015 (275 +- 27 MOhm)", "spine neck resistance",
     P(neck_resistance_MOhm), NULL},
    {"neck_diam", "um", 0.1, 0.02, 1, "Rodrigues et al. 2023 Table 3 (Harris 1992)",
     "spine neck diameter", P(neck_diam_um), NULL},
    {"neck_len", "um", 0.5, 0.05, 3, "Rodrigues et al. 2023 Table 3 (0.2-0.7 um)",
     "spine neck length", P(neck_len_um), NULL},
    {"head_volume", "um3", 0.05, 0.004, 0.6,
     "SCIENCE.md 5 default; Bartol 2015 0.03, GluSynapse 0.087 um3",
     "spine head volume at baseline", P(head_volume_um3), NULL},
    {"pathway_synapses", "1", 20, 1, 10000,
     "[M] a field or minimal-to-moderate SC stimulus recruits tens to hundreds of synapses on "
     "one CA1 cell; their summed depolarisation is the cooperativity of LTP (McNaughton, "
     "Douglas & Goddard 1978)",
     "co-activated synapses per pathway: one modelled spine plus identical synapses lumped on "
     "the dendrite next to it",
     P(pathway_synapses), NULL},
};
#undef P

const ltp_mech_def cable_mech = {"cable",
                                 "Cell: soma, apical dendrite, spine neck and head; passive "
                                 "membrane; implicit tree solve",
                                 cable_table, LTP_COUNT(cable_table)};

/* Unit helpers: areas in um^2, lengths in um. */
static double cap_pF(double cm_uF_cm2, double area_um2) {
  return cm_uF_cm2 * area_um2 * 1e-2;
}
static double leak_nS(double rm_ohm_cm2, double area_um2) {
  return area_um2 * 10.0 / rm_ohm_cm2;
}
static double half_axial_MOhm(double ra_ohm_cm, double len_um, double diam_um) {
  /* R = Ra L / (pi r^2), half of the compartment's length */
  return ra_ohm_cm * (0.5 * len_um) * 1e4 * 4.0 / (M_PI * diam_um * diam_um) * 1e-6;
}

double ltp_cable_head_volume_um3(const cable_params *p) {
  return p->head_volume_um3;
}

static int cable_alloc(ltp_cable *c, int n) {
  c->n = n;
  c->parent = calloc((size_t)n, sizeof *c->parent);
  double **arrays[] = {&c->cm_pF,    &c->g_axial_nS, &c->g_leak_nS,  &c->area_um2,
                       &c->v_mV,     &c->g_nS,       &c->ge_pA,      &c->i_inj_pA,
                       &c->d,        &c->b,          &c->ge_leak_pA, &c->g_axial_sum_nS,
                       &c->cm_dt_nS, &c->piv_inv,    &c->piv_term};
  c->piv_ok = calloc((size_t)n, 1);
  c->passive = calloc((size_t)n, 1);
  int ok = c->parent != NULL && c->piv_ok != NULL && c->passive != NULL;
  for (size_t k = 0; k < LTP_COUNT(arrays); ++k) {
    *arrays[k] = calloc((size_t)n, sizeof(double));
    ok = ok && *arrays[k] != NULL;
  }
  return ok;
}

/* Compartment i of the given area joined to its parent through r_MOhm. */
static void set_compartment(ltp_cable *c, const cable_params *p, int i, int parent, double area,
                            double r_MOhm) {
  c->parent[i] = parent;
  c->area_um2[i] = area;
  c->cm_pF[i] = cap_pF(p->cm_uF_cm2, area);
  c->g_leak_nS[i] = leak_nS(p->rm_ohm_cm2, area);
  c->g_axial_nS[i] = parent < 0 ? 0.0 : 1e3 / r_MOhm;
  c->v_mV[i] = p->e_leak_mV;
}

ltp_status ltp_cable_build(ltp_cable *c, const cable_params *p, int n_pathways, ltp_error *err) {
  const int n_seg = (int)p->dend_segments;
  if (n_pathways < 1 || n_pathways > 8)
    return ltp_error_set(err, LTP_ERR_RANGE, "cable: %d pathways, expected 1..8", n_pathways);
  if (!cable_alloc(c, 1 + n_seg + 2 * n_pathways))
    return ltp_error_set(err, LTP_ERR_NOMEM, "cable: out of memory");
  c->n_pathways = n_pathways;
  c->e_leak_mV = p->e_leak_mV;
  const double seg_len = p->dend_len_um / n_seg;
  set_compartment(c, p, 0, -1, M_PI * p->soma_diam_um * p->soma_len_um, 0.0);
  for (int s = 0; s < n_seg; ++s) {
    const double r = half_axial_MOhm(p->ra_ohm_cm, seg_len, p->dend_diam_um) +
                     (s == 0 ? half_axial_MOhm(p->ra_ohm_cm, p->soma_len_um, p->soma_diam_um)
                             : half_axial_MOhm(p->ra_ohm_cm, seg_len, p->dend_diam_um));
    set_compartment(c, p, 1 + s, s, M_PI * p->dend_diam_um * seg_len, r);
  }
  /* spines sit on the segment that contains the point 200 um from the soma */
  int attach = (int)floor(200.0 / seg_len);
  if (attach >= n_seg)
    attach = n_seg - 1;
  c->attach = 1 + attach;
  const double head_r_um = cbrt(3.0 * p->head_volume_um3 / (4.0 * M_PI));
  for (int k = 0; k < n_pathways; ++k) {
    const int neck = 1 + n_seg + 2 * k, head = neck + 1;
    set_compartment(c, p, neck, c->attach, M_PI * p->neck_diam_um * p->neck_len_um,
                    0.5 * p->neck_resistance_MOhm);
    set_compartment(c, p, head, neck, 4.0 * M_PI * head_r_um * head_r_um,
                    0.5 * p->neck_resistance_MOhm);
    c->neck[k] = neck;
    c->head[k] = head;
  }
  for (int i = 0; i < c->n; ++i)
    c->ge_leak_pA[i] = c->g_leak_nS[i] * c->e_leak_mV;
  for (int i = 1; i < c->n; ++i) {
    c->g_axial_sum_nS[i] += c->g_axial_nS[i];
    c->g_axial_sum_nS[c->parent[i]] += c->g_axial_nS[i];
  }
  c->cm_dt_for_ms = NAN; /* C / dt on the first solve */
  return LTP_OK;
}

void ltp_cable_free(ltp_cable *c) {
  free(c->parent);
  double *arrays[] = {c->cm_pF,      c->g_axial_nS,     c->g_leak_nS, c->area_um2, c->v_mV,
                      c->g_nS,       c->ge_pA,          c->i_inj_pA,  c->d,        c->b,
                      c->ge_leak_pA, c->g_axial_sum_nS, c->cm_dt_nS,  c->piv_inv,  c->piv_term};
  for (size_t k = 0; k < LTP_COUNT(arrays); ++k)
    free(arrays[k]);
  free(c->piv_ok);
  free(c->passive);
}

void ltp_cable_begin_step(ltp_cable *c) {
  for (int i = 0; i < c->n; ++i) {
    c->g_nS[i] = c->g_leak_nS[i];
    c->ge_pA[i] = c->ge_leak_pA[i];
    c->i_inj_pA[i] = 0.0;
  }
}

double ltp_cable_derivatives(const ltp_cable *c, int clamp, double *dv) {
  for (int i = 0; i < c->n; ++i) /* membrane and injected current (pA) */
    dv[i] = c->ge_pA[i] - c->g_nS[i] * c->v_mV[i] + c->i_inj_pA[i];
  for (int i = 1; i < c->n; ++i) {
    const int p = c->parent[i];
    const double i_ax = c->g_axial_nS[i] * (c->v_mV[p] - c->v_mV[i]);
    dv[i] += i_ax;
    dv[p] -= i_ax;
  }
  /* the clamp supplies whatever current cancels the soma's net current */
  const double i_clamp_pA = clamp ? -dv[0] : 0.0;
  if (clamp)
    dv[0] = 0.0;
  for (int i = 0; i < c->n; ++i) /* pA / pF = mV/ms */
    dv[i] /= c->cm_pF[i];
  return i_clamp_pA;
}

double ltp_cable_solve(ltp_cable *c, double dt_ms, int clamp, double v_clamp_mV) {
  const int n = c->n;
  double *d = c->d, *b = c->b, *v = c->v_mV;
  const double *g_ax = c->g_axial_nS;
  const int *parent = c->parent;
  /* nS x ms = pF x 1e-3 ... C/dt in pF/ms = nS; the step size changes rarely */
  if (dt_ms != c->cm_dt_for_ms) {
    for (int i = 0; i < n; ++i) {
      c->cm_dt_nS[i] = c->cm_pF[i] / dt_ms;
      c->piv_ok[i] = 0;
    }
    c->cm_dt_for_ms = dt_ms;
  }
  unsigned char *passive = c->passive;
  for (int i = 0; i < n; ++i) {
    d[i] = c->cm_dt_nS[i] + c->g_nS[i] + c->g_axial_sum_nS[i];
    b[i] = c->cm_dt_nS[i] * v[i] + c->ge_pA[i] + c->i_inj_pA[i];
    passive[i] = c->g_nS[i] == c->g_leak_nS[i];
  }
  /* eliminate leaves into parents; d[i] keeps 1 / pivot for the back substitution. Children
   * have higher indices, so passive[i] covers i's whole subtree when i is reached; such a
   * pivot is the cached one, bit for bit (same operations on the same numbers), and the
   * division leaves the critical path of the distal dendrite. Along the dendrite the parent is
   * the next compartment: its update waits in registers (d_in, b_in) instead of a store and a
   * reload, applied last as before (the child processed just before its parent). */
  double d_in = 0.0, b_in = 0.0;
  int pending = 0;
  for (int i = n - 1; i >= 1; --i) {
    double di = d[i], bi = b[i];
    if (pending) {
      di -= d_in;
      bi += b_in;
    }
    double inv, term;
    if (passive[i] && c->piv_ok[i]) {
      inv = c->piv_inv[i];
      term = c->piv_term[i];
    } else {
      inv = 1.0 / di;
      term = g_ax[i] * inv * g_ax[i];
      c->piv_inv[i] = inv;
      c->piv_term[i] = term;
      c->piv_ok[i] = passive[i];
    }
    const int p = parent[i];
    const double b_term = g_ax[i] * inv * bi;
    passive[p] &= passive[i];
    d[i] = inv;
    b[i] = bi;
    pending = p == i - 1;
    if (pending) {
      d_in = term;
      b_in = b_term;
    } else {
      d[p] -= term;
      b[p] += b_term;
    }
  }
  if (pending) {
    d[0] -= d_in;
    b[0] += b_in;
  }
  double i_clamp_pA = 0.0;
  if (clamp) {
    v[0] = v_clamp_mV;
    i_clamp_pA = d[0] * v_clamp_mV - b[0];
  } else {
    v[0] = b[0] / d[0];
  }
  double v_prev = v[0]; /* the dendrite's parent is the previous compartment: no reload */
  for (int i = 1; i < n; ++i) {
    const int p = parent[i];
    v_prev = (b[i] + g_ax[i] * (p == i - 1 ? v_prev : v[p])) * d[i];
    v[i] = v_prev;
  }
  return i_clamp_pA;
}
