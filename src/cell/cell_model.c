/* The cell-model choice as a one-row parameter table, so that `cell = "point_lif";` in an
 * experiment, `--set cell.model=point_lif` and `ltpsim params` treat it like any parameter. */
#include "cell/cell_model.h"

#include <stddef.h>

static const char *const cell_models[] = {"cable", "point_lif", NULL};

static const ltp_param_def cell_model_table[] = {
    {"model", "choice", CELL_MODEL_CABLE, 0, 1,
     "ltpsim: cable = soma, dendrite and spines with the signalling cascade (the CA1 model); "
     "point_lif = Brunel & Wang 2001 point cell with lumped synapses and a reduced rule "
     "(docs/point-model.md)",
     "cell the synapses sit on", offsetof(ltp_params, cell.model), cell_models},
};

const ltp_mech_def cell_model_mech = {"cell", "Cell model: compartmental (cable) or point LIF",
                                      cell_model_table, LTP_COUNT(cell_model_table)};
