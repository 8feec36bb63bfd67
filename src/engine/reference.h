/* The numerical reference (engine.method = reference): the whole single-cell model as one ODE
 * system integrated by SUNDIALS CVODE under error control, with every discontinuity of the
 * protocol an exact stop. Slow; for checking the fast engine (tests/test_reference.c). */
#ifndef LTP_ENGINE_REFERENCE_H
#define LTP_ENGINE_REFERENCE_H

#include "engine/sim.h"
#include "engine/sim_internal.h"

/* Run the protocol from the rested state in s (sim.c's set-up) to its end, filling res as the
 * fixed-step run loop does. CVODE failure: LTP_ERR_NUMERIC naming the variable with the
 * largest error, the time and a hint. */
ltp_status ltp_reference_run(sim_t *s, const ltp_sim_options *opt, ltp_results *res,
                             ltp_error *err);

#endif
