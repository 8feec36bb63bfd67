/* Wall-clock time for run times, progress and ETAs: a monotonic clock, in seconds. */
#ifndef LTP_CORE_CLOCK_H
#define LTP_CORE_CLOCK_H

/* Seconds on CLOCK_MONOTONIC (arbitrary origin: only differences mean anything). */
double ltp_monotonic_s(void);

#endif
