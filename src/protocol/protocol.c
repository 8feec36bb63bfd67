/* Protocol container: growable event/change/epoch/mark arrays, stable sorting and validation,
 * and the resolution of drug and bath applications into absolute parameter changes. */
#include "protocol/protocol.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/units.h"
#include "mech/registry.h"

/* Guards against absurd inputs: a trace longer than this many rows, a clamp outside this
 * voltage, a current step larger than this, are input errors. */
#define LTP_MAX_TRACE_ROWS 10000000.0
#define LTP_MAX_CLAMP_ABS_MV 200.0
#define LTP_MAX_STEP_ABS_PA 1e5
/* Default trace span around the induction onset. */
#define TRACE_BEFORE_MS 1000.0
#define TRACE_AFTER_MS 2000.0

void ltp_protocol_init(ltp_protocol *p) {
  memset(p, 0, sizeof *p);
  p->n_pathways = 1;
  p->readout_window_ms = 5 * 60e3;
  p->baseline_window_ms = 10 * 60e3;
  p->trace_dt_ms = 0.1;
}

void ltp_protocol_free(ltp_protocol *p) {
  free(p->events);
  free(p->changes);
  free(p->clamps);
  free(p->steps);
  free(p->marks);
  free(p->applications);
  ltp_protocol_init(p);
}

/* Make room for `need` elements of `size` bytes in *arr. */
static ltp_status grow(void **arr, size_t *cap, size_t need, size_t size, const char *what,
                       ltp_error *err) {
  if (need <= *cap)
    return LTP_OK;
  size_t ncap = *cap ? *cap : 16;
  while (ncap < need) {
    if (ncap > SIZE_MAX / 2 / size)
      return ltp_error_set(err, LTP_ERR_NOMEM, "too many %s (%zu)", what, need);
    ncap *= 2;
  }
  void *q = realloc(*arr, ncap * size);
  if (q == NULL)
    return ltp_error_set(err, LTP_ERR_NOMEM, "out of memory for %zu %s", ncap, what);
  *arr = q;
  *cap = ncap;
  return LTP_OK;
}

#define GROW(p, field, n, what, err)                                                               \
  grow((void **)&(p)->field, &(p)->cap_##field, (n), sizeof *(p)->field, (what), (err))

static ltp_status check_time(const ltp_protocol *p, double t_ms, const char *what, ltp_error *err) {
  if (!isfinite(t_ms) || t_ms < 0)
    return ltp_error_set(err, LTP_ERR_RANGE, "%s at t = %g ms: times must be finite and >= 0", what,
                         t_ms);
  if (p->t_end_ms > 0 && t_ms > p->t_end_ms)
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "%s at t = %g ms is after the end of the experiment (%g ms)", what, t_ms,
                         p->t_end_ms);
  return LTP_OK;
}

static ltp_status add_event(ltp_protocol *p, double t_ms, ltp_event_kind kind, int pathway,
                            double glu, ltp_glu_unit glu_unit, ltp_error *err) {
  ltp_status st = check_time(p, t_ms, "event", err);
  if (st != LTP_OK)
    return st;
  if ((unsigned)kind > LTP_EV_LAST)
    return ltp_error_set(err, LTP_ERR_ARG, "unknown event kind %d", (int)kind);
  if (kind == LTP_EV_POST)
    pathway = 0;
  if (pathway < 0 || pathway >= LTP_MAX_PATHWAYS || pathway >= p->n_pathways)
    return ltp_error_set(err, LTP_ERR_RANGE, "pathway %d is out of range 1..%d", pathway + 1,
                         p->n_pathways);
  if (p->n_events >= LTP_MAX_EVENTS)
    return ltp_error_set(err, LTP_ERR_RANGE, "more than %u events: not a plausible protocol",
                         LTP_MAX_EVENTS);
  if ((st = GROW(p, events, p->n_events + 1, "events", err)) != LTP_OK)
    return st;
  ltp_event *e = &p->events[p->n_events++];
  e->t_ms = t_ms;
  e->kind = (uint8_t)kind;
  e->pathway = (uint8_t)pathway;
  e->glu_unit = (uint8_t)glu_unit;
  e->glu = (float)glu;
  return LTP_OK;
}

