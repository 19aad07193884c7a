#include "engine/page_sizer.h"

namespace gb {

int PageSizer::Ask() const {
  std::lock_guard lock(mu_);
  return ask_;
}

std::optional<PageSizeFound> PageSizer::Answered(int asked, const Page& page) {
  return Answered(asked, static_cast<int>(page.nodes.size()), page.has_next_page);
}

std::optional<PageSizeFound> PageSizer::Answered(int asked, int given, bool has_next_page) {
  std::lock_guard lock(mu_);
  if (asked != ask_) return std::nullopt;  // an answer to a size since given up
  std::optional<int> honoured = honoured_;
  if (given < asked && has_next_page && given > 0) {
    honoured = given;  // a silent cap
  } else if (given == asked && honoured_) {
    honoured.reset();  // the cap is gone: full pages again
  }
  if (honoured == honoured_) return std::nullopt;
  honoured_ = honoured;
  return PageSizeFound{asked, honoured.value_or(asked), false, {}, stream_};
}

bool PageSizer::Refused(int asked, const Error& error, std::optional<PageSizeFound>* report) {
  if (error.code != "graphql" || error.kind == ErrorKind::kAuth) return false;
  if (asked <= kNormPageSize) return false;
  std::lock_guard lock(mu_);
  if (ask_ > kNormPageSize) {  // else another stream stepped down first: ask again, quietly
    ask_ = kNormPageSize;
    honoured_.reset();
    *report = PageSizeFound{asked, kNormPageSize, true, error.message, stream_};
  }
  return true;
}

}  // namespace gb
