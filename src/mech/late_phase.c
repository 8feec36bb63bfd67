/* Late phase after Clopath, Ziegler, Vasilaki, Buesing & Gerstner 2008 (TagTriC, ModelDB
 * 118199), with the tag set by CaMKII instead of voltage traces:
 *   d tag/dt = [a_K - theta_tag]+ (1 - tag) / tau_set - tag / tau_tag
 *   d D/dt   = sum_i [a_K,i - theta_tag]+ / tau_set - D / tau_trigger   (cell-wide drive)
 *   d p/dt   = (1 - block) (1 - p) / tau_pm H(D - theta_p) - p / tau_pd (PRPs, cell-wide)
 *   tau_z dz/dt = z (1 - z)(z - kappa) + gamma tag p                    (bistable, per synapse)
 * H is a steep logistic so the solver sees a smooth right-hand side. */
#include "mech/late_phase.h"

#include <math.h>
#include <stddef.h>

#define P(field) offsetof(ltp_params, late.field)
static const ltp_param_def late_table[] = {
    {"tag_threshold", "1", 0.1, 0, 1, "[M] tag needs CaMKII activity (Redondo et al. 2010)",
     "CaMKII drive above which the tag is set", P(tag_threshold), NULL},
    {"tau_tag", "s", 3600, 60, 1e6, "Clopath et al. 2008: k_H = 1/3600 s; Frey & Morris 1997 < 3 h",
     "tag lifetime", P(tau_tag_s), NULL},
    {"tau_prp_rise", "s", 360, 1, 1e5, "Clopath et al. 2008: tau_pm = 360 s",
     "PRP synthesis rise time", P(tau_prp_rise_s), NULL},
    {"tau_prp_decay", "s", 3600, 1, 1e6, "Clopath et al. 2008: tau_pd = 3600 s", "PRP decay time",
     P(tau_prp_decay_s), NULL},
    {"prp_threshold", "1", 6, 0, 100,
     "[calibrated] between the drive of one 100 Hz x 1 s train (peak ~4.5) and of three trains "
     "10 min apart (peak ~8.5): one train gives E-LTP, three give L-LTP (Frey & Morris 1997; "
     "Huang & Kandel 1994); docs/model.md",
     "synthesis drive needed to start PRP synthesis", P(prp_threshold), NULL},
    {"tau_trigger", "s", 1200, 1, 1e5,
     "[M] repeated trains 5-10 min apart summate (CREB/ERK activation, SCIENCE.md 1i)",
     "decay of the cell-wide synthesis drive", P(tau_trigger_s), NULL},
    {"tau_set", "s", 10, 0.1, 1e4, "[M] tags form within seconds-minutes of induction",
     "tag setting time constant at full drive", P(tau_set_s), NULL},
    {"tau_z", "s", 360, 1, 1e5, "Clopath et al. 2008: tau_z = 360 s", "consolidation time constant",
     P(tau_z_s), NULL},
    {"z_kappa", "1", 0.5, 0, 1, "Clopath et al. 2008: kappa = 0.5", "unstable point of z",
     P(z_kappa), NULL},
    {"z_gamma", "1", 0.4, 0, 10,
     "[calibrated] Clopath et al. 2008 use 0.1 with discrete tags that stay at 1 until they "
     "drop; ltpsim's mean-field tag decays continuously: the smallest multiple of 0.05 at which "
     "three trains consolidate and a weak tetanus's tag captures (docs/model.md; 0.35 before "
     "the finite recycling pool of release.c, 0.25 before "
     "the tag read CaMKII bound at GluN2B, when the strong tetanus's spikes also tagged the "
     "weak pathway)",
     "capture strength", P(z_gamma), NULL},
    {"synthesis_block", "1", 0, 0, 1, "set by the anisomycin drug entry",
     "fraction of PRP synthesis blocked", P(synthesis_block), NULL},
    {"start_high", "1", 0, 0, 1,
     "0: every synapse starts in the low state; single naive CA3-CA1 synapses: ~1/4 start "
     "potentiated (O'Connor, Wittenberg & Wang 2005 [V: abstract]: ~3/4 start low), set by "
     "validation/single_synapse_pairing.exp; a pathway's mean field is one state",
     "probability that a synapse starts in the high state (consolidated, z = 1), drawn per "
     "synapse from the run's seed",
     P(start_high), NULL},
};
#undef P

const ltp_mech_def late_mech = {"late",
                                "Late phase: tag, cell-wide PRP synthesis, capture, "
                                "consolidation",
                                late_table, LTP_COUNT(late_table)};

static double positive(double x) {
  return x > 0.0 ? x : 0.0;
}

double late_tag_rhs(const late_params *p, double tag, double kinase_drive) {
  return 1e-3 * (positive(kinase_drive - p->tag_threshold) * (1.0 - tag) / p->tau_set_s -
                 tag / p->tau_tag_s);
}

double late_drive_rhs(const late_params *p, double drive, double drive_in) {
  return 1e-3 * (drive_in / p->tau_set_s - drive / p->tau_trigger_s);
}

double late_prp_rhs(const late_params *p, double prp, double drive) {
  /* logistic of width 2 % of the threshold instead of a hard step */
  const double width = 0.02 * p->prp_threshold + 1e-9;
  const double on = 1.0 / (1.0 + exp(-(drive - p->prp_threshold) / width));
  return 1e-3 * ((1.0 - p->synthesis_block) * (1.0 - prp) / p->tau_prp_rise_s * on -
                 prp / p->tau_prp_decay_s);
}

double late_stiffness_per_ms(const late_params *p, double kinase_drive) {
  const double tag = positive(kinase_drive - p->tag_threshold) / p->tau_set_s + 1.0 / p->tau_tag_s;
  const double prp = 1.0 / p->tau_prp_rise_s + 1.0 / p->tau_prp_decay_s;
  return 1e-3 * fmax(fmax(tag, 1.0 / p->tau_trigger_s), fmax(prp, 1.0 / p->tau_z_s));
}

double late_consolidation_rhs(const late_params *p, double z, double tag, double prp) {
  return 1e-3 * (z * (1.0 - z) * (z - p->z_kappa) + p->z_gamma * tag * prp) / p->tau_z_s;
}
