/* Units: parse "number unit" text ("10 min", "50 uM", "1/(mM ms)") and convert it to the unit a
 * parameter is stored in, with errors that say which dimension was expected. */
#ifndef LTP_CORE_UNITS_H
#define LTP_CORE_UNITS_H

#include <stddef.h>

#include "core/param.h"
#include "core/status.h"

/* Convert text such as "10 min" into target_unit (e.g. "ms"). target_unit is a unit expression
 * as written in the parameter tables: "ms", "1/s", "nS/um2", "ohm cm2", "1/(mM ms)", "C", "1".
 * A bare number is accepted only when target_unit is dimensionless ("1" or ""); "%" is accepted
 * there as 1/100. On error returns LTP_ERR_UNIT (unknown unit, missing unit, wrong dimension,
 * malformed number), LTP_ERR_RANGE (not finite after conversion) or LTP_ERR_ARG (bad
 * target_unit or NULL arguments), with a message in why (if not NULL) such as
 *   expected a time (us, ms, s, min, h), got "100 Hz" (a frequency or rate) */
ltp_status ltp_unit_convert(const char *text, const char *target_unit, double *out, char *why,
                            size_t why_len);

/* Factor and offset that take a value in unit to the target unit: target = value * factor +
 * offset. Fails (LTP_ERR_UNIT) when the dimensions differ. */
ltp_status ltp_unit_factor(const char *unit, const char *target_unit, double *factor,
                           double *offset, char *why, size_t why_len);

/* End of the plain decimal number (sign, digits, point, exponent) that starts at s, or NULL
 * when none does. No hex, inf or nan: values in experiment files are plain decimals. */
const char *ltp_scan_number(const char *s);

/* Whether text is a unit expression this module knows (e.g. "ms", "nS/um2"). */
int ltp_unit_known(const char *unit);

/* What a unit measures, for messages and docs: "a time (us, ms, s, min, h)". Writes into buf and
 * returns it; for an unknown unit writes "a value in <unit>". */
const char *ltp_unit_describe(const char *unit, char *buf, size_t len);

/* Parse a parameter value for table entry d: a name from d->choices for enumerated parameters
 * (stored as its index; unknown name -> LTP_ERR_UNKNOWN_KEY listing the choices), otherwise a
 * quantity converted to d->unit. Does not check the range (see ltp_param_check_value). */
ltp_status ltp_param_parse_value(const ltp_param_def *d, const char *text, double *out, char *why,
                                 size_t why_len);

/* Check value against d's [min, max]; on failure LTP_ERR_RANGE with a message such as
 *   50 mM is outside the accepted range [0, 20] mM */
ltp_status ltp_param_check_value(const ltp_param_def *d, double value, char *why, size_t why_len);

/* Write value as text in d's unit ("1.5 mM", "stochastic"). Returns buf. */
const char *ltp_param_format_value(const ltp_param_def *d, double value, char *buf, size_t len);

#endif