ltp_status ltp_protocol_add_event(ltp_protocol *p, double t_ms, ltp_event_kind kind, int pathway,
                                  ltp_error *err) {
  const int uncage = kind == LTP_EV_UNCAGE || kind == LTP_EV_UNCAGE_TEST;
  return add_event(p, t_ms, kind, pathway, uncage ? 1.0 : 0.0, LTP_GLU_QUANTA, err);
}

ltp_status ltp_protocol_check_uncage_glu(double glu, ltp_glu_unit unit, ltp_error *err) {
  if (unit != LTP_GLU_QUANTA && unit != LTP_GLU_MM)
    return ltp_error_set(err, LTP_ERR_ARG, "unknown glutamate unit %d", (int)unit);
  if (!isfinite(glu) || glu <= 0 || glu > LTP_MAX_UNCAGE_GLU)
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "uncaging glutamate %g %s: must be positive and at most %g", glu,
                         unit == LTP_GLU_MM ? "mM" : "quanta", LTP_MAX_UNCAGE_GLU);
  return LTP_OK;
}

ltp_status ltp_protocol_add_uncage(ltp_protocol *p, double t_ms, ltp_event_kind kind, int pathway,
                                   double glu, ltp_glu_unit glu_unit, ltp_error *err) {
  if (kind != LTP_EV_UNCAGE && kind != LTP_EV_UNCAGE_TEST)
    return ltp_error_set(err, LTP_ERR_ARG, "event kind %d is not an uncaging event", (int)kind);
  ltp_status st = ltp_protocol_check_uncage_glu(glu, glu_unit, err);
  return st == LTP_OK ? add_event(p, t_ms, kind, pathway, glu, glu_unit, err) : st;
}

static int offset_valid(size_t off) {
  return off % sizeof(double) == 0 && off + sizeof(double) <= sizeof(ltp_params);
}

static ltp_status append_change(ltp_protocol *p, double t_ms, size_t off, double value,
                                ltp_error *err) {
  ltp_status st = GROW(p, changes, p->n_changes + 1, "parameter changes", err);
  if (st != LTP_OK)
    return st;
  ltp_param_change *c = &p->changes[p->n_changes++];
  c->t_ms = t_ms;
  c->param_offset = off;
  c->value = value;
  return LTP_OK;
}

ltp_status ltp_protocol_add_application(ltp_protocol *p, const ltp_application *a, ltp_error *err) {
  ltp_status st = check_time(p, a->t0_ms, a->label[0] ? a->label : "application", err);
  if (st != LTP_OK)
    return st;
  if (!(a->t1_ms > a->t0_ms))
    return ltp_error_set(err, LTP_ERR_RANGE, "%s%s%s: it must end (%g ms) after it starts (%g ms)",
                         a->origin, a->origin[0] ? ": " : "", a->label, a->t1_ms, a->t0_ms);
  if (!offset_valid(a->param_offset))
    return ltp_error_set(err, LTP_ERR_ARG, "no parameter at offset %zu", a->param_offset);
  if (a->mode > LTP_APPLY_ADD || !isfinite(a->value))
    return ltp_error_set(err, LTP_ERR_ARG, "bad application %s (mode %d, value %g)", a->label,
                         (int)a->mode, a->value);
  if ((st = GROW(p, applications, p->n_applications + 1, "applications", err)) != LTP_OK)
    return st;
  p->applications[p->n_applications++] = *a;
  return LTP_OK;
}

ltp_status ltp_protocol_add_change(ltp_protocol *p, double t_ms, size_t param_offset, double value,
                                   ltp_error *err) {
  ltp_application a;
  memset(&a, 0, sizeof a);
  a.t0_ms = t_ms;
  a.t1_ms = INFINITY;
  a.param_offset = param_offset;
  a.value = value;
  a.mode = LTP_APPLY_SET;
  strcpy(a.label, "parameter change");
  ltp_status st = ltp_protocol_add_application(p, &a, err);
  if (st != LTP_OK)
    return st;
  return append_change(p, t_ms, param_offset, value, err);
}

