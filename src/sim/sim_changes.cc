// Change requests to and from JSON (see sim_changes.h).
#include "sim/sim_changes.h"

#include "core/iso_time.h"

namespace gb::sim {
namespace {

using json = nlohmann::json;

constexpr int64_t kMaxCount = 100000;
constexpr int64_t kMaxDays = 36500;

// Calls fn(key, field) for every key of a request, in the answer's order.
template <class Request, class Fn>
void ForEachKey(Request& r, Fn fn) {
  fn("new", r.fresh);
  fn("backdated", r.backdated);
  fn("edited", r.edited);
  fn("deleted", r.deleted);
  fn("clients_new", r.clients_new);
  fn("clients_edited", r.clients_edited);
  fn("pianos_new", r.pianos_new);
  fn("pianos_edited", r.pianos_edited);
}

}  // namespace

bool ChangeRequest::empty() const {
  bool none = true;
  ForEachKey(*this, [&](const char*, int64_t n) { none = none && n == 0; });
  return none;
}

Result<ChangeRequest> ParseChangeRequest(const json& body) {
  if (!body.is_object()) return Fail(ErrorKind::kConfig, "changes must be a JSON object");
  ChangeRequest r;
  for (const auto& [key, value] : body.items()) {
    int64_t* field = key == "backdated_days" ? &r.backdated_days : nullptr;
    ForEachKey(r, [&](const char* name, int64_t& f) {
      if (key == name) field = &f;
    });
    if (!field) return Fail(ErrorKind::kConfig, "unknown change \"" + key + "\"");
    const int64_t most = field == &r.backdated_days ? kMaxDays : kMaxCount;
    if (!value.is_number_integer() || value.get<int64_t>() < 0 || value.get<int64_t>() > most) {
      return Fail(ErrorKind::kConfig, "change \"" + key + "\" must be an integer from 0 to " +
                                          std::to_string(most) + ", not " + value.dump());
    }
    *field = value.get<int64_t>();
  }
  return r;
}

json ChangeRequestToJson(const ChangeRequest& request) {
  json out = json::object();
  ForEachKey(request, [&](const char* name, int64_t n) {
    if (n != 0) out[name] = n;
  });
  if (request.backdated > 0) out["backdated_days"] = request.backdated_days;
  return out;
}

json AppliedToJson(const AppliedChanges& a) {
  json out = json::object();
  out["now"] = FormatIsoUtc(a.now);
  out["new"] = a.fresh;
  out["backdated"] = a.backdated;
  out["edited"] = a.edited;
  out["deleted"] = a.deleted;
  out["clients_new"] = a.clients_new;
  out["clients_edited"] = a.clients_edited;
  out["pianos_new"] = a.pianos_new;
  out["pianos_edited"] = a.pianos_edited;
  return out;
}

}  // namespace gb::sim
