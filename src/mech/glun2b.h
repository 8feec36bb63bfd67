/* CaMKII bound at the synapse's GluN2B: what the synapse's expression reads (mech/glun2b.c).
 * f (0..1) is the fraction of the spine's CaMKII holoenzymes bound there. It binds while Ca2+
 * enters through the synapse's NMDARs and leaves once the holoenzyme is dephosphorylated:
 *   df/dt = k_bind S(x_N) (1 - f) - f u_0 / tau_unbind,   S = x^n / (x^n + K^n)
 * x_N: the head's Ca2+ above rest that the NMDARs brought (uM); u_0: the fraction of the
 * holoenzymes with no subunit T286-phosphorylated; a_K: CaMKII's T286 fraction.
 * The synapse reads a_0 + f max(a_K - a_0, 0), a_0 the T286 fraction at rest: at rest a_0,
 * after an induction through NMDARs (f ~ 1) a_K. */
#ifndef LTP_MECH_GLUN2B_H
#define LTP_MECH_GLUN2B_H

#include "core/param.h"
#include "mech/model_params.h"

extern const ltp_mech_def glun2b_mech;

/* df/dt per ms at the unphosphorylated holoenzyme fraction u_0 and the NMDAR-borne Ca2+. */
double glun2b_bound_rhs(const glun2b_params *p, double bound, double unphosphorylated,
                        double ca_nmda_uM);
/* What the synapse's expression, tag, retrograde messenger and enlargement read (above), or
 * a_K itself with the gate off (k_bind = 0). */
double glun2b_drive(const glun2b_params *p, double bound, double t286, double t286_rest);
/* Largest rate (1/ms) of f at x_N. */
double glun2b_stiffness_per_ms(const glun2b_params *p, double ca_nmda_uM);

#endif
