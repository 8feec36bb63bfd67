/* A protocol: the time-ordered events (presynaptic pulses per pathway, postsynaptic
 * spike-evoking current pulses), timed parameter changes (drugs, bath), clamp epochs and
 * the readout schedule. Built by the stimulus builders in train.c and drugs.c, consumed by
 * the engine. All times in ms from the start of the experiment. */
#ifndef LTP_PROTOCOL_PROTOCOL_H
#define LTP_PROTOCOL_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "mech/model_params.h"

#define LTP_MAX_PATHWAYS 8
#define LTP_MAX_READOUT_TIMES 16
/* A test pulse's readout window (soma EPSP or EPSC, the spine's uEPSC): one readout is open at a
 * time, so test pulses, of any pathway, must be at least this far apart. */
#define LTP_READOUT_WINDOW_MS 50.0
/* Absurd-size guard: more events than this is an input error, not a run. */
#define LTP_MAX_EVENTS 50000000u

typedef enum {
  LTP_EV_PRE = 0,  /* presynaptic pulse on a pathway (conditioning stimulus) */
  LTP_EV_TEST = 1, /* presynaptic test pulse on a pathway: a readout is taken */
  LTP_EV_POST = 2, /* somatic current pulse that makes the cell fire (bAP) */
  /* two-photon glutamate uncaging at the modelled spine of a pathway only: no release, no
   * lumped population (Matsuzaki et al. 2004, Nature 429:761) */
  LTP_EV_UNCAGE = 3,      /* conditioning uncaging pulse */
  LTP_EV_UNCAGE_TEST = 4, /* test uncaging pulse: a readout of the single spine is taken */
  LTP_EV_LAST = LTP_EV_UNCAGE_TEST
} ltp_event_kind;

/* Unit of an uncaging pulse's glutamate: quanta (x release.glu_peak, read when the pulse is
 * delivered, so that --set on the release parameters applies) or the cleft concentration. */
typedef enum { LTP_GLU_QUANTA = 0, LTP_GLU_MM = 1 } ltp_glu_unit;

/* An uncaging pulse of more glutamate than this (in quanta, or mM) is an input error. */
#define LTP_MAX_UNCAGE_GLU 100.0

typedef struct {
  double t_ms;
  uint8_t kind;     /* ltp_event_kind */
  uint8_t pathway;  /* 0-based; ignored for LTP_EV_POST */
  uint8_t glu_unit; /* uncaging events: ltp_glu_unit of glu */
  float glu;        /* uncaging events: glutamate per pulse; 0 for the others */
} ltp_event;

static inline int ltp_event_is_uncaging(const ltp_event *e) {
  return e->kind == LTP_EV_UNCAGE || e->kind == LTP_EV_UNCAGE_TEST;
}
static inline int ltp_event_is_test(const ltp_event *e) {
  return e->kind == LTP_EV_TEST || e->kind == LTP_EV_UNCAGE_TEST;
}

/* A timed change of one parameter (drug wash-in/out, bath change), applied at t_ms. */
typedef struct {
  double t_ms;
  size_t param_offset; /* byte offset into ltp_params */
  double value;
} ltp_param_change;

/* How a timed application combines with the parameter's value in the run's parameters (after
 * every --set override) and with other applications active at the same moment. */
typedef enum {
  LTP_APPLY_SET = 0,   /* value replaces the parameter (bath changes: Mg2+-free, low Ca2+) */
  LTP_APPLY_BLOCK = 1, /* value is a blocked fraction f; x -> 1 - (1 - x)(1 - f) (antagonists) */
  LTP_APPLY_ADD = 2    /* value is added (exogenous Ca2+ buffer capacity) */
} ltp_apply_mode;

/* A timed application of a drug or bath change to one parameter, active for t0 <= t < t1
 * (t1 = INFINITY: to the end). The absolute ltp_param_change entries are derived from these by
 * ltp_protocol_resolve_changes() once the parameters are final, so that a wash-out restores
 * the value in force after --set overrides, not the table default. */
typedef struct {
  double t0_ms, t1_ms;
  size_t param_offset; /* byte offset into ltp_params */
  double value;
  uint8_t mode;    /* ltp_apply_mode */
  char label[48];  /* what was applied, e.g. "AP5 50 uM" */
  char origin[96]; /* where it was written, e.g. "examples/ap5_hfs.exp:14", for messages */
} ltp_application;

/* A voltage-clamp epoch: the soma is held at v_mV for t0 <= t < t1 (the holding potential
 * of a pairing protocol, or the whole experiment for EPSC readouts). */
typedef struct {
  double t0_ms, t1_ms, v_mV;
} ltp_clamp_epoch;

/* A somatic current step (current clamp), amplitude in pA. */
typedef struct {
  double t0_ms, t1_ms, i_pA;
} ltp_current_step;

/* A span to mark in plots (induction, drug application). */
typedef struct {
  double t0_ms, t1_ms;
  char label[48];
} ltp_mark;

