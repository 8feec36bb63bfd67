/* The family table. The files are the validation protocols (docs/validation.md), so a family
 * sweep reproduces the published curve the suite checks, at more points. */
#include "sweep/family.h"

#include <string.h>

#include "core/param.h"

static const ltp_sweep_family families[] = {
    {"frequency_response",
     "frequency_response.exp",
     {"rate=1,3,5,10,50 Hz", NULL},
     "Dudek & Bear 1992: 900 pulses at each rate, potentiation 60 min after the train onset"},
    {"stdp_window",
     "stdp.exp",
     {"delay=lin:-100:100:21 ms", NULL},
     "Bi & Poo 1998: 60 pre/post pairs at 1 Hz, pre-to-post delay -100..+100 ms, read at 30 min"},
    {"mg_dose",
     "field_ltp.exp",
     {"nmda.mg_o=lin:0:4:9 mM", NULL},
     "[Mg2+]o 0-4 mM dose-response of field LTP after one 100 Hz x 1 s tetanus (5, 60 min)"},
    {"ca_dose",
     "field_ltp.exp",
     {"calcium.ca_o=lin:0.5:4:8 mM", NULL},
     "[Ca2+]o 0.5-4 mM dose-response of field LTP after one 100 Hz x 1 s tetanus (5, 60 min)"},
};

const ltp_sweep_family *ltp_sweep_families(size_t *n) {
  *n = LTP_COUNT(families);
  return families;
}

const ltp_sweep_family *ltp_sweep_family_find(const char *name) {
  for (size_t i = 0; name != NULL && i < LTP_COUNT(families); ++i)
    if (strcmp(families[i].name, name) == 0)
      return &families[i];
  return NULL;
}
