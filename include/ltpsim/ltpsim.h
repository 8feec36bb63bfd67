/* ltpsim public C API: one opaque handle per experiment run, status codes with names. */
#ifndef LTPSIM_LTPSIM_H
#define LTPSIM_LTPSIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LTPSIM_VERSION "0.1.0"

/* Every public call returns one of these; ltp_status_name() gives its name. */
typedef enum {
  LTP_OK = 0,
  LTP_ERR_NOMEM,       /* allocation failed */
  LTP_ERR_IO,          /* file missing, unreadable or unwritable */
  LTP_ERR_PARSE,       /* experiment file syntax */
  LTP_ERR_UNKNOWN_KEY, /* a key or name the tables do not know */
  LTP_ERR_UNIT,        /* missing or wrong unit */
  LTP_ERR_RANGE,       /* value outside its documented range (negative rate, absurd size) */
  LTP_ERR_NUMERIC,     /* numerical blow-up (NaN/Inf or runaway) */
  LTP_ERR_ARG          /* invalid argument to an API call */
} ltp_status;

const char *ltp_status_name(ltp_status s);

/* One experiment: model parameters + protocol + results. Create -> set -> run -> get -> free. */
typedef struct ltp_run ltp_run;

ltp_status ltp_run_create(ltp_run **out);
void ltp_run_free(ltp_run *run);

/* Load the embedded default experiment (CA1 Schaffer collateral, 20 min baseline at 0.05 Hz,
 * one 100 Hz x 1 s tetanus, 60 min of test pulses). */
ltp_status ltp_run_load_default(ltp_run *run);
/* Load an experiment file (libconfig syntax, values with units). */
ltp_status ltp_run_load_file(ltp_run *run, const char *path);
/* Override one parameter: "mech.param=value unit", e.g. "nmda.mg_o=2 mM". */
ltp_status ltp_run_set(ltp_run *run, const char *assignment);
ltp_status ltp_run_set_seed(ltp_run *run, uint64_t seed);
/* Show a progress bar on stderr (only honoured when stderr is a terminal). */
ltp_status ltp_run_set_progress(ltp_run *run, int enabled);

/* 0: step every fine step even in quiet stretches (the reference the quiet-stretch
 * fast-forward is tested against); 1 (default): fast-forward quiet stretches. */
ltp_status ltp_run_set_fast_forward(ltp_run *run, int enabled);

ltp_status ltp_run_execute(ltp_run *run);

/* Potentiation (% of baseline EPSP slope, or EPSC under clamp) of pathway (1-based) at the
 * readout `after_min` minutes after induction, as reported in summary.json. */
ltp_status ltp_run_get_potentiation(const ltp_run *run, int pathway, double after_min, double *pct);
/* Value of a final-state variable by name (e.g. "p1.camkii.phospho_fraction"). */
ltp_status ltp_run_get_final(const ltp_run *run, const char *name, double *value);
/* Peak spine Ca2+ (uM) of pathway (1-based) over the run and when it occurred (ms; either
 * pointer may be NULL), as reported in summary.json (spine_ca_peak). */
ltp_status ltp_run_get_peak_calcium(const ltp_run *run, int pathway, double *peak_uM, double *t_ms);
/* Number of test-pulse readouts and one of them: time (ms) and slope % of baseline. */
size_t ltp_run_n_readouts(const ltp_run *run);
ltp_status ltp_run_get_readout(const ltp_run *run, size_t i, double *t_ms, int *pathway,
                               double *slope_pct);
/* Write summary.json, readouts.csv, traces.csv, SVG figures and report.html into dir.
 * Files are written to temporaries and renamed, so a failure leaves no partial output. */
ltp_status ltp_run_write(ltp_run *run, const char *out_dir);
/* Print the one-screen summary. */
ltp_status ltp_run_print_summary(const ltp_run *run, const char *out_dir);

/* Message of the last error (file, line and what was expected), or "" if none. */
const char *ltp_run_error(const ltp_run *run);

#ifdef __cplusplus
}
#endif
#endif
