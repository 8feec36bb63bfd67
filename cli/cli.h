/* The ltpsim command's pieces shared between its subcommands (cli/main.c, cli/sweep.c). */
#ifndef LTP_CLI_CLI_H
#define LTP_CLI_CLI_H

#include <stdint.h>

/* A whole number in [min, max] (decimal, nothing after it): 1 and *out, else 0. */
int ltp_cli_parse_long(const char *text, long min, long max, long *out);
/* A non-negative 64-bit seed: 1 and *seed, else 0. */
int ltp_cli_parse_seed(const char *text, uint64_t *seed);
/* The validation directory: $LTPSIM_VALIDATION_DIR, else the source tree's (set at build). */
const char *ltp_cli_validation_dir(void);

/* ltpsim sweep (cli/sweep.c); argv holds the arguments after "sweep". Exit code. */
int ltp_cli_sweep(int argc, char **argv);

#endif
