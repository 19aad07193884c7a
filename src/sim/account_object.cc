// Field lists and value helpers of the account's objects (see account_object.h).
#include "sim/account_object.h"

#include <array>
#include <cstdlib>

#include "core/iso_time.h"
#include "sim/json_writer.h"

namespace gb::sim {
namespace {

using Names = std::span<const std::string_view>;

constexpr std::string_view kClientFields[] = {"id",
                                              "status",
                                              "clientType",
                                              "companyName",
                                              "referenceId",
                                              "region",
                                              "referredBy",
                                              "tags",
                                              "personalNotes",
                                              "preferenceNotes",
                                              "createdAt",
                                              "updatedAt",
                                              "preferredTechnician",
                                              "preferredTechnicianId",
                                              "defaultContact",
                                              "defaultBillingContact",
                                              "allContacts",
                                              "allPianos"};
constexpr std::string_view kContactFields[] = {
    "id",        "firstName",        "lastName",  "middleName",   "title",        "role",
    "isDefault", "isBillingDefault", "archived",  "wantsEmail",   "wantsPhone",   "wantsText",
    "sortOrder", "createdAt",        "updatedAt", "defaultEmail", "defaultPhone", "client"};
constexpr std::string_view kEmailFields[] = {"id", "email", "isDefault"};
constexpr std::string_view kPhoneFields[] = {"id", "phoneNumber", "isDefault"};
constexpr std::string_view kPianoFields[] = {"id",
                                             "status",
                                             "type",
                                             "make",
                                             "model",
                                             "serialNumber",
                                             "year",
                                             "size",
                                             "location",
                                             "useType",
                                             "notes",
                                             "tags",
                                             "serviceIntervalMonths",
                                             "calculatedLastService",
                                             "calculatedNextService",
                                             "createdAt",
                                             "updatedAt",
                                             "client"};
constexpr std::string_view kEventFields[] = {
    "id",          "type",          "status",    "title",  "start",
    "duration",    "isAllDay",      "timezone",  "notes",  "confirmedByClient",
    "confirmedAt", "createdAt",     "updatedAt", "client", "user",
    "createdBy",   "allEventPianos"};
constexpr std::string_view kEventPianoFields[] = {"id", "event", "isTuning", "piano"};
constexpr std::string_view kInvoiceFields[] = {
    "id",        "number",    "status",    "archived",  "currency",   "subTotal",       "taxTotal",
    "tipTotal",  "total",     "paidTotal", "dueTotal",  "dueOn",      "notes",          "tags",
    "createdAt", "updatedAt", "client",    "createdBy", "assignedTo", "allInvoiceItems"};
constexpr std::string_view kItemFields[] = {
    "id",       "sequenceNumber", "type",     "description", "quantity",  "amount",    "subTotal",
    "taxTotal", "total",          "billable", "taxable",     "createdAt", "updatedAt", "piano"};
constexpr std::string_view kEstimateFields[] = {
    "id",    "number",    "estimatedOn", "expiresOn",       "isArchived", "recommendedTierTotal",
    "notes", "tags",      "locale",      "createdAt",       "updatedAt",  "client",
    "piano", "createdBy", "assignedTo",  "allEstimateTiers"};
constexpr std::string_view kTierFields[] = {
    "id",    "sequenceNumber",    "isPrimary", "subtotal",  "taxTotal", "total",
    "notes", "allowSelfSchedule", "createdAt", "updatedAt", "estimate"};
constexpr std::string_view kCurrencyFields[] = {"id",     "code",          "label",
                                                "symbol", "decimalDigits", "divisor"};

struct KindInfo {
  ObjKind kind;
  std::string_view type;
  Names fields;
};

constexpr std::array<KindInfo, 13> kKinds = {{
    {ObjKind::kClient, "PrivateClient", kClientFields},
    {ObjKind::kContact, "PrivateContact", kContactFields},
    {ObjKind::kContactEmail, "PrivateContactEmail", kEmailFields},
    {ObjKind::kContactPhone, "PrivateContactPhone", kPhoneFields},
    {ObjKind::kPiano, "PrivatePiano", kPianoFields},
    {ObjKind::kEvent, "PrivateEvent", kEventFields},
    {ObjKind::kEventPiano, "PrivateEventPiano", kEventPianoFields},
    {ObjKind::kInvoice, "PrivateInvoice", kInvoiceFields},
    {ObjKind::kInvoiceItem, "PrivateInvoiceItem", kItemFields},
    {ObjKind::kEstimate, "PrivateEstimate", kEstimateFields},
    {ObjKind::kEstimateTier, "PrivateEstimateTier", kTierFields},
    {ObjKind::kCurrency, "CoreCurrency", kCurrencyFields},
    {ObjKind::kUser, "PrivateUser", {}},
}};

}  // namespace

namespace {
Value MakeValue(Value::Kind kind, std::string text, int64_t number = 0, ObjRef ref = {}) {
  Value v;
  v.kind = kind;
  v.text = std::move(text);
  v.number = number;
  v.ref = ref;
  return v;
}
}  // namespace

Value Str(std::string s) { return MakeValue(Value::Kind::kString, std::move(s)); }
Value Int(int64_t n) { return MakeValue(Value::Kind::kInt, {}, n); }
Value Bool(bool b) { return MakeValue(Value::Kind::kBool, {}, b ? 1 : 0); }
Value Time(int64_t t) { return Str(FormatIsoUtc(t)); }
Value Time(std::optional<int64_t> t) { return t ? Time(*t) : Value{}; }
Value Date(int64_t t) { return Str(FormatIsoUtc(t).substr(0, 10)); }
Value Link(ObjKind kind, uint64_t index) {
  return MakeValue(Value::Kind::kLink, {}, 0, {kind, index});
}
Value Connection(ObjKind kind, uint64_t first, int64_t count) {
  return MakeValue(Value::Kind::kConnection, {}, count, {kind, first});
}
Value List(ObjKind kind, uint64_t first, int64_t count) {
  return MakeValue(Value::Kind::kList, {}, count, {kind, first});
}
Value StringList(const std::vector<std::string>& items) {
  std::string json;
  JsonWriter w(&json);
  w.BeginArray();
  for (const auto& s : items) w.String(s);
  w.EndArray();
  return MakeValue(Value::Kind::kRaw, std::move(json));
}

std::string_view TypeName(ObjKind kind) { return kKinds[static_cast<size_t>(kind)].type; }

std::optional<ObjKind> KindOfType(std::string_view type_name) {
  for (const KindInfo& k : kKinds) {
    if (k.type == type_name) return k.kind;
  }
  return std::nullopt;
}

Names FieldNames(ObjKind kind) { return kKinds[static_cast<size_t>(kind)].fields; }

Values::Values(ObjKind kind) : names_(FieldNames(kind)), values_(names_.size()) {}

void Values::Set(std::string_view field, Value v) {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == field) {
      values_[i] = std::move(v);
      return;
    }
  }
  std::abort();  // a field missing from the kind's list: a programming error
}

}  // namespace gb::sim
