/* The spine's Ca2+ scale: one factor shared by the buffer, the resting level and every
 * constant with which a mechanism reads Ca2+.
 *
 * The transients are set by the endogenous buffer capacity (calcium.kappa_endo): the free
 * Ca2+ that an entering ion leaves is 1 / (1 + kappa). Sabatini, Oertner & Svoboda 2002
 * measured kappa 20 on average with a median of 14 and a range of 2-31 (SCIENCE.md 1e [S]).
 * At 20 one quantum uncaged at rest raised the head's Ca2+ by 0.65 uM and a bAP by 0.62 uM,
 * below the ~1-3 uM and ~1 uM of imaging (SCIENCE.md 1e, 4 fig 2); at kappa 12 every
 * transient is (1 + 20) / (1 + 12) = 21/13 times as large (1.05 and 1.00 uM).
 *
 * The model's equations are unchanged when free Ca2+ (rest included) and every constant that
 * reads it are multiplied by one factor: CaM's equilibrium depends on Ca2+ / L_i only, and the
 * LTD count is linear in the rise over rest up to its saturation. So the cascade, the count
 * and every plasticity outcome were calibrated on kappa 20 and stay as they were when the
 * resting Ca2+, GB2007's CaM constants (Linse et al. 1991) and the count's Ca2+ constants carry
 * the same factor (docs/model.md, Calibration choices: every validation value within 0.1 %).
 * What it costs: the resting level is 113 nM, 1.5 SD above Sabatini et al.'s 70 +- 29 nM
 * (GB2007 and Shouval et al. 2002 use 100 nM). What it moves towards: CaM that binds Ca2+
 * less tightly than GB2007's, as free CaM at physiological ionic strength does (Pepke et al.
 * 2010: 6-100 x, SCIENCE.md 1f). */
#ifndef LTP_MECH_CA_SCALE_H
#define LTP_MECH_CA_SCALE_H

#define SPINE_CA_KAPPA_ENDO 12.0 /* Sabatini et al. 2002 median 14 */
#define SPINE_CA_SCALE ((1.0 + 20.0) / (1.0 + SPINE_CA_KAPPA_ENDO)) /* 21/13 */
/* A Ca2+ concentration (or a constant that reads one) set on the scale of kappa_endo 20, here. */
#define ON_SPINE_CA_SCALE(x) ((x)*SPINE_CA_SCALE)

#endif