typedef struct {
  char name[64];
  char description[256];
  double t_end_ms;
  int n_pathways;

  ltp_event *events;
  size_t n_events, cap_events;

  ltp_param_change *changes;
  size_t n_changes, cap_changes;

  ltp_clamp_epoch *clamps;
  size_t n_clamps, cap_clamps;

  ltp_current_step *steps;
  size_t n_steps, cap_steps;

  ltp_mark *marks;
  size_t n_marks, cap_marks;

  /* Readouts: potentiation reported at these times after induction onset (ms). */
  double readout_after_ms[LTP_MAX_READOUT_TIMES];
  size_t n_readout_times;
  double readout_window_ms;  /* averaging window centred on each readout time */
  double baseline_window_ms; /* baseline = mean of the test pulses in this span before induction */

  /* Traces: sampling interval and the span to record (default: around induction). */
  double trace_dt_ms;
  double trace_t0_ms, trace_t1_ms;

  /* Drug and bath applications; `changes` is derived from them (see above). */
  ltp_application *applications;
  size_t n_applications, cap_applications;
} ltp_protocol;

void ltp_protocol_init(ltp_protocol *p);
void ltp_protocol_free(ltp_protocol *p);

/* Start of the first conditioning event (LTP_EV_PRE, LTP_EV_POST or LTP_EV_UNCAGE, or the start of
 * a clamp epoch that begins after t = 0 and holds such an event: a pairing hold; a hold from t = 0
 * is the recording condition, not induction), the reference for "minutes after induction"; -1 if
 * the protocol has none. */
double ltp_protocol_induction_ms(const ltp_protocol *p);

/* Sort events, changes and epochs by time and check them (times inside [0, t_end],
 * pathway indices valid, event count below LTP_MAX_EVENTS). The sort is stable. When no trace
 * span was set (trace_t1_ms <= trace_t0_ms) it becomes 1 s before to 2 s after the induction
 * onset. */
ltp_status ltp_protocol_finalize(ltp_protocol *p, ltp_error *err);

/* Rebuild `changes` from the applications against the final parameters: at each application
 * boundary the parameter takes base (its value in params) combined with every application then
 * active (SET, then BLOCK, then ADD), and a change is emitted where the value moves. Each
 * resulting value is range-checked against the parameter's table entry (LTP_ERR_RANGE naming
 * the application's origin). Idempotent: call it after the last parameter override (--set) and
 * before the engine starts; the experiment loader calls it once with the file's parameters. */
ltp_status ltp_protocol_resolve_changes(ltp_protocol *p, const ltp_params *params, ltp_error *err);

/* An event; uncaging kinds get one quantum of glutamate (ltp_protocol_add_uncage for more). */
ltp_status ltp_protocol_add_event(ltp_protocol *p, double t_ms, ltp_event_kind kind, int pathway,
                                  ltp_error *err);
/* An uncaging event (LTP_EV_UNCAGE or LTP_EV_UNCAGE_TEST) of glu (0 < glu <= LTP_MAX_UNCAGE_GLU)
 * in glu_unit. */
ltp_status ltp_protocol_add_uncage(ltp_protocol *p, double t_ms, ltp_event_kind kind, int pathway,
                                   double glu, ltp_glu_unit glu_unit, ltp_error *err);
/* LTP_ERR_RANGE unless 0 < glu <= LTP_MAX_UNCAGE_GLU (LTP_ERR_ARG for an unknown unit). */
ltp_status ltp_protocol_check_uncage_glu(double glu, ltp_glu_unit glu_unit, ltp_error *err);
/* An absolute change from t_ms on. Also recorded as a SET application with no end, so that
 * ltp_protocol_resolve_changes() keeps it. */
ltp_status ltp_protocol_add_change(ltp_protocol *p, double t_ms, size_t param_offset, double value,
                                   ltp_error *err);
ltp_status ltp_protocol_add_application(ltp_protocol *p, const ltp_application *a, ltp_error *err);
/* A later epoch takes precedence over earlier ones where they overlap (earlier epochs are
 * trimmed or split), so a pairing hold can sit inside a whole-experiment holding epoch. */
ltp_status ltp_protocol_add_clamp(ltp_protocol *p, double t0_ms, double t1_ms, double v_mV,
                                  ltp_error *err);
ltp_status ltp_protocol_add_step(ltp_protocol *p, double t0_ms, double t1_ms, double i_pA,
                                 ltp_error *err);
ltp_status ltp_protocol_add_mark(ltp_protocol *p, double t0_ms, double t1_ms, const char *label,
                                 ltp_error *err);

/* The somatic current (pA) injected at t: the sum of the current steps with t0 <= t < t1. */
double ltp_protocol_step_current_pA(const ltp_protocol *p, double t_ms);
/* The first current-step edge (start or end) after t, or INFINITY. */
double ltp_protocol_next_step_edge_ms(const ltp_protocol *p, double t_ms);

/* Remove the test pulses of a pathway (electrical and uncaging) with t0 <= t <= t1 (test
 * stimulation pauses while the pathway is conditioned). Returns how many were removed. */
size_t ltp_protocol_drop_tests(ltp_protocol *p, int pathway, double t0_ms, double t1_ms);

#endif
