/* Numerical settings of the engine, as a parameter table like any mechanism. */
#ifndef LTP_ENGINE_NUMERICS_H
#define LTP_ENGINE_NUMERICS_H

#include "core/param.h"

extern const ltp_mech_def numerics_mech;

#endif
