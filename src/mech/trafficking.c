/* AMPAR trafficking and phosphorylation (own formulation in the spirit of Hayer & Bhalla 2005
 * and Earnshaw & Bressloff 2006, SCIENCE.md 1g):
 *   dS/dt = k_ins a_K (S_max - S) - (k_rem a_P + r_c) (S - S_min) - (S - S_base(z)) / tau_early
 *   dR/dt = k_exo (S - R) - (k_rem a_P + r_c) R
 *   df/dt = k_phos a_K (1 - f) - k_dephos (1 + a_P) (f - f_basal)
 * S: PSD slots (scaffold capacity; PSD area and spine volume follow it, Harris & Stevens 1989);
 * R: AMPARs in the PSD; f: GluA1-S831 phosphorylated fraction, gamma = gamma_low +
 * f (gamma_high - gamma_low); r_c: removal of a synapse committed to LTD (mech/ltd_switch.c;
 * the default set's LTD; k_rem a_P stays, at a small rate). Early LTP lives in the extra slots and
 * decays with tau_early unless consolidation z raises S_base (late phase). */
#include "mech/trafficking.h"

#include <math.h>
#include <stddef.h>

#define P(field) offsetof(ltp_params, trafficking.field)
static const ltp_param_def trafficking_table[] = {
    {"slots_0", "1", 100, 1, 1000,
     "SCIENCE.md 5: ~100 AMPARs per CA1 spine synapse (Bartol 2015 ~120; Matsuzaki 2001 "
     "up to ~150)",
     "PSD slots (= AMPARs) at baseline", P(slots_0), NULL},
    {"slots_max_gain", "1", 0.95, 0, 10,
     "O'Connor et al. 2005: single synapses switch ~2-fold between states [M]; Matsuzaki et al. "
     "2004: +50-100 % AMPAR current after single-spine LTP [M]; 0.95 (1.0 before) chosen with "
     "the LTD count (ltd_switch), the first measured setting that passes 15 cases of the suite "
     "(docs/model.md, Calibration choices; docs/fits/suite_defaults_ltd_switch.json)",
     "maximal extra slots during early LTP, as a fraction of slots_0", P(slots_max_gain), NULL},
    {"tau_early", "s", 5400, 60, 1e6,
     "Clopath et al. 2008 TagTriC tag lifetime 1-1.5 h; Frey & Morris 1997: E-LTP < 3 h; "
     "Sajikumar & Frey 2003 (Neurosci Lett 338:147): protein-synthesis-independent early LTD "
     "lasts up to 3-4 h",
     "lifetime of unconsolidated extra or missing slots (early LTP and early LTD)", P(tau_early_s),
     NULL},
    {"slots_min_frac", "1", 0.2, 0, 1,
     "[M] LTD removes at most ~half of the AMPA response in CA1 (Dudek & Bear 1992)",
     "lower bound of slots under sustained phosphatase drive, fraction of slots_0",
     P(slots_min_frac), NULL},
    {"k_exo", "1/s", 0.0167, 1e-5, 10,
     "[M] GluA1 exocytosis after LTP induction begins within ~1 min (SCIENCE.md 1g)",
     "filling rate of empty slots by exocytosis/lateral diffusion", P(k_exo_per_s), NULL},
    {"k_ins", "1/s", 0.1, 0, 10,
     "[M] slots fill within the ~1 min of CaMKII activity after induction (CaMKII activity "
     "decays within ~1 min, Lee et al. 2009; SCIENCE.md 1f) and spines enlarge within 1-2 min "
     "(Matsuzaki 2004)",
     "slot insertion rate per unit CaMKII drive", P(k_ins_per_s), NULL},
    {"k_rem", "1/s", 0.0003, 0, 10,
     "[M] 0.0003 since the LTD count (ltd_switch) carries LTD: chosen with it (docs/model.md, "
     "Calibration choices; docs/fits/suite_defaults_ltd_switch.json); 0.00345 before, fitted "
     "alone (tools/fit_ltd.py, docs/fits/ltd_fit.json; 0.005 on the 100 um dendrite grid, "
     "0.001 before the first fit). NMDAR-triggered, "
     "calcineurin/PP1-dependent AMPAR endocytosis removes surface receptors within ~5-15 min "
     "(Beattie et al. 2000 Nat Neurosci 3:1291; Ehlers 2000 Neuron 28:511), i.e. 1/(k_rem a_P) "
     "~3 min at a PP1 drive of 1 (3-5 Hz trains); 1 Hz LFS (drive ~0.1) then acts over ~30 min "
     "(Dudek & Bear 1992: LTD needs ~900 pulses); endocytosis time constants ~10-30 min "
     "(SCIENCE.md 1g)",
     "slot removal and endocytosis rate per unit PP1 drive", P(k_rem_per_s), NULL},
    {"gamma_low", "pS", 10, 1, 100, "Benke et al. 1998; Spruston, Jonas & Sakmann 1995 (~10 pS)",
     "unitary conductance of unphosphorylated receptors", P(gamma_low_pS), NULL},
    {"gamma_high", "pS", 15, 1, 100,
     "Kristensen et al. 2011: S831 raises the share of high-conductance openings of native "
     "TARP-bound receptors; Benke 1998 up to 2-fold [M]; mean +50 % chosen (docs/model.md)",
     "unitary conductance of S831-phosphorylated receptors", P(gamma_high_pS), NULL},
    {"k_phos", "1/s", 0.05, 0, 100, "[M] CaMKII phosphorylates S831 within seconds-minutes",
     "S831 phosphorylation rate per unit CaMKII drive", P(k_phos_per_s), NULL},
    {"k_dephos", "1/s", 0.0005, 0, 100,
     "[M] S831 phosphorylation returns to baseline within ~30-60 min after induction",
     "S831 dephosphorylation rate by PP1 at rest", P(k_dephos_per_s), NULL},
    {"s831_basal", "1", 0.1, 0, 1,
     "[M] basal GluA1 phosphorylation ~10-15 % (Oh et al. 2006, S845)",
     "S831-phosphorylated fraction at rest", P(s831_basal), NULL},
    {"pp1_threshold", "1", 0.131, 0, 10,
     "[M] fitted with k_rem (docs/fits/ltd_fit.json; 0.2 before): baseline test pulses (0.05 "
     "Hz) do not depress CA1 synapses, LTD needs sustained "
     "phosphatase activation (hundreds of pulses at 1-3 Hz; Dudek & Bear 1992, Rodrigues 2023); "
     "0.05 Hz pulses raise PP1 by <= 6 % in ltpsim",
     "relative PP1 excess over rest below which there is no endocytosis drive", P(pp1_threshold),
     NULL},
    {"camkii_threshold", "1", 0.0, 0, 1,
     "0: none (the calibrated default set); with release.mode = quantal, sparse quanta of "
     "low-frequency stimulation raise the phosphorylated CaMKII fraction to a few %, a tetanus "
     "to ~0.9, and 0.1 separates them (docs/model.md)",
     "phosphorylated CaMKII fraction below which CaMKII does not drive slot insertion or S831 "
     "phosphorylation",
     P(camkii_threshold), NULL},
};
#undef P

