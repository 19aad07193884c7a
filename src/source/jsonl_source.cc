#include "source/jsonl_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/iso_time.h"
#include "source/jsonl_quick_fields.h"
#include "source/node_parser.h"

namespace gb {
namespace {

bool Blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string::npos; }

std::string FilterKey(const TimelineFilter& f) {
  std::vector<std::string> types = f.types;
  std::sort(types.begin(), types.end());
  std::string key;
  for (const auto& t : types) key += t + ",";
  return key + "|" + f.client_id.value_or("*") + "|" + f.occurred_at_get.value_or("*");
}

Result<std::optional<int64_t>> Bound(const TimelineFilter& f) {
  if (!f.occurred_at_get) return std::optional<int64_t>();
  auto t = ParseIsoUtc(*f.occurred_at_get);
  if (!t) {
    return Fail(ErrorKind::kConfig,
                fmt::format("occurredAtGet \"{}\" is not an ISO 8601 time (e.g. "
                            "2016-01-01T00:00:00Z)",
                            *f.occurred_at_get));
  }
  return std::optional<int64_t>(*t);
}

// Reads one line from `in`, advancing `offset` past it and its newline.
bool NextLine(std::ifstream& in, std::string* line, int64_t* offset) {
  if (!std::getline(in, *line)) return false;
  *offset += static_cast<int64_t>(line->size()) + (in.eof() ? 0 : 1);
  if (!line->empty() && line->back() == '\r') line->pop_back();
  return true;
}

tl::unexpected<Error> CannotRead(const std::string& path) {
  return Fail(ErrorKind::kConfig, fmt::format("cannot read {} ({}): check the path given to "
                                              "--from-file",
                                              path, std::strerror(errno)));
}

// A line of the dump's users section (docs/dump-format.md).
bool IsUserLine(const nlohmann::json& j) {
  return j.is_object() && j.contains("__typename") && j["__typename"] == "PrivateUser";
}

// A user line, as allUsers answers it: {id, firstName, lastName, email, accessLevel, status}.
tl::expected<ApiUser, std::string> UserOf(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) {
    return tl::unexpected(std::string("not a user object with an id"));
  }
  auto text = [&](const char* k) {
    return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string();
  };
  ApiUser user{text("id"),    text("firstName"), text("lastName"),
               text("email"), std::nullopt,      text("status")};
  if (j.contains("accessLevel") && j["accessLevel"].is_string()) {
    user.access_level = j["accessLevel"].get<std::string>();
  }
  return user;
}

// Readers kept between pages (one per stream sweeping), each with its buffer.
constexpr size_t kIdleReaders = 16;
constexpr size_t kSweepBuffer = 64 * 1024;

}  // namespace

bool MatchesFilter(const ApiNode& node, const TimelineFilter& filter,
                   std::optional<int64_t> bound) {
  bool lenient = !node.defect.empty();
  if (!filter.types.empty() && !(lenient && node.type.empty()) &&
      std::find(filter.types.begin(), filter.types.end(), node.type) == filter.types.end()) {
    return false;
  }
  if (filter.client_id && !(lenient && !node.client_id) && node.client_id != filter.client_id) {
    return false;
  }
  if (bound) {
    auto at = ParseIsoUtc(node.occurred_at);
    if (at ? *at < *bound : !lenient) return false;
  }
  return true;
}

Result<std::unique_ptr<JsonlSource>> JsonlSource::Open(const std::string& path,
                                                       const std::string& users_file) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return CannotRead(path);
  auto source = std::unique_ptr<JsonlSource>(new JsonlSource(path));
  source->users_file_ = users_file;
  if (Status s = source->ReadUserHeader(); !s) return tl::unexpected(s.error());
  return source;
}

Status JsonlSource::ReadUserHeader() {
  LineReader in(path_, 0);
  if (!in.ok()) return CannotRead(path_);
  std::string_view line;
  while (in.Next(&line)) {
    if (Blank(line)) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!IsUserLine(j)) break;
    auto user = UserOf(j);
    if (!user) {
      return Fail(ErrorKind::kConfig, fmt::format("{}: the PrivateUser line at byte {} is {}",
                                                  path_, in.line_offset(), user.error()));
    }
    dump_users_.push_back(std::move(*user));
    data_start_ = in.offset();
  }
  if (!in.ok()) return CannotRead(path_);
  return {};
}

