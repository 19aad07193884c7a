// What the end-to-end tests of `run` compare: the simulator's own answers
// (totalCount over HTTP, and the dataset's facts computed in-process from the
// same seed and scale) against the destination, read back with plain SQL the
// way the business reads it (count per year, duplicates by external_id) and
// through the tool's bookkeeping (plan, counters, units, rejects).
//
// Header-only: tests/CMakeLists.txt builds only tests/integration/*_test.cc.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>
#include <unistd.h>

#include <ctime>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/entry_types.h"
#include "sim/sim_dataset.h"
#include "support/pg_server.h"

namespace gb::test {

// ---- The simulator's side -------------------------------------------------

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string YearStart(int year) { return std::to_string(year) + "-01-01T00:00:00Z"; }

// The loader's OAuth token file, used by the test to ask the simulator itself.
// Tokens may expire while a test runs (--token-ttl): on a 401 the token is
// refreshed with the test OAuth client and written back, as the loader would,
// so the loader's next refresh still holds a valid refresh token.
class SimAsker {
 public:
  SimAsker(std::string sim_url, std::string token_file, std::string client_id,
           std::string client_secret)
      : url_(std::move(sim_url)),
        token_file_(std::move(token_file)),
        client_id_(std::move(client_id)),
        client_secret_(std::move(client_secret)) {}

  // totalCount of allTimelineEntries(occurredAtGet: since); -1 on any failure
  // (with an ADD_FAILURE).
  int64_t TotalCount(const std::string& since) {
    return TotalOf("allTimelineEntries", "first: 1, occurredAtGet: \"" + since + "\"");
  }

  // totalCount of the connection `root`(`arguments`).
  int64_t TotalOf(const std::string& root, const std::string& arguments = "first: 1") {
    nlohmann::json body = {
        {"query", "query Count { " + root + "(" + arguments + ") { totalCount } }"}};
    httplib::Client client(url_);
    client.set_read_timeout(30, 0);
    auto ask = [&](const nlohmann::json& token) {
      httplib::Headers headers = {
          {"Authorization", "Bearer " + token.value("access_token", std::string())}};
      return client.Post("/graphql/private/", headers, body.dump(), "application/json");
    };
    const nlohmann::json token = ReadToken();
    if (!token.contains("access_token")) {
      ADD_FAILURE() << "no access token in " << token_file_;
      return -1;
    }
    auto res = ask(token);
    if (res && res->status == 401 && Refresh(token)) res = ask(ReadToken());
    if (!res || res->status != 200) {
      ADD_FAILURE() << "the simulator did not answer the count query (HTTP "
                    << (res ? std::to_string(res->status) : httplib::to_string(res.error())) << ")";
      return -1;
    }
    auto answer = nlohmann::json::parse(res->body, nullptr, false);
    if (!answer.is_object() || !answer.contains("data")) {
      ADD_FAILURE() << "unexpected count answer: " << res->body;
      return -1;
    }
    return answer["data"][root]["totalCount"].get<int64_t>();
  }

 private:
  nlohmann::json ReadToken() const {
    auto token = nlohmann::json::parse(ReadFile(token_file_), nullptr, false);
    return token.is_object() ? token : nlohmann::json::object();
  }

  // grant_type=refresh_token; the new pair replaces the old one in the file.
  bool Refresh(nlohmann::json token) {
    if (!token.contains("refresh_token")) return false;
    httplib::Client client(url_);
    httplib::Params form = {{"grant_type", "refresh_token"},
                            {"client_id", client_id_},
                            {"client_secret", client_secret_},
                            {"refresh_token", token["refresh_token"].get<std::string>()}};
    auto res = client.Post("/developer/oauth/token", form);
    if (!res || res->status != 200) return false;
    auto issued = nlohmann::json::parse(res->body, nullptr, false);
    if (!issued.is_object() || !issued.contains("access_token")) return false;
    for (const char* key : {"access_token", "refresh_token", "expires_in", "created_at"}) {
      if (issued.contains(key)) token[key] = issued[key];
    }
    std::ofstream(token_file_, std::ios::trunc) << token.dump();
    return true;
  }