const ltp_mech_def trafficking_mech = {"trafficking",
                                       "AMPAR slots, exo/endocytosis and GluA1-S831 "
                                       "phosphorylation (expression of LTP/LTD)",
                                       trafficking_table, LTP_COUNT(trafficking_table)};

void trafficking_rest(const trafficking_params *p, trafficking_state *s) {
  s->slots = p->slots_0;
  s->receptors = p->slots_0;
  s->s831 = p->s831_basal;
}

void trafficking_rhs(const trafficking_params *p, const trafficking_state *s,
                     const trafficking_drive *d, trafficking_state *ds) {
  const double per_ms = 1e-3;
  /* consolidated slots (late phase) set the level the early change relaxes to */
  const double s_base = p->slots_0 * (1.0 + p->slots_max_gain * d->consolidation);
  const double s_max = p->slots_0 * (1.0 + p->slots_max_gain);
  const double s_min = p->slots_min_frac * p->slots_0;
  const double removal_per_s = p->k_rem_per_s * d->phosphatase + d->committed_removal_per_s;
  ds->slots = per_ms * (p->k_ins_per_s * d->kinase * (s_max - s->slots) -
                        removal_per_s * (s->slots - s_min) - (s->slots - s_base) / p->tau_early_s);
  ds->receptors =
      per_ms * (p->k_exo_per_s * (s->slots - s->receptors) - removal_per_s * s->receptors);
  ds->s831 = per_ms * (p->k_phos_per_s * d->kinase * (1.0 - s->s831) -
                       p->k_dephos_per_s * (1.0 + d->phosphatase) * (s->s831 - p->s831_basal));
}

double trafficking_stiffness_per_ms(const trafficking_params *p, const trafficking_drive *d) {
  const double a_k = fabs(d->kinase), a_p = fabs(d->phosphatase);
  const double removal = p->k_rem_per_s * a_p + fabs(d->committed_removal_per_s);
  const double slots = p->k_ins_per_s * a_k + removal + 1.0 / p->tau_early_s;
  const double receptors = p->k_exo_per_s + removal;
  const double s831 = p->k_phos_per_s * a_k + p->k_dephos_per_s * (1.0 + a_p);
  return 1e-3 * fmax(slots, fmax(receptors, s831));
}

double trafficking_gamma_pS(const trafficking_params *p, double s831) {
  return p->gamma_low_pS + s831 * (p->gamma_high_pS - p->gamma_low_pS);
}
