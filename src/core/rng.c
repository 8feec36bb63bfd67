/* Philox-based counter RNG (Random123, Debian librandom123-dev). */
#include "core/rng.h"

#include <Random123/philox.h>

double ltp_rng_uniform(uint64_t seed, uint64_t stream, uint64_t index) {
  philox4x32_key_t key = {{(uint32_t)seed, (uint32_t)(seed >> 32)}};
  philox4x32_ctr_t ctr = {
      {(uint32_t)index, (uint32_t)(index >> 32), (uint32_t)stream, (uint32_t)(stream >> 32)}};
  philox4x32_ctr_t r = philox4x32(ctr, key);
  /* 53 random bits -> (0,1): add half an ulp so 0 is never returned. */
  uint64_t bits = ((uint64_t)r.v[0] << 21) ^ (uint64_t)r.v[1];
  bits &= (UINT64_C(1) << 53) - 1;
  return ((double)bits + 0.5) / 9007199254740992.0;
}

unsigned ltp_rng_binomial(uint64_t seed, uint64_t stream, uint64_t index, unsigned n, double p) {
  unsigned k = 0;
  for (unsigned i = 0; i < n; ++i)
    if (ltp_rng_uniform(seed, stream, index * (uint64_t)n + i) < p)
      ++k;
  return k;
}
