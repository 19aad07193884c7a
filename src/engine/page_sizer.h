// The page size a run asks for, and what the API turns out to honour.
//
// The API documents no maximum page size. A run asks for --page-size nodes
// (500 by default, up to 1,000) and watches the answers:
// - a page with fewer nodes than asked while hasNextPage is true is a silent
//   cap (GraphQL servers with a maximum page size answer so): the cap is
//   reported, and the run keeps asking the same; it costs nothing, and the
//   pages grow again by themselves if the cap is raised;
// - a page request refused with a GraphQL error while asking more than the
//   norm (100) is asked again at 100, and the run stays at 100.
// Sweeps follow the API's cursors (engine/sweep_position.h), never a count of
// pages, so a cap that changes between two requests loses and repeats nothing.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/events.h"
#include "engine/run_options.h"
#include "source/timeline_source.h"

namespace gb {

class PageSizer {
 public:
  // `stream`: whose connection this is, for the reports (empty: the timeline's).
  explicit PageSizer(int asked, std::string stream = {})
      : stream_(std::move(stream)), ask_(asked) {}

  // How many nodes to ask for now.
  int Ask() const;
  // A page came back for a request of `asked`: the event to report when it
  // shows a cap not reported before (or the end of one).
  std::optional<PageSizeFound> Answered(int asked, const Page& page);
  // The same, from a page's size and whether more follow.
  std::optional<PageSizeFound> Answered(int asked, int given, bool has_next_page);
  // A request of `asked` failed with `error`: true when it is to be asked
  // again at the norm; `*report` is set when that is news.
  bool Refused(int asked, const Error& error, std::optional<PageSizeFound>* report);

 private:
  mutable std::mutex mu_;
  std::string stream_;
  int ask_;
  std::optional<int> honoured_;  // the cap last reported (none: every page was full)
};

}  // namespace gb
