/* Analytic transition probabilities of the Graupner & Brunel 2012 model (PNAS 109:3991, SI;
 * mgraupe/CalciumBasedPlasticityModel synapticChange.py, SCIENCE.md 2b). Averaging the drive
 * over a protocol of duration T that keeps c above theta_d / theta_p for fractions alpha_d /
 * alpha_p of the time, and neglecting the cubic double-well term, rho is an
 * Ornstein-Uhlenbeck process:
 *   Gamma_p = gamma_p alpha_p, Gamma_d = gamma_d alpha_d, rho_bar = Gamma_p / (Gamma_p + Gamma_d),
 *   tau_eff = tau / (Gamma_p + Gamma_d), sigma_rho^2 = sigma^2 (alpha_p + alpha_d) / (Gamma_p +
 *   Gamma_d),
 *   rho(T) ~ N(rho_bar + (rho0 - rho_bar) e^{-T/tau_eff}, sigma_rho^2 (1 - e^{-2T/tau_eff}) / 2).
 * P_UP = P(rho(T) > rho* | rho0 = 0), P_DOWN = P(rho(T) < rho* | rho0 = 1). */
#include <math.h>

#include "rules/graupner_brunel.h"

/* Time since the last arrival of a transient at a_ms, in a periodic protocol: [0, period). */
static double since(double t_ms, double a_ms, double period_ms) {
  double s = fmod(t_ms - a_ms, period_ms);
  return s < 0.0 ? s + period_ms : s;
}

void gb_periodic_fractions(const gb_values *v, double period_ms, const double *pre, size_t n_pre,
                           const double *post, size_t n_post, double res_ms, double *alpha_d,
                           double *alpha_p) {
  /* steady state of a periodic train: each transient recurs every period, so its summed
   * contribution is C e^{-s/tau} / (1 - e^{-period/tau}) with s the time since its last arrival */
  const double gain = 1.0 / (1.0 - exp(-period_ms / v->tau_ca_ms));
  const size_t n = (size_t)llround(period_ms / res_ms);
  size_t above_d = 0, above_p = 0;
  for (size_t k = 0; k < n; ++k) {
    const double t = (double)k * res_ms;
    double c = 0.0;
    for (size_t i = 0; i < n_pre; ++i)
      c += v->c_pre * exp(-since(t, pre[i] + v->delay_ms, period_ms) / v->tau_ca_ms);
    for (size_t j = 0; j < n_post; ++j)
      c += v->c_post * exp(-since(t, post[j], period_ms) / v->tau_ca_ms);
    c *= gain;
    above_d += c > v->theta_d;
    above_p += c > v->theta_p;
  }
  *alpha_d = (double)above_d / (double)n;
  *alpha_p = (double)above_p / (double)n;
}

/* Probability that rho(T) ends on the far side of rho* from rho0 (synapticChange.py,
 * transitionProbability; the erf argument without sqrt(2) carries the OU factor 1/2). */
static double crossing(const gb_values *v, double rho0, double rho_bar, double sigma2,
                       double tau_eff, double t_s) {
  const double mean = rho_bar + (rho0 - rho_bar) * exp(-t_s / tau_eff);
  const double spread = sqrt(sigma2 * (1.0 - exp(-2.0 * t_s / tau_eff)));
  const double toward_up = mean - v->rho_star;
  if (spread == 0.0) /* no noise: deterministic end point */
    return rho0 < v->rho_star ? (toward_up > 0.0) : (toward_up < 0.0);
  const double x = toward_up / spread;
  return rho0 < v->rho_star ? 0.5 * (1.0 + erf(x)) : 0.5 * (1.0 - erf(x));
}

double gb_population_ratio(const gb_values *v, double p_up, double p_down) {
  const double beta = v->beta, b = v->b;
  const double after = beta * (1.0 - p_up) + (1.0 - beta) * p_down +
                       b * (beta * p_up + (1.0 - beta) * (1.0 - p_down));
  return after / (beta + (1.0 - beta) * b);
}

gb_outcome gb_analytic_outcome(const gb_values *v, double alpha_d, double alpha_p,
                               double duration_s) {
  gb_outcome o = {0.0, 0.0, 1.0};
  const double g_p = v->gamma_p * alpha_p, g_d = v->gamma_d * alpha_d;
  if (g_p + g_d > 0.0) {
    const double rho_bar = g_p / (g_p + g_d);
    const double tau_eff = v->tau_s / (g_p + g_d);
    const double sigma2 = v->sigma * v->sigma * (alpha_p + alpha_d) / (g_p + g_d);
    o.p_up = crossing(v, 0.0, rho_bar, sigma2, tau_eff, duration_s);
    o.p_down = crossing(v, 1.0, rho_bar, sigma2, tau_eff, duration_s);
  }
  o.ratio = gb_population_ratio(v, o.p_up, o.p_down);
  return o;
}

double gb_protocol_ratio(const gb_values *v, double dt_ms, size_t n_post, double post_isi_ms,
                         double n_pairs, double f_hz, double res_ms) {
  enum { MAX_POST = 16 };
  double post[MAX_POST];
  if (n_post > MAX_POST)
    n_post = MAX_POST;
  for (size_t j = 0; j < n_post; ++j)
    post[j] = dt_ms + (double)j * post_isi_ms;
  const double pre = 0.0;
  double alpha_d = 0.0, alpha_p = 0.0;
  gb_periodic_fractions(v, 1000.0 / f_hz, &pre, 1, post, n_post, res_ms, &alpha_d, &alpha_p);
  return gb_analytic_outcome(v, alpha_d, alpha_p, n_pairs / f_hz).ratio;
}
