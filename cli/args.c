/* Argument parsing shared by the ltpsim subcommands. */
#include <errno.h>
#include <stdlib.h>

#include "cli.h"

int ltp_cli_parse_long(const char *text, long min, long max, long *out) {
  char *end = NULL;
  errno = 0;
  const long v = strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || v < min || v > max)
    return 0;
  *out = v;
  return 1;
}

int ltp_cli_parse_seed(const char *text, uint64_t *seed) {
  char *end = NULL;
  errno = 0;
  const unsigned long long v = strtoull(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || text[0] == '-')
    return 0;
  *seed = v;
  return 1;
}

const char *ltp_cli_validation_dir(void) {
  const char *dir = getenv("LTPSIM_VALIDATION_DIR");
  return dir != NULL && dir[0] != '\0' ? dir : LTP_VALIDATION_DIR;
}
