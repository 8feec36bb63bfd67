/* Stimulus builders: test pulses, tetanus, LFS, theta burst, pre/post pairing, voltage-clamp
 * pairing and glutamate uncaging as events on a pathway, with argument checks that name the bad
 * value. */
#include "protocol/train.h"

#include <math.h>
#include <stdio.h>

static ltp_status check_pathway(const ltp_protocol *p, int pathway, ltp_error *err) {
  if (pathway < 0 || pathway >= p->n_pathways || pathway >= LTP_MAX_PATHWAYS)
    return ltp_error_set(err, LTP_ERR_RANGE, "pathway %d is out of range 1..%d", pathway + 1,
                         p->n_pathways);
  return LTP_OK;
}

static ltp_status check_start(const ltp_protocol *p, double t_ms, const char *what,
                              ltp_error *err) {
  if (!isfinite(t_ms) || t_ms < 0)
    return ltp_error_set(err, LTP_ERR_RANGE, "%s starts at %g ms: must be finite and >= 0", what,
                         t_ms);
  if (p->t_end_ms > 0 && t_ms > p->t_end_ms)
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "%s starts at %g ms, after the experiment ends (%g ms)", what, t_ms,
                         p->t_end_ms);
  return LTP_OK;
}

static ltp_status check_end(const ltp_protocol *p, double t_ms, const char *what, ltp_error *err) {
  if (p->t_end_ms > 0 && t_ms > p->t_end_ms)
    return ltp_error_set(err, LTP_ERR_RANGE, "%s ends at %g ms, after the experiment ends (%g ms)",
                         what, t_ms, p->t_end_ms);
  return LTP_OK;
}

static ltp_status check_rate(double hz, const char *what, ltp_error *err) {
  if (!isfinite(hz) || hz <= 0 || hz > LTP_MAX_STIM_RATE_HZ)
    return ltp_error_set(err, LTP_ERR_RANGE, "%s %g Hz: must be positive and at most %g Hz", what,
                         hz, LTP_MAX_STIM_RATE_HZ);
  return LTP_OK;
}

static ltp_status check_count(int n, int min, const char *what, ltp_error *err) {
  if (n < min || (unsigned)n > LTP_MAX_EVENTS)
    return ltp_error_set(err, LTP_ERR_RANGE, "%s = %d: must be %d..%u", what, n, min,
                         LTP_MAX_EVENTS);
  return LTP_OK;
}

/* Refuse before allocating when the protocol would exceed the event limit. */
static ltp_status check_total(const ltp_protocol *p, double n_new, ltp_error *err) {
  if ((double)p->n_events + n_new > (double)LTP_MAX_EVENTS)
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "%.0f more events would exceed the limit of %u: not a plausible protocol",
                         n_new, LTP_MAX_EVENTS);
  return LTP_OK;
}

static ltp_status check_interval(double ms, const char *what, ltp_error *err) {
  if (!isfinite(ms) || ms <= 0)
    return ltp_error_set(err, LTP_ERR_RANGE, "%s %g ms: must be positive", what, ms);
  return LTP_OK;
}

/* What one pulse of a train is: its event kind and, for uncaging, its glutamate. */
typedef struct {
  ltp_event_kind kind;
  double glu;
  ltp_glu_unit glu_unit;
} pulse_kind;

static const pulse_kind presynaptic = {LTP_EV_PRE, 0, LTP_GLU_QUANTA};
static const pulse_kind presynaptic_test = {LTP_EV_TEST, 0, LTP_GLU_QUANTA};

static ltp_status add_pulse(ltp_protocol *p, double t_ms, const pulse_kind *k, int pathway,
                            ltp_error *err) {
  if (k->kind == LTP_EV_UNCAGE || k->kind == LTP_EV_UNCAGE_TEST)
    return ltp_protocol_add_uncage(p, t_ms, k->kind, pathway, k->glu, k->glu_unit, err);
  return ltp_protocol_add_event(p, t_ms, k->kind, pathway, err);
}

