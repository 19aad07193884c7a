// A stream: one Gazelle object copied into one destination table. A stream
// is a module — its folder (src/streams/<name>/) holds its query documents,
// its SQL per dialect (the table, the upsert that takes a JSON array of nodes
// as the API gave them, the count of ids stored already), and one file that
// describes it with this struct. The source, the sink and the engine work on
// any stream through this description; adding one is its folder plus its
// line in registry.cc.
//
// The upsert keeps the whole node (jsonb / JSON text: nothing is lost) and the
// fields the business queries as columns; a link to a row not loaded (yet) is
// stored NULL while the node keeps it (repaired, counted as unlinked) so a
// reference never stops a load.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace gb {

// A list inside each node that the page gives only in part (a client's
// contacts, an invoice's items): the rest is asked by `document` with the
// node's id as `$<id_variable>`, `first`/`after` paging `field` under `root`.
struct NestedList {
  std::string_view field;        // "allContacts"
  std::string_view root;         // "client"
  std::string_view id_variable;  // "clientId"
  std::string_view document;     // with its fragments appended
};

// A list of links inside each node kept as a table of its own, one row per
// link, a foreign key each way (an event's pianos: allEventPianos). Written
// after the nodes in the same transaction; a link whose row is not loaded
// (yet) waits in the node (the upsert counts it unlinked) and is added by
// `restore` once it is.
struct LinkTableSql {
  std::string_view create;   // CREATE TABLE IF NOT EXISTS; empty: the stream has none
  std::string_view remove;   // $1/?1: the upsert's array; the links its nodes no longer have
  std::string_view write;    // $1/?1: the same; its nodes' links whose row is there
  std::string_view restore;  // the links of every stored node whose row is there now
};

struct StreamSql {
  std::string_view create;    // CREATE TABLE IF NOT EXISTS
  std::string_view upsert;    // $1/?1: a JSON array of nodes; one row back per row written,
                              // with `unlinked` (a link was nulled)
  std::string_view existing;  // $1/?1: the same array; count of its ids stored already
  // Links stored NULL while their row was not loaded, given back; one row
  // back per row touched, `restored` when all its links are back.
  std::string_view restore_links;
  // The rows of the table (verify); of a stream bounded by --years, those
  // within $1/?1 and $2/?2 (CoreDate strings, inclusive, read in UTC).
  std::string_view count;
  LinkTableSql link_table = {};
};

// A connection's creation-date filters, where the API has them, and the
// table's column that holds the creation time: `sync` fetches the objects
// created since a date with them (engine/sync_planner.h) instead of sweeping
// the whole connection when its count differs.
struct CreatedFilter {
  std::string_view since;   // "createdGet" (CoreDate, inclusive)
  std::string_view until;   // "createdLet" (CoreDate, inclusive)
  std::string_view column;  // "created_at"
};

// How a stream's work is cut into units, the engine's strategy for it.
enum class Cutting {
  kWholeSweep,  // one sweep of its connection, oldest created first (engine/object_sweep)
  kByYear,      // the timeline's: by year, type and time pieces (engine/planner), swept newest
                // first, checked at the end by per-year counts (engine/closing_check)
  kList,        // a plain list in one request, loaded before the rest (allUsers)
};

struct StreamModule {
  std::string_view name;           // "clients": --streams, counters, watch
  std::string_view table;          // "gazelle_clients"
  std::string_view root;           // the connection: "allClients"
  std::string_view page_document;  // $first, $after, $filters; with its fragments appended
  std::optional<NestedList> nested;
  // Fields of a node that must be valid ISO date-times ("createdAt") or
  // dates ("dueOn") when present: the table types them, so a node with a
  // malformed one is kept as a reject with that reason instead.
  std::span<const std::string_view> time_fields;
  std::span<const std::string_view> date_fields;
  StreamSql postgres;
  StreamSql sqlite;
  // The streams whose tables this one references: their tables are created
  // first, and their rows loaded first when both are asked.
  std::span<const std::string_view> references;
  // A stream bounded by --years: the connection's filter fields for the
  // first and the last date (DateSpan). Empty for a stream loaded whole
  // (clients, pianos: the timeline points at them whatever their age).
  std::string_view since_filter = {};
  std::string_view until_filter = {};
  // The connection's creation-date filters (none: the connection has none, a
  // sync sweeps it whole when its count differs).
  std::optional<CreatedFilter> created = std::nullopt;
  // The table of its nodes' list of links (StreamSql::link_table), if any.
  std::string_view link_table = {};

  Cutting cutting = Cutting::kWholeSweep;

  bool bounded() const { return !since_filter.empty(); }
};

}  // namespace gb