  std::string url_, token_file_, client_id_, client_secret_;
};

// What the simulator says the destination must hold.
struct SimTruth {
  std::map<int, int64_t> per_year;  // count(>= Jan 1 of Y) - count(>= Jan 1 of Y+1)
  int64_t fetched = 0;              // count(>= Jan 1 of the oldest year): every stream's sweep
};

inline SimTruth AskSimTruth(SimAsker& sim, const std::vector<int>& years) {
  SimTruth truth;
  for (int year : years) {
    truth.per_year[year] = sim.TotalCount(YearStart(year)) - sim.TotalCount(YearStart(year + 1));
  }
  truth.fetched = sim.TotalCount(YearStart(years.front()));
  return truth;
}

// Facts of the dataset per UTC year, computed from the generator itself.
struct YearFacts {
  int64_t total = 0;
  int64_t unknown_user = 0;  // user id that allUsers does not return
  int64_t legacy_type = 0;   // type accepted by the business's old 8-value CHECK
};

inline std::map<int, YearFacts> DatasetFacts(double scale, uint64_t seed = 1,
                                             double unknown_user_share = 0.03) {
  sim::SimDataset data(seed, scale, unknown_user_share, false);
  std::map<int, YearFacts> facts;
  const auto live_users = static_cast<int>(data.users().size());
  for (int64_t pos = 0; pos < data.base_size(); ++pos) {
    sim::EntryRef ref = data.At(pos, 0);
    time_t t = ref.occurred;
    tm utc{};
    gmtime_r(&t, &utc);
    YearFacts& f = facts[utc.tm_year + 1900];
    ++f.total;
    if (data.UserOf(ref.gen) >= live_users) ++f.unknown_user;
    uint8_t type = data.TypeOf(ref.gen);
    if (type < kEntryTypes.size()) {
      for (std::string_view legacy : kLegacyEntryTypes) {
        if (kEntryTypes[type] == legacy) ++f.legacy_type;
      }
    }
  }
  return facts;
}

// ---- The destination's side -----------------------------------------------

// Scalar SQL against a destination, outside the loader.
class SqlProbe {
 public:
  virtual ~SqlProbe() = default;
  // First column of the first row as text; "" for NULL, no row, or no database yet.
  virtual std::string Value(const std::string& sql) = 0;
  // The business's per-year expression for occurred_at in this dialect.
  virtual std::string YearIs(int year) const = 0;
  virtual std::string Name() const = 0;
  // A bookkeeping table (gb_runs, gb_units, ...) as this dialect names it:
  // PostgreSQL keeps them in the schema gazelle_backfill.
  virtual std::string Table(std::string_view bookkeeping_table) const = 0;

  int64_t Int(const std::string& sql) {
    std::string v = Value(sql);
    return v.empty() ? 0 : std::stoll(v);
  }
};

class PgProbe final : public SqlProbe {
 public:
  explicit PgProbe(std::string db) : db_(std::move(db)) {}
  std::string Value(const std::string& sql) override {
    auto v = PgServer::Shared().QueryValue(sql, db_);
    if (!v && v.error().kind == ErrorKind::kData) return "";  // no row
    EXPECT_TRUE(v) << sql << ": " << (v ? "" : v.error().message);
    return v ? *v : "";
  }
  std::string YearIs(int year) const override {
    return "EXTRACT(YEAR FROM occurred_at) = " + std::to_string(year);
  }
  std::string Name() const override { return "postgresql"; }
  std::string Table(std::string_view table) const override {
    return "gazelle_backfill." + std::string(table);
  }

 private:
  std::string db_;
};

class SqliteProbe final : public SqlProbe {
 public:
  explicit SqliteProbe(std::string path) : path_(std::move(path)) {}
  std::string Value(const std::string& sql) override {
    sqlite3* db = nullptr;
    std::string out;
    if (access(path_.c_str(), F_OK) != 0) return out;  // not created yet: no row
    if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "cannot open " << path_;
      sqlite3_close(db);
      return out;
    }
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
    } else if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
  }
  std::string YearIs(int year) const override {
    return "strftime('%Y', occurred_at) = '" + std::to_string(year) + "'";
  }
  std::string Name() const override { return "sqlite"; }
  std::string Table(std::string_view table) const override { return std::string(table); }

 private:
  std::string path_;
};

// ---- Reading the destination back ----------------------------------------

struct YearCounters {
  int64_t inserted = 0, updated = 0, unchanged = 0, repaired = 0, rejected = 0, skipped = 0;
  int64_t unlinked = 0;  // a part of repaired
  int64_t loaded() const { return inserted + updated + unchanged; }
  int64_t sum() const { return loaded() + repaired + rejected + skipped; }
};

inline int64_t LatestRunId(SqlProbe& db) {
  return db.Int("SELECT max(id) FROM " + db.Table("gb_runs"));
}

