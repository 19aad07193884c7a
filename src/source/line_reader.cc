#include "source/line_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace gb {

LineReader::LineReader(const std::string& path, int64_t offset, size_t buffer_bytes)
    : fd_(open(path.c_str(), O_RDONLY | O_CLOEXEC)), buf_(buffer_bytes), offset_(offset) {
  if (fd_ >= 0 && offset > 0 && lseek(fd_, offset, SEEK_SET) < 0) failed_ = true;
  if (fd_ >= 0) posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
}

LineReader::~LineReader() {
  if (fd_ >= 0) close(fd_);
}

bool LineReader::Fill() {
  if (eof_ || !ok()) return false;
  if (begin_ > 0) {  // keep the partial line at the front
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);  // a line longer than the buffer
  ssize_t n;
  do {
    n = read(fd_, buf_.data() + end_, buf_.size() - end_);
  } while (n < 0 && errno == EINTR);
  if (n < 0) failed_ = true;
  if (n <= 0) {
    eof_ = true;
    return false;
  }
  end_ += static_cast<size_t>(n);
  return true;
}

bool LineReader::Next(std::string_view* line) {
  size_t scanned = 0;  // bytes of the pending line already searched
  const void* nl = nullptr;
  for (;;) {
    const size_t pending = end_ - begin_;
    nl = std::memchr(buf_.data() + begin_ + scanned, '\n', pending - scanned);
    if (nl != nullptr) break;
    scanned = pending;  // Fill keeps the pending bytes (moved to the front)
    if (Fill()) continue;
    if (end_ == begin_) return false;
    break;  // the last line has no newline
  }
  const char* start = buf_.data() + begin_;
  const char* stop = nl != nullptr ? static_cast<const char*>(nl) : buf_.data() + end_;
  const size_t length = static_cast<size_t>(stop - start);
  const size_t consumed = length + (nl != nullptr ? 1 : 0);
  line_offset_ = offset_;
  offset_ += static_cast<int64_t>(consumed);
  begin_ += consumed;
  *line = std::string_view(start, length);
  if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
  return true;
}

bool LineReader::AtEnd() { return begin_ == end_ && !Fill(); }

void LineReader::SkipTo(int64_t offset) {
  if (!ok() || offset == offset_) return;
  if (offset > offset_ && offset - offset_ <= static_cast<int64_t>(end_ - begin_)) {
    begin_ += static_cast<size_t>(offset - offset_);
  } else {
    if (lseek(fd_, offset, SEEK_SET) < 0) failed_ = true;
    begin_ = end_ = 0;
    eof_ = false;
  }
  offset_ = offset;
}

}  // namespace gb
