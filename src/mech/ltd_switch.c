/* Count of Ca2+ entry and all-or-none LTD commitment (mech/ltd_switch.h):
 *   d count/dt  = (1 - cn_block) (1 - veto a_K) x / (1 + x / K_sat) - count / tau_count,
 *                 x = max(Ca - Ca_rest, 0)
 *   d commit/dt = k_commit H(count) (1 - commit) - commit / tau_commit,
 *                 H = count^n / (count^n + theta^n)
 * and a committed synapse loses slots and receptors at k_rem x commit (mech/trafficking.c);
 * a_K is the CaMKII T286-phosphorylated fraction: Ca2+ that has switched the kinase on counts
 * towards LTP, not LTD.
 * The count is linear in the Ca2+ that entered up to the saturation: the totals of the suite's
 * low-frequency and voltage-clamp pairings order them as the data do, where GB2007's PP1 saturates
 * (docs/model.md, "Why no setting of the expression layer fixes the LTD side").
 * The coincidence term: when glutamate (q quanta, read at NMDARs) reaches a head whose L-type
 * channels still hold its Ca2+ x_L above rest (a bAP a few ms earlier), the count jumps by
 *   gain q S(x_L) A (1 - cn_block) (1 - veto a_K),   S = x_L^n / (x_L^n + K^n),
 * and the supply A drops to A exp(-use q S), recovering as 1 - A decays with tau_rec. Totals
 * of Ca2+ cannot give spike-timing LTD: 60 post->pre pairings bring a seventh of the Ca2+ of
 * 900 pulses at 1 Hz and the same at -40 as at -10 ms; a second coincidence detector, reading
 * VGCC Ca2+ that precedes glutamate, can (Karmarkar & Buonomano 2002; Bender et al. 2006), and
 * Bi & Poo's LTD needs L-type channels and NMDARs (1998) and calcineurin (Wang et al. 2005). */
#include "mech/ltd_switch.h"

#include <math.h>
#include <stddef.h>

#include "mech/ca_scale.h"
#include "mech/kinetics.h"

#define P(field) offsetof(ltp_params, ltd_switch.field)
static const ltp_param_def ltd_switch_table[] = {
    {"k_rem", "1/s", 0.0004, 0, 10,
     "[chosen] with trafficking.k_rem 0.0003 and slots_max_gain 0.95, the first measured "
     "setting that passes 15 cases of the suite (docs/model.md, Calibration choices; "
     "docs/fits/suite_defaults_ltd_switch.json); 0 turns the count off. [M] a committed synapse "
     "loses its surface AMPARs by NMDAR-triggered, "
     "calcineurin/PP1-"
     "dependent endocytosis within ~5-15 min (Beattie et al. 2000; Ehlers 2000)",
     "slot and receptor removal rate of a fully committed synapse", P(k_rem_per_s), NULL},
    {"tau_count", "s", 1200, 1, 1e6,
     "[M] LTD needs hundreds of pulses delivered within ~15 min: 900 at 1 Hz (Dudek & Bear "
     "1992), >= ~300 at 1-3 Hz (Rodrigues et al. 2023's prediction, SCIENCE.md 3.3)",
     "memory of the Ca2+ count", P(tau_count_s), NULL},
    {"count_threshold", "uM s", ON_SPINE_CA_SCALE(7), 0.01, 1e4,
     "[chosen] between the counts of 200 pulses at 2 Hz under clamp at -65 mV (no LTD) and "
     "at -60 mV (LTD) (SCIENCE.md 3.8, Shouval et al. 2002's check) with the baseline test "
     "pulses' share; docs/fits/suite_ltd_switch.json, docs/model.md; 7 uM s on the Ca2+ scale "
     "of kappa_endo 20, x 21/13 here (mech/ca_scale.h)",
     "count at which a synapse is half-way to committing", P(count_threshold_uM_s), NULL},
    {"hill", "1", 16, 1, 64,
     "[M] single synapses depress all-or-none (O'Connor, Wittenberg & Wang 2005): a steep "
     "threshold",
     "Hill coefficient of the commitment in the count", P(hill), NULL},
    {"k_commit", "1/s", 0.05, 0, 100,
     "[M] unitary depression completes within minutes of the induction (O'Connor et al. 2005)",
     "commitment rate past the threshold", P(k_commit_per_s), NULL},
    {"count_saturation", "uM", ON_SPINE_CA_SCALE(1), 0.01, 1e4,
     "[M] the count reads calcineurin, a high-affinity Ca2+-CaM target that is activated at "
     "sub- to low-micromolar Ca2+ and saturates above it (Stemmer & Klee 1994; the value was "
     "not checked at the source): a Ca2+ rise far above ~1 uM (a 0 mV hold's VGCC plateau) "
     "counts little more than one of ~1 uM; 1 uM on the Ca2+ scale of kappa_endo 20, x 21/13 "
     "here (mech/ca_scale.h)",
     "Ca2+ rise over rest at which the count's rate is half its linear value",
     P(count_saturation_uM), NULL},
    {"kinase_veto", "1", 1, 0, 1,
     "[M] CaMKII and the phosphatases compete for the same synapse (Lisman 1989; GB2007's "
     "PP1 dephosphorylates CaMKII): Ca2+ entering while the kinase is switched on drives LTP "
     "(tetanus, pairing at 0 mV, uncaging) and does not count towards LTD",
     "fraction by which the CaMKII T286-phosphorylated fraction suppresses the count",
     P(kinase_veto), NULL},
    {"tau_commit", "s", 1200, 1, 1e6,
     "[M] LFS-LTD develops over ~15-30 min after the train (Dudek & Bear 1992)",
     "lifetime of the commitment", P(tau_commit_s), NULL},
    {"coincidence_gain", "uM s", ON_SPINE_CA_SCALE(3), 0, 1e4,
     "[chosen] spike-timing LTD (Bi & Poo 1998: LTD when the post spike precedes the pre pulse "
     "by up to 20 ms, none beyond 40 ms) needs the count past its threshold after 60 pairings "
     "at -20 ms and far below it at -40 ms: every case of the suite holds for 1.5-5 "
     "(docs/model.md, Calibration choices; values on the Ca2+ scale of kappa_endo 20, x 21/13 "
     "here, mech/ca_scale.h); 0 turns the term off",
     "count added per quantum of glutamate at a saturated L-type Ca2+ sensor and a full supply",
     P(coincidence_gain_uM_s), NULL},
    {"coincidence_k", "uM", ON_SPINE_CA_SCALE(0.15), 1e-4, 1e3,
     "[chosen] above the L-type Ca2+ that glutamate finds in the head without a preceding spike "
     "(0.008 uM at a -65 mV hold, 0.05 at -55 mV, 0.10 uM in a 100 Hz train without spikes) and "
     "about that left by a bAP 20 ms earlier (0.21 uM; 0.48 after 10 ms); 0.15 uM x 21/13 "
     "(mech/ca_scale.h); 0.1-0.2 uM x 21/13 pass alike (docs/model.md)",
     "L-type Ca2+ over rest at which the sensor is half active", P(coincidence_k_uM), NULL},
    {"coincidence_hill", "1", 4, 1, 16,
     "[M] a CaM-like sensor with four cooperative Ca2+ sites; 2-8 pass alike (docs/model.md)",
     "Hill coefficient of the L-type Ca2+ sensor", P(coincidence_hill), NULL},
    {"coincidence_use", "1", 3, 0, 100,
     "[chosen] post->pre pairing depresses at low rates but not within bursts, where LTP wins "
     "(Sjostrom, Turrigiano & Nelson 2001 [V: abstract]): a strong train with somatic spikes "
     "uses the supply up within a few pulses; 3-10 keep every case (1: the anisomycin arm "
     "depresses after the second train, docs/model.md)",
     "supply used per quantum at a saturated sensor (the exponent of the fraction left)",
     P(coincidence_use), NULL},
    {"coincidence_tau_rec", "s", 1, 1e-3, 1e4,
     "[chosen] back within the 1 s between Bi & Poo's pairings, not within the 10 ms of a "
     "100 Hz train; 0.3-3 s pass alike (docs/model.md)",
     "recovery time of the supply", P(coincidence_tau_rec_s), NULL},
};
#undef P