/* Test pulses of kind k every interval_ms in [t0, t1); what names them in messages. */
static ltp_status tests(ltp_protocol *p, int pathway, double t0_ms, double t1_ms,
                        double interval_ms, const pulse_kind *k, const char *what, ltp_error *err) {
  char interval_what[64];
  snprintf(interval_what, sizeof interval_what, "%s interval", what);
  ltp_status st = check_pathway(p, pathway, err);
  if (st == LTP_OK)
    st = check_start(p, t0_ms, what, err);
  if (st == LTP_OK)
    st = check_interval(interval_ms, interval_what, err);
  if (st == LTP_OK && !(isfinite(t1_ms) && t1_ms > t0_ms))
    st = ltp_error_set(err, LTP_ERR_RANGE, "%s end (%g ms) before they start (%g ms)", what, t1_ms,
                       t0_ms);
  if (st == LTP_OK)
    st = check_end(p, t1_ms, what, err);
  if (st != LTP_OK)
    return st;
  double n = ceil((t1_ms - t0_ms) / interval_ms);
  if ((st = check_total(p, n, err)) != LTP_OK)
    return st;
  for (size_t i = 0; st == LTP_OK; i++) {
    double t = t0_ms + (double)i * interval_ms; /* no accumulated rounding */
    if (t >= t1_ms)
      break;
    st = add_pulse(p, t, k, pathway, err);
  }
  return st;
}

ltp_status ltp_stim_test_pulses(ltp_protocol *p, int pathway, double t0_ms, double t1_ms,
                                double interval_ms, ltp_error *err) {
  return tests(p, pathway, t0_ms, t1_ms, interval_ms, &presynaptic_test, "test pulses", err);
}

/* Time of pulse i of a train of n at isi_ms placed by w. */
static double train_pulse_ms(const ltp_train_timing *w, int i, int n, double isi_ms) {
  double offset = (w->anchor_is_end ? (double)(i - (n - 1)) : (double)i) * isi_ms;
  if (w->grid_ms > 0.0)
    offset = round(offset / w->grid_ms) * w->grid_ms;
  return w->anchor_ms + offset;
}

/* One train of n pulses of kind k at rate placed by w on a pathway. */
static ltp_status add_timed_train(ltp_protocol *p, int pathway, const ltp_train_timing *w,
                                  double rate_hz, int n, const pulse_kind *k, ltp_error *err) {
  const double isi_ms = 1000.0 / rate_hz;
  ltp_status st = LTP_OK;
  for (int i = 0; st == LTP_OK && i < n; i++)
    st = add_pulse(p, train_pulse_ms(w, i, n, isi_ms), k, pathway, err);
  return st;
}

/* One train of n pulses of kind k at rate from t0 on a pathway. */
static ltp_status add_train(ltp_protocol *p, int pathway, double t0_ms, double rate_hz, int n,
                            const pulse_kind *k, ltp_error *err) {
  const ltp_train_timing w = {t0_ms, 0, 0.0};
  return add_timed_train(p, pathway, &w, rate_hz, n, k, err);
}

/* n_trains trains with one mark each; shared by tetanus and LFS. */
static ltp_status trains(ltp_protocol *p, int pathway, const ltp_train_timing *first,
                         double rate_hz, int n_pulses, int n_trains, double train_interval_ms,
                         const pulse_kind *k, const char *label, ltp_error *err) {
  /* (a bad rate is reported below; the start is then only checked, never used) */
  const double t0_ms = train_pulse_ms(first, 0, n_pulses, rate_hz > 0.0 ? 1000.0 / rate_hz : 0.0);
  ltp_status st = check_pathway(p, pathway, err);
  if (st == LTP_OK)
    st = check_start(p, t0_ms, label, err);
  if (st == LTP_OK)
    st = check_rate(rate_hz, "stimulation rate", err);
  if (st == LTP_OK)
    st = check_count(n_pulses, 1, "pulses", err);
  if (st == LTP_OK)
    st = check_count(n_trains, 1, "trains", err);
  if (st != LTP_OK)
    return st;
  const double isi_ms = 1000.0 / rate_hz, train_ms = n_pulses * isi_ms;
  if (n_trains > 1) {
    if ((st = check_interval(train_interval_ms, "train interval", err)) != LTP_OK)
      return st;
    if (train_interval_ms < train_ms)
      return ltp_error_set(err, LTP_ERR_RANGE,
                           "trains of %g ms every %g ms would overlap: the train interval must be "
                           "at least the train duration",
                           train_ms, train_interval_ms);
  }
  const double last =
      t0_ms + (n_trains - 1) * (n_trains > 1 ? train_interval_ms : 0) + (n_pulses - 1) * isi_ms;
  if ((st = check_end(p, last, label, err)) != LTP_OK)
    return st;
  if ((st = check_total(p, (double)n_pulses * n_trains, err)) != LTP_OK)
    return st;
  for (int i = 0; st == LTP_OK && i < n_trains; i++) {
    const double shift = i * (n_trains > 1 ? train_interval_ms : 0), start = t0_ms + shift;
    ltp_train_timing w = *first;
    w.anchor_ms += shift;
    st = add_timed_train(p, pathway, &w, rate_hz, n_pulses, k, err);
    if (st == LTP_OK)
      st = ltp_protocol_add_mark(p, start, start + train_ms, label, err);
  }
  return st;
}

