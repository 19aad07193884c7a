// Reads a file line by line through one large buffer: no copy and no stream
// call per line, newlines found with memchr. Every unit of a `run
// --from-file` sweeps the whole dump, so reading is the file source's main
// cost. Memory: one buffer (1 MiB by default, or the longest line), whatever
// the file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gb {

class LineReader {
 public:
  // Opens `path` at byte `offset`; ok() is false when it cannot be read (errno set).
  LineReader(const std::string& path, int64_t offset, size_t buffer_bytes = size_t{1} << 20);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  bool ok() const { return fd_ >= 0 && !failed_; }

  // The next line, without its '\n' (and a trailing '\r'); false at the end
  // or on a read error (then ok() is false). Valid until the next call.
  bool Next(std::string_view* line);
  // Byte offset of the line Next returned last, and just past it.
  int64_t line_offset() const { return line_offset_; }
  int64_t offset() const { return offset_; }
  // True when no byte remains after offset().
  bool AtEnd();
  // Moves to `offset` (a line start): within the buffer when it is there,
  // else by seeking, so skipped bytes are not read.
  void SkipTo(int64_t offset);

 private:
  bool Fill();  // reads more; false at the end of the file or on error

  int fd_ = -1;
  bool failed_ = false;
  bool eof_ = false;
  std::vector<char> buf_;
  size_t begin_ = 0, end_ = 0;  // unread bytes are buf_[begin_, end_)
  int64_t offset_ = 0, line_offset_ = 0;
};

}  // namespace gb
