/* Numbers as text that reads back as the same double (CSV cells, generated sweep values). */
#ifndef LTP_CORE_NUMFMT_H
#define LTP_CORE_NUMFMT_H

#include <stddef.h>

/* The shortest "%.Ng" text (N = 1 .. 17) that strtod reads back as exactly v, without an
 * exponent for 1e-5 <= |v| < 1e15 ("10", "0.00002"); "0" for -0. n >= 32 holds every result.
 * Returns buf. */
const char *ltp_format_exact(double v, char *buf, size_t n);

/* v rounded to `digits` significant decimal digits (as "%.*g" prints it, read back). */
double ltp_round_significant(double v, int digits);

#endif
