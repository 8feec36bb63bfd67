/* Drugs and bath changes as data: each drug names the model parameter it acts on, how its
 * concentration maps onto that parameter (Hill block or buffer capacity) and the constants with
 * their sources. Applications become timed parameter changes in the protocol. */
#ifndef LTP_PROTOCOL_DRUGS_H
#define LTP_PROTOCOL_DRUGS_H

#include <stddef.h>

#include "protocol/protocol.h"

typedef enum {
  /* target = c^n / (c^n + K^n): fraction of receptors/enzyme blocked (combined with other
   * blocks of the same target as independent: 1 - prod(1 - f)) */
  LTP_DRUG_ANTAGONIST = 0,
  /* target += c / Kd: exogenous buffer capacity for [Ca2+] << Kd (Neher & Augustine 1992) */
  LTP_DRUG_BUFFER = 1
} ltp_drug_model;

typedef struct {
  const char *name;      /* canonical name, as written in experiment files */
  const char *aliases;   /* other accepted spellings, comma-separated */
  const char *target;    /* parameter key, e.g. "nmda.block" */
  int model;             /* ltp_drug_model */
  double k_uM;           /* IC50 or Ki (antagonist), Kd (buffer), in uM */
  double hill;           /* Hill coefficient (antagonist) */
  const char *conc_unit; /* unit concentrations are usually written in */
  const char *typical;   /* concentration of the classic experiments */
  const char *action;    /* one line: what it does */
  const char *source;    /* where the constant comes from; "[M] not verified" where unchecked */
} ltp_drug_def;

extern const ltp_drug_def ltp_drug_table[];
extern const size_t ltp_drug_count;

/* Find a drug by name or alias, ignoring case, '-' and blanks ("D-AP5", "kn62"). */
const ltp_drug_def *ltp_drug_lookup(const char *name);
/* Effect at conc_uM: the blocked fraction (antagonist) or the added buffer capacity. */
double ltp_drug_effect(const ltp_drug_def *d, double conc_uM);
/* Comma-separated canonical names, for messages. Returns buf. */
const char *ltp_drug_names(char *buf, size_t len);

/* Apply d at conc_uM from t0 to t1 (t1 = INFINITY: to the end): one application on the target
 * parameter plus a mark labelled with the drug's name. origin ("file:line") prefixes messages. */
ltp_status ltp_drug_apply(ltp_protocol *p, const ltp_drug_def *d, double conc_uM, double t0_ms,
                          double t1_ms, const char *origin, ltp_error *err);

/* Bath (ACSF) changes: a named ion set directly, e.g. Mg2+-free = mg_o 0 mM. */
typedef struct {
  const char *name;   /* as written in experiment files: "mg_o" */
  const char *target; /* parameter key: "nmda.mg_o" */
  const char *doc;
} ltp_bath_def;

extern const ltp_bath_def ltp_bath_table[];
extern const size_t ltp_bath_count;

const ltp_bath_def *ltp_bath_lookup(const char *name);
const char *ltp_bath_names(char *buf, size_t len);
/* Set b's parameter to value (in the parameter's unit) from t0 to t1 (INFINITY: to the end). */
ltp_status ltp_bath_apply(ltp_protocol *p, const ltp_bath_def *b, double value, double t0_ms,
                          double t1_ms, const char *origin, ltp_error *err);

#endif
