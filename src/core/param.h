/* Parameter tables: every model parameter is data (name, unit, default, range, source),
 * the single source of truth for experiment parsing, `ltpsim params`, range checks and
 * documentation. Values live as doubles in the aggregate ltp_params struct; a table entry
 * names its field by byte offset. */
#ifndef LTP_CORE_PARAM_H
#define LTP_CORE_PARAM_H

#include <stddef.h>

typedef struct {
  const char *name;           /* key inside its mechanism, e.g. "mg_o" (full key "nmda.mg_o") */
  const char *unit;           /* unit the value is stored in: "mM", "ms", "pS", "1", ... */
  double def;                 /* default value, in unit */
  double min, max;            /* accepted range, inclusive */
  const char *source;         /* where the default comes from */
  const char *doc;            /* one line: what it is */
  size_t offset;              /* byte offset of the double in ltp_params */
  const char *const *choices; /* NULL, or NULL-terminated names for an enumerated value
                                 (stored as the index, unit "choice") */
} ltp_param_def;

/* A mechanism's metadata: its name (the key prefix), a one-line description and its
 * parameter table. */
typedef struct {
  const char *name;
  const char *doc;
  const ltp_param_def *params;
  size_t n_params;
} ltp_mech_def;

#define LTP_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#endif