/* Trim or split the epochs that [t0, t1) overlaps; the new epoch will take their place. */
static ltp_status carve_clamps(ltp_protocol *p, double t0, double t1, ltp_error *err) {
  ltp_status st = GROW(p, clamps, p->n_clamps + 2, "clamp epochs", err);
  if (st != LTP_OK)
    return st;
  size_t n = p->n_clamps;
  for (size_t i = 0; i < n; i++) {
    ltp_clamp_epoch *e = &p->clamps[i];
    if (e->t1_ms <= t0 || e->t0_ms >= t1)
      continue;
    if (e->t0_ms < t0 && e->t1_ms > t1) {
      ltp_clamp_epoch tail = {t1, e->t1_ms, e->v_mV};
      e->t1_ms = t0;
      p->clamps[p->n_clamps++] = tail;
    } else if (e->t0_ms < t0) {
      e->t1_ms = t0;
    } else if (e->t1_ms > t1) {
      e->t0_ms = t1;
    } else {
      e->t0_ms = NAN; /* fully covered: removed below */
    }
  }
  size_t k = 0;
  for (size_t i = 0; i < p->n_clamps; i++)
    if (!isnan(p->clamps[i].t0_ms))
      p->clamps[k++] = p->clamps[i];
  p->n_clamps = k;
  return LTP_OK;
}

ltp_status ltp_protocol_add_clamp(ltp_protocol *p, double t0_ms, double t1_ms, double v_mV,
                                  ltp_error *err) {
  ltp_status st = check_time(p, t0_ms, "clamp epoch", err);
  if (st == LTP_OK)
    st = check_time(p, t1_ms, "end of clamp epoch", err);
  if (st != LTP_OK)
    return st;
  if (!(t1_ms > t0_ms))
    return ltp_error_set(err, LTP_ERR_RANGE, "clamp epoch ends (%g ms) before it starts (%g ms)",
                         t1_ms, t0_ms);
  if (!isfinite(v_mV) || fabs(v_mV) > LTP_MAX_CLAMP_ABS_MV)
    return ltp_error_set(err, LTP_ERR_RANGE, "holding potential %g mV is outside [-%g, %g] mV",
                         v_mV, LTP_MAX_CLAMP_ABS_MV, LTP_MAX_CLAMP_ABS_MV);
  if ((st = carve_clamps(p, t0_ms, t1_ms, err)) != LTP_OK)
    return st;
  if ((st = GROW(p, clamps, p->n_clamps + 1, "clamp epochs", err)) != LTP_OK)
    return st;
  ltp_clamp_epoch e = {t0_ms, t1_ms, v_mV};
  p->clamps[p->n_clamps++] = e;
  return LTP_OK;
}

ltp_status ltp_protocol_add_step(ltp_protocol *p, double t0_ms, double t1_ms, double i_pA,
                                 ltp_error *err) {
  ltp_status st = check_time(p, t0_ms, "current step", err);
  if (st == LTP_OK)
    st = check_time(p, t1_ms, "end of current step", err);
  if (st != LTP_OK)
    return st;
  if (!(t1_ms > t0_ms))
    return ltp_error_set(err, LTP_ERR_RANGE, "current step ends (%g ms) before it starts (%g ms)",
                         t1_ms, t0_ms);
  if (!isfinite(i_pA) || fabs(i_pA) > LTP_MAX_STEP_ABS_PA)
    return ltp_error_set(err, LTP_ERR_RANGE, "current step %g pA is outside [-%g, %g] pA", i_pA,
                         LTP_MAX_STEP_ABS_PA, LTP_MAX_STEP_ABS_PA);
  if ((st = GROW(p, steps, p->n_steps + 1, "current steps", err)) != LTP_OK)
    return st;
  ltp_current_step s = {t0_ms, t1_ms, i_pA};
  p->steps[p->n_steps++] = s;
  return LTP_OK;
}

ltp_status ltp_protocol_add_mark(ltp_protocol *p, double t0_ms, double t1_ms, const char *label,
                                 ltp_error *err) {
  ltp_status st = check_time(p, t0_ms, "mark", err);
  if (st != LTP_OK)
    return st;
  if (!isfinite(t1_ms) || t1_ms < t0_ms)
    return ltp_error_set(err, LTP_ERR_RANGE, "mark \"%s\" ends (%g ms) before it starts (%g ms)",
                         label ? label : "", t1_ms, t0_ms);
  if ((st = GROW(p, marks, p->n_marks + 1, "marks", err)) != LTP_OK)
    return st;
  ltp_mark *m = &p->marks[p->n_marks++];
  m->t0_ms = t0_ms;
  m->t1_ms = t1_ms;
  snprintf(m->label, sizeof m->label, "%s", label ? label : "");
  return LTP_OK;
}

