/* Voltage-gated Ca2+ channels of the spine head: R-type (Cav2.3) and L-type (Cav1). */
#ifndef LTP_MECH_VGCC_H
#define LTP_MECH_VGCC_H

#include "core/param.h"
#include "mech/kinetics.h"
#include "mech/model_params.h"

extern const ltp_mech_def vgcc_mech;

typedef struct {
  double r_m, r_h, l_m;
} vgcc_gates;

void vgcc_gates_rest(const vgcc_params *p, double v_mV, vgcc_gates *g);
void vgcc_gates_step(const vgcc_params *p, double v_mV, double dt_ms, vgcc_gates *g);
/* The same, remembering the three decay factors (constant time constants) in decay[]. */
void vgcc_gates_advance(const vgcc_params *p, double v_mV, double dt_ms, vgcc_gates *g,
                        exp_memo decay[3]);
/* Time derivatives (1/ms) of the gates at v_mV, from the same steady states and taus. */
void vgcc_gates_rhs(const vgcc_params *p, double v_mV, const vgcc_gates *g, vgcc_gates *dg);
/* Conductance (nS) of both channel types on a head of area_um2 (all current is Ca2+). */
double vgcc_conductance_nS(const vgcc_params *p, const vgcc_gates *g, double area_um2);
/* The L-type channels' part of it (nS). */
double vgcc_ltype_conductance_nS(const vgcc_params *p, const vgcc_gates *g, double area_um2);

#endif
