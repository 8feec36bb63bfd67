/* ltpsim sweep: arguments, families, the plan, the progress bar, the run, the outputs and the
 * one-screen summary (docs/sweep.md). Exit 0; 1 when some runs failed (outputs written);
 * 2 on bad input (nothing run or written). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core/clock.h"
#include "core/pool.h"
#include "io/outdir.h"
#include "io/progress.h"
#include "sweep/family.h"
#include "sweep/output.h"

#define SWEEP_MAX_SETS 32
#define SWEEP_TABLE_ROWS 20 /* points listed on screen */

typedef struct {
  const char *file, *family, *out;
  const char *vary[LTP_SWEEP_MAX_AXES];
  size_t n_vary;
  const char *sets[SWEEP_MAX_SETS];
  size_t n_sets;
  long repeats, jobs;
  uint64_t seed;
  int seed_given;
} sweep_args;

/* Print a usage error (fmt has one %s for arg); returns 0 for the caller to return. */
static int bad_usage(const char *fmt, const char *arg) {
  fprintf(stderr, "ltpsim sweep: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nusage: ltpsim sweep [FILE.exp] [--family NAME] [--vary KEY=VALUES ...] "
                  "[--repeats R] [--seed S] [--jobs N] [--set mech.param=VALUE ...] [--out DIR]\n");
  return 0;
}

static int default_jobs(void) {
  const long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > LTP_POOL_MAX_THREADS ? LTP_POOL_MAX_THREADS : (int)n;
}

/* Option with a value: store it; 0 on a usage error (printed). */
static int take_option(sweep_args *a, const char *opt, const char *v) {
  if (strcmp(opt, "--family") == 0) {
    a->family = v;
  } else if (strcmp(opt, "--out") == 0) {
    a->out = v;
  } else if (strcmp(opt, "--vary") == 0) {
    if (a->n_vary == LTP_SWEEP_MAX_AXES)
      return bad_usage("at most 4 --vary options (a product grid of 4 keys), got '%s'", v);
    a->vary[a->n_vary++] = v;
  } else if (strcmp(opt, "--set") == 0) {
    if (a->n_sets == SWEEP_MAX_SETS)
      return bad_usage("at most 32 --set options, got '%s'", v);
    a->sets[a->n_sets++] = v;
  } else if (strcmp(opt, "--repeats") == 0) {
    if (!ltp_cli_parse_long(v, 1, LTP_SWEEP_MAX_RUNS, &a->repeats))
      return bad_usage("--repeats expects a whole number from 1 to 10000000, got '%s'", v);
  } else if (strcmp(opt, "--jobs") == 0) {
    if (!ltp_cli_parse_long(v, 1, LTP_POOL_MAX_THREADS, &a->jobs))
      return bad_usage("--jobs expects a whole number from 1 to 64, got '%s'", v);
  } else { /* --seed */
    if (!ltp_cli_parse_seed(v, &a->seed))
      return bad_usage("--seed expects a non-negative integer, got '%s'", v);
    a->seed_given = 1;
  }
  return 1;
}

static int parse_args(int argc, char **argv, sweep_args *a) {
  static const char *const with_value[] = {"--family", "--vary", "--repeats", "--seed",
                                           "--jobs",   "--set",  "--out"};
  for (int i = 0; i < argc; ++i) {
    int known = 0;
    for (size_t k = 0; k < sizeof with_value / sizeof *with_value; ++k)
      known = known || strcmp(argv[i], with_value[k]) == 0;
    if (known) {
      if (i + 1 >= argc)
        return bad_usage("%s needs a value", argv[i]);
      if (!take_option(a, argv[i], argv[i + 1]))
        return 0;
      ++i;
    } else if (argv[i][0] == '-') {
      return bad_usage("unknown option '%s'", argv[i]);
    } else if (a->file != NULL) {
      return bad_usage("more than one experiment file ('%s')", argv[i]);
    } else {
      a->file = argv[i];
    }
  }
  return 1;
}

static void list_families(FILE *f) {
  size_t n = 0;
  const ltp_sweep_family *fam = ltp_sweep_families(&n);
  for (size_t i = 0; i < n; ++i) {
    fprintf(f, "  %-20s validation/%s --vary '%s'\n  %-20s %s\n", fam[i].name, fam[i].file,
            fam[i].vary[0], "", fam[i].doc);
  }
}

