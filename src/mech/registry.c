/* The mechanism catalogue and generic parameter access driven by the tables. */
#include "mech/registry.h"

#include <math.h>
#include <string.h>

#include "cell/cable.h"
#include "cell/cell_model.h"
#include "cell/lif.h"
#include "engine/numerics.h"
#include "mech/actin.h"
#include "mech/ampa.h"
#include "mech/calcium.h"
#include "mech/camkii.h"
#include "mech/glun2b.h"
#include "mech/hh.h"
#include "mech/late_phase.h"
#include "mech/ltd_switch.h"
#include "mech/nanodomain.h"
#include "mech/nmda.h"
#include "mech/nmda_calcium.h"
#include "mech/point_synapse.h"
#include "mech/release.h"
#include "mech/retrograde.h"
#include "mech/trafficking.h"
#include "mech/vgcc.h"
#include "rules/rules.h"

/* Causal order: release -> receptors -> cell -> Ca2+ -> signalling -> expression -> late. */
const ltp_mech_def *const ltp_mech_registry[] = {
    &release_mech, &ampa_mech, &nmda_mech, &cable_mech, &hh_mech, &vgcc_mech, &calcium_mech,
    &nanodomain_mech, &camkii_mech, &trafficking_mech, &actin_mech, &ltd_switch_mech, &glun2b_mech,
    &retrograde_mech, &late_mech, &numerics_mech,
    /* the point model (engine/batch.c): cell.model = point_lif */
    &cell_model_mech, &lif_mech, &point_synapse_mech, &nmda_calcium_mech,
    /* reduced plasticity rules (src/rules/): plasticity.rule picks one (or the cascade) */
    &plasticity_mech, &gb_mech, &shouval_mech, &stdp_pair_mech, &stdp_triplet_mech, &tagtric_mech,
    NULL};

double *ltp_param_ptr(ltp_params *p, const ltp_param_def *d) {
  return (double *)((char *)p + d->offset);
}

double ltp_param_get(const ltp_params *p, const ltp_param_def *d) {
  return *(const double *)((const char *)p + d->offset);
}

void ltp_params_defaults(ltp_params *p) {
  memset(p, 0, sizeof *p);
  for (size_t m = 0; ltp_mech_registry[m] != NULL; ++m)
    for (size_t k = 0; k < ltp_mech_registry[m]->n_params; ++k)
      *ltp_param_ptr(p, &ltp_mech_registry[m]->params[k]) = ltp_mech_registry[m]->params[k].def;
}

const ltp_param_def *ltp_param_lookup(const char *key, const ltp_mech_def **mech_out) {
  const char *dot = strchr(key, '.');
  if (dot == NULL)
    return NULL;
  const size_t mech_len = (size_t)(dot - key);
  for (size_t m = 0; ltp_mech_registry[m] != NULL; ++m) {
    const ltp_mech_def *mech = ltp_mech_registry[m];
    if (strlen(mech->name) != mech_len || strncmp(mech->name, key, mech_len) != 0)
      continue;
    for (size_t k = 0; k < mech->n_params; ++k) {
      if (strcmp(mech->params[k].name, dot + 1) == 0) {
        if (mech_out)
          *mech_out = mech;
        return &mech->params[k];
      }
    }
  }
  return NULL;
}

ltp_status ltp_params_check(const ltp_params *p, ltp_error *err) {
  for (size_t m = 0; ltp_mech_registry[m] != NULL; ++m) {
    const ltp_mech_def *mech = ltp_mech_registry[m];
    for (size_t k = 0; k < mech->n_params; ++k) {
      const ltp_param_def *d = &mech->params[k];
      const double v = ltp_param_get(p, d);
      if (!isfinite(v) || v < d->min || v > d->max)
        return ltp_error_set(err, LTP_ERR_RANGE,
                             "parameter %s.%s = %g %s is outside its range [%g, %g] %s", mech->name,
                             d->name, v, d->unit, d->min, d->max, d->unit);
    }
  }
  return LTP_OK;
}
