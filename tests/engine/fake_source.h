// An in-memory TimelineSource: nodes newest first, `types` and
// `occurredAtGet` filters like the API, cursors are offsets. Counts calls and
// can fail on demand, so engine tests need no network.
#pragma once

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "core/iso_time.h"
#include "source/timeline_source.h"

namespace gb::testing {

inline ApiNode MakeNode(int n, const std::string& occurred_at, const std::string& type) {
  ApiNode node;
  char id[32];
  std::snprintf(id, sizeof id, "tme_%020x", n);
  node.id = id;
  node.occurred_at = occurred_at;
  node.type = type;
  node.summary = "entry " + std::to_string(n);
  node.comment = "comment " + std::to_string(n);
  node.client_id = "cli_1";
  node.raw = "{\"id\":\"" + node.id + "\"}";
  return node;
}

class FakeSource : public TimelineSource {
 public:
  explicit FakeSource(std::vector<ApiNode> nodes) : nodes_(std::move(nodes)) {
    std::stable_sort(nodes_.begin(), nodes_.end(), [](const ApiNode& a, const ApiNode& b) {
      return a.occurred_at > b.occurred_at;
    });
  }

  Result<Page> FetchPage(const PageRequest& request) override {
    const int call = ++fetch_calls_;
    if (on_fetch) on_fetch(call);
    {
      std::lock_guard lock(mu_);
      if (fail_fetch_at == call) return Fail(fail_kind, "injected source failure");
    }
    std::vector<ApiNode> match = Matching(request.filter);
    std::string after = request.after.value_or("0");
    if (const auto hash = after.find('#'); hash != std::string::npos) {  // an opaque cursor
      if (after.substr(0, hash) != Key(request.filter)) {
        return Fail(ErrorKind::kPermanent, "Invalid cursor for \"after\"", "graphql");
      }
      after = after.substr(hash + 1);
    }
    const size_t offset = std::stoul(after);
    Page page;
    page.total_count = static_cast<int64_t>(match.size());
    for (size_t i = offset; i < match.size() && i < offset + request.first; ++i) {
      page.nodes.push_back(match[i]);
    }
    const size_t end = offset + page.nodes.size();
    page.end_cursor = std::to_string(end);
    page.has_next_page = end < match.size();
    return page;
  }

  Result<int64_t> Count(const TimelineFilter& filter) override {
    ++count_calls_;
    return static_cast<int64_t>(Matching(filter).size());
  }

  // Cursors here are "the offset to start at": after the oldest entry of a
  // filter is its size.
  Result<FilterEnd> EndOf(const TimelineFilter& filter) override {
    ++count_calls_;
    const size_t n = Matching(filter).size();
    FilterEnd end{std::nullopt, static_cast<int64_t>(n)};
    if (cursors && n > 0) end.cursor = std::to_string(n - cursor_lag);
    if (end.cursor && opaque_cursors) end.cursor = Key(filter) + "#" + *end.cursor;
    return end;
  }

  Result<std::vector<ApiUser>> FetchUsers() override {
    ++user_calls_;
    return std::vector<ApiUser>{{"usr_1", "Ada", "L", "ada@example.com", "ADMIN", "ACTIVE"}};
  }

  std::string Describe() const override { return "fake source"; }
  bool CursorsShift() const override { return shifting; }

  // A new entry (at the top when it is the newest), or the newest `n`
  // deleted: the offsets of every sweep move, as the API's do.
  void Arrive(ApiNode node) {
    std::lock_guard lock(mu_);
    auto at = std::upper_bound(
        nodes_.begin(), nodes_.end(), node,
        [](const ApiNode& a, const ApiNode& b) { return a.occurred_at > b.occurred_at; });
    nodes_.insert(at, std::move(node));
  }
  void DeleteNewest(size_t n) {
    std::lock_guard lock(mu_);
    nodes_.erase(nodes_.begin(), nodes_.begin() + static_cast<long>(std::min(n, nodes_.size())));
  }

  int fetch_calls() const { return fetch_calls_; }
  int count_calls() const { return count_calls_; }
  int user_calls() const { return user_calls_; }

  std::function<void(int call)> on_fetch;  // runs on the fetcher thread
  int fail_fetch_at = 0;                   // 1-based call number, 0 = never
  ErrorKind fail_kind = ErrorKind::kTransient;
  bool cursors = false;         // EndOf gives cursors (the planner then splits heavy types)
  bool opaque_cursors = false;  // a cursor is refused under another filter
  bool shifting = false;        // cursors are offsets that move (the API's)
  size_t cursor_lag = 0;        // EndOf's cursor points this many entries too early

 private:
  static std::string Key(const TimelineFilter& f) {
    std::string key = f.occurred_at_get.value_or("") + "|" + f.client_id.value_or("");
    for (const auto& t : f.types) key += "|" + t;
    return key;
  }

  std::vector<ApiNode> Matching(const TimelineFilter& filter) {
    std::optional<int64_t> since;
    if (filter.occurred_at_get) since = ParseIsoUtc(*filter.occurred_at_get);
    std::vector<ApiNode> out;
    std::lock_guard lock(mu_);
    for (const ApiNode& n : nodes_) {
      if (!filter.types.empty() &&
          std::find(filter.types.begin(), filter.types.end(), n.type) == filter.types.end()) {
        continue;
      }
      const auto when = ParseIsoUtc(n.occurred_at);
      if (since && when && *when < *since) continue;  // undated nodes reach the transform
      out.push_back(n);
    }
    return out;
  }

  std::vector<ApiNode> nodes_;
  std::mutex mu_;
  std::atomic<int> fetch_calls_{0}, count_calls_{0}, user_calls_{0};
};

}  // namespace gb::testing
