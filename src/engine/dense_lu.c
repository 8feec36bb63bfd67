/* Dense LU with partial pivoting behind the SUNLinearSolver interface (see dense_lu.h). */
#include "engine/dense_lu.h"

#include <math.h>
#include <nvector/nvector_serial.h>
#include <stdlib.h>
#include <sunmatrix/sunmatrix_dense.h>

typedef struct {
  int n;
  int *perm;    /* row i of the factors is row perm[i] of the matrix */
  double *lu;   /* L (unit diagonal, below) and U (on and above), row-major */
  double *work; /* the permuted right-hand side */
  sunindextype last_flag;
} dense_lu;

static dense_lu *content(SUNLinearSolver s) {
  return (dense_lu *)s->content;
}

static SUNLinearSolver_Type get_type(SUNLinearSolver s) {
  (void)s;
  return SUNLINEARSOLVER_DIRECT;
}

static SUNLinearSolver_ID get_id(SUNLinearSolver s) {
  (void)s;
  return SUNLINEARSOLVER_CUSTOM;
}

static int initialize(SUNLinearSolver s) {
  content(s)->last_flag = 0;
  return SUNLS_SUCCESS;
}

/* Factor A (column-major SUNDenseMatrix) as P A = L U. A zero pivot (a singular Newton
 * matrix) is a recoverable failure: CVODE retries with a smaller step. */
static int setup(SUNLinearSolver s, SUNMatrix a) {
  dense_lu *c = content(s);
  const int n = c->n;
  double *lu = c->lu;
  realtype **cols = SUNDenseMatrix_Cols(a);
  for (int i = 0; i < n; ++i) {
    c->perm[i] = i;
    for (int j = 0; j < n; ++j)
      lu[i * n + j] = cols[j][i];
  }
  for (int k = 0; k < n; ++k) {
    int p = k;
    for (int i = k + 1; i < n; ++i)
      if (fabs(lu[i * n + k]) > fabs(lu[p * n + k]))
        p = i;
    if (lu[p * n + k] == 0.0) {
      c->last_flag = k + 1;
      return SUNLS_LUFACT_FAIL;
    }
    if (p != k) {
      for (int j = 0; j < n; ++j) {
        const double t = lu[k * n + j];
        lu[k * n + j] = lu[p * n + j];
        lu[p * n + j] = t;
      }
      const int t = c->perm[k];
      c->perm[k] = c->perm[p];
      c->perm[p] = t;
    }
    const double *row_k = lu + k * n;
    const double inv = 1.0 / row_k[k];
    for (int i = k + 1; i < n; ++i) {
      double *row_i = lu + i * n;
      const double l = row_i[k] * inv;
      row_i[k] = l;
      if (l != 0.0) /* the Jacobian's blocks leave many rows untouched */
        for (int j = k + 1; j < n; ++j)
          row_i[j] -= l * row_k[j];
    }
  }
  c->last_flag = 0;
  return SUNLS_SUCCESS;
}

static int solve(SUNLinearSolver s, SUNMatrix a, N_Vector x, N_Vector b, realtype tol) {
  (void)a, (void)tol;
  dense_lu *c = content(s);
  const int n = c->n;
  const double *lu = c->lu, *rhs = N_VGetArrayPointer(b);
  double *y = c->work;
  for (int i = 0; i < n; ++i) {
    double sum = rhs[c->perm[i]];
    for (int j = 0; j < i; ++j)
      sum -= lu[i * n + j] * y[j];
    y[i] = sum;
  }
  for (int i = n - 1; i >= 0; --i) {
    double sum = y[i];
    for (int j = i + 1; j < n; ++j)
      sum -= lu[i * n + j] * y[j];
    y[i] = sum / lu[i * n + i];
  }
  double *out = N_VGetArrayPointer(x);
  for (int i = 0; i < n; ++i)
    out[i] = y[i];
  c->last_flag = 0;
  return SUNLS_SUCCESS;
}

static sunindextype last_flag(SUNLinearSolver s) {
  return content(s)->last_flag;
}

static int destroy(SUNLinearSolver s) {
  if (s == NULL)
    return SUNLS_SUCCESS;
  dense_lu *c = content(s);
  if (c != NULL) {
    free(c->perm);
    free(c->lu);
    free(c->work);
    free(c);
  }
  s->content = NULL;
  SUNLinSolFreeEmpty(s);
  return SUNLS_SUCCESS;
}

SUNLinearSolver ltp_dense_lu_create(SUNContext ctx, int n) {
  SUNLinearSolver s = SUNLinSolNewEmpty(ctx);
  if (s == NULL)
    return NULL;
  dense_lu *c = calloc(1, sizeof *c);
  s->content = c;
  s->ops->gettype = get_type;
  s->ops->getid = get_id;
  s->ops->initialize = initialize;
  s->ops->setup = setup;
  s->ops->solve = solve;
  s->ops->lastflag = last_flag;
  s->ops->free = destroy;
  if (c != NULL) {
    c->n = n;
    c->perm = calloc((size_t)n, sizeof *c->perm);
    c->lu = calloc((size_t)n * (size_t)n, sizeof *c->lu);
    c->work = calloc((size_t)n, sizeof *c->work);
  }
  if (c == NULL || c->perm == NULL || c->lu == NULL || c->work == NULL) {
    destroy(s);
    return NULL;
  }
  return s;
}
