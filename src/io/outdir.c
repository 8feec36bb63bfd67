/* Atomic output directory: write into out_dir.tmp-PID, then rename into place. */
#include "io/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static int is_dot(const char *name) {
  return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

/* Join dir and name into out; 0 when it does not fit. */
static int join(char *out, size_t n, const char *dir, const char *name) {
  int k = snprintf(out, n, "%s/%s", dir, name);
  return k >= 0 && (size_t)k < n;
}

/* 1 when dir holds nothing, or holds the marker file of an ltpsim output; 0 otherwise. */
static int is_reusable_dir(const char *dir, const char *marker) {
  DIR *d = opendir(dir);
  if (d == NULL)
    return 0;
  int empty = 1, ours = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (is_dot(e->d_name))
      continue;
    empty = 0;
    if (strcmp(e->d_name, marker) == 0)
      ours = 1;
  }
  closedir(d);
  return empty || ours;
}

/* Remove a flat directory (files only) we created; anything but a real directory (a file, a
 * symbolic link) is left alone. */
static void remove_flat_dir(const char *dir) {
  struct stat st;
  if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
    return;
  DIR *d = opendir(dir);
  if (d != NULL) {
    struct dirent *e;
    char path[LTP_OUTDIR_PATH_MAX];
    while ((e = readdir(d)) != NULL)
      if (!is_dot(e->d_name) && join(path, sizeof path, dir, e->d_name))
        unlink(path);
    closedir(d);
  }
  rmdir(dir);
}

