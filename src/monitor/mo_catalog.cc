#include "monitor/mo_catalog.h"

#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>

namespace gb {
namespace {

constexpr uint32_t kMagic = 0x950412de;
constexpr uint32_t kSwappedMagic = 0xde120495;

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  std::optional<uint32_t> Word(size_t offset) const {
    if (offset + 4 > bytes_.size()) return std::nullopt;
    uint32_t w = 0;
    for (int i = 0; i < 4; ++i) {
      uint32_t b = static_cast<unsigned char>(bytes_[offset + i]);
      w |= swapped_ ? b << (8 * (3 - i)) : b << (8 * i);
    }
    return w;
  }
  void Swap() { swapped_ = true; }

  // The string described by the (length, offset) pair at `entry`.
  std::optional<std::string_view> Text(size_t entry) const {
    auto length = Word(entry);
    auto offset = Word(entry + 4);
    if (!length || !offset || *offset > bytes_.size() || *length > bytes_.size() - *offset) {
      return std::nullopt;
    }
    return bytes_.substr(*offset, *length);
  }

 private:
  std::string_view bytes_;
  bool swapped_ = false;
};

}  // namespace

std::unique_ptr<const MoCatalog> MoCatalog::Parse(std::string_view bytes) {
  Reader r(bytes);
  auto magic = r.Word(0);
  if (magic == kSwappedMagic) r.Swap();
  if (!magic || (*magic != kMagic && *magic != kSwappedMagic)) return nullptr;
  auto count = r.Word(8);
  auto originals = r.Word(12);
  auto translations = r.Word(16);
  if (!count || !originals || !translations) return nullptr;
  auto catalog = std::make_unique<MoCatalog>();
  for (uint32_t i = 0; i < *count; ++i) {
    auto msgid = r.Text(*originals + 8 * size_t{i});
    auto msgstr = r.Text(*translations + 8 * size_t{i});
    if (!msgid || !msgstr) return nullptr;
    // A plural entry is "singular\0plural" -> "form0\0form1": keyed by the singular.
    std::string_view key = msgid->substr(0, msgid->find('\0'));
    std::string_view text = msgstr->substr(0, msgstr->find('\0'));
    if (key.empty() || text.empty()) continue;  // the header; an untranslated entry
    catalog->texts_.emplace(std::string(key), std::string(text));
  }
  return catalog;
}

std::unique_ptr<const MoCatalog> MoCatalog::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return Parse(bytes.str());
}

const std::string* MoCatalog::Find(std::string_view msgid) const {
  auto it = texts_.find(std::string(msgid));
  return it == texts_.end() ? nullptr : &it->second;
}

}  // namespace gb
