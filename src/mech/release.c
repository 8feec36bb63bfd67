/* Presynaptic release: Dittman et al. (2000) J Neurosci 20:1374 model of residual-Ca
 * driven facilitation (CaX_F) and Ca-dependent recovery from depression (CaX_D).
 *   F = F1 + (1 - F1) / (1 + K_F / CaX_F)     release fraction of a ready site
 *   dD/dt = (1 - D) k_rec,  k_rec = k0 + (kmax - k0) CaX_D / (CaX_D + K_D)
 * Both CaX decay exponentially, so with an unlimited pool D has a closed form between spikes:
 *   1 - D(t) = (1 - D0) exp(-k0 t - (kmax - k0) tau_D ln((c0 + K_D) / (c(t) + K_D))).
 * Post-tetanic potentiation (PTP; Magleby 1979 Prog Brain Res 49:175: augmentation tau ~7 s,
 * potentiation tau 30 s to minutes; Zucker & Regehr 2002 Annu Rev Physiol 64:355): a slow
 * presynaptic Ca2+ store, the mitochondria, loads during high-frequency trains and releases
 * its Ca2+ for tens of seconds after them (Tang & Zucker 1997 Neuron 18:483; Garcia-Chacon et
 * al. 2006 J Physiol 574:663: loading above 10-20 Hz, extrusion raises post-tetanic release).
 * Its effect A on the release fraction loads at a rate of order n in the residual Ca of the
 * facilitation site and decays with tau_ptp:
 *   dA/dt = k_ptp CaX_F^n - A / tau_ptp,   F -> min(1, F (1 + A))
 * (augmentation raises the release probability of a vesicle: Kalkstein & Magleby 2004).
 * CaX_F = c0 exp(-t / tau_F) between spikes, so with r = n / tau_F - 1 / tau_ptp
 *   A(t) = exp(-t / tau_ptp) (A0 + k_ptp c0^n (1 - exp(-r t)) / r).
 * With n = 3 an isolated spike loads k_ptp tau_F / 3, a spike inside a 100 Hz train (CaX_F
 * ~10) ~300 times more: test pulses and pairs leave A near 0, a 100 Hz tetanus does not.
 * Finite recycling pool: Dittman's model was fitted to ~10-pulse trains and, run for hundreds
 * of pulses, releases more vesicles than a bouton has; emptied sites refill from a pool of
 * reserve_vesicles that endocytosis restores with recycle_tau (refill_from_reserve below;
 * docs/model.md, "Finite recycling pool"). */
#include "mech/release.h"

#include <math.h>
#include <stddef.h>

#include "core/rng.h"

static const char *const release_modes[] = {"mean_field", "stochastic", "quantal", NULL};

