/* Physical constants (CODATA 2018), shared by the mechanisms that need them. */
#ifndef LTP_CORE_CONSTANTS_H
#define LTP_CORE_CONSTANTS_H

#define LTP_FARADAY_C_PER_MOL 96485.332 /* F (96485.33212), as the calcium pool has used it */
#define LTP_GAS_CONSTANT_J_PER_MOL_K 8.314462618 /* R */
#define LTP_KELVIN_AT_0_C 273.15

#endif
