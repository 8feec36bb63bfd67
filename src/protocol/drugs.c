/* The drug and bath tables and their application as timed parameter changes. Tags as in
 * SCIENCE.md: [V] read in the primary source, [S] read in a secondary source quoting it,
 * [C] computed from such a value, [M] not verified. */
#include "protocol/drugs.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/units.h"
#include "mech/kinetics.h"
#include "mech/registry.h"

const ltp_drug_def ltp_drug_table[] = {
    {"AP5", "D-AP5,APV,D-APV", "nmda.block", LTP_DRUG_ANTAGONIST, 3.7, 1, "uM", "50 uM",
     "competitive NMDA-receptor antagonist (glutamate site)",
     "IC50 3.7 +- 0.32 uM against 40 uM NMDA, rat cortical wedge (Lodge et al. 1988 Br J "
     "Pharmacol 95:957) [S: quoted by a vendor page]; competitive, so the effective IC50 at a "
     "synapse depends on glutamate. 50 uM D-AP5 blocks CA1 LTP (Collingridge et al. 1983) [M]"},
    {"CNQX", "FG9065", "ampa.block", LTP_DRUG_ANTAGONIST, 0.3, 1, "uM", "10 uM",
     "competitive AMPA/kainate-receptor antagonist",
     "IC50 0.3 uM at AMPA receptors (Honore et al. 1988 Science 241:701) [S: quoted by a vendor "
     "page; another quotes 0.4 uM]; 10 uM abolishes the SC field EPSP in 1 mM Mg2+ (Blake et al. "
     "1988 Neurosci Lett 89:182) [V: abstract]"},
    {"KN62", "KN-62", "camkii.kinase_block", LTP_DRUG_ANTAGONIST, 0.9, 1, "uM", "10 uM",
     "CaMKII inhibitor, competitive with Ca2+/CaM (does not stop already autonomous kinase)",
     "Ki 0.9 uM (Tokumitsu et al. 1990 J Biol Chem 265:4315) [M] not verified; mechanism "
     "(competes with Ca2+/CaM) [S: Pellicena & Schulman 2014 Front Pharmacol 5:21 and vendor "
     "summaries]"},
    {"FK506", "FK-506,tacrolimus", "camkii.calcineurin_block", LTP_DRUG_ANTAGONIST, 0.001, 1, "uM",
     "1 uM", "calcineurin inhibitor (as the FKBP12-FK506 complex)",
     "IC50 ~1 nM for calcineurin-dependent signalling [M] not verified; FK506 up to 100x more "
     "potent than cyclosporin A [S: vendor summary]; at the uM doses of LTD studies (Mulkey et al. "
     "1994) the block is essentially complete"},
    {"cyclosporin", "cyclosporin A,cyclosporine,ciclosporin,CsA", "camkii.calcineurin_block",
     LTP_DRUG_ANTAGONIST, 0.03, 1, "uM", "1 uM",
     "calcineurin inhibitor (as the cyclophilin-cyclosporin complex)",
     "IC50 ~30 nM for calcineurin-dependent signalling [M] not verified; ~100x weaker than FK506 "
     "[S: vendor summary]"},
    {"nimodipine", "", "vgcc.l_block", LTP_DRUG_ANTAGONIST, 1.0, 1, "uM", "10 uM",
     "dihydropyridine L-type Ca2+-channel blocker",
     "IC50 ~1 uM for neuronal L-type current (voltage-dependent: lower at depolarised holding "
     "potentials) [M] not verified; < 10 uM is mainly L-type selective, > 10 uM also blocks "
     "R-type (Oh 2001 Korean J Physiol Pharmacol 5:511) [V: abstract]; 10 uM abolishes culture "
     "STDP-LTD (Bi & Poo 1998) [V: abstract]"},
    {"anisomycin", "ANI", "late.synthesis_block", LTP_DRUG_ANTAGONIST, 3.5, 1, "uM", "20 uM",
     "protein-synthesis (translation) inhibitor",
     "IC50 <= 3.5 uM [C]: 20 uM blocks [3H]leucine incorporation in hippocampal slices by at "
     "least 85 % (Frey, Krug, Reymann & Matthies 1988 Brain Res 452:57) [V: abstract], and a "
     "Hill curve with n = 1 through 85 % at 20 uM gives 3.5 uM"},
    {"BAPTA", "", "calcium.kappa_exo", LTP_DRUG_BUFFER, 0.2, 1, "mM", "10 mM",
     "fast intracellular Ca2+ buffer (through the pipette)",
     "Kd 0.2 uM, kon 5e8 /M/s (Tsien 1980; 'a range of reported values, though 0.2 uM appears "
     "consistently') [S: Wikipedia BAPTA]; buffer capacity [B]/Kd for [Ca] << Kd (Neher & "
     "Augustine 1992 J Physiol 450:273) [M]"},
    {"EGTA", "", "calcium.kappa_exo", LTP_DRUG_BUFFER, 0.16, 1, "mM", "20 mM",
     "slow intracellular Ca2+ buffer (through the pipette)",
     "Kd ~0.16 uM at pH 7.2 [C]: apparent K 1.0e6 /M at pH 6.8, 20 C, I = 0.114 (J Biochem "
     "murexide/stopped-flow study, Harafuji & Ogawa 1980 [M: attribution]) [S: abstract], times "
     "10^(2 x 0.4) for two protons between pH 6.8 and 7.2 [M]. EGTA binds slowly (kon 1.4-3e6 "
     "/M/s at pH 6.8 [S: same abstract]), so c/Kd overstates its effect on fast spine transients"},
};
const size_t ltp_drug_count = LTP_COUNT(ltp_drug_table);

