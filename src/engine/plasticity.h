/* The engine's side of the reduced plasticity rules (src/rules/, docs/rules.md): when
 * plasticity.rule names a rule, it replaces the mechanistic cascade's expression for every
 * pathway's synapses. The engine feeds the rule the modelled spine's Ca2+ above rest, the
 * spine-head potential, the presynaptic spikes of the pathway and the cell's action potentials,
 * and multiplies the pathway's AMPA conductance (modelled spine and lumped population alike) by
 * the rule's weight. Private to src/engine. */
#ifndef LTP_ENGINE_PLASTICITY_H
#define LTP_ENGINE_PLASTICITY_H

#include "core/status.h"
#include "mech/model_params.h"
#include "protocol/protocol.h"
#include "rules/rule.h"

typedef struct {
  const ltp_rule *rule; /* NULL: the cascade drives the weights */
  void *par;            /* the rule's resolved parameters */
  double *state;        /* n_pathways x rule->n_state */
  double *cell;         /* rule->n_cell cell-wide values, or NULL */
  int n_pathways;
  ltp_rule_rng rng[LTP_MAX_PATHWAYS];
  double ca_rest_uM[LTP_MAX_PATHWAYS]; /* the rules take Ca2+ above rest */
} sim_plasticity;

/* Resolve plasticity.rule's parameters and set every synapse to its initial state. */
ltp_status sim_plasticity_init(sim_plasticity *pl, const ltp_params *p, int n_pathways,
                               uint64_t seed, ltp_error *err);
void sim_plasticity_set_rest(sim_plasticity *pl, const double *ca_rest_uM);
void sim_plasticity_free(sim_plasticity *pl);

static inline int sim_plasticity_active(const sim_plasticity *pl) {
  return pl->rule != NULL;
}

void sim_plasticity_pre_spike(sim_plasticity *pl, int pathway, double t_ms);
void sim_plasticity_post_spike(sim_plasticity *pl, double t_ms);
/* Advance every synapse over [t, t + dt] with the inputs held: spine Ca2+ (uM, absolute) and
 * spine-head potential (mV) per pathway. */
void sim_plasticity_step(sim_plasticity *pl, double t_ms, double dt_ms, const double *ca_uM,
                         const double *v_mV);
/* True when every synapse may be stepped over a long stretch with these inputs. */
int sim_plasticity_quiet(const sim_plasticity *pl, double t_ms, const double *ca_uM,
                         const double *v_mV);
/* The rules' drive regime with these inputs, one code for all synapses (rule.h item 7), or -1
 * when the rule's drive varies continuously (no regime function). */
long sim_plasticity_regime(const sim_plasticity *pl, double t_ms, const double *ca_uM,
                           const double *v_mV);
/* AMPA conductance multiplier of a pathway (1 without a rule). */
double sim_plasticity_weight(const sim_plasticity *pl, int pathway);

#endif
