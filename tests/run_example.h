/* Test helper: run an example experiment (or the embedded default) through the public API and
 * read its potentiation. Include after <cmocka.h>. */
#ifndef LTP_TESTS_RUN_EXAMPLE_H
#define LTP_TESTS_RUN_EXAMPLE_H

#include <stdio.h>
#include <stdlib.h>

#include "ltpsim/ltpsim.h"

/* example: a file in examples/ (NULL: the default experiment); sets: NULL-terminated list of
 * --set overrides, or NULL */
static inline ltp_run *run_example_sets(const char *example, const char *const *sets) {
  ltp_run *run = NULL;
  assert_int_equal(ltp_run_create(&run), LTP_OK);
  ltp_status st;
  if (example == NULL) {
    st = ltp_run_load_default(run);
  } else {
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/%s", getenv("LTP_SOURCE_DIR"), example);
    st = ltp_run_load_file(run, path);
  }
  for (size_t i = 0; sets && sets[i] && st == LTP_OK; ++i)
    st = ltp_run_set(run, sets[i]);
  if (st == LTP_OK)
    st = ltp_run_execute(run);
  if (st != LTP_OK)
    fail_msg("%s: %s", example ? example : "default", ltp_run_error(run));
  return run;
}

/* The same with one override (or NULL). */
static inline ltp_run *run_example(const char *example, const char *set) {
  const char *sets[] = {set, NULL};
  return run_example_sets(example, sets);
}

/* Potentiation (%) of pathway (1-based) at the readout after_min minutes after induction. */
static inline double run_potentiation(const ltp_run *run, int pathway, double after_min) {
  double pct = 0;
  assert_int_equal(ltp_run_get_potentiation(run, pathway, after_min, &pct), LTP_OK);
  print_message("pathway %d after %.0f min: %.1f %%\n", pathway, after_min, pct);
  return pct;
}

#endif