const ltp_bath_def ltp_bath_table[] = {
    {"mg_o", "nmda.mg_o", "extracellular Mg2+ (Mg2+-free ACSF: 0 mM)"},
    {"ca_o", "calcium.ca_o", "extracellular Ca2+ (release and spine Ca2+ influx)"},
};
const size_t ltp_bath_count = LTP_COUNT(ltp_bath_table);

/* Compare names ignoring case, '-' and blanks. */
static int loose_equal(const char *a, size_t na, const char *b, size_t nb) {
  size_t i = 0, j = 0;
  for (;;) {
    while (i < na && (a[i] == '-' || a[i] == ' '))
      i++;
    while (j < nb && (b[j] == '-' || b[j] == ' '))
      j++;
    if (i == na || j == nb)
      return i == na && j == nb;
    char x = a[i], y = b[j];
    if (x >= 'A' && x <= 'Z')
      x = (char)(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z')
      y = (char)(y - 'A' + 'a');
    if (x != y)
      return 0;
    i++, j++;
  }
}

static int matches_drug(const ltp_drug_def *d, const char *name) {
  const size_t n = strlen(name);
  if (loose_equal(d->name, strlen(d->name), name, n))
    return 1;
  for (const char *s = d->aliases; *s;) {
    size_t len = strcspn(s, ",");
    if (len > 0 && loose_equal(s, len, name, n))
      return 1;
    s += len + (s[len] == ',');
  }
  return 0;
}

const ltp_drug_def *ltp_drug_lookup(const char *name) {
  if (name == NULL)
    return NULL;
  for (size_t i = 0; i < ltp_drug_count; i++)
    if (matches_drug(&ltp_drug_table[i], name))
      return &ltp_drug_table[i];
  return NULL;
}

double ltp_drug_effect(const ltp_drug_def *d, double conc_uM) {
  if (conc_uM <= 0)
    return 0;
  if (d->model == LTP_DRUG_BUFFER)
    return conc_uM / d->k_uM;
  return hill_activation(conc_uM, d->k_uM, d->hill);
}

static const char *join_names(const char *const *names, size_t stride_n, char *buf, size_t len) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < stride_n && used < len; i++) {
    int k = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", names[i]);
    if (k < 0)
      break;
    used += (size_t)k;
  }
  return buf;
}

