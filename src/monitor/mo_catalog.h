// A gettext .mo file read into memory: the page of `watch --http` answers each
// browser in its own language, and gettext's language is process-wide
// (setlocale), so per-request translations look up this table instead.
// Format: magic 0x950412de (either byte order), count, offsets of the original
// and translated string tables (length + offset pairs).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace gb {

class MoCatalog {
 public:
  // Null when the file is missing or not a well-formed .mo.
  static std::unique_ptr<const MoCatalog> Load(const std::string& path);
  static std::unique_ptr<const MoCatalog> Parse(std::string_view bytes);

  // The translation of `msgid`, or null (untranslated: the caller keeps the msgid).
  const std::string* Find(std::string_view msgid) const;
  size_t size() const { return texts_.size(); }

 private:
  std::unordered_map<std::string, std::string> texts_;
};

}  // namespace gb
