/* Status names and the error context. */
#include "core/status.h"

#include <stdarg.h>
#include <stdio.h>

const char *ltp_status_name(ltp_status s) {
  switch (s) {
  case LTP_OK: return "LTP_OK";
  case LTP_ERR_NOMEM: return "LTP_ERR_NOMEM";
  case LTP_ERR_IO: return "LTP_ERR_IO";
  case LTP_ERR_PARSE: return "LTP_ERR_PARSE";
  case LTP_ERR_UNKNOWN_KEY: return "LTP_ERR_UNKNOWN_KEY";
  case LTP_ERR_UNIT: return "LTP_ERR_UNIT";
  case LTP_ERR_RANGE: return "LTP_ERR_RANGE";
  case LTP_ERR_NUMERIC: return "LTP_ERR_NUMERIC";
  case LTP_ERR_ARG: return "LTP_ERR_ARG";
  }
  return "LTP_ERR_UNKNOWN_STATUS";
}

ltp_status ltp_error_set(ltp_error *err, ltp_status status, const char *fmt, ...) {
  if (err == NULL || err->status != LTP_OK)
    return status;
  err->status = status;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  return status;
}

void ltp_error_clear(ltp_error *err) {
  err->status = LTP_OK;
  err->msg[0] = '\0';
}
