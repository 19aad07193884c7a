// The account's root fields (see account_roots.h).
#include "sim/account_roots.h"

#include <fmt/format.h>

#include <array>

#include "core/iso_time.h"

namespace gb::sim {

using graphql::PlanField;

struct AccountRoots::Spec {
  int slot;
  Stream stream;
  ObjKind kind;
  std::string_view asc, desc;           // the sort values modelled
  std::string_view min_date, max_date;  // the filter fields modelled
};

// A connection's request once its filters and sort are read.
struct AccountRoots::Query {
  std::optional<int64_t> min, max_exclusive;
  bool descending = false;
  std::string Key() const {
    return fmt::format("{}|{}|{}", min.value_or(INT64_MIN), max_exclusive.value_or(INT64_MAX),
                       descending);
  }
};

namespace {

constexpr std::array<AccountRoots::Spec, 5> kSpecs = {{
    {kAllClients, Stream::kClients, ObjKind::kClient, "CREATED_AT_ASC", "CREATED_AT_DESC",
     "createdGet", "createdLet"},
    {kAllPianos, Stream::kPianos, ObjKind::kPiano, "CREATED_AT_ASC", "CREATED_AT_DESC",
     "createdGet", "createdLet"},
    {kAllEvents, Stream::kEvents, ObjKind::kEvent, "START_ASC", "START_DESC", "dateGet", "dateLet"},
    {kAllInvoices, Stream::kInvoices, ObjKind::kInvoice, "CREATED_AT_ASC", "CREATED_AT_DESC",
     "invoiceDateGet", "invoiceDateLet"},
    {kAllEstimates, Stream::kEstimates, ObjKind::kEstimate, "CREATED_AT_ASC", "CREATED_AT_DESC",
     "createdGet", "createdLet"},
}};

// The start of a CoreDate's day (UTC), if `v` is one.
std::optional<int64_t> DayStart(const nlohmann::json& v) {
  if (!v.is_string() || v.get_ref<const std::string&>().size() != 10) return std::nullopt;
  return ParseIsoUtc(v.get<std::string>() + "T00:00:00Z");
}

}  // namespace

std::optional<std::string> AccountRoots::Write(JsonWriter& w, const PlanField& f,
                                               const PageContext& ctx) const {
  for (const Spec& spec : kSpecs) {
    if (spec.slot == f.slot) return List(w, f, spec, ctx);
  }
  switch (f.slot) {
    case kClientRoot:
      return Single(w, f, ObjKind::kClient, ctx);
    case kPianoRoot:
      return Single(w, f, ObjKind::kPiano, ctx);
    case kInvoiceRoot:
      return Single(w, f, ObjKind::kInvoice, ctx);
    default:
      return Single(w, f, ObjKind::kEstimate, ctx);
  }
}

namespace {

// The filters and sort of a connection's arguments, or the refusal.
tl::expected<AccountRoots::Query, std::string> ReadQuery(const PlanField& f,
                                                         const AccountRoots::Spec& spec) {
  AccountRoots::Query q;
  if (auto it = f.args.find("filters"); it != f.args.end() && it->is_object()) {
    for (const auto& [name, value] : it->items()) {
      if (value.is_null()) continue;
      if (name != spec.min_date && name != spec.max_date) {
        return tl::unexpected(
            fmt::format("{}: the simulator does not model filter {} (only {} and {})", f.name, name,
                        spec.min_date, spec.max_date));
      }
      auto day = DayStart(value);
      if (!day) {
        return tl::unexpected(
            fmt::format("{}: filter {} has an invalid value ({}). Expected type 'CoreDate'.",
                        f.name, name, value.dump()));
      }
      if (name == spec.min_date) q.min = *day;
      if (name == spec.max_date) q.max_exclusive = *day + 86400;  // inclusive: the whole day
    }
  }
  if (auto it = f.args.find("sortBy"); it != f.args.end() && it->is_array()) {
    if (it->size() > 1)
      return tl::unexpected(f.name + ": the simulator models one sort value, not " + it->dump());
    for (const auto& v : *it) {
      const std::string s = v.is_string() ? v.get<std::string>() : v.dump();
      if (s != spec.asc && s != spec.desc) {
        return tl::unexpected(
            fmt::format("{}: the simulator does not model sortBy {} (only {} and {})", f.name, s,
                        spec.asc, spec.desc));
      }
      q.descending = s == spec.desc;
    }
  }
  return q;
}

}  // namespace

std::optional<std::string> AccountRoots::List(JsonWriter& w, const PlanField& f, const Spec& spec,
                                              const PageContext& ctx) const {
  auto q = ReadQuery(f, spec);
  std::optional<std::string> refusal;
  if (!q) refusal = q.error();
  if (!refusal) refusal = writer_.CheckNested(f.children, ctx.faults);
  const AccountChanges& account = ctx.changes;
  const SortedKeys& order = account.Order(spec.stream);
  const KeyRange range = q ? order.Range(q->min, q->max_exclusive, q->descending) : KeyRange{};
  const CursorCodec codec(style_, f.name + ":" + (q ? q->Key() : ""));
  auto win = refusal ? tl::expected<Window, std::string>(tl::unexpected(*refusal))
                     : PageWindow(f.args, range.size(), codec, ctx.faults);
  if (!win) {
    w.Null();
    return win.error();
  }
  connections_.Write(
      w, f, range.size(), *win, codec, ctx.nonce,
      [&](int64_t i, const std::vector<PlanField>& fields) {
        const uint32_t ordinal = order.OrdinalAt(range.At(i));
        writer_.Write(w, {spec.kind, account.ObjectAt(spec.stream, ordinal)}, fields, ctx);
      });
  return std::nullopt;
}

std::optional<std::string> AccountRoots::Single(JsonWriter& w, const PlanField& f, ObjKind kind,
                                                const PageContext& ctx) const {
  if (auto refusal = writer_.CheckNested(f.children, ctx.faults)) {
    w.Null();
    return refusal;
  }
  std::optional<ObjRef> ref;
  for (const char* arg : {"id", "clientId", "pianoId"}) {
    auto it = f.args.find(arg);
    if (!ref && it != f.args.end() && it->is_string())
      ref = writer_.content().Find(kind, it->get<std::string>(), ctx.changes);
  }
  if (!ref) {
    w.Null();  // no such object: null, as the API answers an unknown id
    return std::nullopt;
  }
  writer_.Write(w, *ref, f.children, ctx);
  return std::nullopt;
}

}  // namespace gb::sim