#define P(field) offsetof(ltp_params, release.field)
static const ltp_param_def release_table[] = {
    {"mode", "choice", RELEASE_MEAN_FIELD, 0, 2,
     "mean_field by default: a field EPSP averages many synapses (ltpsim docs/model.md); "
     "stochastic for single-synapse questions (Rodrigues et al. 2023 eLife 12:e80152); quantal: "
     "whole quanta at the mean rate (docs/model.md, not yet calibrated)",
     "release onto the modelled spine: expected number (mean_field), binomial draw "
     "(stochastic) or whole quanta at the expected rate (quantal); the lumped population always "
     "receives the expected number",
     P(mode), release_modes},
    {"n_sites", "1", 1, 1, 100, "Blue Brain GluSynapse Nrrp = 1; one active zone per SC bouton",
     "release sites per synapse", P(n_sites), NULL},
    {"f1", "1", 0.24, 0.01, 1, "Dittman et al. 2000 Table 2 (SC), F1 = 0.24 at 2 mM Ca_o",
     "release fraction of a ready site at 2 mM [Ca]o, first spike", P(f1_ref), NULL},
    {"ca_o_k", "mM", 0.909, 0.01, 10,
     "derived: Hill n=2 through the -38 % change of p from 2.5 to 1 mM Ca_o "
     "(Hardingham et al. 2006 via Rodrigues et al. 2023)",
     "half-saturation of release on [Ca]o", P(ca_o_k_mM), NULL},
    {"ca_o_hill", "1", 2, 1, 4, "Rodrigues et al. 2023 (s = 2); p ~ [Ca]o^2 at low Ca_o",
     "Hill coefficient of release on [Ca]o", P(ca_o_hill), NULL},
    {"kf", "1", 0.67, 0.01, 100,
     "Dittman et al. 2000: K_F/Delta_F from paired-pulse ratio 2.2 (SCIENCE.md 1a)",
     "facilitation site affinity in units of one spike's CaX_F", P(kf_over_df), NULL},
    {"tau_f", "ms", 100, 1, 10000, "Dittman et al. 2000 Table 2 (SC)",
     "decay of residual Ca at the facilitation site", P(tau_f_ms), NULL},
    {"tau_d", "ms", 50, 1, 10000, "Dittman et al. 2000 Table 2 (SC)",
     "decay of residual Ca at the recovery site", P(tau_d_ms), NULL},
    {"k0", "1/s", 2, 0.01, 1000, "Dittman et al. 2000 Table 2 (SC)",
     "resting recovery rate from depression", P(k0_per_s), NULL},
    {"kmax", "1/s", 30, 0.01, 1000, "Dittman et al. 2000 Table 2 (SC)",
     "maximal Ca-driven recovery rate", P(kmax_per_s), NULL},
    {"kd", "1", 2, 0.01, 100, "Dittman et al. 2000 Table 2 (SC)",
     "recovery site affinity in units of one spike's CaX_D", P(kd), NULL},
    {"ptp_rate", "1/s", 0.00505, 0, 100,
     "calibrated (docs/model.md, Calibration choices): largest test response in the first "
     "minute after 100 pulses at 100 Hz = 250 %, the centre of the 200-300 % PTP band "
     "(SCIENCE.md 3.2, validation/field_ltp.exp); re-run: tools/calibrate_ptp.sh",
     "post-tetanic potentiation: loading rate of A at CaX_F = one spike's increment",
     P(ptp_rate_per_s), NULL},
    {"ptp_tau", "s", 45, 1, 600,
     "SCIENCE.md 3.2: PTP decays with tau 0.5-1 min (CA1 field); Magleby 1979: potentiation "
     "tau 30 s to minutes; Wang et al. 2016 J Neurosci 36:6393: CA3-CA1 PTP lasts tens of "
     "seconds to minutes",
     "decay of post-tetanic potentiation (release of the store's Ca2+)", P(ptp_tau_s), NULL},
    {"ptp_order", "1", 3, 1, 4,
     "ltpsim: loading must rise steeply with rate, as mitochondria load only above 10-20 Hz "
     "(Garcia-Chacon et al. 2006) and not during the first 15-20 spikes of 25-100 Hz trains "
     "(J Physiol 1998, PMC2230953, motor terminals); order 1 would load tau_F per spike at any "
     "rate; 3 is the smallest order at which a 10 Hz spike loads < 2 % of a 100 Hz one",
     "order of the PTP loading rate in the residual Ca CaX_F", P(ptp_order), NULL},
    {"reserve_vesicles", "1", 45, 0, 1000,
     "Marra et al. 2012 Neuron 76:579: the recycling pool of native hippocampal synapses is "
     "~45 vesicles (Harata et al. 2001 Trends Neurosci 24:637: typically 30-45, 15-20 % of "
     "~200 per bouton, Schikorski & Stevens 1997); one site per bouton (n_sites)",
     "recycling pool that refills a release site, in vesicles per site (0: unlimited, "
     "Dittman's model alone)",
     P(reserve_vesicles), NULL},
    {"recycle_tau", "s", 10, 0.1, 600,
     "Granseth & Lagnado 2008: endocytosis tau ~10 s at 35 C (~17 s at 25 C), the step that "
     "limits refilling during long activity; reacidification ~1 s at 35 C",
     "recovery of the recycling pool (endocytosis and refilling of the vesicles)", P(recycle_tau_s),
     NULL},
    {"glu_peak", "mM", 1, 0.01, 10,
     "Destexhe, Mainen & Sejnowski 1994; Clements et al. 1992 (~1.1 mM)",
     "cleft glutamate during the pulse, per vesicle", P(glu_peak_mM), NULL},
    {"glu_dur", "ms", 1, 0.05, 10, "Destexhe, Mainen & Sejnowski 1994 (1 mM x 1 ms)",
     "duration of the square glutamate pulse", P(glu_dur_ms), NULL},
};
#undef P

const ltp_mech_def release_mech = {"release",
                                   "Presynaptic release: Dittman 2000 STP, Ca_o dependence, "
                                   "stochastic or mean-field vesicles, cleft glutamate",
                                   release_table, LTP_COUNT(release_table)};

double release_f1(const release_params *p, double ca_o_mM, double retro_factor) {
  const double n = p->ca_o_hill, k = p->ca_o_k_mM;
  const double ref = pow(2.0, n) / (pow(2.0, n) + pow(k, n)); /* f1 is given at 2 mM */
  const double at = pow(ca_o_mM, n) / (pow(ca_o_mM, n) + pow(k, n));
  double f1 = p->f1_ref * at / ref * retro_factor;
  return f1 > 1.0 ? 1.0 : f1;
}

