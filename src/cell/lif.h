/* A conductance-based leaky integrate-and-fire point cell (Brunel & Wang 2001): the membrane
 * of the point model, with threshold, reset and an absolute refractory period. */
#ifndef LTP_CELL_LIF_H
#define LTP_CELL_LIF_H

#include "core/param.h"
#include "mech/model_params.h"

extern const ltp_mech_def lif_mech;

/* One membrane step of h_ms with the total synaptic conductance g_syn_nS (reversal e_syn_mV)
 * and injected current i_pA held: the exact solution of the linear equation
 *   C dV/dt = -g_L (V - E_L) - g_syn (V - E_syn) + I
 * (exponential Euler in the conductances: stable for any step). leak_decay is
 * e^{-h g_L / C}, constant for a step length. */
double lif_membrane_step(const lif_params *p, double v_mV, double g_syn_nS, double e_syn_mV,
                         double i_pA, double h_ms, double leak_decay);
double lif_leak_decay(const lif_params *p, double h_ms);

#endif