inline YearCounters CountersOf(SqlProbe& db, int64_t run, std::optional<int> year) {
  YearCounters c;
  // The timeline's counters (another stream's have year 0: streams/stream.h).
  std::string where = "run_id = " + std::to_string(run) + " AND year <> 0";
  if (year) where += " AND year = " + std::to_string(*year);
  auto sum = [&](const char* col) {
    return db.Int(std::string("SELECT coalesce(sum(") + col + "), 0) FROM " +
                  db.Table("gb_counters") + " WHERE " + where);
  };
  c.inserted = sum("inserted");
  c.updated = sum("updated");
  c.unchanged = sum("unchanged");
  c.repaired = sum("repaired");
  c.rejected = sum("rejected");
  c.skipped = sum("skipped");
  c.unlinked = sum("unlinked");
  return c;
}

inline int64_t RowsInYear(SqlProbe& db, int year) {
  return db.Int("SELECT count(*) FROM gazelle_timeline_entries WHERE " + db.YearIs(year));
}

inline int64_t Duplicates(SqlProbe& db) {
  return db.Int(
      "SELECT count(*) FROM (SELECT external_id FROM gazelle_timeline_entries "
      "GROUP BY external_id HAVING count(*) > 1) AS d");
}

// The run is finished and the destination holds exactly what the simulator
// has, per year; the counters account for every fetched row exactly once.
// `rejects` is the expected number of rejected rows per year (default none).
// Returns what the units fetched (ExpectExactLoad compares it with the
// source; with entries arriving mid-run, re-read rows make it larger).
inline int64_t ExpectConsistentLoad(SqlProbe& db, const SimTruth& truth,
                                    const std::map<int, int64_t>& rejects = {}) {
  SCOPED_TRACE(db.Name());
  const int64_t run = LatestRunId(db);
  EXPECT_GT(run, 0) << "no run recorded";
  if (run <= 0) return 0;
  const std::string in_run = " WHERE run_id = " + std::to_string(run);
  // The timeline's units (each other stream has one unit named after it).
  const std::string timeline_units =
      in_run + " AND name NOT IN ('clients', 'pianos', 'events', 'invoices', 'estimates')";
  EXPECT_EQ(
      db.Int("SELECT count(*) FROM " + db.Table("gb_units") + in_run + " AND state <> 'done'"), 0);
  EXPECT_EQ(db.Int("SELECT count(*) FROM " + db.Table("gb_runs") + " WHERE id = " +
                   std::to_string(run) + " AND state IN ('done', 'done_with_rejects')"),
            1)
      << "run state: "
      << db.Value("SELECT state FROM " + db.Table("gb_runs") +
                  " WHERE id = " + std::to_string(run));
  for (const auto& [year, expected] : truth.per_year) {
    SCOPED_TRACE(year);
    const int64_t rejected = rejects.contains(year) ? rejects.at(year) : 0;
    EXPECT_EQ(db.Int("SELECT expected FROM " + db.Table("gb_plan") + in_run +
                     " AND year = " + std::to_string(year)),
              expected)
        << "the plan differs from the simulator's totalCount";
    const int64_t rows = RowsInYear(db, year);
    EXPECT_EQ(rows + rejected, expected);
    YearCounters c = CountersOf(db, run, year);
    EXPECT_EQ(c.loaded() + c.repaired, rows) << "loaded + repaired must equal the rows";
    EXPECT_EQ(c.rejected, rejected);
    EXPECT_EQ(db.Int("SELECT count(*) FROM " + db.Table("gb_rejects") + in_run +
                     " AND year = " + std::to_string(year)),
              rejected);
    EXPECT_EQ(c.skipped, 0) << "rows of a requested year counted as skipped";
  }
  EXPECT_EQ(Duplicates(db), 0);
  const int64_t fetched =
      db.Int("SELECT sum(fetched) FROM " + db.Table("gb_units") + timeline_units);
  EXPECT_EQ(CountersOf(db, run, std::nullopt).sum(), fetched)
      << "loaded + repaired + rejected + skipped must equal fetched";
  return fetched;
}

inline void ExpectExactLoad(SqlProbe& db, const SimTruth& truth,
                            const std::map<int, int64_t>& rejects = {}) {
  SCOPED_TRACE(db.Name());
  EXPECT_EQ(ExpectConsistentLoad(db, truth, rejects), truth.fetched)
      << "every stream's sweep, once";
}

inline int64_t TotalRows(SqlProbe& db) {
  return db.Int("SELECT count(*) FROM gazelle_timeline_entries");
}

}  // namespace gb::test
