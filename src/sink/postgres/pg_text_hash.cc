#include "sink/postgres/pg_text_hash.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace gb {
namespace {

struct State {
  uint32_t a, b, c;

  void Mix() {
    a -= c, a ^= std::rotl(c, 4), c += b;
    b -= a, b ^= std::rotl(a, 6), a += c;
    c -= b, c ^= std::rotl(b, 8), b += a;
    a -= c, a ^= std::rotl(c, 16), c += b;
    b -= a, b ^= std::rotl(a, 19), a += c;
    c -= b, c ^= std::rotl(b, 4), b += a;
  }

  void Final() {
    c ^= b, c -= std::rotl(b, 14);
    a ^= c, a -= std::rotl(c, 11);
    b ^= a, b -= std::rotl(a, 25);
    c ^= b, c -= std::rotl(b, 16);
    a ^= c, a -= std::rotl(c, 4);
    b ^= a, b -= std::rotl(a, 14);
    c ^= b, c -= std::rotl(b, 24);
  }
};

// Little-endian word of up to 4 bytes from `p`.
uint32_t Word(const unsigned char* p, size_t n) {
  uint32_t w = 0;
  for (size_t i = 0; i < n; ++i) w |= uint32_t{p[i]} << (8 * i);
  return w;
}

// The same for a whole word: one load on a little-endian machine.
uint32_t FullWord(const unsigned char* p) {
  if constexpr (std::endian::native == std::endian::little) {
    uint32_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
  } else {
    return Word(p, 4);
  }
}

}  // namespace

// The server reads the bytes as little-endian words (x86 and ARM servers
// alike); the tail's bytes go to a, b, then c from its second byte on (c's
// lowest byte stands for the length, added at the start).
int64_t PgTextHash(std::string_view bytes, uint64_t seed) {
  const auto* k = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t len = bytes.size();
  const uint32_t init = 0x9e3779b9u + static_cast<uint32_t>(len) + 3923095u;
  State s{init, init, init};
  if (seed != 0) {  // the seed as a first 12-byte chunk: its halves and 4 zero bytes
    s.a += static_cast<uint32_t>(seed >> 32);
    s.b += static_cast<uint32_t>(seed);
    s.Mix();
  }
  for (; len >= 12; k += 12, len -= 12) {
    s.a += FullWord(k);
    s.b += FullWord(k + 4);
    s.c += FullWord(k + 8);
    s.Mix();
  }
  s.a += Word(k, std::min<size_t>(len, 4));
  if (len > 4) s.b += Word(k + 4, std::min<size_t>(len - 4, 4));
  if (len > 8) s.c += Word(k + 8, len - 8) << 8;
  s.Final();
  return static_cast<int64_t>((uint64_t{s.b} << 32) | s.c);
}

}  // namespace gb
