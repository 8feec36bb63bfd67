/* Sweep families (ltpsim sweep --family NAME): the classic curves, each an experiment file of
 * the validation directory plus default --vary arguments; an experiment FILE or --vary on the
 * command line replaces the family's. */
#ifndef LTP_SWEEP_FAMILY_H
#define LTP_SWEEP_FAMILY_H

#include <stddef.h>

#define LTP_SWEEP_FAMILY_MAX_VARY 2

typedef struct {
  const char *name;
  const char *file;                            /* relative to the validation directory */
  const char *vary[LTP_SWEEP_FAMILY_MAX_VARY]; /* --vary arguments; unused: NULL */
  const char *doc;                             /* one line: the curve and its source */
} ltp_sweep_family;

/* The table (n entries). */
const ltp_sweep_family *ltp_sweep_families(size_t *n);
/* The family called name, or NULL. */
const ltp_sweep_family *ltp_sweep_family_find(const char *name);

#endif
