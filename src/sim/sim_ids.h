// Realistic opaque ids (cli_…, ins_…, usr_…, inv_…, est_…: prefix + 16
// base62 characters) that still decode back to the index they encode, so a
// filter like clientId needs no lookup table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gb::sim {

class IdCodec {
 public:
  IdCodec(std::string prefix, uint64_t key);
  std::string Encode(uint64_t index) const;
  std::optional<uint64_t> Decode(std::string_view id) const;

 private:
  std::string prefix_;
  uint64_t key_;
};

}  // namespace gb::sim
