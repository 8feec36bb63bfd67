/* The NMDAR Ca2+ nanodomain at the PSD's CaMKII.
 *
 * CaMKII binds the C-tail of the NMDAR's GluN2B subunit (Bayer et al. 2001, Nature 411:801,
 * abstract), a few tens of nm from the pore. Near an open pore the free Ca2+ is set by the
 * channel's own current, not by the head's average: a pore in a planar membrane is a point source
 * of Ca2+ into a half-space, and with a current i it holds, within microseconds, a steady rise
 *     delta[Ca](r) = i / (2 F 2 pi D r)
 * at distance r, twice the whole-space value (Neher 1986, Exp Brain Res Ser 14:80; Neher 1998;
 * the buffers do not act that close, Naraghi & Neher 1997) and collapses as fast when it closes;
 * EPSPs set up such gradients across the PSD (Keller, Franks, Bartol & Sejnowski 2008, PLoS One
 * 3:e2045, abstract). CaM's four sites make Ca4-CaM steep in Ca2+ (about the 4th power below its
 * half point), so the mean over the holoenzymes of what they bind is not a function of the mean
 * Ca2+: a holoenzyme next to a conducting channel binds CaM while the head's average would leave it
 * empty.
 *
 * With mode = nmda the kinase's autophosphorylation rates are therefore averaged over two
 * populations of the synapse's GluN2B-bound holoenzymes: those next to a conducting NMDAR (the
 * open, unblocked fraction r B(V) (1 - AP5 block), the fast Mg2+ flicker counted as time
 * unblocked) see the kinase-site Ca2+ (mech/calcium.c) plus one channel's nanodomain at the head
 * potential, the others the kinase-site Ca2+ alone; <gamma> and <gamma^2> go to the ring model
 * (camkii_inputs_set_kinase_gamma: initiation needs two neighbours bound, in one nanodomain).
 * The single-channel Ca2+ current is the GHK current of one unblocked channel (mech/nmda.c).
 * It is meant with CaM constants of the kinase's own (camkii.kinase_l1..l4, free CaM) and is off
 * by default: docs/model.md (Alternatives) gives what it does to the suite. Calcineurin, PKA and
 * PP1 read the head's Ca2+ (they are not anchored at the pore).
 * What this leaves out, and so where its numbers stop: CaM loading and Ca4-CaM binding to the
 * kinase are taken at equilibrium within each opening (they are slower than a channel's openings
 * and its Mg2+ flicker, so this overstates the nanodomain's share); the rings see <gamma> times
 * the synapse's mean phosphorylation, which loses the correlation of a holoenzyme exposed to the
 * same receptor again and again within a burst (it understates propagation); every holoenzyme
 * of camkii.s_tot counts as GluN2B-bound, at one distance; and with GB2007's CaM pool (cam_tot =
 * K5 = 0.1 uM) gamma cannot exceed cam_tot / (K5 + cam_tot) = 0.5 however high the Ca2+. */
#include "mech/nanodomain.h"

#include <math.h>
#include <stddef.h>

#include "core/constants.h"
#include "mech/camkii.h"
#include "mech/nmda.h"

static const char *const mode_names[] = {"off", "nmda", NULL};

#define P(field) offsetof(ltp_params, nanodomain.field)
static const ltp_param_def nanodomain_table[] = {
    {"mode", "choice", NANODOMAIN_OFF, 0, 1,
     "off: the kinase reads the kinase-site pool (GB2007's mean Ca2+); nmda: docs/model.md",
     "what CaMKII at the PSD reads: the kinase-site pool alone, or with the NMDARs' nanodomain",
     P(mode), mode_names},
    {"distance", "nm", 20, 1, 1000,
     "[M] GluN2B C-tail binding (Bayer et al. 2001); a holoenzyme is ~20 nm across",
     "distance of the GluN2B-bound CaMKII from the NMDAR pore", P(distance_nm), NULL},
    {"d_ca", "um2/s", 220, 1, 1000,
     "[M] free Ca2+ in cytosolic extract, Allbritton, Meyer & Stryer 1992 (Science 258:1812)",
     "diffusion coefficient of free Ca2+", P(d_ca_um2_per_s), NULL},
};
#undef P

const ltp_mech_def nanodomain_mech = {"nanodomain",
                                      "NMDAR Ca2+ nanodomain at the GluN2B-bound CaMKII",
                                      nanodomain_table, LTP_COUNT(nanodomain_table)};

int nanodomain_on(const ltp_params *p) {
  return (int)p->nanodomain.mode == NANODOMAIN_NMDA;
}

double nanodomain_rise_uM(const nanodomain_params *p, double i_ca_pA) {
  /* inward (negative) current only; A / (C/mol m^2/s m) = mol/m^3 = mM */
  const double amps = fmax(-i_ca_pA, 0.0) * 1e-12, d_m2_s = p->d_ca_um2_per_s * 1e-12,
               r_m = p->distance_nm * 1e-9;
  return amps / (2.0 * LTP_FARADAY_C_PER_MOL * 2.0 * M_PI * d_m2_s * r_m) * 1e3;
}

void nanodomain_kinase_gamma(const ltp_params *p, double ca_site_uM, double conducting, double v_mV,
                             double *gamma, double *gamma2) {
  const double i_channel_pA = nmda_ca_current_pA(&p->nmda, p->nmda.gamma_pS * 1e-3, v_mV);
  const double g_open = camkii_kinase_gamma(
      &p->camkii, ca_site_uM + nanodomain_rise_uM(&p->nanodomain, i_channel_pA));
  const double g_rest = camkii_kinase_gamma(&p->camkii, ca_site_uM);
  const double w = conducting < 0.0 ? 0.0 : (conducting > 1.0 ? 1.0 : conducting);
  *gamma = w * g_open + (1.0 - w) * g_rest;
  *gamma2 = w * g_open * g_open + (1.0 - w) * g_rest * g_rest;
}