size_t ltp_protocol_drop_tests(ltp_protocol *p, int pathway, double t0_ms, double t1_ms) {
  size_t k = 0, dropped = 0;
  for (size_t i = 0; i < p->n_events; i++) {
    const ltp_event *e = &p->events[i];
    if (ltp_event_is_test(e) && e->pathway == pathway && e->t_ms >= t0_ms && e->t_ms <= t1_ms)
      dropped++;
    else
      p->events[k++] = *e;
  }
  p->n_events = k;
  return dropped;
}

static int is_conditioning(const ltp_event *e) {
  return e->kind == LTP_EV_PRE || e->kind == LTP_EV_POST || e->kind == LTP_EV_UNCAGE;
}

static int epoch_holds_conditioning(const ltp_protocol *p, const ltp_clamp_epoch *c) {
  for (size_t i = 0; i < p->n_events; i++) {
    const ltp_event *e = &p->events[i];
    if (is_conditioning(e) && e->t_ms >= c->t0_ms && e->t_ms < c->t1_ms)
      return 1;
  }
  return 0;
}

double ltp_protocol_induction_ms(const ltp_protocol *p) {
  double t = -1;
  for (size_t i = 0; i < p->n_events; i++)
    if (is_conditioning(&p->events[i]) && (t < 0 || p->events[i].t_ms < t))
      t = p->events[i].t_ms;
  for (size_t i = 0; i < p->n_clamps; i++) {
    const ltp_clamp_epoch *c = &p->clamps[i];
    if (c->t0_ms > 0 && (t < 0 || c->t0_ms < t) && epoch_holds_conditioning(p, c))
      t = c->t0_ms;
  }
  return t;
}

/* ---- stable sorting ------------------------------------------------------------------ */

typedef int (*cmp_fn)(const void *, const void *);

static int cmp_event(const void *a, const void *b) {
  double x = ((const ltp_event *)a)->t_ms, y = ((const ltp_event *)b)->t_ms;
  return (x > y) - (x < y);
}
static int cmp_change(const void *a, const void *b) {
  double x = ((const ltp_param_change *)a)->t_ms, y = ((const ltp_param_change *)b)->t_ms;
  return (x > y) - (x < y);
}
static int cmp_clamp(const void *a, const void *b) {
  double x = ((const ltp_clamp_epoch *)a)->t0_ms, y = ((const ltp_clamp_epoch *)b)->t0_ms;
  return (x > y) - (x < y);
}
static int cmp_step(const void *a, const void *b) {
  double x = ((const ltp_current_step *)a)->t0_ms, y = ((const ltp_current_step *)b)->t0_ms;
  return (x > y) - (x < y);
}
static int cmp_mark(const void *a, const void *b) {
  double x = ((const ltp_mark *)a)->t0_ms, y = ((const ltp_mark *)b)->t0_ms;
  return (x > y) - (x < y);
}

/* Bottom-up merge sort: keeps the insertion order of equal times (qsort would not). */
static ltp_status stable_sort(void *base, size_t n, size_t size, cmp_fn cmp, ltp_error *err) {
  char *a = base;
  size_t i = 1;
  while (i < n && cmp(a + (i - 1) * size, a + i * size) <= 0)
    i++;
  if (i >= n)
    return LTP_OK; /* already in order: the common case */
  char *tmp = malloc(n * size);
  if (tmp == NULL)
    return ltp_error_set(err, LTP_ERR_NOMEM, "out of memory sorting %zu items", n);
  char *src = a, *dst = tmp;
  for (size_t width = 1; width < n; width *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * width) {
      size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
      size_t l = lo, r = mid, k = lo;
      while (l < mid && r < hi) {
        if (cmp(src + r * size, src + l * size) < 0)
          memcpy(dst + k++ * size, src + r++ * size, size);
        else
          memcpy(dst + k++ * size, src + l++ * size, size);
      }
      if (l < mid)
        memcpy(dst + k * size, src + l * size, (mid - l) * size), k += mid - l;
      if (r < hi)
        memcpy(dst + k * size, src + r * size, (hi - r) * size);
    }
    char *t = src;
    src = dst;
    dst = t;
  }
  if (src != a)
    memcpy(a, src, n * size);
  free(tmp);
  return LTP_OK;
}