const char *ltp_drug_names(char *buf, size_t len) {
  const char *names[LTP_COUNT(ltp_drug_table)];
  for (size_t i = 0; i < ltp_drug_count; i++)
    names[i] = ltp_drug_table[i].name;
  return join_names(names, ltp_drug_count, buf, len);
}

const ltp_bath_def *ltp_bath_lookup(const char *name) {
  if (name == NULL)
    return NULL;
  for (size_t i = 0; i < ltp_bath_count; i++)
    if (strcmp(ltp_bath_table[i].name, name) == 0)
      return &ltp_bath_table[i];
  return NULL;
}

const char *ltp_bath_names(char *buf, size_t len) {
  const char *names[LTP_COUNT(ltp_bath_table)];
  for (size_t i = 0; i < ltp_bath_count; i++)
    names[i] = ltp_bath_table[i].name;
  return join_names(names, ltp_bath_count, buf, len);
}

/* One application of value to the parameter `key`, and its mark. */
static ltp_status apply(ltp_protocol *p, const char *key, int mode, double value, double t0_ms,
                        double t1_ms, const char *label, const char *mark, const char *origin,
                        ltp_error *err) {
  const ltp_param_def *d = ltp_param_lookup(key, NULL);
  if (d == NULL)
    return ltp_error_set(err, LTP_ERR_ARG, "%s: the model has no parameter %s", label, key);
  ltp_application a;
  memset(&a, 0, sizeof a);
  a.t0_ms = t0_ms;
  a.t1_ms = t1_ms;
  a.param_offset = d->offset;
  a.value = value;
  a.mode = (uint8_t)mode;
  snprintf(a.label, sizeof a.label, "%s", label);
  snprintf(a.origin, sizeof a.origin, "%s", origin ? origin : "");
  ltp_status st = ltp_protocol_add_application(p, &a, err);
  if (st != LTP_OK)
    return st;
  double end = isfinite(t1_ms) ? t1_ms : (p->t_end_ms > t0_ms ? p->t_end_ms : t0_ms);
  return ltp_protocol_add_mark(p, t0_ms, end, mark, err);
}

ltp_status ltp_drug_apply(ltp_protocol *p, const ltp_drug_def *d, double conc_uM, double t0_ms,
                          double t1_ms, const char *origin, ltp_error *err) {
  if (!isfinite(conc_uM) || conc_uM <= 0)
    return ltp_error_set(err, LTP_ERR_RANGE, "%s%s%s concentration %g uM must be positive",
                         origin ? origin : "", origin ? ": " : "", d->name, conc_uM);
  double factor = 1, offset = 0;
  ltp_unit_factor("uM", d->conc_unit, &factor, &offset, NULL, 0);
  char label[48];
  snprintf(label, sizeof label, "%s %g %s", d->name, conc_uM * factor, d->conc_unit);
  const int mode = d->model == LTP_DRUG_BUFFER ? LTP_APPLY_ADD : LTP_APPLY_BLOCK;
  return apply(p, d->target, mode, ltp_drug_effect(d, conc_uM), t0_ms, t1_ms, label, d->name,
               origin, err);
}

ltp_status ltp_bath_apply(ltp_protocol *p, const ltp_bath_def *b, double value, double t0_ms,
                          double t1_ms, const char *origin, ltp_error *err) {
  const ltp_param_def *d = ltp_param_lookup(b->target, NULL);
  if (d == NULL)
    return ltp_error_set(err, LTP_ERR_ARG, "bath %s: the model has no parameter %s", b->name,
                         b->target);
  char label[48], text[32];
  snprintf(label, sizeof label, "%s %s", b->name,
           ltp_param_format_value(d, value, text, sizeof text));
  return apply(p, b->target, LTP_APPLY_SET, value, t0_ms, t1_ms, label, label, origin, err);
}
