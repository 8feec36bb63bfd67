/* The ltpsim command: run an experiment, list parameters. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ltpsim/ltpsim.h"
#include "mech/registry.h"

static void usage(FILE *f) {
  fprintf(f, "usage: ltpsim run [FILE.exp] [--set mech.param=VALUE ...] [--seed N] [--out DIR]\n"
             "                  [--reference]\n"
             "       ltpsim params [MECH]\n"
             "       ltpsim version\n"
             "\n"
             "  run      run an experiment (the embedded default, CA1 HFS, without FILE);\n"
             "           --reference: error-controlled CVODE reference integration (slow)\n"
             "  params   list every parameter: key, unit, default, range, source\n");
}

static int fail(ltp_run *run, ltp_status st) {
  fprintf(stderr, "ltpsim: error (%s): %s\n", ltp_status_name(st), ltp_run_error(run));
  ltp_run_free(run);
  return 1;
}

static int parse_seed(const char *text, uint64_t *seed) {
  char *end = NULL;
  errno = 0;
  const unsigned long long v = strtoull(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || text[0] == '-')
    return 0;
  *seed = v;
  return 1;
}

static int cmd_run(int argc, char **argv) {
  const char *file = NULL, *out = "ltpsim-out";
  ltp_run *run = NULL;
  if (ltp_run_create(&run) != LTP_OK)
    return 1;
  /* pass 1: the experiment file, so that --set applies on top of it */
  for (int i = 0; i < argc; ++i) {
    if (strcmp(argv[i], "--set") == 0 || strcmp(argv[i], "--seed") == 0 ||
        strcmp(argv[i], "--out") == 0) {
      ++i;
    } else if (strcmp(argv[i], "--reference") == 0) {
      continue; /* applied after the file, as --set engine.method=reference */
    } else if (argv[i][0] == '-') {
      fprintf(stderr, "ltpsim run: unknown option '%s'\n", argv[i]);
      usage(stderr);
      ltp_run_free(run);
      return 2;
    } else if (file == NULL) {
      file = argv[i];
    } else {
      fprintf(stderr, "ltpsim run: more than one experiment file ('%s', '%s')\n", file, argv[i]);
      ltp_run_free(run);
      return 2;
    }
  }
  ltp_status st = file ? ltp_run_load_file(run, file) : ltp_run_load_default(run);
  if (st != LTP_OK)
    return fail(run, st);
  for (int i = 0; i < argc; ++i) {
    const int has_value = i + 1 < argc;
    if (strcmp(argv[i], "--reference") == 0 &&
        (st = ltp_run_set(run, "engine.method=reference")) != LTP_OK)
      return fail(run, st);
    if (strcmp(argv[i], "--set") == 0 || strcmp(argv[i], "--seed") == 0 ||
        strcmp(argv[i], "--out") == 0) {
      if (!has_value) {
        fprintf(stderr, "ltpsim run: %s needs a value\n", argv[i]);
        ltp_run_free(run);
        return 2;
      }
      uint64_t seed;
      if (strcmp(argv[i], "--set") == 0) {
        st = ltp_run_set(run, argv[i + 1]);
        if (st != LTP_OK)
          return fail(run, st);
      } else if (strcmp(argv[i], "--seed") == 0) {
        if (!parse_seed(argv[i + 1], &seed)) {
          fprintf(stderr, "ltpsim run: --seed expects a non-negative integer, got '%s'\n",
                  argv[i + 1]);
          ltp_run_free(run);
          return 2;
        }
        ltp_run_set_seed(run, seed);
      } else {
        out = argv[i + 1];
      }
      ++i;
    }
  }
  ltp_run_set_progress(run, 1);
  st = ltp_run_execute(run);
  if (st == LTP_OK)
    st = ltp_run_write(run, out);
  if (st != LTP_OK)
    return fail(run, st);
  ltp_run_print_summary(run, out);
  ltp_run_free(run);
  return 0;
}

static int cmd_params(int argc, char **argv) {
  const char *only = argc > 0 ? argv[0] : NULL;
  int found = 0;
  for (size_t m = 0; ltp_mech_registry[m] != NULL; ++m) {
    const ltp_mech_def *mech = ltp_mech_registry[m];
    if (only && strcmp(only, mech->name) != 0)
      continue;
    found = 1;
    printf("%s: %s\n", mech->name, mech->doc);
    for (size_t k = 0; k < mech->n_params; ++k) {
      const ltp_param_def *d = &mech->params[k];
      if (d->choices) {
        printf("  %s.%-18s %-10s default %-12s one of:", mech->name, d->name, d->unit,
               d->choices[(int)d->def]);
        for (int c = 0; d->choices[c]; ++c)
          printf(" %s", d->choices[c]);
        printf("\n");
      } else {
        printf("  %s.%-18s %-10s default %-12g range [%g, %g]\n", mech->name, d->name, d->unit,
               d->def, d->min, d->max);
      }
      printf("      %s\n      source: %s\n", d->doc, d->source);
    }
  }
  if (!found) {
    fprintf(stderr, "ltpsim params: unknown mechanism '%s'\n", only);
    return 2;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  if (strcmp(argv[1], "run") == 0)
    return cmd_run(argc - 2, argv + 2);
  if (strcmp(argv[1], "params") == 0)
    return cmd_params(argc - 2, argv + 2);
  if (strcmp(argv[1], "version") == 0 || strcmp(argv[1], "--version") == 0) {
    printf("ltpsim %s\n", LTPSIM_VERSION);
    return 0;
  }
  if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
      strcmp(argv[1], "-h") == 0) {
    usage(stdout);
    return 0;
  }
  fprintf(stderr, "ltpsim: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return 2;
}
