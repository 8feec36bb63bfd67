/* Test helper: a whole file as a NUL-terminated string (the caller frees it); the test fails
 * if the file cannot be read. Include after <cmocka.h>. */
#ifndef LTP_TESTS_READ_FILE_H
#define LTP_TESTS_READ_FILE_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    fail_msg("%s: %s", path, strerror(errno));
  assert_int_equal(fseek(f, 0, SEEK_END), 0);
  const long n = ftell(f);
  assert_true(n >= 0);
  rewind(f);
  char *text = malloc((size_t)n + 1);
  assert_non_null(text);
  assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
  text[n] = '\0';
  fclose(f);
  return text;
}

#endif