static ltp_status sort_all(ltp_protocol *p, ltp_error *err) {
  ltp_status st = stable_sort(p->events, p->n_events, sizeof *p->events, cmp_event, err);
  if (st == LTP_OK)
    st = stable_sort(p->changes, p->n_changes, sizeof *p->changes, cmp_change, err);
  if (st == LTP_OK)
    st = stable_sort(p->clamps, p->n_clamps, sizeof *p->clamps, cmp_clamp, err);
  if (st == LTP_OK)
    st = stable_sort(p->steps, p->n_steps, sizeof *p->steps, cmp_step, err);
  if (st == LTP_OK)
    st = stable_sort(p->marks, p->n_marks, sizeof *p->marks, cmp_mark, err);
  return st;
}

/* ---- validation ---------------------------------------------------------------------- */

static ltp_status check_events(const ltp_protocol *p, ltp_error *err) {
  if (p->n_events > LTP_MAX_EVENTS)
    return ltp_error_set(err, LTP_ERR_RANGE, "%zu events: more than the limit of %u", p->n_events,
                         LTP_MAX_EVENTS);
  for (size_t i = 0; i < p->n_events; i++) {
    const ltp_event *e = &p->events[i];
    ltp_status st = check_time(p, e->t_ms, "event", err);
    if (st != LTP_OK)
      return st;
    if (e->kind > LTP_EV_LAST)
      return ltp_error_set(err, LTP_ERR_ARG, "event %zu has unknown kind %d", i, (int)e->kind);
    if (ltp_event_is_uncaging(e) &&
        (st = ltp_protocol_check_uncage_glu(e->glu, e->glu_unit, err)) != LTP_OK)
      return st;
    if (e->kind != LTP_EV_POST && e->pathway >= p->n_pathways)
      return ltp_error_set(err, LTP_ERR_RANGE, "event at %g ms is on pathway %d, outside 1..%d",
                           e->t_ms, e->pathway + 1, p->n_pathways);
  }
  return LTP_OK;
}

static ltp_status check_epochs(const ltp_protocol *p, ltp_error *err) {
  for (size_t i = 0; i < p->n_changes; i++) {
    ltp_status st = check_time(p, p->changes[i].t_ms, "parameter change", err);
    if (st != LTP_OK)
      return st;
    if (!offset_valid(p->changes[i].param_offset) || !isfinite(p->changes[i].value))
      return ltp_error_set(err, LTP_ERR_ARG, "parameter change %zu is malformed", i);
  }
  for (size_t i = 0; i < p->n_clamps; i++) {
    const ltp_clamp_epoch *c = &p->clamps[i];
    ltp_status st = check_time(p, c->t0_ms, "clamp epoch", err);
    if (st == LTP_OK)
      st = check_time(p, c->t1_ms, "end of clamp epoch", err);
    if (st != LTP_OK)
      return st;
    if (!(c->t1_ms > c->t0_ms) || (i > 0 && c->t0_ms < p->clamps[i - 1].t1_ms))
      return ltp_error_set(err, LTP_ERR_RANGE, "clamp epochs at %g ms are empty or overlap",
                           c->t0_ms);
  }
  for (size_t i = 0; i < p->n_steps; i++) {
    ltp_status st = check_time(p, p->steps[i].t0_ms, "current step", err);
    if (st == LTP_OK)
      st = check_time(p, p->steps[i].t1_ms, "end of current step", err);
    if (st != LTP_OK)
      return st;
  }
  return LTP_OK;
}

