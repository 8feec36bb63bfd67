/* The point-model engine: one leaky integrate-and-fire cell (cell/lif.c) carrying one lumped
 * synapse per pathway (mech/point_synapse.c) with its NMDA-current calcium
 * (mech/nmda_calcium.c) and a reduced plasticity rule (src/rules/, plasticity.rule), selected
 * by cell.model = point_lif. This is the model of the benchmark workloads W1 and W2
 * (../shared/bench/SPEC.md 2), built from ltpsim's own parts.
 *
 * Stepping (docs/numerics.md, "Point model"): exponential integrators throughout, so every
 * step is stable; engine.dt while a pulse's fast gating (AMPA, NMDA rise) is active, a spike
 * is refractory or current is injected; engine.tail_dt in the NMDA and calcium tails; and, once
 * the gating and calcium have decayed below engine.quiet_tol and the rule is quiet, one exact
 * jump to the next event (membrane relaxation and the rule's drive-free dynamics). Steps never
 * cross an event, a current-step edge, a parameter change or a sample time. */
#ifndef LTP_ENGINE_POINT_H
#define LTP_ENGINE_POINT_H

#include "engine/recorder.h"
#include "engine/sim.h"
#include "mech/model_params.h"
#include "protocol/protocol.h"

/* Run one point cell; fills res like ltp_simulate (readouts of every test pulse, the state
 * trace of the weights, the trace window, the final state, the analysis). */
ltp_status ltp_point_simulate(const ltp_params *params, const ltp_protocol *proto, uint64_t seed,
                              const ltp_sim_options *opt, ltp_results *res, ltp_error *err);

/* Bytes of working state of one point cell with n_pathways synapses under the selected rule
 * (what a batch holds per unit while it runs). */
size_t ltp_point_state_bytes(const ltp_params *params, int n_pathways);

#endif