Result<Page> JsonlSource::FetchPage(const PageRequest& request) {
  int64_t offset = data_start_;  // past the users
  if (request.after) {
    const std::string& a = *request.after;
    auto [end, ec] = std::from_chars(a.data(), a.data() + a.size(), offset);
    if (ec != std::errc() || end != a.data() + a.size() || offset < 0) {
      return Fail(ErrorKind::kConfig,
                  fmt::format("cursor \"{}\" is not a position in {}: the checkpoint belongs to "
                              "another source; use --restart",
                              a, path_));
    }
  }
  auto bound = Bound(request.filter);
  if (!bound) return tl::unexpected(bound.error());
  auto total = Count(request.filter);
  if (!total) return tl::unexpected(total.error());
  if (Status s = Survey(); !s) return tl::unexpected(s.error());
  // A file has no wait: reading and parsing it is all of the page's time.
  const auto start = std::chrono::steady_clock::now();
  auto in = TakeReader(offset);
  if (!in->ok()) return CannotRead(path_);
  Page page;
  page.total_count = *total;
  page.nodes.reserve(static_cast<size_t>(std::clamp(request.first, 0, 1000)));
  Sweep(*in, request.filter, *bound, [&](std::string_view line, ApiNode* parsed) {
    page.nodes.push_back(parsed != nullptr ? std::move(*parsed) : ParseNode(line));
    return static_cast<int>(page.nodes.size()) < request.first;
  });
  if (!in->ok()) return CannotRead(path_);
  page.has_next_page = !in->AtEnd();
  page.end_cursor = std::to_string(in->offset());
  KeepReader(std::move(in));
  page.parse_time = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  return page;
}

Result<int64_t> JsonlSource::Count(const TimelineFilter& filter) {
  std::string key = FilterKey(filter);
  {
    std::lock_guard lock(mu_);
    if (auto it = counts_.find(key); it != counts_.end()) return it->second;
  }
  auto bound = Bound(filter);
  if (!bound) return tl::unexpected(bound.error());
  int64_t count = 0;
  if (filter.client_id) {
    if (Status s = Survey(); !s) return tl::unexpected(s.error());
    LineReader in(path_, data_start_, kSweepBuffer);
    if (!in.ok()) return CannotRead(path_);
    Sweep(in, filter, *bound, [&](std::string_view, ApiNode*) { return ++count, true; });
    if (!in.ok()) return CannotRead(path_);
    std::lock_guard lock(mu_);
    ++whole_reads_;
  } else {
    auto tally = TallySince(*bound);
    if (!tally) return tl::unexpected(tally.error());
    count = tally->Of(filter.types);
  }
  std::lock_guard lock(mu_);
  counts_[key] = count;
  return count;
}

int64_t JsonlSource::Tally::Of(const std::vector<std::string>& types) const {
  if (types.empty()) return total;
  int64_t count = lenient;
  for (const auto& type : std::set<std::string>(types.begin(), types.end())) {
    if (auto it = by_type.find(type); it != by_type.end()) count += it->second;
  }
  return count;
}

void JsonlSource::Tally::Add(std::string_view type, bool untyped) {
  ++total;
  if (untyped) {
    ++lenient;  // a line without a type reaches every typed filter
  } else if (auto it = by_type.find(type); it != by_type.end()) {
    ++it->second;
  } else {
    by_type.emplace(std::string(type), 1);
  }
}

void JsonlSource::Tally::Merge(const Tally& other) {
  total += other.total;
  lenient += other.lenient;
  for (const auto& [type, n] : other.by_type) by_type[type] += n;
}

Result<JsonlSource::Tally> JsonlSource::TallySince(std::optional<int64_t> bound) {
  if (Status s = TallyBounds({bound}); !s) return tl::unexpected(s.error());
  std::lock_guard lock(mu_);
  return tallies_.at(bound);
}

// One sweep for all the bounds not tallied yet: each line lands in the bucket
// of the bounds it passes (those at or before its time), and a bound's tally
// is the sum of the buckets above it.
JsonlSource::Buckets::Buckets(const std::vector<std::optional<int64_t>>& bounds) {
  for (const auto& b : bounds) sorted_.push_back(b.value_or(INT64_MIN));
  std::sort(sorted_.begin(), sorted_.end());
  sorted_.erase(std::unique(sorted_.begin(), sorted_.end()), sorted_.end());
  buckets_.resize(sorted_.size() + 1);
}

std::optional<int64_t> JsonlSource::Buckets::lowest() const {
  if (sorted_.empty() || sorted_.front() == INT64_MIN) return std::nullopt;
  return sorted_.front();
}

void JsonlSource::Buckets::Add(std::string_view type, std::optional<int64_t> at, bool lenient,
                               bool untyped) {
  if (sorted_.empty()) return;
  // A time that cannot be read passes every bound when lenient, else only "none".
  size_t passed = lenient ? sorted_.size() : (sorted_.front() == INT64_MIN ? 1 : 0);
  if (at) passed = std::upper_bound(sorted_.begin(), sorted_.end(), *at) - sorted_.begin();
  buckets_[passed].Add(type, untyped);
}