/* Facilitation-site residual Ca and recovery-site residual Ca decay; D recovers. Returns the
 * not-ready fraction's survival factor over dt (exp(-integral of k_rec)). */
static double ptp_after(const release_params *p, double a0, double caxf0, double dt_ms) {
  const double tau_ms = p->ptp_tau_s * 1e3;
  const double r = p->ptp_order / p->tau_f_ms - 1.0 / tau_ms;
  const double load = caxf0 > 0.0 ? p->ptp_rate_per_s * 1e-3 * pow(caxf0, p->ptp_order) : 0.0;
  const double integral = fabs(r * dt_ms) < 1e-12 ? dt_ms : -expm1(-r * dt_ms) / r;
  return exp(-dt_ms / tau_ms) * (a0 + load * integral);
}

double release_ptp_at(const release_params *p, const release_state *s, int i, double t_ms) {
  if (!isfinite(s->t_last_ms[i]))
    return s->ptp[i];
  return ptp_after(p, s->ptp[i], s->cax_f[i], t_ms - s->t_last_ms[i]);
}

/* Integral of Dittman's recovery rate k_rec over dt as the recovery-site Ca decays; advances
 * cax_d. */
static double recovery_integral(const release_params *p, double *cax_d, double dt_ms) {
  const double c0 = *cax_d, c1 = c0 * exp(-dt_ms / p->tau_d_ms);
  *cax_d = c1;
  return p->k0_per_s * 1e-3 * dt_ms +
         (p->kmax_per_s - p->k0_per_s) * 1e-3 * p->tau_d_ms * log((c0 + p->kd) / (c1 + p->kd));
}

/* Refilling from a finite recycling pool: empty sites refill at k_rec R, where R is the
 * fraction of the pool left; each refilled site takes one vesicle of reserve_vesicles, and
 * the pool recovers with recycle_tau:
 *   de/dt = -k_rec R e,   dR/dt = -(n_sites / N) k_rec R e + (1 - R) / tau_rec.
 * No closed form, so the interval is split into pieces of at most tau_rec / 200 (and tau_d /
 * 4 while the recovery-site Ca decays), each refilling at the piece's starting R and then
 * recovering the pool exactly; once the sites are full the pool's recovery is exact.
 * Returns the empty fraction's survival factor over dt; R is left in s->reserve[i]. */
static double refill_from_reserve(const release_params *p, release_state *s, int i, double empty0,
                                  double dt_ms) {
  if (p->reserve_vesicles <= 0.0) /* unlimited: Dittman's model alone */
    return exp(-recovery_integral(p, &s->cax_d[i], dt_ms));
  const double tau_ms = p->recycle_tau_s * 1e3;
  const double sites_per_vesicle = p->n_sites / p->reserve_vesicles;
  double reserve = s->reserve[i], empty = empty0, left = dt_ms;
  while (left > 0.0 && empty > 1e-15) {
    double h = fmin(left, tau_ms / 200.0);
    if (s->cax_d[i] > 1e-6)
      h = fmin(h, p->tau_d_ms / 4.0);
    const double refilled = empty * -expm1(-reserve * recovery_integral(p, &s->cax_d[i], h));
    empty -= refilled;
    reserve = fmax(0.0, reserve - refilled * sites_per_vesicle);
    reserve = 1.0 - (1.0 - reserve) * exp(-h / tau_ms);
    left -= h;
  }
  if (left > 0.0) {
    reserve = 1.0 - (1.0 - reserve) * exp(-left / tau_ms);
    s->cax_d[i] *= exp(-left / p->tau_d_ms);
  }
  s->reserve[i] = reserve;
  return empty0 > 0.0 ? empty / empty0 : 1.0;
}

/* Brings the residual Ca, PTP and the recycling pool from the last spike over dt; returns
 * the not-ready fraction's survival factor over dt. */
static double relax_between_spikes(const release_params *p, release_state *s, int i, double dt_ms,
                                   double empty0) {
  s->ptp[i] = ptp_after(p, s->ptp[i], s->cax_f[i], dt_ms);
  s->cax_f[i] *= exp(-dt_ms / p->tau_f_ms);
  return refill_from_reserve(p, s, i, empty0, dt_ms);
}

/* Fraction of the sites empty (mean-field: 1 - D; stochastic: empty count / n_sites). */
static double empty_fraction(const release_params *p, const release_state *s, int i) {
  return p->mode == RELEASE_STOCHASTIC ? 1.0 - s->ready[i] / p->n_sites : 1.0 - s->ready[i];
}

