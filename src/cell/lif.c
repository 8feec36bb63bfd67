/* Leaky integrate-and-fire point cell. Defaults are the pyramidal cell of Brunel & Wang 2001
 * (J Comput Neurosci 11:63), also the cell of the benchmark workloads W1-W3
 * (../shared/bench/SPEC.md 2.4). */
#include "cell/lif.h"

#include <math.h>
#include <stddef.h>

#include "core/expo.h"

#define SRC "Brunel & Wang 2001, pyramidal cell (bench/SPEC.md 2.4)"
#define P(field) offsetof(ltp_params, lif.field)
static const ltp_param_def lif_table[] = {
    {"cm", "pF", 500, 1, 1e5, SRC, "membrane capacitance", P(cm_pF), NULL},
    {"g_leak", "nS", 25, 0.01, 1e4, SRC " (tau_m = 20 ms)", "leak conductance", P(g_leak_nS), NULL},
    {"e_leak", "mV", -70, -120, 0, SRC, "leak reversal (resting) potential", P(e_leak_mV), NULL},
    {"v_th", "mV", -50, -100, 50, SRC, "spike threshold", P(v_th_mV), NULL},
    {"v_reset", "mV", -55, -120, 50, SRC, "reset potential after a spike", P(v_reset_mV), NULL},
    {"t_ref", "ms", 2, 0, 100, SRC, "absolute refractory period (V held at reset)", P(t_ref_ms),
     NULL},
    {"epsp_window", "ms", 200, 1, 10000,
     "bench/SPEC.md 3 (W1 EPSP: max of V - V(t_b) within 200 ms of the test pulse)",
     "test-pulse readout window for the EPSP peak", P(epsp_window_ms), NULL},
};
#undef P
#undef SRC

const ltp_mech_def lif_mech = {"lif", "Point cell: conductance-based leaky integrate-and-fire",
                               lif_table, LTP_COUNT(lif_table)};

double lif_leak_decay(const lif_params *p, double h_ms) {
  return exp(-h_ms * p->g_leak_nS / p->cm_pF);
}

double lif_membrane_step(const lif_params *p, double v_mV, double g_syn_nS, double e_syn_mV,
                         double i_pA, double h_ms, double leak_decay) {
  const double g = p->g_leak_nS + g_syn_nS;
  const double v_inf = (p->g_leak_nS * p->e_leak_mV + g_syn_nS * e_syn_mV + i_pA) / g;
  return v_inf + (v_mV - v_inf) * leak_decay * ltp_exp_near0(-h_ms * g_syn_nS / p->cm_pF);
}
