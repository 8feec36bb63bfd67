/* "# vary:" placeholders: reading an experiment file with its @includes, finding the marked
 * line and replacing its value. */
#include "io/vary.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define VARY_MAX_INCLUDE_DEPTH 8

static ltp_status read_text(const char *path, ltp_svg_buf *out, int depth, ltp_error *err) {
  if (depth > VARY_MAX_INCLUDE_DEPTH)
    return ltp_error_set(err, LTP_ERR_PARSE, "%s: @include nested more than %d deep", path,
                         VARY_MAX_INCLUDE_DEPTH);
  FILE *f = fopen(path, "r");
  if (f == NULL)
    return ltp_error_set(err, LTP_ERR_IO, "%s: %s", path, strerror(errno));
  char line[4096];
  ltp_status st = LTP_OK;
  while (st == LTP_OK && fgets(line, sizeof line, f) != NULL) {
    const char *s = line;
    while (isspace((unsigned char)*s))
      ++s;
    char name[1024];
    if (strncmp(s, "@include", 8) == 0 && sscanf(s + 8, " \"%1023[^\"]\"", name) == 1) {
      /* relative to the including file, as libconfig resolves it (docs/experiment-format.md) */
      char sub[4096];
      const char *slash = strrchr(path, '/');
      snprintf(sub, sizeof sub, "%.*s%s", slash ? (int)(slash - path + 1) : 0, path, name);
      st = read_text(sub, out, depth + 1, err);
    } else {
      ltp_svg_buf_puts(out, line);
    }
  }
  fclose(f);
  return st == LTP_OK && out->oom ? ltp_error_set(err, LTP_ERR_NOMEM, "out of memory") : st;
}

ltp_status ltp_vary_read(const char *path, ltp_svg_buf *text, ltp_error *err) {
  ltp_status st = read_text(path, text, 0, err);
  if (st == LTP_OK && text->data == NULL)
    ltp_svg_buf_puts(text, ""); /* an empty file is empty text, not NULL */
  return st == LTP_OK && text->oom ? ltp_error_set(err, LTP_ERR_NOMEM, "out of memory") : st;
}

/* The marks "# vary: name" in text: the first in *hit, how many in the return value. */
static int find_marks(const char *text, const char *name, const char **hit) {
  char tag[128];
  snprintf(tag, sizeof tag, "# vary: %s", name);
  int n = 0;
  *hit = NULL;
  for (const char *p = strstr(text, tag); p != NULL; p = strstr(p + 1, tag)) {
    const char end = p[strlen(tag)];
    if (end != '\0' && end != '\n' && end != ' ' && end != '\r')
      continue; /* "# vary: delay2" is not "# vary: delay" */
    if (n++ == 0)
      *hit = p;
  }
  return n;
}

int ltp_vary_has(const char *text, const char *name) {
  const char *hit;
  return text != NULL && find_marks(text, name, &hit) == 1;
}

ltp_status ltp_vary_apply(ltp_svg_buf *text, const char *file, const char *name, const char *value,
                          ltp_error *err) {
  const char *hit = NULL;
  const int n = find_marks(text->data ? text->data : "", name, &hit);
  if (n > 1)
    return ltp_error_set(err, LTP_ERR_PARSE, "%s: more than one line marked '# vary: %s'", file,
                         name);
  if (n == 0)
    return ltp_error_set(err, LTP_ERR_PARSE, "%s: no line marked '# vary: %s' (expected one)", file,
                         name);
  const char *bol = hit;
  while (bol > text->data && bol[-1] != '\n')
    --bol;
  const char *eq = memchr(bol, '=', (size_t)(hit - bol));
  const char *semi = eq ? memchr(eq, ';', (size_t)(hit - eq)) : NULL;
  if (semi == NULL)
    return ltp_error_set(err, LTP_ERR_PARSE,
                         "%s: the line marked '# vary: %s' holds no 'key = value;' setting", file,
                         name);
  const char *v0 = eq + 1;
  while (v0 < semi && isspace((unsigned char)*v0))
    ++v0;
  const char *quote = *v0 == '"' ? "\"" : "";
  ltp_svg_buf out;
  ltp_svg_buf_init(&out);
  ltp_svg_buf_append(&out, text->data, (size_t)(eq + 1 - text->data));
  ltp_svg_buf_printf(&out, " %s%s%s", quote, value, quote);
  ltp_svg_buf_puts(&out, semi);
  if (out.oom) {
    ltp_svg_buf_free(&out);
    return ltp_error_set(err, LTP_ERR_NOMEM, "out of memory");
  }
  ltp_svg_buf_free(text);
  *text = out;
  return LTP_OK;
}

ltp_status ltp_vary_substitute(const char *base, const char *file, const char *const *names,
                               const char *const *values, size_t n, ltp_svg_buf *text,
                               ltp_svg_buf *label, ltp_error *err) {
  ltp_svg_buf_puts(text, base);
  ltp_svg_buf_puts(label, file);
  ltp_status st = LTP_OK;
  for (size_t i = 0; st == LTP_OK && i < n; ++i) {
    st = ltp_vary_apply(text, file, names[i], values[i], err);
    ltp_svg_buf_printf(label, " [%s = %s]", names[i], values[i]);
  }
  if (st == LTP_OK && (text->oom || label->oom))
    st = ltp_error_set(err, LTP_ERR_NOMEM, "out of memory");
  return st;
}
