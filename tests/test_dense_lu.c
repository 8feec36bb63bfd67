/* The slow subsystem's dense LU solver for CVODE (engine/dense_lu.c): it solves systems that
 * need pivoting, agrees with SUNDIALS' own dense solver, and reports a singular matrix as a
 * recoverable failure. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include "engine/dense_lu.h"

enum { N = 26 };

typedef struct {
  SUNContext ctx;
  SUNMatrix a;
  N_Vector x, b;
} fixture;

static void fixture_open(fixture *f) {
  assert_int_equal(SUNContext_Create(NULL, &f->ctx), 0);
  f->a = SUNDenseMatrix(N, N, f->ctx);
  f->x = N_VNew_Serial(N, f->ctx);
  f->b = N_VNew_Serial(N, f->ctx);
  assert_non_null(f->a);
  assert_non_null(f->x);
  assert_non_null(f->b);
}

static void fixture_close(fixture *f) {
  N_VDestroy(f->b);
  N_VDestroy(f->x);
  SUNMatDestroy(f->a);
  SUNContext_Free(&f->ctx);
}

/* A sparse, non-symmetric matrix with a zero on the diagonal (row 0), so the factorisation
 * must pivot, and the right-hand side for the solution x_i = 1 + i / 10. */
static void fill(fixture *f) {
  SUNMatZero(f->a);
  for (int i = 0; i < N; ++i) {
    if (i > 0)
      SM_ELEMENT_D(f->a, i, i) = 2.0 + 0.1 * i;
    SM_ELEMENT_D(f->a, i, (i + 1) % N) = -1.0;
    SM_ELEMENT_D(f->a, (i + 3) % N, i) += 0.5;
  }
  double *b = N_VGetArrayPointer(f->b);
  for (int i = 0; i < N; ++i) {
    b[i] = 0.0;
    for (int j = 0; j < N; ++j)
      b[i] += SM_ELEMENT_D(f->a, i, j) * (1.0 + j / 10.0);
  }
}

static void solves_a_pivoting_system(void **state) {
  (void)state;
  fixture f;
  fixture_open(&f);
  fill(&f);
  SUNLinearSolver ls = ltp_dense_lu_create(f.ctx, N);
  assert_non_null(ls);
  assert_int_equal(SUNLinSolInitialize(ls), SUNLS_SUCCESS);
  assert_int_equal(SUNLinSolSetup(ls, f.a), SUNLS_SUCCESS);
  assert_int_equal(SUNLinSolSolve(ls, f.a, f.x, f.b, 0.0), SUNLS_SUCCESS);
  const double *x = N_VGetArrayPointer(f.x);
  for (int i = 0; i < N; ++i)
    assert_true(fabs(x[i] - (1.0 + i / 10.0)) < 1e-12);
  SUNLinSolFree(ls);
  fixture_close(&f);
}

static void agrees_with_sundials_dense(void **state) {
  (void)state;
  fixture f;
  fixture_open(&f);
  fill(&f);
  N_Vector x_ref = N_VClone(f.x);
  SUNMatrix copy = SUNMatClone(f.a);
  SUNMatCopy(f.a, copy); /* SUNDIALS factors in place */
  SUNLinearSolver ours = ltp_dense_lu_create(f.ctx, N), theirs = SUNLinSol_Dense(f.x, copy, f.ctx);
  assert_int_equal(SUNLinSolSetup(ours, f.a), SUNLS_SUCCESS);
  assert_int_equal(SUNLinSolSolve(ours, f.a, f.x, f.b, 0.0), SUNLS_SUCCESS);
  assert_int_equal(SUNLinSolSetup(theirs, copy), SUNLS_SUCCESS);
  assert_int_equal(SUNLinSolSolve(theirs, copy, x_ref, f.b, 0.0), SUNLS_SUCCESS);
  const double *x = N_VGetArrayPointer(f.x), *r = N_VGetArrayPointer(x_ref);
  for (int i = 0; i < N; ++i)
    assert_true(fabs(x[i] - r[i]) < 1e-13 * (1.0 + fabs(r[i])));
  SUNLinSolFree(ours);
  SUNLinSolFree(theirs);
  SUNMatDestroy(copy);
  N_VDestroy(x_ref);
  fixture_close(&f);
}

static void singular_matrix_is_a_recoverable_failure(void **state) {
  (void)state;
  fixture f;
  fixture_open(&f);
  fill(&f);
  for (int i = 0; i < N; ++i) /* column 5 vanishes */
    SM_ELEMENT_D(f.a, i, 5) = 0.0;
  SUNLinearSolver ls = ltp_dense_lu_create(f.ctx, N);
  const int flag = SUNLinSolSetup(ls, f.a);
  assert_true(flag > 0); /* CVODE retries with a smaller step */
  assert_int_equal(SUNLinSolLastFlag(ls), 6);
  SUNLinSolFree(ls);
  fixture_close(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(solves_a_pivoting_system),
      cmocka_unit_test(agrees_with_sundials_dense),
      cmocka_unit_test(singular_matrix_is_a_recoverable_failure),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
