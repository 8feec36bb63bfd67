/* Shouval, Bear & Cooper 2002 (PNAS 99:10831) calcium control rule and its stochastic-release
 * variant (Shouval & Kalantzis 2005): the functions Omega(Ca) and eta(Ca). */
#ifndef LTP_RULES_SHOUVAL_H
#define LTP_RULES_SHOUVAL_H

#include "rules/rule.h"

enum { SHOUVAL_SET_BCC2002, SHOUVAL_SET_SK2005, SHOUVAL_N_SETS };
enum { SHOUVAL_ETA_TAU_FORM, SHOUVAL_ETA_HILL_FORM };
extern const char *const shouval_set_names[];
const shouval_values *shouval_set_values(int set);

typedef struct {
  shouval_values v;
  double lambda, w_init;
} shouval_par;
enum { SHOUVAL_W, SHOUVAL_N_STATE };

/* Omega(c) (dimensionless) and the learning rate eta(c) in 1/s, c = Ca2+ above rest in uM. */
double shouval_omega(const shouval_values *v, double ca_uM);
double shouval_eta_per_s(const shouval_values *v, double ca_uM);

#endif
