/* CaMKII bound at the synapse's GluN2B (mech/glun2b.h). Activated CaMKII binds the NMDAR's
 * GluN2B subunit, which recruits it to the synapse being potentiated and locks it active
 * (Bayer et al. 2001, Nature 411:801; Halt et al. 2012, EMBO J 31:1203 [V: abstract]: mice whose
 * CaMKII cannot bind GluN2B lose half their LTP and CaMKII's phosphorylation of GluA1). The
 * binding needs Ca2+ that enters through the NMDARs themselves: with Ca2+-impermeable NMDARs,
 * NMDA raised the cell's Ca2+ as much as in the wild type and CaMKII did not translocate
 * (Thalhammer, Rudhard, Tigaret, Volynski, Rusakov & Schoepfer 2006 [V: abstract]). So Ca2+ from
 * VGCCs alone (a 0 mV hold, a bAP under AP5) can switch the spine's CaMKII but leaves the synapse
 * unbound, and its AMPARs as they were: pairing LTP and spike-timing LTP need NMDARs
 * (SCIENCE.md 3.8, 3.9; Bi & Poo 1998). The synapse's expression (slots, S831), its tag, the
 * retrograde messenger (nNOS is bound to PSD-95 next to the NMDARs, Sattler et al. 1999 [M]) and
 * the enlargement pool read the bound kinase; the LTD count's kinase veto reads the spine's a_K, as
 * before. Bound CaMKII stays while it is autophosphorylated and leaves within minutes once it is
 * not (translocation reverses within minutes after brief stimulation and persists after strong
 * stimulation: Shen & Meyer 1999, Science 284:162 [M]). */
#include "mech/glun2b.h"

#include <stddef.h>

#include "mech/kinetics.h"

#define P(field) offsetof(ltp_params, glun2b.field)
static const ltp_param_def glun2b_table[] = {
    {"k_bind", "1/s", 50, 0, 1e4,
     "[chosen] a pairing's or a train's NMDAR Ca2+ binds most of the kinase within a few "
     "events, while the 7 % of the NMDAR current that 50 uM AP5 leaves binds almost none "
     "(docs/model.md, Calibration choices: every case holds from 20 to 200/s); 0 turns the gate "
     "off",
     "binding rate at a saturated NMDAR Ca2+ sensor", P(k_bind_per_s), NULL},
    {"k_nmda", "uM", 0.5, 1e-3, 1e3,
     "[chosen] above the NMDAR-borne Ca2+ of a test pulse (peak 0.34 uM) and below that of "
     "pre->post pairing (0.46-0.51 uM at +20/+10 ms) and of a 0 mV pairing (0.97 uM); AP5 "
     "leaves 0.035-0.07 uM (validation/stdp.exp, vc_pairing.exp traced, column nmda_ca); every "
     "case holds from 0.4 to 0.6 uM",
     "NMDAR-borne Ca2+ over rest at which binding runs at half its rate", P(k_nmda_uM), NULL},
    {"hill", "1", 8, 1, 16,
     "[chosen] Ca2+-CaM (four cooperative sites) activates the binding (Bayer et al. 2001) and, "
     "as GB2007's initiation does, two CaM-bound subunits: 4 x 2; every case holds from 6 to 12",
     "Hill coefficient of the binding's NMDAR Ca2+ sensor", P(hill), NULL},
    {"tau_unbind", "s", 60, 0.1, 1e5,
     "[M] translocation reverses within minutes after brief stimulation (Shen & Meyer 1999); "
     "30-60 s keep every case, 120 s leaves the kinase that baseline test pulses bound at the "
     "synapse through the 5 min of AP5 before a pairing (docs/model.md)",
     "time constant with which unphosphorylated bound kinase leaves", P(tau_unbind_s), NULL},
};
#undef P

const ltp_mech_def glun2b_mech = {"glun2b",
                                  "CaMKII bound at the synapse's GluN2B: binds with NMDAR-borne "
                                  "Ca2+, drives the synapse's expression",
                                  glun2b_table, LTP_COUNT(glun2b_table)};

static double nmda_sensor(const glun2b_params *p, double ca_nmda_uM) {
  return ca_nmda_uM > 0.0 ? hill_activation(ca_nmda_uM, p->k_nmda_uM, p->hill) : 0.0;
}

double glun2b_bound_rhs(const glun2b_params *p, double bound, double unphosphorylated,
                        double ca_nmda_uM) {
  return 1e-3 * (p->k_bind_per_s * nmda_sensor(p, ca_nmda_uM) * (1.0 - bound) -
                 bound * unphosphorylated / p->tau_unbind_s);
}

double glun2b_drive(const glun2b_params *p, double bound, double t286, double t286_rest) {
  if (p->k_bind_per_s <= 0.0)
    return t286;
  return t286 > t286_rest ? t286_rest + bound * (t286 - t286_rest) : t286;
}

double glun2b_stiffness_per_ms(const glun2b_params *p, double ca_nmda_uM) {
  return 1e-3 * (p->k_bind_per_s * nmda_sensor(p, ca_nmda_uM) + 1.0 / p->tau_unbind_s);
}
