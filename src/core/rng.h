/* Counter-based random numbers (Random123 Philox4x32-10): a draw depends only on
 * (seed, stream id, draw index), never on thread, rank or call order (Salmon et al. 2011). */
#ifndef LTP_CORE_RNG_H
#define LTP_CORE_RNG_H

#include <stdint.h>

/* Uniform double in (0,1) for (seed, stream, index). */
double ltp_rng_uniform(uint64_t seed, uint64_t stream, uint64_t index);
/* Binomial(n, p) draw by n Bernoulli trials using draws index*n .. index*n+n-1 of the
 * stream: n is a handful of release sites or channels, so inversion by trials is exact
 * and cheap. */
unsigned ltp_rng_binomial(uint64_t seed, uint64_t stream, uint64_t index, unsigned n, double p);

#endif