void JsonlSource::Buckets::StoreInto(std::map<std::optional<int64_t>, Tally>* tallies) const {
  Tally above;
  for (size_t i = sorted_.size(); i-- > 0;) {
    above.Merge(buckets_[i + 1]);
    const std::optional<int64_t> bound =
        sorted_[i] == INT64_MIN ? std::nullopt : std::optional<int64_t>(sorted_[i]);
    tallies->emplace(bound, above);
  }
}

std::vector<std::optional<int64_t>> JsonlSource::Untallied(
    std::vector<std::optional<int64_t>> bounds) const {
  std::lock_guard lock(mu_);
  std::erase_if(bounds, [&](const auto& b) { return tallies_.contains(b); });
  return bounds;
}

// One sweep for all the bounds not tallied yet (see Buckets). Streams asking for the same bound at
// once (a resumed or restarted run, which has no plan to ask first) wait for the one read instead
// of each reading the file; before the survey, the survey's read tallies them.
Status JsonlSource::TallyBounds(std::vector<std::optional<int64_t>> bounds) {
  std::lock_guard tally_lock(tally_mu_);
  if (Status s = Survey(bounds); !s) return s;
  Buckets buckets(Untallied(std::move(bounds)));
  if (buckets.empty()) return {};
  LineReader in(path_, data_start_, kSweepBuffer);
  if (!in.ok()) return CannotRead(path_);
  Sweep(in, TimelineFilter{}, buckets.lowest(), [&](std::string_view line, ApiNode* parsed) {
    if (parsed == nullptr) {
      buckets.Add(QuickType(line), QuickTime(line), false, false);
    } else {
      buckets.Add(parsed->type, ParseIsoUtc(parsed->occurred_at), !parsed->defect.empty(),
                  parsed->type.empty());
    }
    return true;
  });
  if (!in.ok()) return CannotRead(path_);
  std::lock_guard lock(mu_);
  ++whole_reads_;
  buckets.StoreInto(&tallies_);
  return {};
}

Result<std::vector<int64_t>> JsonlSource::CountEach(const std::vector<TimelineFilter>& filters) {
  std::vector<std::optional<int64_t>> bounds;
  for (const auto& filter : filters) {
    auto bound = Bound(filter);
    if (!bound) return tl::unexpected(bound.error());
    if (!filter.client_id) bounds.push_back(*bound);
  }
  if (Status s = TallyBounds(std::move(bounds)); !s) return tl::unexpected(s.error());
  return TimelineSource::CountEach(filters);  // each from the tallies now
}

Result<FilterEnd> JsonlSource::EndOf(const TimelineFilter& filter) {
  auto bound = Bound(filter);
  if (!bound) return tl::unexpected(bound.error());
  auto count = Count(filter);  // surveys the file first
  if (!count) return tl::unexpected(count.error());
  if (Status s = Survey(); !s) return tl::unexpected(s.error());
  if (!*bound || filter.client_id || !newest_first_ || *count == 0) return FilterEnd{};
  LineReader in(path_, std::max(data_start_, index_.ScanStartBefore(**bound)), kSweepBuffer);
  if (!in.ok()) return CannotRead(path_);
  std::string_view line;
  int64_t end = -1;
  while (end < 0 && in.Next(&line)) {
    if (Blank(line)) continue;
    auto quick = ReadQuickFields(line);
    const std::optional<int64_t> at = quick && QuickReadHolds(line)
                                          ? std::optional<int64_t>(quick->occurred_at)
                                          : ParseIsoUtc(ParseNode(line).occurred_at);
    if (at.value_or(INT64_MIN) < **bound) end = in.line_offset();
  }
  if (!in.ok()) return CannotRead(path_);
  return FilterEnd{std::to_string(end < 0 ? in.offset() : end), *count};
}

Result<std::vector<ApiUser>> JsonlSource::FetchUsers() {
  if (users_file_.empty() && dump_users_.empty()) {
    return Fail(ErrorKind::kConfig,
                fmt::format("{} has no users (a dump written before `sim dump` wrote them): "
                            "loading it would leave every entry without its user; pass "
                            "--users-file PATH (one user per line, see docs/dump-format.md) "
                            "or dump it again",
                            path_));
  }
  std::vector<ApiUser> users = dump_users_;
  if (users_file_.empty()) return users;
  std::ifstream in(users_file_, std::ios::binary);
  if (!in) {
    return Fail(ErrorKind::kConfig, fmt::format("cannot read {} ({}): check the path given to "
                                                "--users-file",
                                                users_file_, std::strerror(errno)));
  }
  std::string line;
  int64_t offset = 0, number = 0;
  while (NextLine(in, &line, &offset)) {
    ++number;
    if (Blank(line)) continue;
    auto user = UserOf(nlohmann::json::parse(line, nullptr, false));
    if (!user) {
      return Fail(ErrorKind::kConfig,
                  fmt::format("{} line {} is not a user object with an id: fix or remove the line",
                              users_file_, number));
    }
    users.push_back(std::move(*user));
  }
  return users;
}