static ltp_status check_readouts(const ltp_protocol *p, ltp_error *err) {
  if (p->n_readout_times > LTP_MAX_READOUT_TIMES)
    return ltp_error_set(err, LTP_ERR_RANGE, "%zu readout times: at most %d", p->n_readout_times,
                         LTP_MAX_READOUT_TIMES);
  for (size_t i = 0; i < p->n_readout_times; i++)
    if (!isfinite(p->readout_after_ms[i]) || p->readout_after_ms[i] <= 0)
      return ltp_error_set(err, LTP_ERR_RANGE, "readout time %g ms must be positive",
                           p->readout_after_ms[i]);
  if (!isfinite(p->readout_window_ms) || p->readout_window_ms <= 0 ||
      !isfinite(p->baseline_window_ms) || p->baseline_window_ms <= 0)
    return ltp_error_set(err, LTP_ERR_RANGE, "readout and baseline windows must be positive");
  return LTP_OK;
}

static ltp_status settle_traces(ltp_protocol *p, ltp_error *err) {
  if (!(p->trace_t1_ms > p->trace_t0_ms)) {
    double t = ltp_protocol_induction_ms(p);
    p->trace_t0_ms = p->trace_t1_ms = 0;
    if (t >= 0) {
      p->trace_t0_ms = t > TRACE_BEFORE_MS ? t - TRACE_BEFORE_MS : 0;
      p->trace_t1_ms = fmin(t + TRACE_AFTER_MS, p->t_end_ms);
    }
  }
  if (!isfinite(p->trace_dt_ms) || p->trace_dt_ms <= 0)
    return ltp_error_set(err, LTP_ERR_RANGE, "trace interval %g ms must be positive",
                         p->trace_dt_ms);
  if (p->trace_t0_ms < 0 || p->trace_t1_ms > p->t_end_ms)
    return ltp_error_set(err, LTP_ERR_RANGE, "trace span %g..%g ms is outside the experiment",
                         p->trace_t0_ms, p->trace_t1_ms);
  if ((p->trace_t1_ms - p->trace_t0_ms) / p->trace_dt_ms > LTP_MAX_TRACE_ROWS)
    return ltp_error_set(err, LTP_ERR_RANGE,
                         "traces of %g ms every %g ms would be more than %.0f rows",
                         p->trace_t1_ms - p->trace_t0_ms, p->trace_dt_ms, LTP_MAX_TRACE_ROWS);
  return LTP_OK;
}

ltp_status ltp_protocol_finalize(ltp_protocol *p, ltp_error *err) {
  if (!isfinite(p->t_end_ms) || p->t_end_ms <= 0)
    return ltp_error_set(err, LTP_ERR_RANGE, "experiment duration %g ms must be positive",
                         p->t_end_ms);
  if (p->n_pathways < 1 || p->n_pathways > LTP_MAX_PATHWAYS)
    return ltp_error_set(err, LTP_ERR_RANGE, "%d pathways: must be 1..%d", p->n_pathways,
                         LTP_MAX_PATHWAYS);
  ltp_status st = sort_all(p, err);
  if (st == LTP_OK)
    st = check_events(p, err);
  if (st == LTP_OK)
    st = check_epochs(p, err);
  if (st == LTP_OK)
    st = check_readouts(p, err);
  if (st == LTP_OK)
    st = settle_traces(p, err);
  for (size_t i = 0; st == LTP_OK && i < p->n_marks; i++)
    if (p->marks[i].t1_ms > p->t_end_ms)
      p->marks[i].t1_ms = p->t_end_ms;
  return st;
}

/* ---- applications -> changes --------------------------------------------------------- */

static const ltp_param_def *param_at_offset(size_t off, const ltp_mech_def **mech) {
  for (size_t m = 0; ltp_mech_registry[m] != NULL; m++)
    for (size_t i = 0; i < ltp_mech_registry[m]->n_params; i++)
      if (ltp_mech_registry[m]->params[i].offset == off) {
        *mech = ltp_mech_registry[m];
        return &ltp_mech_registry[m]->params[i];
      }
  return NULL;
}

static int active_at(const ltp_application *a, double t) {
  return a->t0_ms <= t && t < a->t1_ms;
}

/* Value of the parameter at offset `off` at time t: base, then the latest-starting SET, then
 * independent blocks, then additions. *culprit receives an application active at t. */