const ltp_mech_def ltd_switch_mech = {"ltd_switch",
                                      "Count of spine Ca2+ entry and all-or-none LTD commitment",
                                      ltd_switch_table, LTP_COUNT(ltd_switch_table)};

/* The part of the Ca2+ that counts: none with calcineurin blocked, and none that arrives while
 * CaMKII is switched on (with the full veto). */
static double counted_fraction(const ltd_switch_params *p, double calcineurin_block,
                               double kinase) {
  return (1.0 - calcineurin_block) * (1.0 - p->kinase_veto * kinase);
}

double ltd_switch_count_rhs(const ltd_switch_params *p, double count_uM_s, double ca_uM,
                            double ca_rest_uM, double calcineurin_block, double kinase) {
  const double excess_uM = ca_uM > ca_rest_uM ? ca_uM - ca_rest_uM : 0.0;
  const double counted = counted_fraction(p, calcineurin_block, kinase);
  return 1e-3 * (counted * excess_uM / (1.0 + excess_uM / p->count_saturation_uM) -
                 count_uM_s / p->tau_count_s);
}

void ltd_coincidence_supply_init(ltd_coincidence_supply *s) {
  s->available = 1.0;
  s->t_ms = -INFINITY;
}

double ltd_switch_coincidence_uM_s(const ltd_switch_params *p, ltd_coincidence_supply *supply,
                                   double t_ms, const ltd_coincidence_input *in) {
  /* recovery since the last arrival, exactly: 1 - available decays with tau_rec */
  const double available =
      gate_step(supply->available, 1.0, 1e3 * p->coincidence_tau_rec_s, t_ms - supply->t_ms);
  /* the glutamate is read where it binds NMDARs: AP5 takes it away (Bi & Poo 1998) */
  const double quanta = in->quanta * (1.0 - in->nmda_block);
  const double sensor = hill_activation(in->ca_ltype_uM, p->coincidence_k_uM, p->coincidence_hill);
  const double jump = p->coincidence_gain_uM_s * quanta * sensor * available *
                      counted_fraction(p, in->calcineurin_block, in->kinase);
  supply->available = available * exp(-p->coincidence_use * quanta * sensor);
  supply->t_ms = t_ms;
  return jump;
}

static double commit_drive(const ltd_switch_params *p, double count_uM_s) {
  return hill_activation(count_uM_s, p->count_threshold_uM_s, p->hill);
}

double ltd_switch_commit_rhs(const ltd_switch_params *p, double commit, double count_uM_s) {
  return 1e-3 * (p->k_commit_per_s * commit_drive(p, count_uM_s) * (1.0 - commit) -
                 commit / p->tau_commit_s);
}

double ltd_switch_removal_per_s(const ltd_switch_params *p, double commit) {
  return p->k_rem_per_s * commit;
}

double ltd_switch_stiffness_per_ms(const ltd_switch_params *p, double count_uM_s) {
  const double count = 1.0 / p->tau_count_s;
  const double commit = p->k_commit_per_s * commit_drive(p, count_uM_s) + 1.0 / p->tau_commit_s;
  return 1e-3 * fmax(count, commit);
}