/* The command line as typed, arguments with blanks quoted. */
static void command_line(int argc, char **argv, ltp_svg_buf *b) {
  ltp_svg_buf_puts(b, "ltpsim sweep");
  for (int i = 0; i < argc; ++i)
    ltp_svg_buf_printf(b, strpbrk(argv[i], " \t'\"") ? " '%s'" : " %s", argv[i]);
}

static void progress_cb(void *ctx, size_t n_done, size_t n) {
  ltp_progress_update(ctx, n ? (double)n_done / (double)n : 1.0);
}

static const char *plural(size_t n) {
  return n == 1 ? "" : "s";
}

static void print_summary(const ltp_sweep_report *r, const char *out) {
  const ltp_sweep_plan *plan = r->plan;
  const double wall = r->res->wall_s;
  printf("ltpsim %s sweep: %s (%s)\n", LTPSIM_VERSION, plan->experiment,
         r->spec->file ? r->spec->file : "the default experiment");
  printf("  %zu point%s x %u repeat%s = %zu run%s on %d thread%s: %.2f s wall, %.3g runs/s "
         "(plan %.2f s)\n\n",
         plan->n_points, plural(plan->n_points), plan->repeats, plural(plan->repeats), plan->n_runs,
         plural(plan->n_runs), r->threads, plural((size_t)r->threads), wall,
         wall > 0 ? (double)plan->n_runs / wall : 0.0, r->build_s);
  const size_t m = plan->layout.n,
               rows = plan->n_points < SWEEP_TABLE_ROWS ? plan->n_points : SWEEP_TABLE_ROWS;
  char label[256];
  int width = 5; /* "point" */
  for (size_t p = 0; p < rows; ++p) {
    const int w = (int)strlen(ltp_sweep_point_label(r->spec, p, label, sizeof label));
    width = w > width ? w : width;
  }
  printf("  %-*s", width, "point");
  for (size_t i = 0; i < m; ++i)
    printf(" %26s", ltp_sweep_metric_at(&plan->layout, i).name);
  printf("\n");
  for (size_t p = 0; p < rows; ++p) {
    printf("  %-*s", width, ltp_sweep_point_label(r->spec, p, label, sizeof label));
    for (size_t i = 0; i < m; ++i) {
      const ltp_sweep_stat s =
          ltp_sweep_stat_of(r->res->metrics + p * plan->repeats * m + i, plan->repeats, m);
      char cell[48];
      if (s.n == 0)
        snprintf(cell, sizeof cell, "-");
      else if (plan->repeats > 1)
        snprintf(cell, sizeof cell, "%.4g +- %.2g", s.mean, s.sd);
      else
        snprintf(cell, sizeof cell, "%.4g", s.mean);
      printf(" %26s", cell);
    }
    printf("\n");
  }
  if (plan->n_points > SWEEP_TABLE_ROWS)
    printf("  ... %zu more point%s in sweep.csv\n", plan->n_points - SWEEP_TABLE_ROWS,
           plural(plan->n_points - SWEEP_TABLE_ROWS));
  printf("\n  output: %s/sweep.svg (sweep.csv, summary.json)\n", out);
}

/* Run the plan, write and report. */
static int execute(const ltp_sweep_spec *spec, const sweep_args *a, const char *command,
                   double build_s, const ltp_sweep_plan *plan) {
  ltp_progress pb;
  ltp_progress_start(&pb, 1);
  ltp_sweep_results res;
  ltp_error err = {0};
  ltp_status st = ltp_sweep_execute(plan, (int)a->jobs, progress_cb, &pb, &res, &err);
  ltp_progress_finish(&pb);
  if (st != LTP_OK) {
    fprintf(stderr, "ltpsim sweep: error (%s): %s\n", ltp_status_name(st), err.msg);
    return 2;
  }
  const ltp_sweep_report report = {command, a->family, spec, plan, &res, (int)a->jobs, build_s};
  st = ltp_sweep_write(&report, a->out, &err);
  if (st == LTP_OK)
    print_summary(&report, a->out);
  else
    fprintf(stderr, "ltpsim sweep: error (%s): %s\n", ltp_status_name(st), err.msg);
  int code = st == LTP_OK ? 0 : 2;
  if (st == LTP_OK && res.n_failed > 0) {
    char label[256];
    const size_t j = res.first_failed;
    fprintf(stderr,
            "ltpsim sweep: %zu of %zu runs failed (status in sweep.csv); the first: run %zu "
            "(%s, seed %llu): %s\n",
            res.n_failed, res.n, j + 1,
            ltp_sweep_point_label(spec, j / plan->repeats, label, sizeof label),
            (unsigned long long)ltp_sweep_run_seed(plan, j), res.first_error.msg);
    code = 1;
  }
  ltp_sweep_results_free(&res);
  return code;
}