ltp_status ltp_stim_tetanus(ltp_protocol *p, int pathway, double t0_ms, double rate_hz,
                            int n_pulses, int n_trains, double train_interval_ms, ltp_error *err) {
  const ltp_train_timing w = {t0_ms, 0, 0.0};
  return trains(p, pathway, &w, rate_hz, n_pulses, n_trains, train_interval_ms, &presynaptic,
                "tetanus", err);
}

ltp_status ltp_stim_lfs(ltp_protocol *p, int pathway, double t0_ms, double rate_hz, int n_pulses,
                        ltp_error *err) {
  const ltp_train_timing w = {t0_ms, 0, 0.0};
  return ltp_stim_lfs_timed(p, pathway, &w, rate_hz, n_pulses, err);
}

ltp_status ltp_stim_lfs_timed(ltp_protocol *p, int pathway, const ltp_train_timing *when,
                              double rate_hz, int n_pulses, ltp_error *err) {
  if (!(rate_hz > 0.0) || n_pulses < 1 || !(when->grid_ms >= 0.0))
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "LFS: rate (%g Hz), pulses (%d) and grid (%g ms) must be positive",
                         rate_hz, n_pulses, when->grid_ms);
  return trains(p, pathway, when, rate_hz, n_pulses, 1, 0, &presynaptic, "LFS", err);
}

ltp_status ltp_stim_theta_burst(ltp_protocol *p, int pathway, double t0_ms, int n_bursts,
                                int pulses_per_burst, double burst_rate_hz, double theta_hz,
                                int n_trains, double train_interval_ms, ltp_error *err) {
  ltp_status st = check_pathway(p, pathway, err);
  if (st == LTP_OK)
    st = check_start(p, t0_ms, "theta burst", err);
  if (st == LTP_OK)
    st = check_count(n_bursts, 1, "bursts", err);
  if (st == LTP_OK)
    st = check_count(pulses_per_burst, 1, "pulses per burst", err);
  if (st == LTP_OK)
    st = check_rate(burst_rate_hz, "burst rate", err);
  if (st == LTP_OK)
    st = check_rate(theta_hz, "theta rate", err);
  if (st == LTP_OK)
    st = check_count(n_trains, 1, "trains", err);
  if (st != LTP_OK)
    return st;
  const double isi_ms = 1000.0 / burst_rate_hz, period_ms = 1000.0 / theta_hz;
  const double burst_ms = pulses_per_burst * isi_ms;
  if (burst_ms > period_ms)
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "bursts of %g ms repeated every %g ms would overlap: lower the theta "
                         "rate or the pulses per burst",
                         burst_ms, period_ms);
  const double train_ms = (n_bursts - 1) * period_ms + burst_ms;
  if (n_trains > 1) {
    if ((st = check_interval(train_interval_ms, "train interval", err)) != LTP_OK)
      return st;
    if (train_interval_ms < train_ms)
      return ltp_error_set(err, LTP_ERR_RANGE,
                           "theta-burst trains of %g ms every %g ms would overlap", train_ms,
                           train_interval_ms);
  }
  const double step_ms = n_trains > 1 ? train_interval_ms : 0;
  if ((st = check_end(p, t0_ms + (n_trains - 1) * step_ms + train_ms - isi_ms, "theta burst",
                      err)) != LTP_OK)
    return st;
  if ((st = check_total(p, (double)n_trains * n_bursts * pulses_per_burst, err)) != LTP_OK)
    return st;
  for (int k = 0; st == LTP_OK && k < n_trains; k++) {
    const double start = t0_ms + k * step_ms;
    for (int b = 0; st == LTP_OK && b < n_bursts; b++)
      st = add_train(p, pathway, start + b * period_ms, burst_rate_hz, pulses_per_burst,
                     &presynaptic, err);
    if (st == LTP_OK)
      st = ltp_protocol_add_mark(p, start, start + train_ms, "TBS", err);
  }
  return st;
}

