/* Experiment text with placeholders: a setting on a line ending in the comment "# vary: NAME"
 * gets its value replaced before the text is parsed. The validation suite varies protocols
 * this way (validation/frequency_response.exp, validation/stdp.exp), and so does ltpsim sweep
 * (--vary NAME=VALUES). */
#ifndef LTP_IO_VARY_H
#define LTP_IO_VARY_H

#include <stddef.h>

#include "core/status.h"
#include "io/svg.h"

/* Read the experiment file at path into text (initialised by the caller), with every
 * `@include "FILE"` line replaced by the included file (relative to the including file, as
 * libconfig resolves it). LTP_ERR_IO naming the file when it cannot be read. */
ltp_status ltp_vary_read(const char *path, ltp_svg_buf *text, ltp_error *err);

/* Whether text has exactly one line marked "# vary: NAME". */
int ltp_vary_has(const char *text, const char *name);

/* Replace the value of the setting on the one line marked "# vary: NAME" (the text between "="
 * and ";"; a quoted value stays quoted) with value. LTP_ERR_PARSE naming file when no line or
 * more than one line is marked, or the marked line holds no "key = value;" setting. */
ltp_status ltp_vary_apply(ltp_svg_buf *text, const char *file, const char *name, const char *value,
                          ltp_error *err);

/* A copy of base (the text of file) with n placeholders replaced (names[i] -> values[i]) into
 * text, and into label the name to show in messages: "file [NAME = value] ...". Both buffers
 * are initialised (and freed) by the caller and should be empty. */
ltp_status ltp_vary_substitute(const char *base, const char *file, const char *const *names,
                               const char *const *values, size_t n, ltp_svg_buf *text,
                               ltp_svg_buf *label, ltp_error *err);

#endif
