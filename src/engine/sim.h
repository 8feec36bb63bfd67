/* The single-cell engine: fine fixed steps while fast variables are active, CVODE-only
 * fast-forward through quiet stretches up to the next event. */
#ifndef LTP_ENGINE_SIM_H
#define LTP_ENGINE_SIM_H

#include "engine/recorder.h"
#include "mech/model_params.h"
#include "protocol/protocol.h"

typedef struct {
  int no_fast_forward; /* 1: step every fine step (reference for the quiet-stretch test) */
  /* Called now and then with the fraction of simulated time done (may be NULL). */
  void (*progress)(void *ctx, double fraction);
  void *progress_ctx;
  int no_traces; /* 1: no trace window, no state samples (point engine; large batches) */
} ltp_sim_options;

/* Run the protocol with the parameters (a private copy is modified by timed changes) and
 * fill res. On a numerical blow-up returns LTP_ERR_NUMERIC with the variable, the time and a
 * hint in err. */
ltp_status ltp_simulate(const ltp_params *params, const ltp_protocol *proto, uint64_t seed,
                        const ltp_sim_options *opt, ltp_results *res, ltp_error *err);

#endif