/* Dittman's F, raised by post-tetanic potentiation, at most 1. */
static double release_fraction(const release_params *p, double cax_f, double ptp, double f1) {
  double f = cax_f > 0.0 ? f1 + (1.0 - f1) / (1.0 + p->kf_over_df / cax_f) : f1;
  f *= 1.0 + ptp;
  return f > 1.0 ? 1.0 : f;
}

double release_probability_now(const release_params *p, const release_state *s, int i, double t_ms,
                               double ca_o_mM, double retro_factor) {
  release_state tmp_state;
  double cf = s->cax_f[i], cd = s->cax_d[i], rd = s->ready[i], pt = s->ptp[i];
  double tl = s->t_last_ms[i], rs = s->reserve[i];
  uint64_t ns = s->n_spikes[i];
  tmp_state.cax_f = &cf;
  tmp_state.cax_d = &cd;
  tmp_state.ready = &rd;
  tmp_state.ptp = &pt;
  tmp_state.t_last_ms = &tl;
  tmp_state.n_spikes = &ns;
  tmp_state.reserve = &rs;
  double d = rd;
  if (isfinite(tl)) {
    const double survive =
        relax_between_spikes(p, &tmp_state, 0, t_ms - tl, empty_fraction(p, &tmp_state, 0));
    const double n = p->mode == RELEASE_STOCHASTIC ? p->n_sites : 1.0;
    d = n - (n - rd) * survive;
    d /= n;
  } else if (p->mode == RELEASE_STOCHASTIC) {
    d = rd / p->n_sites;
  }
  return release_fraction(p, cf, pt, release_f1(p, ca_o_mM, retro_factor)) * d;
}

double release_spike(const release_params *p, release_state *s, int i, double t_ms, double ca_o_mM,
                     double retro_factor, uint64_t seed, double *p_site) {
  const int stochastic = p->mode == RELEASE_STOCHASTIC;
  const uint64_t draw = s->n_spikes[i]++;
  if (isfinite(s->t_last_ms[i])) {
    const double empty0 = empty_fraction(p, s, i);
    const double survive = relax_between_spikes(p, s, i, t_ms - s->t_last_ms[i], empty0);
    if (stochastic) {
      /* each empty site has recovered with probability 1 - survive; the pool was charged the
       * expected refills, so it is settled with the drawn ones */
      const unsigned empty = (unsigned)(p->n_sites - s->ready[i] + 0.5);
      const uint64_t refilled = ltp_rng_binomial(seed, 2 * (uint64_t)i, draw, empty, 1.0 - survive);
      s->ready[i] += (double)refilled;
      if (p->reserve_vesicles > 0.0)
        s->reserve[i] =
            fmin(1.0, fmax(0.0, s->reserve[i] + (empty * (1.0 - survive) - (double)refilled) /
                                                    p->reserve_vesicles));
    } else {
      s->ready[i] = 1.0 - (1.0 - s->ready[i]) * survive;
    }
  }
  s->t_last_ms[i] = t_ms;
  const double f =
      release_fraction(p, s->cax_f[i], s->ptp[i], release_f1(p, ca_o_mM, retro_factor));
  *p_site = f;
  double released;
  if (stochastic) {
    const unsigned ready = (unsigned)(s->ready[i] + 0.5);
    released = ltp_rng_binomial(seed, 2 * (uint64_t)i + 1, draw, ready, f);
  } else {
    released = s->ready[i] * f * p->n_sites;
  }
  s->ready[i] -= stochastic ? released : s->ready[i] * f;
  s->cax_f[i] += 1.0;
  s->cax_d[i] += 1.0;
  return released;
}

void release_init(const release_params *p, release_state *s, int i) {
  s->cax_f[i] = 0.0;
  s->cax_d[i] = 0.0;
  s->ready[i] = p->mode == RELEASE_STOCHASTIC ? p->n_sites : 1.0;
  s->ptp[i] = 0.0;
  s->reserve[i] = 1.0;
  s->t_last_ms[i] = -INFINITY;
  s->n_spikes[i] = 0;
}

double release_train_ratio(const release_params *p, double interval_ms, int n, double ca_o_mM) {
  release_params mf = *p;
  mf.mode = RELEASE_MEAN_FIELD;
  double caxf = 0, caxd = 0, ready = 0, ptp = 0, t_last = 0, reserve = 1;
  uint64_t n_spikes = 0;
  release_state s = {&caxf, &caxd, &ready, &ptp, &t_last, &n_spikes, &reserve};
  release_init(&mf, &s, 0);
  double first = 0, last = 0, p_site;
  for (int i = 0; i < n; ++i) {
    last = release_spike(&mf, &s, 0, i * interval_ms, ca_o_mM, 1.0, 1, &p_site);
    if (i == 0)
      first = last;
  }
  return last / first;
}
