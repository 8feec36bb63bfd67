/* Shortest round-trip formatting of doubles. */
#include "core/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ltp_format_exact(double v, char *buf, size_t n) {
  if (v == 0.0) {
    snprintf(buf, n, "0");
    return buf;
  }
  int digits = 1;
  for (; digits <= 17; ++digits) {
    snprintf(buf, n, "%.*g", digits, v);
    if (strtod(buf, NULL) == v)
      break;
  }
  const double mag = fabs(v);
  if (strchr(buf, 'e') != NULL && mag >= 1e-5 && mag < 1e15) { /* 10, not 1e+01 */
    const int decimals = digits - 1 - (int)floor(log10(mag));
    snprintf(buf, n, "%.*f", decimals > 0 ? decimals : 0, v);
  }
  return buf;
}

double ltp_round_significant(double v, int digits) {
  char buf[64];
  snprintf(buf, sizeof buf, "%.*g", digits, v);
  return strtod(buf, NULL);
}
