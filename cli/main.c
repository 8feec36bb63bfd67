/* The ltpsim command: run an experiment, sweep it over a grid (cli/sweep.c), list parameters,
 * run the validation suite. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "io/outdir.h"
#include "ltpsim/ltpsim.h"
#include "mech/registry.h"
#include "validate/validate.h"

static void usage(FILE *f) {
  fprintf(
      f,
      "usage: ltpsim run [FILE.exp] [--set mech.param=VALUE ...] [--seed N] [--out DIR]\n"
      "                  [--reference]\n"
      "       ltpsim sweep [FILE.exp] [--family NAME] [--vary KEY=VALUES ...] [--repeats R]\n"
      "                    [--seed S] [--jobs N] [--set mech.param=VALUE ...] [--out DIR]\n"
      "       ltpsim validate [--out DIR] [--only NAME] [--jobs N] [--set mech.param=VALUE ...]\n"
      "       ltpsim params [MECH]\n"
      "       ltpsim version\n"
      "\n"
      "  run      run an experiment (the embedded default, CA1 HFS, without FILE);\n"
      "           --reference: error-controlled CVODE reference integration (slow)\n"
      "  sweep    run an experiment over a grid of parameter or protocol values, with\n"
      "           repeats (docs/sweep.md); --family list shows the preset curves\n"
      "  params   list every parameter: key, unit, default, range, source\n"
      "  validate compare the model with published data (docs/validation.md); exit 1 if\n"
      "           a case fails\n");
}

static int fail(ltp_run *run, ltp_status st) {
  fprintf(stderr, "ltpsim: error (%s): %s\n", ltp_status_name(st), ltp_run_error(run));
  ltp_run_free(run);
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
        if (!ltp_cli_parse_seed(argv[i + 1], &seed)) {
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
        printf("  %s.%-20s %-10s default %-12s one of:", mech->name, d->name, d->unit,
               d->choices[(int)d->def]);
        for (int c = 0; d->choices[c]; ++c)
          printf(" %s", d->choices[c]);
        printf("\n");
      } else {
        printf("  %s.%-20s %-10s default %-12g range [%g, %g]\n", mech->name, d->name, d->unit,
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

static void print_report(const ltp_val_report *r, const char *out) {
  printf("ltpsim %s validate: %zu cases, %d jobs, %.1f s wall\n\n", LTPSIM_VERSION, r->n, r->jobs,
         r->wall_s);
  if (r->overrides != NULL) {
    printf("  with");
    for (size_t i = 0; r->overrides[i] != NULL; ++i)
      printf(" --set %s", r->overrides[i]);
    printf(" (expected failures of the default set do not apply)\n\n");
  }
  for (size_t i = 0; i < r->n; ++i) {
    const ltp_val_result *res = &r->results[i];
    printf("  %-30s %s\n", res->c->name, ltp_val_outcome_name(res->outcome));
    if (res->outcome == LTP_VAL_ERROR)
      printf("      %s\n", res->error);
    for (size_t k = 0; res->outcome != LTP_VAL_ERROR && k < res->c->n_checks; ++k)
      if (!res->pass[k] || res->outcome == LTP_VAL_XPASS)
        printf("      %-58s model %9.4g  band [%.4g, %.4g]\n", res->c->checks[k].label,
               res->values[k], res->c->checks[k].lo, res->c->checks[k].hi);
    if (res->outcome == LTP_VAL_XPASS)
      printf("      UNEXPECTED PASS: remove the expected_failure line of '%s' in "
             "src/validate/cases.c (counted as a failure)\n",
             res->c->name);
  }
  printf("\n  %s; output: %s/validation.html (validation.json)\n",
         ltp_val_exit_code(r) == 0 ? "suite OK" : "suite FAILED", out);
}

/* --set options of one validate call */
enum { MAX_SETS = 32 };

static int cmd_validate(int argc, char **argv) {
  const char *out = "ltpsim-validation", *only = NULL;
  const char *overrides[MAX_SETS + 1] = {NULL};
  size_t n_overrides = 0;
  long jobs = 1;
  for (int i = 0; i < argc; ++i) {
    const int is_opt = strcmp(argv[i], "--out") == 0 || strcmp(argv[i], "--only") == 0 ||
                       strcmp(argv[i], "--jobs") == 0 || strcmp(argv[i], "--set") == 0;
    if (!is_opt) {
      fprintf(stderr, "ltpsim validate: unknown argument '%s'\n", argv[i]);
      usage(stderr);
      return 2;
    }
    if (i + 1 >= argc) {
      fprintf(stderr, "ltpsim validate: %s needs a value\n", argv[i]);
      return 2;
    }
    const char *v = argv[++i];
    if (strcmp(argv[i - 1], "--out") == 0) {
      out = v;
    } else if (strcmp(argv[i - 1], "--only") == 0) {
      only = v;
    } else if (strcmp(argv[i - 1], "--set") == 0) {
      if (n_overrides == MAX_SETS) {
        fprintf(stderr, "ltpsim validate: at most %d --set options\n", MAX_SETS);
        return 2;
      }
      overrides[n_overrides++] = v;
    } else if (!ltp_cli_parse_long(v, 1, 64, &jobs)) {
      fprintf(stderr, "ltpsim validate: --jobs expects a whole number from 1 to 64, got '%s'\n", v);
      return 2;
    }
  }
  const char *dir = ltp_cli_validation_dir();
  size_t n_all = 0, n = 0;
  (void)ltp_val_cases(&n_all);
  const ltp_val_case **selected = calloc(n_all, sizeof *selected);
  ltp_error err = {0};
  ltp_val_report report = {0};
  ltp_status st = selected ? ltp_val_select(only, selected, &n, &err) : LTP_ERR_NOMEM;
  if (st == LTP_OK) /* a bad --out fails before the suite runs, not after it */
    st = ltp_outdir_check(out, "validation.json", &err);
  if (st == LTP_OK)
    st = ltp_val_run_suite(selected, n, dir, (int)jobs, overrides, &report, &err);
  if (st == LTP_OK)
    st = ltp_val_write(&report, out, &err);
  free(selected);
  if (st != LTP_OK) {
    fprintf(stderr, "ltpsim validate: error (%s): %s\n", ltp_status_name(st), err.msg);
    ltp_val_report_free(&report);
    return 2;
  }
  print_report(&report, out);
  const int code = ltp_val_exit_code(&report);
  ltp_val_report_free(&report);
  return code;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  if (strcmp(argv[1], "run") == 0)
    return cmd_run(argc - 2, argv + 2);
  if (strcmp(argv[1], "sweep") == 0)
    return ltp_cli_sweep(argc - 2, argv + 2);
  if (strcmp(argv[1], "validate") == 0)
    return cmd_validate(argc - 2, argv + 2);
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
