/* Recorders: what a run keeps. Readouts (one row per test pulse), sampled traces (named
 * variables at a fixed interval inside a window) and the end-of-run summary. Writers in
 * src/io turn these into CSV, JSON, SVG and HTML. */
#ifndef LTP_ENGINE_RECORDER_H
#define LTP_ENGINE_RECORDER_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

/* One test-pulse readout. EPSP values are at the soma (current clamp); under voltage clamp
 * epsc_pA holds the peak synaptic current and the EPSP fields are 0. uepsc_pA is the unitary
 * EPSC of the pathway's modelled spine, recorded for every test pulse; it is the response of a
 * test uncaging pulse (uncaging = 1), which reaches that spine alone. */
typedef struct {
  double t_ms;
  int pathway;
  double epsp_amp_mV;      /* peak depolarisation within the readout window */
  double epsp_slope_mV_ms; /* initial slope: max dV/dt in the rising phase */
  double epsc_pA;          /* peak inward clamp current (voltage clamp), else 0 */
  double slope_pct;        /* slope (or EPSC) in % of the baseline mean; 0 before known */
  double n_ampa_syn;       /* AMPARs in the PSD at the pulse */
  double gamma_ampa_pS;    /* mean AMPAR unitary conductance */
  double p_release;        /* release probability of the pulse (first-pulse F x D) */
  double vesicles;         /* vesicles released (mean-field: expected number); uncaging: quanta */
  double uepsc_pA;         /* peak inward AMPA-receptor current of the modelled spine */
  int uncaging;            /* 1: a test uncaging pulse at the modelled spine, 0: electrical */
} ltp_readout;

typedef struct {
  ltp_readout *rows;
  size_t n, cap;
} ltp_readout_log;

/* Sampled traces: n_vars named columns plus time. */
#define LTP_MAX_TRACE_VARS 128
#define LTP_TRACE_NAME_MAX 24
typedef struct {
  size_t n_vars;
  /* static strings (e.g. "spine_v") or names composed at run time into name_buf ("p2.tag"),
   * kept here rather than in a static buffer so that runs in parallel threads do not share
   * memory (ltpsim validate --jobs) */
  const char *names[LTP_MAX_TRACE_VARS];
  char name_buf[LTP_MAX_TRACE_VARS][LTP_TRACE_NAME_MAX];
  const char *units[LTP_MAX_TRACE_VARS];
  double *data; /* row-major: n_rows x (1 + n_vars), column 0 is t_ms */
  size_t n_rows, cap_rows;
} ltp_trace;

/* A named scalar of the final state (e.g. "camkii.phospho_fraction"). */
typedef struct {
  char name[64];
  char unit[16];
  double value;
} ltp_state_value;

/* Potentiation reported at one readout time. */
typedef struct {
  double after_min; /* minutes after induction onset */
  int pathway;
  double potentiation_pct; /* mean slope (EPSC, uEPSC) % of baseline in the window */
  /* How much each expression mechanism carries at that time, as % of baseline of that
   * factor: receptor count, unitary conductance and release probability. */
  double receptors_pct, conductance_pct, release_pct;
  size_t n_pulses; /* test pulses averaged */
  int uncaging;    /* from test uncaging pulses (uEPSC), else electrical test pulses */
} ltp_potentiation;

typedef struct {
  ltp_readout_log readouts;
  ltp_trace trace; /* fast variables around induction (traces.csv) */
  ltp_trace state; /* slow variables over the whole run (state.csv) */
  ltp_potentiation *potentiation;
  size_t n_potentiation;
  ltp_state_value *final_state;
  size_t n_final_state;
  double baseline_slope_mV_ms[8];
  double baseline_epsc_pA[8];
  double baseline_uepsc_pA[8]; /* per pathway: mean uEPSC of the baseline test uncaging pulses */
  double peak_ca_uM[8], peak_ca_t_ms[8]; /* per pathway: peak spine Ca2+ from t = 0 on, when */
  double wall_s;
  uint64_t fine_steps, slow_steps, events;
  double t_end_ms;
  double induction_ms;
} ltp_results;

ltp_status ltp_readout_append(ltp_readout_log *log, const ltp_readout *r);
ltp_status ltp_trace_append(ltp_trace *tr, double t_ms, const double *values);
/* Columns of a trace (names and units are static strings), appended after those it has. */
void ltp_trace_add_columns(ltp_trace *tr, const char *const *names, const char *const *units,
                           size_t n);
/* Index of the variable called name among the trace's variables (data column index + 1), or
 * tr->n_vars when it has none. */
size_t ltp_trace_column(const ltp_trace *tr, const char *name);
/* The n variables of every pathway 1..np, named "pK.NAME" (composed into name_buf). */
void ltp_trace_add_pathway_columns(ltp_trace *tr, int np, const char *const *names,
                                   const char *const *units, size_t n);
ltp_status ltp_results_add_state(ltp_results *res, const char *name, const char *unit,
                                 double value);
void ltp_results_free(ltp_results *res);

#endif
