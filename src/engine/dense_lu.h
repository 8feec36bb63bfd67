/* A dense LU linear solver for CVODE (the SUNLinearSolver interface), for the small systems of
 * the slow subsystem (24 variables per synapse plus 2): it factors CVODE's Newton matrix
 * I - gamma J into a row-major copy with partial pivoting and skips zero multipliers, which
 * the block structure of J makes common. SUNDIALS' own dense solver (SUNLinSol_Dense) does
 * the same arithmetic column by column and took 3-8 x longer here; results agree to rounding. */
#ifndef LTP_ENGINE_DENSE_LU_H
#define LTP_ENGINE_DENSE_LU_H

#include <sundials/sundials_context.h>
#include <sundials/sundials_linearsolver.h>

/* A solver for n x n SUNDenseMatrix systems, or NULL when out of memory. Free with
 * SUNLinSolFree. */
SUNLinearSolver ltp_dense_lu_create(SUNContext ctx, int n);

#endif
