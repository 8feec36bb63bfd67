/* CVODE integration of the CaMKII-PP1 switch alone at constant Ca2+ (see settle.h). The
 * tolerances are tighter than the engine's (slow.c) because bistability diagrams compare
 * steady states, not time courses. */
#include "engine/settle.h"

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <string.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

typedef struct {
  const camkii_params *p;
  double ca_uM;
} settle_ctx;

static int settle_rhs(sunrealtype t, N_Vector y, N_Vector ydot, void *user) {
  (void)t;
  const settle_ctx *c = user;
  camkii_rhs(c->p, c->ca_uM, N_VGetArrayPointer(y), N_VGetArrayPointer(ydot));
  return 0;
}

ltp_status ltp_camkii_integrate(const camkii_params *p, double ca_uM, double *y, double duration_ms,
                                ltp_error *err) {
  SUNContext sun = NULL;
  if (SUNContext_Create(NULL, &sun) != 0)
    return ltp_error_set(err, LTP_ERR_NOMEM, "CaMKII integration: cannot create a CVODE context");
  N_Vector v = N_VNew_Serial(CAMKII_N_STATE, sun);
  SUNMatrix a = SUNDenseMatrix(CAMKII_N_STATE, CAMKII_N_STATE, sun);
  SUNLinearSolver ls = v && a ? SUNLinSol_Dense(v, a, sun) : NULL;
  void *mem = CVodeCreate(CV_BDF, sun);
  settle_ctx ctx = {p, ca_uM};
  int ok = v && a && ls && mem;
  if (ok) {
    memcpy(N_VGetArrayPointer(v), y, sizeof(double) * CAMKII_N_STATE);
    ok = CVodeInit(mem, settle_rhs, 0.0, v) == CV_SUCCESS &&
         CVodeSetUserData(mem, &ctx) == CV_SUCCESS &&
         CVodeSStolerances(mem, 1e-8, 1e-10) == CV_SUCCESS &&
         CVodeSetMaxNumSteps(mem, 100000) == CV_SUCCESS &&
         CVodeSetLinearSolver(mem, ls, a) == CV_SUCCESS;
  }
  sunrealtype t = 0.0;
  ok = ok && CVode(mem, duration_ms, v, &t, CV_NORMAL) == CV_SUCCESS;
  if (ok)
    memcpy(y, N_VGetArrayPointer(v), sizeof(double) * CAMKII_N_STATE);
  CVodeFree(&mem);
  SUNLinSolFree(ls);
  SUNMatDestroy(a);
  N_VDestroy(v);
  SUNContext_Free(&sun);
  return ok ? LTP_OK
            : ltp_error_set(err, LTP_ERR_NUMERIC,
                            "CaMKII integration at Ca2+ = %g uM over %g ms failed", ca_uM,
                            duration_ms);
}
