// The invoices stream: allInvoices, oldest created first, each invoice with
// all its items (the first 100 in the page, the rest by InvoiceItems).
// No creation filter: invoiceDateGet is the invoice's date, which can be
// back-dated (an invoice written today for last month's visit), so a sync
// sweeps it whole when its count differs.
#include <string>

#include "streams/invoices.h"
#include "streams/stream.h"

namespace gb {

const StreamModule& InvoicesStream() {
  using namespace streams::invoices;
  static const std::string page = std::string(kInvoicesPage) + std::string(kInvoiceItemFields);
  static const std::string items = std::string(kInvoiceItems) + std::string(kInvoiceItemFields);
  static constexpr std::string_view kTimes[] = {"createdAt", "updatedAt"};
  static constexpr std::string_view kDates[] = {"dueOn"};
  static constexpr std::string_view kReferences[] = {"users", "clients"};
  static const StreamModule stream{
      .name = "invoices",
      .table = "gazelle_invoices",
      .root = "allInvoices",
      .page_document = page,
      .nested = NestedList{"allInvoiceItems", "invoice", "invoiceId", items},
      .time_fields = kTimes,
      .date_fields = kDates,
      .postgres = {kPostgresCreate, kPostgresUpsert, kPostgresExisting, kPostgresRestoreLinks,
                   kPostgresCount},
      .sqlite = {kSqliteCreate, kSqliteUpsert, kSqliteExisting, kSqliteRestoreLinks, kSqliteCount},
      .references = kReferences,
      .since_filter = "invoiceDateGet",
      .until_filter = "invoiceDateLet",
  };
  return stream;
}

}  // namespace gb
