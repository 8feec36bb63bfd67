/* Presynaptic release at a Schaffer-collateral bouton: Dittman, Kreitzer & Regehr (2000)
 * facilitation/depression, post-tetanic potentiation from a slow residual-Ca store, refilling
 * from a finite recycling pool, Ca_o-dependent release fraction, stochastic (binomial over
 * sites) or mean-field vesicle release, and the resulting cleft glutamate pulse. */
#ifndef LTP_MECH_RELEASE_H
#define LTP_MECH_RELEASE_H

#include <stdint.h>

#include "core/param.h"
#include "mech/model_params.h"

extern const ltp_mech_def release_mech;

enum { RELEASE_MEAN_FIELD = 0, RELEASE_STOCHASTIC = 1, RELEASE_QUANTAL = 2 };

/* Per-pathway presynaptic state (SoA over pathways). */
typedef struct {
  double *cax_f, *cax_d; /* residual Ca bound to the facilitation / depression sites (units of
                            one spike's increment) */
  double *ready;         /* mean-field: fraction of sites ready (D); stochastic: ready count */
  double *ptp;           /* post-tetanic potentiation A: fractional gain of the release
                            fraction, F -> min(1, F (1 + A)) */
  double *t_last_ms;     /* time of the last spike (-inf before the first) */
  uint64_t *n_spikes;    /* spikes so far (keys the random draws) */
  double *reserve;       /* fraction of the recycling pool available to refill the sites */
} release_state;

/* Release fraction F1 at the given [Ca]o, scaled by the retrograde factor (>= 1). */
double release_f1(const release_params *p, double ca_o_mM, double retro_factor);

/* Bring state from t_last to t (closed forms between spikes; the finite pool's refilling in
 * short pieces, release.c), then release: returns
 * the number of vesicles released (expected number in mean-field mode) and the release
 * probability of a ready site in *p_site. */
double release_spike(const release_params *p, release_state *s, int i, double t_ms, double ca_o_mM,
                     double retro_factor, uint64_t seed, double *p_site);

/* Expected release of a test pulse without changing state (for readouts): F x D. */
double release_probability_now(const release_params *p, const release_state *s, int i, double t_ms,
                               double ca_o_mM, double retro_factor);

/* Post-tetanic potentiation A of bouton i at t_ms >= its last spike (closed form). */
double release_ptp_at(const release_params *p, const release_state *s, int i, double t_ms);

void release_init(const release_params *p, release_state *s, int i);

/* Mean-field release of spike n relative to spike 1 of a regular train from rest at [Ca]o
 * (EPSC_n / EPSC_1 with postsynaptic linearity): the paired-pulse ratio for n = 2. */
double release_train_ratio(const release_params *p, double interval_ms, int n, double ca_o_mM);

#endif