/* Create the missing parents of path, counting how many were made. */
static ltp_status make_parents(ltp_outdir *od, const char *path, ltp_error *err) {
  char buf[LTP_OUTDIR_PATH_MAX];
  snprintf(buf, sizeof buf, "%s", path);
  for (char *s = strchr(buf + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
    *s = '\0';
    struct stat st;
    if (stat(buf, &st) != 0) {
      if (errno != ENOENT || mkdir(buf, 0777) != 0)
        return ltp_error_set(err, LTP_ERR_IO, "cannot create directory '%s': %s", buf,
                             strerror(errno));
      od->n_parents_made++;
    }
    *s = '/';
  }
  return LTP_OK;
}

/* Remove the n_parents_made deepest parents of final_dir (empty ones only). */
static void remove_parents(ltp_outdir *od) {
  char buf[LTP_OUTDIR_PATH_MAX];
  snprintf(buf, sizeof buf, "%s", od->final_dir);
  for (; od->n_parents_made > 0; od->n_parents_made--) {
    char *s = strrchr(buf, '/');
    if (s == NULL || s == buf)
      break;
    *s = '\0';
    rmdir(buf);
  }
  od->n_parents_made = 0;
}

/* An existing out_dir must be a directory that is empty or holds the marker; *exists says
 * whether it exists. */
static ltp_status check_existing(const ltp_outdir *od, int *exists, ltp_error *err) {
  struct stat st;
  *exists = 0;
  if (stat(od->final_dir, &st) == 0) {
    *exists = 1;
    if (!S_ISDIR(st.st_mode))
      return ltp_error_set(err, LTP_ERR_IO, "output path '%s' exists and is not a directory",
                           od->final_dir);
    if (!is_reusable_dir(od->final_dir, od->marker))
      return ltp_error_set(err, LTP_ERR_IO,
                           "output directory '%s' exists and is not an ltpsim output (no "
                           "%s); choose another directory or remove it",
                           od->final_dir, od->marker);
    return LTP_OK;
  }
  if (errno != ENOENT)
    return ltp_error_set(err, LTP_ERR_IO, "cannot use output directory '%s': %s", od->final_dir,
                         strerror(errno));
  return LTP_OK;
}

/* Check an existing out_dir, or create its parents when it does not exist. */
static ltp_status check_final(ltp_outdir *od, ltp_error *err) {
  int exists = 0;
  ltp_status st = check_existing(od, &exists, err);
  od->replace = exists;
  return st != LTP_OK || exists ? st : make_parents(od, od->final_dir, err);
}

static ltp_status set_paths(ltp_outdir *od, const char *out_dir, ltp_error *err) {
  size_t n = strlen(out_dir);
  while (n > 1 && out_dir[n - 1] == '/')
    n--;
  if (n == 0 || (n == 1 && out_dir[0] == '/'))
    return ltp_error_set(err, LTP_ERR_ARG, "invalid output directory '%s'", out_dir);
  int k = snprintf(od->final_dir, sizeof od->final_dir, "%.*s", (int)n, out_dir);
  int t = snprintf(od->tmp_dir, sizeof od->tmp_dir, "%s.tmp-%ld", od->final_dir, (long)getpid());
  if (k < 0 || t < 0 || (size_t)t >= sizeof od->tmp_dir)
    return ltp_error_set(err, LTP_ERR_IO, "output directory path too long: '%s'", out_dir);
  return LTP_OK;
}

ltp_status ltp_outdir_check(const char *out_dir, const char *marker, ltp_error *err) {
  ltp_outdir od;
  memset(&od, 0, sizeof od);
  if (out_dir == NULL || marker == NULL)
    return ltp_error_set(err, LTP_ERR_ARG, "no output directory given");
  od.marker = marker;
  int exists = 0;
  ltp_status st = set_paths(&od, out_dir, err);
  return st == LTP_OK ? check_existing(&od, &exists, err) : st;
}

ltp_status ltp_outdir_begin(ltp_outdir *od, const char *out_dir, const char *marker,
                            ltp_error *err) {
  memset(od, 0, sizeof *od);
  if (out_dir == NULL || marker == NULL)
    return ltp_error_set(err, LTP_ERR_ARG, "no output directory given");
  od->marker = marker;
  ltp_status st = set_paths(od, out_dir, err);
  if (st == LTP_OK)
    st = check_final(od, err);
  if (st == LTP_OK) {
    remove_flat_dir(od->tmp_dir); /* stale leftover of a killed run with our pid */
    if (mkdir(od->tmp_dir, 0777) != 0)
      st = ltp_error_set(err, LTP_ERR_IO, "cannot create output directory '%s': %s", od->tmp_dir,
                         strerror(errno));
  }
  if (st != LTP_OK) {
    remove_parents(od);
    return st;
  }
  od->active = 1;
  return LTP_OK;
}

FILE *ltp_outdir_fopen(const ltp_outdir *od, const char *name, ltp_error *err) {
  char path[LTP_OUTDIR_PATH_MAX];
  if (!join(path, sizeof path, od->tmp_dir, name)) {
    ltp_error_set(err, LTP_ERR_IO, "path too long: '%s/%s'", od->tmp_dir, name);
    return NULL;
  }
  FILE *f = fopen(path, "w");
  if (f == NULL)
    ltp_error_set(err, LTP_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
  return f;
}

ltp_status ltp_outdir_fclose(const ltp_outdir *od, FILE *f, const char *name, ltp_error *err) {
  int bad = ferror(f);
  int saved = errno;
  if (fclose(f) != 0) {
    bad = 1;
    saved = errno;
  }
  if (!bad)
    return LTP_OK;
  return ltp_error_set(err, LTP_ERR_IO, "cannot write '%s/%s': %s", od->tmp_dir, name,
                       strerror(saved ? saved : EIO));
}

ltp_status ltp_outdir_write(const ltp_outdir *od, const char *name, const char *data, size_t len,
                            ltp_error *err) {
  FILE *f = ltp_outdir_fopen(od, name, err);
  if (f == NULL)
    return LTP_ERR_IO;
  errno = 0;
  if (len > 0)
    fwrite(data, 1, len, f);
  return ltp_outdir_fclose(od, f, name, err);
}

/* Move every file of tmp_dir over the same name in final_dir. */
static ltp_status move_files(ltp_outdir *od, ltp_error *err) {
  DIR *d = opendir(od->tmp_dir);
  if (d == NULL)
    return ltp_error_set(err, LTP_ERR_IO, "cannot read '%s': %s", od->tmp_dir, strerror(errno));
  ltp_status st = LTP_OK;
  struct dirent *e;
  char from[LTP_OUTDIR_PATH_MAX] = "", to[LTP_OUTDIR_PATH_MAX] = "";
  while (st == LTP_OK && (e = readdir(d)) != NULL) {
    if (is_dot(e->d_name))
      continue;
    if (!join(from, sizeof from, od->tmp_dir, e->d_name) ||
        !join(to, sizeof to, od->final_dir, e->d_name) || rename(from, to) != 0)
      st =
          ltp_error_set(err, LTP_ERR_IO, "cannot move '%s' to '%s': %s", from, to, strerror(errno));
  }
  closedir(d);
  return st;
}

ltp_status ltp_outdir_commit(ltp_outdir *od, ltp_error *err) {
  if (!od->active)
    return ltp_error_set(err, LTP_ERR_ARG, "output directory not prepared");
  ltp_status st = LTP_OK;
  if (!od->replace) {
    if (rename(od->tmp_dir, od->final_dir) != 0)
      st = ltp_error_set(err, LTP_ERR_IO, "cannot rename '%s' to '%s': %s", od->tmp_dir,
                         od->final_dir, strerror(errno));
  } else {
    st = move_files(od, err);
    if (st == LTP_OK)
      rmdir(od->tmp_dir);
  }
  if (st != LTP_OK) {
    ltp_outdir_abort(od);
    return st;
  }
  od->active = 0;
  od->n_parents_made = 0;
  return LTP_OK;
}

void ltp_outdir_abort(ltp_outdir *od) {
  if (od->active)
    remove_flat_dir(od->tmp_dir);
  od->active = 0;
  remove_parents(od);
}

ltp_status ltp_outdir_write_files(const char *out_dir, const char *marker,
                                  const ltp_outdir_file *files, size_t n, ltp_error *err) {
  ltp_outdir od;
  ltp_status st = ltp_outdir_begin(&od, out_dir, marker, err);
  for (size_t i = 0; st == LTP_OK && i < n; ++i) {
    if (files[i].data != NULL || files[i].write == NULL) {
      st = ltp_outdir_write(&od, files[i].name, files[i].data, files[i].len, err);
      continue;
    }
    FILE *f = ltp_outdir_fopen(&od, files[i].name, err);
    if (f == NULL) {
      st = LTP_ERR_IO;
      continue;
    }
    errno = 0;
    const ltp_status wrote = files[i].write(f, files[i].ctx);
    st = ltp_outdir_fclose(&od, f, files[i].name, err);
    if (st == LTP_OK && wrote != LTP_OK)
      st = ltp_error_set(err, wrote, "cannot write '%s/%s': %s", out_dir, files[i].name,
                         ltp_status_name(wrote));
  }
  if (st == LTP_OK)
    return ltp_outdir_commit(&od, err);
  ltp_outdir_abort(&od); /* a no-op after a failed begin */
  return st;
}
