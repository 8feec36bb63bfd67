/* The catalogue of reduced plasticity rules and the helpers they share (preset overrides,
 * counter-based draws). */
#include "rules/rules.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "core/rng.h"

const ltp_rule *const ltp_rules[] = {&gb_rule,           &shouval_rule, &stdp_pair_rule,
                                     &stdp_triplet_rule, &tagtric_rule, NULL};

/* plasticity.rule: 0 = the mechanistic cascade, i = ltp_rules[i - 1]. The names follow the
 * catalogue's order (tests/test_rules.c checks it). */
const char *const ltp_plasticity_names[] = {
    "cascade", "graupner_brunel", "shouval", "stdp_pair", "stdp_triplet", "tagtric", NULL};

static const ltp_param_def plasticity_table[] = {
    {"rule", "choice", 0, 0, LTP_COUNT(ltp_plasticity_names) - 2,
     "ltpsim: the mechanistic cascade (CaMKII, trafficking, late phase) is the model; a reduced "
     "rule replaces it (docs/rules.md, \"Running a rule\")",
     "what changes the synaptic weight: cascade or one reduced rule",
     offsetof(ltp_params, rules.rule), ltp_plasticity_names},
    {"ap_detect", "mV", 0, -50, 50,
     "ltpsim: well above any subthreshold EPSP and below the HH spike peak (~+40 mV); the usual "
     "spike-detection convention (NEURON NetCon thresholds of 0-10 mV)",
     "a reduced rule's postsynaptic spike: the soma crossing this potential upwards",
     offsetof(ltp_params, rules.ap_detect_mV), NULL},
};

const ltp_mech_def plasticity_mech = {"plasticity",
                                      "Choice of the plasticity model: the mechanistic cascade "
                                      "or a reduced rule (src/rules/)",
                                      plasticity_table, LTP_COUNT(plasticity_table)};

const ltp_rule *ltp_rule_selected(const ltp_params *p) {
  const int i = (int)p->rules.rule;
  return i <= 0 ? NULL : ltp_rules[i - 1];
}

const ltp_rule *ltp_rule_find(const char *name) {
  if (name == NULL)
    return NULL;
  for (size_t i = 0; ltp_rules[i] != NULL; ++i)
    if (strcmp(ltp_rules[i]->name, name) == 0)
      return ltp_rules[i];
  return NULL;
}

void ltp_rule_apply_overrides(const ltp_mech_def *mech, const ltp_params *p, size_t values_offset,
                              size_t values_size, const void *preset, void *out) {
  memcpy(out, preset, values_size);
  for (size_t k = 0; k < mech->n_params; ++k) {
    const ltp_param_def *d = &mech->params[k];
    if (d->offset < values_offset || d->offset >= values_offset + values_size)
      continue;
    const double user = *(const double *)((const char *)p + d->offset);
    if (user >= 0.0) /* negative = "from the set" */
      memcpy((char *)out + (d->offset - values_offset), &user, sizeof user);
  }
}

double ltp_rule_uniform(const ltp_rule_rng *rng, double *counter) {
  const uint64_t index = (uint64_t)*counter;
  *counter += 1.0; /* a double counts exactly up to 2^53 draws */
  return ltp_rng_uniform(rng->seed, rng->stream, index);
}

double ltp_rule_gauss(const ltp_rule_rng *rng, double *counter) {
  /* Box-Muller on two draws (one normal per pair keeps the counter arithmetic simple) */
  const double u1 = ltp_rule_uniform(rng, counter);
  const double u2 = ltp_rule_uniform(rng, counter);
  return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}
