/* The mechanism catalogue: a NULL-terminated table of mechanism definitions and the
 * aggregate parameter struct they describe. Adding a mechanism = one file + one line in
 * registry.c. */
#ifndef LTP_MECH_REGISTRY_H
#define LTP_MECH_REGISTRY_H

#include "core/param.h"
#include "core/status.h"
#include "mech/model_params.h"

/* NULL-terminated list of all mechanisms, in causal order (release ... late phase). */
extern const ltp_mech_def *const ltp_mech_registry[];

/* Fill every parameter with its table default. */
void ltp_params_defaults(ltp_params *p);

/* Find a parameter by full key "mech.name" (e.g. "nmda.mg_o"). Returns NULL when unknown;
 * *mech_out (if not NULL) receives its mechanism. */
const ltp_param_def *ltp_param_lookup(const char *key, const ltp_mech_def **mech_out);

/* Address of the value a definition describes. */
double *ltp_param_ptr(ltp_params *p, const ltp_param_def *d);
double ltp_param_get(const ltp_params *p, const ltp_param_def *d);

/* Check every value against its range; the first violation is reported in err with its key,
 * value, unit and the accepted range. */
ltp_status ltp_params_check(const ltp_params *p, ltp_error *err);

#endif
