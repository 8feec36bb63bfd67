/* Error context carried through parsing and simulation: a status plus a message naming
 * where (file:line or variable and time) and what was expected. */
#ifndef LTP_CORE_STATUS_H
#define LTP_CORE_STATUS_H

#include "ltpsim/ltpsim.h"

typedef struct {
  ltp_status status;
  char msg[768];
} ltp_error;

/* Record an error (printf-style message) and return its status, so callers can
 * `return ltp_error_set(err, LTP_ERR_UNIT, "...")`. The first error wins. */
ltp_status ltp_error_set(ltp_error *err, ltp_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ltp_error_clear(ltp_error *err);

#endif