static double value_at(const ltp_protocol *p, size_t off, double t, double base,
                       const ltp_application **culprit) {
  double v = base, set_t0 = -INFINITY, free_frac = 1;
  int blocked = 0;
  for (size_t i = 0; i < p->n_applications; i++) {
    const ltp_application *a = &p->applications[i];
    if (a->param_offset != off || !active_at(a, t) || a->mode != LTP_APPLY_SET)
      continue;
    if (a->t0_ms >= set_t0)
      v = a->value, set_t0 = a->t0_ms, *culprit = a;
  }
  for (size_t i = 0; i < p->n_applications; i++) {
    const ltp_application *a = &p->applications[i];
    if (a->param_offset != off || !active_at(a, t) || a->mode != LTP_APPLY_BLOCK)
      continue;
    free_frac *= 1 - a->value;
    blocked = 1;
    *culprit = a;
  }
  if (blocked)
    v = 1 - (1 - v) * free_frac;
  for (size_t i = 0; i < p->n_applications; i++) {
    const ltp_application *a = &p->applications[i];
    if (a->param_offset != off || !active_at(a, t) || a->mode != LTP_APPLY_ADD)
      continue;
    v += a->value;
    *culprit = a;
  }
  return v;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static ltp_status resolve_param(ltp_protocol *p, const ltp_params *params, size_t off,
                                ltp_error *err) {
  const ltp_mech_def *mech = NULL;
  const ltp_param_def *d = param_at_offset(off, &mech);
  if (d == NULL)
    return ltp_error_set(err, LTP_ERR_ARG, "no parameter at offset %zu", off);
  double *times = malloc(2 * p->n_applications * sizeof *times);
  if (times == NULL)
    return ltp_error_set(err, LTP_ERR_NOMEM, "out of memory resolving changes");
  size_t n = 0;
  for (size_t i = 0; i < p->n_applications; i++) {
    const ltp_application *a = &p->applications[i];
    if (a->param_offset != off)
      continue;
    times[n++] = a->t0_ms;
    if (isfinite(a->t1_ms))
      times[n++] = a->t1_ms;
  }
  qsort(times, n, sizeof *times, cmp_double);
  const double base = *(const double *)((const char *)params + off);
  double prev = base;
  ltp_status st = LTP_OK;
  for (size_t i = 0; st == LTP_OK && i < n; i++) {
    if (i > 0 && times[i] == times[i - 1])
      continue;
    const ltp_application *culprit = NULL;
    double v = value_at(p, off, times[i], base, &culprit);
    char why[256];
    if (ltp_param_check_value(d, v, why, sizeof why) != LTP_OK && culprit != NULL) {
      st = ltp_error_set(err, LTP_ERR_RANGE, "%s%s%s: %s.%s: %s", culprit->origin,
                         culprit->origin[0] ? ": " : "", culprit->label, mech->name, d->name, why);
    } else if (v != prev) {
      st = append_change(p, times[i], off, v, err);
      prev = v;
    }
  }
  free(times);
  return st;
}

ltp_status ltp_protocol_resolve_changes(ltp_protocol *p, const ltp_params *params, ltp_error *err) {
  p->n_changes = 0;
  ltp_status st = LTP_OK;
  for (size_t i = 0; st == LTP_OK && i < p->n_applications; i++) {
    size_t off = p->applications[i].param_offset, j = 0;
    while (j < i && p->applications[j].param_offset != off)
      j++;
    if (j == i)
      st = resolve_param(p, params, off, err); /* first application of this param */
  }
  if (st == LTP_OK)
    st = stable_sort(p->changes, p->n_changes, sizeof *p->changes, cmp_change, err);
  return st;
}

double ltp_protocol_step_current_pA(const ltp_protocol *p, double t_ms) {
  double i = 0.0;
  for (size_t k = 0; k < p->n_steps; ++k)
    if (t_ms >= p->steps[k].t0_ms && t_ms < p->steps[k].t1_ms)
      i += p->steps[k].i_pA;
  return i;
}

double ltp_protocol_next_step_edge_ms(const ltp_protocol *p, double t_ms) {
  double next = INFINITY;
  for (size_t k = 0; k < p->n_steps; ++k) {
    if (p->steps[k].t0_ms > t_ms && p->steps[k].t0_ms < next)
      next = p->steps[k].t0_ms;
    if (p->steps[k].t1_ms > t_ms && p->steps[k].t1_ms < next)
      next = p->steps[k].t1_ms;
  }
  return next;
}
