/* The CaMKII-PP1 switch alone at constant Ca2+, integrated with CVODE (BDF, dense, tight
 * tolerances): steady states and switching of the Graupner-Brunel model without the rest of
 * the synapse, for bistability diagrams (tests/test_camkii.c, ltpsim validate). */
#ifndef LTP_ENGINE_SETTLE_H
#define LTP_ENGINE_SETTLE_H

#include "core/status.h"
#include "mech/camkii.h"

/* Advance the CAMKII_N_STATE values y by duration_ms at constant free Ca2+ ca_uM. */
ltp_status ltp_camkii_integrate(const camkii_params *p, double ca_uM, double *y, double duration_ms,
                                ltp_error *err);

#endif