/* Offsets of a pairing pattern relative to its first pre pulse. */
typedef struct {
  double pre_isi_ms, post_isi_ms, first_ms, last_ms;
} pattern_span;

static ltp_status pairing_span(int n_pre, double pre_rate_hz, int n_post, double post_rate_hz,
                               double delay_ms, pattern_span *s, ltp_error *err) {
  ltp_status st = check_count(n_pre, 0, "presynaptic pulses per pattern", err);
  if (st == LTP_OK)
    st = check_count(n_post, 0, "postsynaptic spikes per pattern", err);
  if (st == LTP_OK && n_pre + n_post == 0)
    st = ltp_error_set(err, LTP_ERR_RANGE,
                       "a pairing pattern needs at least one pre pulse or "
                       "post spike");
  if (st == LTP_OK && n_pre > 1)
    st = check_rate(pre_rate_hz, "presynaptic rate", err);
  if (st == LTP_OK && n_post > 1)
    st = check_rate(post_rate_hz, "postsynaptic rate", err);
  if (st == LTP_OK && !isfinite(delay_ms))
    st = ltp_error_set(err, LTP_ERR_RANGE, "pairing delay %g ms must be finite", delay_ms);
  if (st != LTP_OK)
    return st;
  s->pre_isi_ms = n_pre > 1 ? 1000.0 / pre_rate_hz : 0;
  s->post_isi_ms = n_post > 1 ? 1000.0 / post_rate_hz : 0;
  const double pre_end = n_pre > 0 ? (n_pre - 1) * s->pre_isi_ms : -INFINITY;
  const double post_end = n_post > 0 ? delay_ms + (n_post - 1) * s->post_isi_ms : -INFINITY;
  s->first_ms = fmin(n_pre > 0 ? 0 : INFINITY, n_post > 0 ? delay_ms : INFINITY);
  s->last_ms = fmax(pre_end, post_end);
  return LTP_OK;
}

ltp_status ltp_stim_pairing(ltp_protocol *p, int pathway, double t0_ms, int n_pre,
                            double pre_rate_hz, int n_post, double post_rate_hz, double delay_ms,
                            int n_repeats, double repeat_hz, ltp_error *err) {
  pattern_span s;
  ltp_status st = check_pathway(p, pathway, err);
  if (st == LTP_OK)
    st = check_start(p, t0_ms, "pairing", err);
  if (st == LTP_OK)
    st = pairing_span(n_pre, pre_rate_hz, n_post, post_rate_hz, delay_ms, &s, err);
  if (st == LTP_OK)
    st = check_count(n_repeats, 1, "repeats", err);
  if (st == LTP_OK && n_repeats > 1)
    st = check_rate(repeat_hz, "repeat rate", err);
  if (st != LTP_OK)
    return st;
  const double period_ms = n_repeats > 1 ? 1000.0 / repeat_hz : 0;
  if (n_repeats > 1 && s.last_ms - s.first_ms >= period_ms)
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "the pairing pattern lasts %g ms, not less than its repeat period %g ms",
                         s.last_ms - s.first_ms, period_ms);
  if (t0_ms + s.first_ms < 0)
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "the first post spike (%g ms before the first pre pulse at %g ms) would "
                         "come before the experiment starts",
                         -s.first_ms, t0_ms);
  const double last = t0_ms + (n_repeats - 1) * period_ms + s.last_ms;
  if ((st = check_end(p, last, "pairing", err)) != LTP_OK)
    return st;
  if ((st = check_total(p, (double)n_repeats * (n_pre + n_post), err)) != LTP_OK)
    return st;
  for (int r = 0; st == LTP_OK && r < n_repeats; r++) {
    const double t = t0_ms + r * period_ms;
    for (int k = 0; st == LTP_OK && k < n_pre; k++)
      st = ltp_protocol_add_event(p, t + k * s.pre_isi_ms, LTP_EV_PRE, pathway, err);
    for (int k = 0; st == LTP_OK && k < n_post; k++)
      st = ltp_protocol_add_event(p, t + delay_ms + k * s.post_isi_ms, LTP_EV_POST, pathway, err);
  }
  if (st == LTP_OK)
    st = ltp_protocol_add_mark(p, t0_ms + s.first_ms, last, "pairing", err);
  return st;
}

