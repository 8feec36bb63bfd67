/* The common interface of the reduced plasticity rules: a small struct of function pointers
 * per rule (the way SUNDIALS swaps vector back-ends), registered in the static catalogue
 * ltp_rules[] (rules.c) and found by name. No rule keeps global state.
 *
 * How an engine drives a rule (docs/rules.md, "Engine contract"):
 *   1. r = ltp_rule_find("graupner_brunel"); allocate r->par_size bytes and call
 *      r->resolve(&params, par) once per run (published set + overrides -> working values).
 *   2. Per synapse allocate r->n_state doubles and call r->init(par, state, &rng); per cell
 *      allocate r->n_cell doubles and call r->cell_init (only when n_cell > 0).
 *   3. At each presynaptic / postsynaptic spike time t call pre_spike / post_spike (before
 *      the step that starts at t; spikes at the same t are applied in call order).
 *   4. Every step [t, t + dt]: first r->cell_step(par, cell, states, n, in) when it is not
 *      NULL (it reads all synapse states of the cell, laid out n_state apart), then
 *      r->step(par, state, cell, in, &rng) for every synapse. The inputs in `in` are held
 *      constant over the step.
 *   5. r->weight(par, state) is the AMPA conductance multiplier (1 = baseline).
 *   7. Optional: r->regime(...) (NULL for rules whose drive varies continuously with the
 *      inputs) names the piece of a drive that is piecewise constant in the inputs (e.g. which
 *      calcium thresholds are exceeded). Within one regime the rule may be stepped with any dt;
 *      an engine that takes long steps checks the regime at both ends and takes a step again,
 *      shorter, when it changed, so thresholds are met within its fine step.
 *   6. While r->quiet(...) is true for every synapse with the current (resting) inputs, step
 *      may be called with any dt (seconds to minutes): the rule then integrates its drive-free
 *      dynamics itself (exactly or with internal sub-steps), so an engine can fast-forward.
 *      When quiet is false, dt must be the engine's fine step (<= 0.1 ms) unless the rule's
 *      documentation says otherwise.
 * Random numbers come from the counter-based Philox generator (core/rng.h): a draw depends
 * only on (rng.seed, rng.stream, draw index); each rule keeps its draw index in its state,
 * so results never depend on threads or on the order synapses are visited. */
#ifndef LTP_RULES_RULE_H
#define LTP_RULES_RULE_H

#include <stddef.h>
#include <stdint.h>

#include "core/param.h"
#include "mech/model_params.h"

/* Inputs of one step: time (ms), step (ms), spine Ca2+ above rest (uM), membrane potential
 * at the synapse or soma (mV). Rules ignore the inputs they do not use. */
typedef struct {
  double t_ms, dt_ms, ca_uM, v_mV;
} ltp_rule_input;

/* Philox key and stream of one synapse. Engines should take streams from
 * LTP_RULE_STREAM(synapse id) so they never meet the release streams (2i, 2i + 1). */
typedef struct {
  uint64_t seed, stream;
} ltp_rule_rng;
#define LTP_RULE_STREAM(synapse) ((UINT64_C(1) << 63) | (uint64_t)(synapse))

typedef struct ltp_rule {
  const char *name; /* also the key prefix of its parameters, e.g. "graupner_brunel" */
  const char *doc;
  const ltp_mech_def *mech; /* parameter table (registered in ltp_mech_registry) */
  size_t par_size;          /* bytes of the resolved parameter block */
  size_t n_state;           /* doubles per synapse */
  size_t n_cell;            /* doubles of cell-wide state (0: none) */
  void (*resolve)(const ltp_params *p, void *par);
  void (*init)(const void *par, double *state, const ltp_rule_rng *rng);
  void (*cell_init)(const void *par, double *cell); /* NULL when n_cell == 0 */
  void (*pre_spike)(const void *par, double *state, const double *cell, double t_ms,
                    const ltp_rule_rng *rng);
  void (*post_spike)(const void *par, double *state, const double *cell, double t_ms,
                     const ltp_rule_rng *rng);
  /* Cell-wide update from all n synapse states (NULL when n_cell == 0). */
  void (*cell_step)(const void *par, double *cell, const double *states, size_t n,
                    const ltp_rule_input *in);
  void (*step)(const void *par, double *state, const double *cell, const ltp_rule_input *in,
               const ltp_rule_rng *rng);
  int (*quiet)(const void *par, const double *state, const double *cell, const ltp_rule_input *in);
  /* Item 7: the regime of the drive for these inputs (>= 0), or NULL. */
  int (*regime)(const void *par, const double *state, const ltp_rule_input *in);
  double (*weight)(const void *par, const double *state);
} ltp_rule;

/* NULL-terminated catalogue of all rules. */
extern const ltp_rule *const ltp_rules[];

/* The rule called name, or NULL when there is none. */
const ltp_rule *ltp_rule_find(const char *name);

/* plasticity.rule's names: "cascade", then the catalogue's rule names in order. */
extern const char *const ltp_plasticity_names[];

/* The rule plasticity.rule selects, or NULL for the mechanistic cascade. */
const ltp_rule *ltp_rule_selected(const ltp_params *p);

/* Shared helpers of the rule files (rules.c). */

/* Copy the set row `preset` (values_size bytes) to out, then overwrite every field whose
 * user value in p is >= 0. The fields are the entries of mech's table whose offsets fall in
 * [values_offset, values_offset + values_size) of ltp_params. */
void ltp_rule_apply_overrides(const ltp_mech_def *mech, const ltp_params *p, size_t values_offset,
                              size_t values_size, const void *preset, void *out);
/* Uniform (0,1) and standard normal draws; *counter (a state slot) is the draw index and is
 * advanced by the draws used. */
double ltp_rule_uniform(const ltp_rule_rng *rng, double *counter);
double ltp_rule_gauss(const ltp_rule_rng *rng, double *counter);

#endif
