/* Progress bar on stderr: drawn in place with "\r", only on a terminal, only after 1 s,
 * at most 10 redraws per second, cleared when the run finishes. */
#include "io/progress.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"

#define PROGRESS_DELAY_S 1.0
#define PROGRESS_PERIOD_S 0.1
#define PROGRESS_BAR_CHARS 30

/* "H:MM:SS" or "M:SS"; "--:--" when unknown. */
static void format_eta(char *out, size_t n, double s) {
  if (!isfinite(s) || s < 0 || s > 359999.0) {
    snprintf(out, n, "--:--");
    return;
  }
  long t = (long)(s + 0.5);
  if (t >= 3600)
    snprintf(out, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
  else
    snprintf(out, n, "%ld:%02ld", t / 60, t % 60);
}

void ltp_progress_format(char *out, size_t n, double fraction, double elapsed_s) {
  if (!(fraction >= 0.0))
    fraction = 0.0;
  if (fraction > 1.0)
    fraction = 1.0;
  char bar[PROGRESS_BAR_CHARS + 1];
  int full = (int)(fraction * PROGRESS_BAR_CHARS);
  for (int i = 0; i < PROGRESS_BAR_CHARS; i++)
    bar[i] = i < full ? '#' : '.';
  bar[PROGRESS_BAR_CHARS] = '\0';
  char eta[32];
  format_eta(eta, sizeof eta, fraction > 0.0 ? elapsed_s * (1.0 - fraction) / fraction : NAN);
  snprintf(out, n, "[%s] %5.1f%%  ETA %s", bar, 100.0 * fraction, eta);
}

void ltp_progress_start(ltp_progress *pb, int enabled) {
  memset(pb, 0, sizeof *pb);
  pb->enabled = enabled && isatty(fileno(stderr));
  pb->t0_s = ltp_monotonic_s();
}

void ltp_progress_update(ltp_progress *pb, double fraction) {
  if (pb == NULL || !pb->enabled)
    return;
  double t = ltp_monotonic_s();
  if (t - pb->t0_s < PROGRESS_DELAY_S)
    return;
  if (pb->drawn && t - pb->last_draw_s < PROGRESS_PERIOD_S)
    return;
  char line[96];
  ltp_progress_format(line, sizeof line, fraction, t - pb->t0_s);
  fprintf(stderr, "\r%s", line);
  fflush(stderr);
  pb->drawn = 1;
  pb->last_draw_s = t;
  pb->last_fraction = fraction;
}

void ltp_progress_finish(ltp_progress *pb) {
  if (pb == NULL || !pb->drawn)
    return;
  fprintf(stderr, "\r\033[K");
  fflush(stderr);
  pb->drawn = 0;
}
