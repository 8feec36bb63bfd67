/* Somatic Hodgkin-Huxley Na+/K+ channels: make the cell fire and back-propagate spikes. */
#ifndef LTP_MECH_HH_H
#define LTP_MECH_HH_H

#include "core/param.h"
#include "mech/model_params.h"

extern const ltp_mech_def hh_mech;

typedef struct {
  double m, h, n;
} hh_gates;

void hh_gates_rest(const hh_params *p, double v_mV, hh_gates *g);
void hh_gates_step(const hh_params *p, double v_mV, double dt_ms, hh_gates *g);
/* Temperature factor of the rates, Q10^((T - 6.3 C) / 10): a parameter-derived constant. */
double hh_rate_factor(const hh_params *p);
/* hh_gates_step with the factor precomputed (one pow() less per step, same result). */
void hh_gates_advance(double rate_factor, double v_mV, double dt_ms, hh_gates *g);
/* Time derivatives (1/ms) of the gates at v_mV, from the same rates. */
void hh_gates_rhs(const hh_params *p, double v_mV, const hh_gates *g, hh_gates *dg);
/* Add the channels' conductance (nS) and conductance x reversal (pA) for area_um2. */
void hh_currents(const hh_params *p, const hh_gates *g, double area_um2, double *g_nS,
                 double *ge_pA);

#endif
