/* The postsynaptic cell as a tree of compartments (soma, apical dendrite segments, and per
 * pathway a spine neck and head) solved implicitly (backward Euler) with the Hines
 * elimination for trees; current clamp and voltage clamp at the soma. */
#ifndef LTP_CELL_CABLE_H
#define LTP_CELL_CABLE_H

#include "core/param.h"
#include "core/status.h"
#include "mech/model_params.h"

extern const ltp_mech_def cable_mech;

typedef struct {
  int n; /* compartments; 0 is the soma; parent[i] < i */
  int n_pathways;
  int *parent;
  double *cm_pF, *g_axial_nS, *g_leak_nS, *area_um2;
  /* derived once: leak current at rest (pA), all axial conductances of a compartment (nS), and
   * C / dt (nS) for the step size cm_dt_for_ms */
  double *ge_leak_pA, *g_axial_sum_nS, *cm_dt_nS, cm_dt_for_ms;
  double *v_mV;
  /* per step: membrane conductance and conductance x reversal of all channels (nS, pA) */
  double *g_nS, *ge_pA, *i_inj_pA;
  double *d, *b; /* work */
  /* Pivots of compartments whose whole subtree is passive (only leak) do not change while the
   * step size stays: cached 1 / pivot and the term it leaves in the parent, computed at
   * cm_dt_for_ms (piv_ok[i] = 1), and the per-solve subtree flags. */
  double *piv_inv, *piv_term;
  unsigned char *piv_ok, *passive;
  int head[8], neck[8], attach;
  double e_leak_mV;
} ltp_cable;

ltp_status ltp_cable_build(ltp_cable *c, const cable_params *p, int n_pathways, ltp_error *err);
void ltp_cable_free(ltp_cable *c);
/* Reset per-step accumulators to the leak. */
void ltp_cable_begin_step(ltp_cable *c);
/* Solve one backward-Euler step. If clamp is nonzero the soma is held at v_clamp_mV and the
 * injected clamp current (pA) is returned; otherwise returns 0. */
double ltp_cable_solve(ltp_cable *c, double dt_ms, int clamp, double v_clamp_mV);
/* Right-hand side of the same membrane equations for the reference integration:
 * C dV/dt = -g V + g E + I_inj + sum over neighbours g_ax (V_nb - V), from the accumulators of
 * this step (g_nS, ge_pA, i_inj_pA) at the voltages in v_mV (mV/ms into dv). A clamped soma is
 * held (dV/dt = 0) and the clamp current that holds it is returned; otherwise returns 0. */
double ltp_cable_derivatives(const ltp_cable *c, int clamp, double *dv);
/* Spine head volume in um^3 from the table (before structural growth). */
double ltp_cable_head_volume_um3(const cable_params *p);

#endif
