/* The rule objects and their parameter tables, for the catalogue (rules.c) and the parameter
 * registry (mech/registry.c). */
#ifndef LTP_RULES_RULES_H
#define LTP_RULES_RULES_H

#include "rules/rule.h"

extern const ltp_rule gb_rule, shouval_rule, stdp_pair_rule, stdp_triplet_rule, tagtric_rule;
extern const ltp_mech_def plasticity_mech; /* plasticity.rule: which rule drives the weights */
extern const ltp_mech_def gb_mech, shouval_mech, stdp_pair_mech, stdp_triplet_mech, tagtric_mech;

#endif