/* Parse the axes, build the plan and run it. */
static int run_sweep(sweep_args *a, const char *const *vary, size_t n_vary, const char *command) {
  ltp_sweep_axis axes[LTP_SWEEP_MAX_AXES];
  memset(axes, 0, sizeof axes);
  ltp_error err = {0};
  ltp_status st = LTP_OK;
  size_t n_axes = 0;
  for (; st == LTP_OK && n_axes < n_vary; ++n_axes)
    st = ltp_sweep_axis_parse(vary[n_axes], &axes[n_axes], &err);
  const ltp_sweep_spec spec = {
      a->file, axes, n_axes, a->sets, a->n_sets, (unsigned)a->repeats, a->seed_given, a->seed};
  ltp_sweep_plan plan;
  memset(&plan, 0, sizeof plan);
  const double t0 = ltp_monotonic_s();
  if (st == LTP_OK)
    st = ltp_outdir_check(a->out, LTP_SWEEP_MARKER, &err); /* before hours of runs */
  if (st == LTP_OK)
    st = ltp_sweep_plan_build(&spec, &plan, &err);
  int code = 2;
  if (st == LTP_OK)
    code = execute(&spec, a, command, ltp_monotonic_s() - t0, &plan);
  else
    fprintf(stderr, "ltpsim sweep: error (%s): %s\n", ltp_status_name(st), err.msg);
  ltp_sweep_plan_free(&plan);
  for (size_t k = 0; k < n_axes; ++k)
    ltp_sweep_axis_free(&axes[k]);
  return code;
}

/* --family: print the list (or, for an unknown name, the list on stderr) and return its exit
 * code, or fill in the family's file and --vary where the command line gave none (-1). */
static int apply_family(sweep_args *a, const char *const **vary, size_t *n_vary, char *path,
                        size_t len) {
  const ltp_sweep_family *fam = ltp_sweep_family_find(a->family);
  const int listing = strcmp(a->family, "list") == 0;
  if (listing || fam == NULL) {
    if (listing)
      printf("ltpsim sweep families (--family NAME; FILE and --vary replace the family's):\n");
    else
      fprintf(stderr, "ltpsim sweep: unknown family '%s'; expected one of:\n", a->family);
    list_families(listing ? stdout : stderr);
    return listing ? 0 : 2;
  }
  if (a->file == NULL) {
    snprintf(path, len, "%s/%s", ltp_cli_validation_dir(), fam->file);
    a->file = path;
  }
  if (*n_vary == 0) {
    *vary = fam->vary;
    while (*n_vary < LTP_SWEEP_FAMILY_MAX_VARY && fam->vary[*n_vary] != NULL)
      ++*n_vary;
  }
  return -1;
}

int ltp_cli_sweep(int argc, char **argv) {
  sweep_args a = {.out = "ltpsim-sweep", .repeats = 1, .jobs = default_jobs()};
  if (!parse_args(argc, argv, &a))
    return 2;
  const char *const *vary = a.vary;
  size_t n_vary = a.n_vary;
  char path[4096];
  if (a.family != NULL) {
    const int code = apply_family(&a, &vary, &n_vary, path, sizeof path);
    if (code >= 0)
      return code;
  }
  ltp_svg_buf command;
  ltp_svg_buf_init(&command);
  command_line(argc, argv, &command);
  const int code = run_sweep(&a, vary, n_vary, command.oom ? "" : command.data);
  ltp_svg_buf_free(&command);
  return code;
}
