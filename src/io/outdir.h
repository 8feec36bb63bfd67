/* Atomic output directory: files are written into a temporary sibling directory and moved
 * into place only when all of them are complete, so a failure leaves nothing behind. */
#ifndef LTP_IO_OUTDIR_H
#define LTP_IO_OUTDIR_H

#include <stdio.h>

#include "core/status.h"

#define LTP_OUTDIR_PATH_MAX 4096

typedef struct {
  char final_dir[LTP_OUTDIR_PATH_MAX]; /* the directory the user asked for */
  char tmp_dir[LTP_OUTDIR_PATH_MAX];   /* final_dir + ".tmp-<pid>" */
  int replace;                         /* final_dir exists (empty, or a previous ltpsim output) */
  int n_parents_made; /* missing parent directories created by begin (removed on abort) */
  int active;         /* tmp_dir exists and is ours */
  const char *marker; /* the file that marks a directory as an earlier output of this kind */
} ltp_outdir;

/* Prepare out_dir: missing parents are created; an existing out_dir must be a directory that
 * is empty or holds a previous output of the same kind, recognised by its marker file
 * ("summary.json" for ltpsim run, "validation.json" for ltpsim validate). Creates the
 * temporary directory. LTP_ERR_IO with the path and strerror when anything cannot be created. */
ltp_status ltp_outdir_begin(ltp_outdir *od, const char *out_dir, const char *marker,
                            ltp_error *err);
/* The check of ltp_outdir_begin on an existing out_dir, without creating anything: for commands
 * that run for long before they write (ltpsim sweep), so a bad --out fails first. */
ltp_status ltp_outdir_check(const char *out_dir, const char *marker, ltp_error *err);
/* Open name (a plain file name) for writing inside the temporary directory. */
FILE *ltp_outdir_fopen(const ltp_outdir *od, const char *name, ltp_error *err);
/* Close f, reporting a write error (disk full, ...) on name as LTP_ERR_IO. */
ltp_status ltp_outdir_fclose(const ltp_outdir *od, FILE *f, const char *name, ltp_error *err);
/* Write len bytes of data as file name. */
ltp_status ltp_outdir_write(const ltp_outdir *od, const char *name, const char *data, size_t len,
                            ltp_error *err);
/* Move the files into out_dir (rename of the directory, or of each file over the files of a
 * previous output) and remove the temporary directory. On failure everything is aborted. */
ltp_status ltp_outdir_commit(ltp_outdir *od, ltp_error *err);
/* Remove the temporary directory and any parents begin created. Safe to call twice. */
void ltp_outdir_abort(ltp_outdir *od);

/* One file of ltp_outdir_write_files: its contents, or (data NULL) a function that writes them
 * and returns LTP_OK or why it could not (a write error of the stream is caught anyway). */
typedef struct {
  const char *name;
  const char *data;
  size_t len;
  ltp_status (*write)(FILE *f, const void *ctx);
  const void *ctx;
} ltp_outdir_file;

/* begin, write the n files, commit; on any error everything is aborted. */
ltp_status ltp_outdir_write_files(const char *out_dir, const char *marker,
                                  const ltp_outdir_file *files, size_t n, ltp_error *err);

#endif
