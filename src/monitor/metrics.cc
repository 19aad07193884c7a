#include "monitor/metrics.h"

#include <fmt/format.h>

#include <functional>

namespace gb {
namespace {

// A label value with \, " and newline escaped, as the exposition format requires.
std::string LabelValue(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void Family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void PerYear(std::string& out, const Health& h, std::string_view name, std::string_view type,
             std::string_view help, const std::function<double(const YearHealth&)>& value) {
  Family(out, name, type, help);
  for (const auto& y : h.years)
    out += fmt::format("{}{{year=\"{}\"}} {}\n", name, y.year, value(y));
  for (const auto& y : h.streams)
    out += fmt::format("{}{{stream=\"{}\"}} {}\n", name, y.stream, value(y));
}

void Gauge(std::string& out, std::string_view name, std::string_view help, double value) {
  Family(out, name, "gauge", help);
  out += fmt::format("{} {}\n", name, value);
}

void ApiFamilies(std::string& out, const ApiStats& api) {
  Family(out, "gazelle_backfill_api_retries_total", "counter", "API requests retried.");
  out += fmt::format("gazelle_backfill_api_retries_total {}\n", api.retries);
  Family(out, "gazelle_backfill_api_rate_limited_total", "counter",
         "API answers 429 Too Many Requests.");
  out += fmt::format("gazelle_backfill_api_rate_limited_total {}\n", api.rate_limited);
  Family(out, "gazelle_backfill_database_retries_total", "counter", "Database operations retried.");
  out += fmt::format("gazelle_backfill_database_retries_total {}\n", api.database_retries);
  Family(out, "gazelle_backfill_token_refreshes_total", "counter", "OAuth token refreshes.");
  out += fmt::format("gazelle_backfill_token_refreshes_total {}\n", api.token_refreshes);
}

}  // namespace

ApiStats ApiStatsFrom(const Snapshot& snapshot) {
  ApiStats api;
  for (const auto& [reason, n] : snapshot.retry_reasons) {
    if (reason.rfind("api", 0) == 0) {
      api.retries += n;
      if (reason.find("429") != std::string::npos) api.rate_limited += n;
    } else {
      api.database_retries += n;
    }
  }
  api.token_refreshes = snapshot.token_refreshes;
  return api;
}

std::string FormatMetrics(const Health& h, const std::optional<ApiStats>& api) {
  std::string out;
  Gauge(out, "gazelle_backfill_up", "1 when the destination database could be read.",
        h.reachable ? 1 : 0);
  Gauge(out, "gazelle_backfill_run_id", "The newest run (0 before any run).",
        h.run ? static_cast<double>(h.run->id) : 0);
  Family(out, "gazelle_backfill_status", "gauge", "1 for the run's current status.");
  out += fmt::format("gazelle_backfill_status{{state=\"{}\",reason=\"{}\"}} 1\n",
                     HealthStateName(h.total.state), LabelValue(h.total.reason));
  PerYear(out, h, "gazelle_backfill_expected", "gauge", "Rows expected per year (the plan).",
          [](const YearHealth& y) { return static_cast<double>(y.expected); });
  PerYear(out, h, "gazelle_backfill_loaded_total", "counter",
          "Rows inserted, updated or unchanged per year.",
          [](const YearHealth& y) { return static_cast<double>(y.counts.loaded()); });
  PerYear(out, h, "gazelle_backfill_repaired_total", "counter",
          "Rows loaded after a lossless repair per year.",
          [](const YearHealth& y) { return static_cast<double>(y.counts.repaired); });
  PerYear(out, h, "gazelle_backfill_unlinked_total", "counter",
          "Rows with a link nulled (the user, client, piano, invoice or estimate it points at "
          "is not there; a part of repaired) per year.",
          [](const YearHealth& y) { return static_cast<double>(y.counts.unlinked); });
  PerYear(out, h, "gazelle_backfill_rejected_total", "counter",
          "Rows kept in the rejects table per year.",
          [](const YearHealth& y) { return static_cast<double>(y.counts.rejected); });
  PerYear(out, h, "gazelle_backfill_skipped_total", "counter",
          "Rows outside the requested years, per year.",
          [](const YearHealth& y) { return static_cast<double>(y.counts.skipped); });
  PerYear(out, h, "gazelle_backfill_rate", "gauge", "Entries per second over the sliding window.",
          [](const YearHealth& y) { return y.rate; });
  Gauge(out, "gazelle_backfill_rate_total", "Entries per second, all shown years.", h.total.rate);
  if (h.last_commit_age) {
    Gauge(out, "gazelle_backfill_last_commit_age_seconds", "Seconds since the last commit.",
          static_cast<double>(*h.last_commit_age));
  }
  if (h.rows_estimate) {
    Gauge(out, "gazelle_backfill_destination_rows_estimate",
          "Rows in the destination table (estimate, no scan).",
          static_cast<double>(*h.rows_estimate));
  }
  if (api) ApiFamilies(out, *api);
  return out;
}

}  // namespace gb
