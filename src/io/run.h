/* Library-internal additions to the public run API (include/ltpsim/ltpsim.h) for layers that
 * need more than the public accessors, such as the validation suite (src/validate). */
#ifndef LTP_IO_RUN_H
#define LTP_IO_RUN_H

#include "engine/recorder.h"
#include "ltpsim/ltpsim.h"

/* Load an experiment from text; name stands for the file in FILE:LINE error messages. */
ltp_status ltp_run_load_string(ltp_run *run, const char *text, const char *name);
/* The results of an executed run (NULL before a successful ltp_run_execute). */
const ltp_results *ltp_run_results(const ltp_run *run);

#endif
