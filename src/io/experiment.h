/* Experiment files: libconfig text with every value written with its unit, read into model
 * parameters and a protocol; every key, unit and range is checked and errors name FILE:LINE.
 * The format is documented in docs/experiment-format.md. */
#ifndef LTP_IO_EXPERIMENT_H
#define LTP_IO_EXPERIMENT_H

#include <stdint.h>

#include "core/status.h"
#include "mech/model_params.h"
#include "protocol/protocol.h"

/* Absurd-size guard: a longer experiment is an input error. */
#define LTP_MAX_DURATION_MS (48.0 * 3600e3)

/* Load an experiment file. params is reset to the table defaults and then overridden by the
 * file's `params`; proto (initialised with ltp_protocol_init, or loaded before) is freed and
 * rebuilt, its drug/bath changes resolved against params, and finalized; *seed (if not NULL)
 * receives the file's seed (1 when absent). On error proto is left empty, err->msg starts with
 * "FILE:LINE: " and names the key and what was expected. */
ltp_status ltp_experiment_load_file(const char *path, ltp_params *params, ltp_protocol *proto,
                                    uint64_t *seed, ltp_error *err);

/* The embedded default experiment (the text of examples/default.exp). */
ltp_status ltp_experiment_load_default(ltp_params *params, ltp_protocol *proto, uint64_t *seed,
                                       ltp_error *err);

/* Load experiment text; `name` stands for the file name in messages. */
ltp_status ltp_experiment_load_string(const char *text, const char *name, ltp_params *params,
                                      ltp_protocol *proto, uint64_t *seed, ltp_error *err);

/* Apply one override "mech.param=value unit" (e.g. "nmda.mg_o=2 mM", "release.mode=stochastic"),
 * checked against the parameter table; the message names the argument. Drug wash-outs in an
 * already loaded protocol must then be re-resolved: call ltp_experiment_finalize() after the
 * last override and before the run. */
ltp_status ltp_experiment_apply_set(const char *assignment, ltp_params *params, ltp_error *err);

/* Why the parameter key "mech.name" is unknown, listing the known mechanisms or the parameters
 * of its mechanism (e.g. `unknown parameter "nmda.bogus"; nmda has: alpha, ...`). */
void ltp_experiment_explain_unknown_param(const char *key, char *buf, size_t len);

/* Make the protocol ready for a run with the final parameters: re-resolve drug and bath
 * changes against params (so wash-outs restore the values after --set) and finalize. Call it
 * after the last ltp_experiment_apply_set() and before the engine starts; idempotent. */
ltp_status ltp_experiment_finalize(const ltp_params *params, ltp_protocol *proto, ltp_error *err);

/* Text of examples/default.exp, embedded at build time (cmake/embed_default.cmake). */
const char *ltp_experiment_default_text(void);

#endif
