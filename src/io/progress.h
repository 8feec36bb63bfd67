/* Progress bar on stderr (percentage, bar, ETA) for runs longer than a second; silent when
 * stderr is not a terminal. */
#ifndef LTP_IO_PROGRESS_H
#define LTP_IO_PROGRESS_H

#include <stddef.h>

typedef struct {
  int enabled;          /* requested and stderr is a terminal */
  int drawn;            /* the bar is on the line and must be cleared */
  double t0_s;          /* monotonic clock at start */
  double last_draw_s;   /* monotonic clock of the last redraw */
  double last_fraction; /* fraction shown at the last redraw */
} ltp_progress;

/* Start timing. enabled = 0, or stderr not a terminal: every call is a no-op. */
void ltp_progress_start(ltp_progress *pb, int enabled);
/* Report progress (fraction in [0, 1], clamped). Draws only after 1 s has elapsed, at most
 * 10 times a second; costs one clock read otherwise, so it may be called per event. */
void ltp_progress_update(ltp_progress *pb, double fraction);
/* Clear the line (if anything was drawn). */
void ltp_progress_finish(ltp_progress *pb);

/* The text of the bar, e.g. "[#########...........]  45.0%  ETA 0:12", without "\r". ETA is
 * "--:--" until fraction > 0. Exposed for tests. */
void ltp_progress_format(char *out, size_t n, double fraction, double elapsed_s);

#endif
