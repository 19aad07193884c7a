// Stateless deterministic randomness: every value of the dataset is a pure
// function of (seed, index, purpose), so content is generated on demand and
// the same seed always gives the same bytes.
#pragma once

#include <cstdint>

namespace gb::sim {

inline uint64_t Mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

inline uint64_t Hash(uint64_t seed, uint64_t a, uint64_t purpose = 0) {
  return Mix64(seed ^ Mix64(a ^ Mix64(purpose + 0x51ed27)));
}

// Uniform in [0, 1).
inline double Unit(uint64_t h) { return static_cast<double>(h >> 11) * 0x1.0p-53; }

inline uint64_t Below(uint64_t h, uint64_t n) { return n == 0 ? 0 : h % n; }

}  // namespace gb::sim
