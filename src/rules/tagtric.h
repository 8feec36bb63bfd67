/* Tag-trigger-consolidation (TagTriC; Clopath, Ziegler, Vasilaki, Buesing & Gerstner 2008,
 * PLoS Comput Biol 4:e1000248) as a reduced rule with a cell-wide trigger. */
#ifndef LTP_RULES_TAGTRIC_H
#define LTP_RULES_TAGTRIC_H

#include "rules/rule.h"

typedef tagtric_params tagtric_par; /* all fields are used as given */

/* Per synapse: tag (-1 low, 0 neutral, +1 high), presynaptic trace xbar ((1 ms)/tau_x per
 * spike), consolidation z, draw counter. Per cell: low-passed voltages u_P (tau 100 ms) and
 * u_D (tau 1 s) in mV, trigger p, number of tagged synapses sum(h - l) at the last cell step. */
enum { TT_TAG, TT_XBAR, TT_Z, TT_DRAWS, TT_N_STATE };
enum { TT_UP, TT_UD, TT_P, TT_TAGGED, TT_N_CELL };

#endif