Status JsonlSource::Survey(const std::vector<std::optional<int64_t>>& bounds) {
  std::lock_guard lock(survey_mu_);
  if (surveyed_) return {};
  Buckets buckets(Untallied(bounds));  // the plan's counts, in the same read
  LineReader in(path_, data_start_);
  if (!in.ok()) return CannotRead(path_);
  std::string_view line;
  int64_t previous = INT64_MAX;
  const auto in_order = [&](std::optional<int64_t> at) {
    newest_first_ = newest_first_ && at && *at <= previous;
    if (at) previous = *at;
  };
  while (in.Next(&line)) {
    if (Blank(line)) continue;
    auto quick = ReadQuickFields(line);
    // A line broken further on parses as an empty node (lenient: it matches
    // every filter), and a repeated key parses as its last value: only a
    // check of the whole line tells whether the quick read holds.
    if (quick && !QuickReadHolds(line)) quick.reset();
    if (quick) {
      index_.AddQuick(in.line_offset(), quick->type, quick->occurred_at);
      buckets.Add(quick->type, quick->occurred_at, false, false);
      in_order(quick->occurred_at);
      continue;
    }
    index_.AddFullParse(in.line_offset());
    const ApiNode node = ParseNode(line);
    const std::optional<int64_t> at = ParseIsoUtc(node.occurred_at);
    buckets.Add(node.type, at, !node.defect.empty(), node.type.empty());
    in_order(node.defect.empty() ? at : std::nullopt);  // a defect line passes every bound
  }
  if (!in.ok()) return CannotRead(path_);
  surveyed_end_ = in.offset();
  surveyed_ = true;
  std::lock_guard counts_lock(mu_);
  ++whole_reads_;
  buckets.StoreInto(&tallies_);
  return {};
}

void JsonlSource::Sweep(LineReader& in, const TimelineFilter& filter, std::optional<int64_t> bound,
                        const Match& match) const {
  const JsonlIndex::Want want = index_.WantFor(filter.types, bound);
  const auto wanted = [&](std::string_view type) {
    return filter.types.empty() ||
           std::find(filter.types.begin(), filter.types.end(), type) != filter.types.end();
  };
  int64_t block = -1;
  bool quick = false;  // every line of the block is in the quick shape
  std::string_view line;
  for (;;) {
    if (in.offset() / JsonlIndex::kBlockBytes != block) {
      auto next = index_.NextCandidate(in.offset(), want);
      in.SkipTo(next.value_or(std::max(in.offset(), surveyed_end_)));
      if (!next) break;
      block = *next / JsonlIndex::kBlockBytes;
      quick = index_.Quick(*next) && !filter.client_id;  // the client needs the parse
    }
    if (!in.Next(&line)) break;
    if (Blank(line)) continue;
    if (quick) {
      if (!wanted(QuickType(line))) continue;
      if (bound && QuickTime(line).value_or(INT64_MIN) < *bound) continue;
      if (!match(line, nullptr)) break;
      continue;
    }
    ApiNode node = ParseNode(line);
    if (MatchesFilter(node, filter, bound) && !match(line, &node)) break;
  }
}

std::unique_ptr<LineReader> JsonlSource::TakeReader(int64_t offset) {
  {
    std::lock_guard lock(readers_mu_);
    for (auto it = idle_readers_.begin(); it != idle_readers_.end(); ++it) {
      if ((*it)->offset() == offset) {
        auto reader = std::move(*it);
        idle_readers_.erase(it);
        return reader;
      }
    }
  }
  return std::make_unique<LineReader>(path_, offset, kSweepBuffer);
}

void JsonlSource::KeepReader(std::unique_ptr<LineReader> reader) {
  std::lock_guard lock(readers_mu_);
  if (idle_readers_.size() >= kIdleReaders) idle_readers_.erase(idle_readers_.begin());
  idle_readers_.push_back(std::move(reader));
}

std::string JsonlSource::Describe() const { return "file " + path_; }

int JsonlSource::whole_reads() const {
  std::lock_guard lock(mu_);
  return whole_reads_;
}

}  // namespace gb
