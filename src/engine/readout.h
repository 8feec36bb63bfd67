/* Readout analysis: normalise each test pulse to the baseline and report potentiation at the
 * protocol's readout times, split by expression mechanism. */
#ifndef LTP_ENGINE_READOUT_H
#define LTP_ENGINE_READOUT_H

#include "engine/recorder.h"
#include "protocol/protocol.h"

ltp_status ltp_results_analyse(ltp_results *res, const ltp_protocol *proto, ltp_error *err);

#endif
