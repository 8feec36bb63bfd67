/* Which cell the synapses sit on: the compartmental CA1 cell with the mechanistic cascade
 * (cell/cable.c, engine/sim.c), or a point leaky integrate-and-fire cell with lumped synapses
 * and a reduced plasticity rule (cell/lif.c, engine/batch.c). */
#ifndef LTP_CELL_CELL_MODEL_H
#define LTP_CELL_CELL_MODEL_H

#include "core/param.h"
#include "mech/model_params.h"

extern const ltp_mech_def cell_model_mech;

enum { CELL_MODEL_CABLE = 0, CELL_MODEL_POINT_LIF = 1 };

static inline int ltp_cell_is_point(const ltp_params *p) {
  return (int)p->cell.model == CELL_MODEL_POINT_LIF;
}

#endif