ltp_status ltp_stim_clamp_pairing(ltp_protocol *p, int pathway, double t0_ms, double v_mV,
                                  double rate_hz, int n_pulses, ltp_error *err) {
  ltp_status st = check_pathway(p, pathway, err);
  if (st == LTP_OK)
    st = check_start(p, t0_ms, "clamp pairing", err);
  if (st == LTP_OK)
    st = check_rate(rate_hz, "pairing rate", err);
  if (st == LTP_OK)
    st = check_count(n_pulses, 1, "pulses", err);
  if (st != LTP_OK)
    return st;
  const double hold0 = t0_ms - LTP_HOLD_MARGIN_MS;
  const double hold1 = t0_ms + (n_pulses - 1) * 1000.0 / rate_hz + LTP_HOLD_MARGIN_MS;
  if (hold0 < 0)
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "clamp pairing at %g ms: the hold starts %g ms before the first pulse, "
                         "before the experiment starts",
                         t0_ms, LTP_HOLD_MARGIN_MS);
  if ((st = check_end(p, hold1, "clamp pairing hold", err)) != LTP_OK)
    return st;
  if ((st = check_total(p, n_pulses, err)) != LTP_OK)
    return st;
  st = ltp_protocol_add_clamp(p, hold0, hold1, v_mV, err);
  if (st == LTP_OK)
    st = add_train(p, pathway, t0_ms, rate_hz, n_pulses, &presynaptic, err);
  if (st == LTP_OK)
    st = ltp_protocol_add_mark(p, hold0, hold1, "VC pairing", err);
  return st;
}

/* The pulse kind of an uncaging stimulus, its glutamate checked before any event is added. */
static ltp_status uncaging_kind(ltp_event_kind kind, double glu, ltp_glu_unit unit, pulse_kind *k,
                                ltp_error *err) {
  *k = (pulse_kind){kind, glu, unit};
  return ltp_protocol_check_uncage_glu(glu, unit, err);
}

ltp_status ltp_stim_uncaging(ltp_protocol *p, int pathway, double t0_ms, double rate_hz,
                             int n_pulses, double glu, ltp_glu_unit glu_unit, ltp_error *err) {
  pulse_kind k;
  ltp_status st = uncaging_kind(LTP_EV_UNCAGE, glu, glu_unit, &k, err);
  const ltp_train_timing w = {t0_ms, 0, 0.0};
  return st == LTP_OK ? trains(p, pathway, &w, rate_hz, n_pulses, 1, 0, &k, "uncaging", err) : st;
}

ltp_status ltp_stim_test_uncaging(ltp_protocol *p, int pathway, double t0_ms, double t1_ms,
                                  double interval_ms, double glu, ltp_glu_unit glu_unit,
                                  ltp_error *err) {
  pulse_kind k;
  ltp_status st = uncaging_kind(LTP_EV_UNCAGE_TEST, glu, glu_unit, &k, err);
  return st == LTP_OK ? tests(p, pathway, t0_ms, t1_ms, interval_ms, &k, "test uncaging", err) : st;
}
