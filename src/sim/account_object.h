// One object of the account (a client, contact, piano, event, invoice, item,
// estimate, tier, ...) as the simulator hands it to the writer: its kind, an
// index that names it, and the values of its fields. Each kind lists the
// fields it has data for, named as in the real schema, "id" first; the list
// index is the field's slot (AssignSlots), so no name is compared per value.
// A field the list lacks answers the schema's default (value_writer.h).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gb::sim {

enum class ObjKind : uint8_t {
  kClient,
  kContact,
  kContactEmail,
  kContactPhone,
  kPiano,
  kEvent,
  kEventPiano,
  kInvoice,
  kInvoiceItem,
  kEstimate,
  kEstimateTier,
  kCurrency,
  kUser,  // written by EntityWriter::User
};

// Indexes: client c; contact (c << 8) + j; its email and phone, the contact's
// index; piano slot c * 3 + k; event ordinal (start order); event piano
// (event << 2) + j; invoice c * 4 + k; item (invoice << 9) + j; estimate slot
// c * 2 + k; tier (slot << 2) + j; user index; currency 0.
struct ObjRef {
  ObjKind kind = ObjKind::kClient;
  uint64_t index = 0;
};

struct Value {
  enum class Kind : uint8_t { kNull, kString, kInt, kBool, kRaw, kLink, kConnection, kList };
  Kind kind = Kind::kNull;
  std::string text;    // kString, kRaw (a complete JSON value)
  int64_t number = 0;  // kInt, kBool; the item count of kConnection and kList
  ObjRef ref;          // kLink: the object; kConnection, kList: item i is ref.index + i
};

Value Str(std::string s);
Value Int(int64_t n);
Value Bool(bool b);
Value Time(int64_t epoch_s);  // CoreDateTime
Value Time(std::optional<int64_t> epoch_s);
Value Date(int64_t epoch_s);  // CoreDate (UTC)
Value Link(ObjKind kind, uint64_t index);
Value Connection(ObjKind kind, uint64_t first, int64_t count);
Value List(ObjKind kind, uint64_t first, int64_t count);
Value StringList(const std::vector<std::string>& items);

std::string_view TypeName(ObjKind kind);
std::optional<ObjKind> KindOfType(std::string_view type_name);
std::span<const std::string_view> FieldNames(ObjKind kind);

// The field values of one object, by slot.
class Values {
 public:
  explicit Values(ObjKind kind);
  void Set(std::string_view field, Value v);  // `field` must be in the kind's list
  const Value& At(size_t slot) const { return values_[slot]; }

 private:
  std::span<const std::string_view> names_;
  std::vector<Value> values_;
};

}  // namespace gb::sim
