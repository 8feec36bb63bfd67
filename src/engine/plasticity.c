/* Driving a reduced plasticity rule from the single-cell engine (docs/rules.md, "Running a
 * rule"). One rule synapse per pathway: the modelled spine, whose weight every co-active
 * synapse of the pathway shares, as the cascade's expressed strength is shared. */
#include "engine/plasticity.h"

#include <stdlib.h>
#include <string.h>

ltp_status sim_plasticity_init(sim_plasticity *pl, const ltp_params *p, int n_pathways,
                               uint64_t seed, ltp_error *err) {
  memset(pl, 0, sizeof *pl);
  pl->rule = ltp_rule_selected(p);
  pl->n_pathways = n_pathways;
  if (pl->rule == NULL)
    return LTP_OK;
  const ltp_rule *r = pl->rule;
  pl->par = calloc(1, r->par_size);
  pl->state = calloc((size_t)n_pathways * r->n_state, sizeof *pl->state);
  pl->cell = r->n_cell ? calloc(r->n_cell, sizeof *pl->cell) : NULL;
  if (pl->par == NULL || pl->state == NULL || (r->n_cell && pl->cell == NULL)) {
    sim_plasticity_free(pl);
    return ltp_error_set(err, LTP_ERR_NOMEM, "engine: out of memory for plasticity rule %s",
                         r->name);
  }
  r->resolve(p, pl->par);
  if (r->cell_init)
    r->cell_init(pl->par, pl->cell);
  for (int k = 0; k < n_pathways; ++k) {
    pl->rng[k] = (ltp_rule_rng){seed, LTP_RULE_STREAM(k)};
    r->init(pl->par, pl->state + (size_t)k * r->n_state, &pl->rng[k]);
  }
  return LTP_OK;
}

void sim_plasticity_set_rest(sim_plasticity *pl, const double *ca_rest_uM) {
  for (int k = 0; k < pl->n_pathways; ++k)
    pl->ca_rest_uM[k] = ca_rest_uM[k];
}

void sim_plasticity_free(sim_plasticity *pl) {
  free(pl->par);
  free(pl->state);
  free(pl->cell);
  pl->par = pl->state = pl->cell = NULL;
}

static double *synapse(const sim_plasticity *pl, int k) {
  return pl->state + (size_t)k * pl->rule->n_state;
}

void sim_plasticity_pre_spike(sim_plasticity *pl, int pathway, double t_ms) {
  if (pl->rule)
    pl->rule->pre_spike(pl->par, synapse(pl, pathway), pl->cell, t_ms, &pl->rng[pathway]);
}

void sim_plasticity_post_spike(sim_plasticity *pl, double t_ms) {
  if (pl->rule == NULL)
    return;
  for (int k = 0; k < pl->n_pathways; ++k) /* an action potential reaches every synapse */
    pl->rule->post_spike(pl->par, synapse(pl, k), pl->cell, t_ms, &pl->rng[k]);
}

static ltp_rule_input input_of(const sim_plasticity *pl, int k, double t_ms, double dt_ms,
                               const double *ca_uM, const double *v_mV) {
  return (ltp_rule_input){t_ms, dt_ms, ca_uM[k] - pl->ca_rest_uM[k], v_mV[k]};
}

void sim_plasticity_step(sim_plasticity *pl, double t_ms, double dt_ms, const double *ca_uM,
                         const double *v_mV) {
  const ltp_rule *r = pl->rule;
  if (r == NULL)
    return;
  if (r->cell_step) {
    /* cell-wide inputs are the first pathway's (a cell-wide trigger reads the tags of all) */
    const ltp_rule_input in = input_of(pl, 0, t_ms, dt_ms, ca_uM, v_mV);
    r->cell_step(pl->par, pl->cell, pl->state, (size_t)pl->n_pathways, &in);
  }
  for (int k = 0; k < pl->n_pathways; ++k) {
    const ltp_rule_input in = input_of(pl, k, t_ms, dt_ms, ca_uM, v_mV);
    r->step(pl->par, synapse(pl, k), pl->cell, &in, &pl->rng[k]);
  }
}

int sim_plasticity_quiet(const sim_plasticity *pl, double t_ms, const double *ca_uM,
                         const double *v_mV) {
  if (pl->rule == NULL)
    return 1;
  for (int k = 0; k < pl->n_pathways; ++k) {
    const ltp_rule_input in = input_of(pl, k, t_ms, 0.0, ca_uM, v_mV);
    if (!pl->rule->quiet(pl->par, synapse(pl, k), pl->cell, &in))
      return 0;
  }
  return 1;
}

long sim_plasticity_regime(const sim_plasticity *pl, double t_ms, const double *ca_uM,
                           const double *v_mV) {
  if (pl->rule == NULL || pl->rule->regime == NULL)
    return -1;
  long code = 0;
  for (int k = 0; k < pl->n_pathways; ++k) {
    const ltp_rule_input in = input_of(pl, k, t_ms, 0.0, ca_uM, v_mV);
    code = code * 8 + pl->rule->regime(pl->par, synapse(pl, k), &in);
  }
  return code;
}

double sim_plasticity_weight(const sim_plasticity *pl, int pathway) {
  return pl->rule ? pl->rule->weight(pl->par, synapse(pl, pathway)) : 1.0;
}
