#include "core/error.h"

namespace gb {

std::string_view KindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kTransient:
      return "transient";
    case ErrorKind::kRateLimited:
      return "rate-limited";
    case ErrorKind::kAuth:
      return "auth";
    case ErrorKind::kConfig:
      return "config";
    case ErrorKind::kData:
      return "data";
    case ErrorKind::kPermanent:
      return "permanent";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace gb
