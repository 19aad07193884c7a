#include "sim/sim_ids.h"

#include "sim/sim_hash.h"

namespace gb::sim {
namespace {

constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr uint64_t kOdd1 = 0x9e3779b97f4a7c15ULL | 1;
constexpr uint64_t kOdd2 = 0xd6e8feb86659fd93ULL | 1;
constexpr int kBodyChars = 11;  // 62^11 > 2^64
constexpr int kTailChars = 5;

// Multiplicative inverse modulo 2^64 (Newton's iteration).
constexpr uint64_t Inverse(uint64_t a) {
  uint64_t x = a;
  for (int i = 0; i < 6; ++i) x *= 2 - a * x;
  return x;
}

uint64_t Scramble(uint64_t x, uint64_t key) {
  uint64_t y = (x + key) * kOdd1;
  y ^= y >> 32;
  return y * kOdd2;
}

uint64_t Unscramble(uint64_t y, uint64_t key) {
  y *= Inverse(kOdd2);
  y ^= y >> 32;
  return y * Inverse(kOdd1) - key;
}

void AppendBase62(uint64_t v, int chars, std::string* out) {
  char buf[16];
  for (int i = chars - 1; i >= 0; --i) {
    buf[i] = kBase62[v % 62];
    v /= 62;
  }
  out->append(buf, chars);
}

}  // namespace

IdCodec::IdCodec(std::string prefix, uint64_t key) : prefix_(std::move(prefix)), key_(key) {}

std::string IdCodec::Encode(uint64_t index) const {
  uint64_t body = Scramble(index, key_);
  std::string id = prefix_;
  AppendBase62(body, kBodyChars, &id);
  AppendBase62(Mix64(body ^ key_), kTailChars, &id);
  return id;
}

std::optional<uint64_t> IdCodec::Decode(std::string_view id) const {
  if (id.size() != prefix_.size() + kBodyChars + kTailChars ||
      id.substr(0, prefix_.size()) != prefix_) {
    return std::nullopt;
  }
  unsigned __int128 body = 0;
  for (int i = 0; i < kBodyChars; ++i) {
    auto pos = kBase62.find(id[prefix_.size() + i]);
    if (pos == std::string_view::npos) return std::nullopt;
    body = body * 62 + pos;
  }
  if (body > UINT64_MAX) return std::nullopt;
  uint64_t index = Unscramble(static_cast<uint64_t>(body), key_);
  if (Encode(index) != id) return std::nullopt;
  return index;
}

}  // namespace gb::sim
