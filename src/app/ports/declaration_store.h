#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/declaration.h"
#include "domain/enterprise.h"
#include "domain/lane.h"
#include "domain/lifecycle.h"
#include "domain/result.h"

namespace haiquan::app {

struct InspectionRecord {
  int64_t id = 0;
  domain::Inspection findings;
  domain::ClearanceStatus resulting_status = domain::ClearanceStatus::kReleased;
  std::string recorded_at;
};

// A declaration as stored, with its decision and what happened to it since.
struct StoredDeclaration {
  int64_t id = 0;
  domain::Declaration declaration;
  domain::Decision decision;
  domain::ClearanceStatus status = domain::ClearanceStatus::kReceived;
  std::string filed_at;  // RFC 3339 UTC, milliseconds
  std::vector<InspectionRecord> inspections;
};

struct NewFiling {
  domain::Declaration declaration;
  domain::Decision decision;
  domain::ClearanceStatus status;
  std::string filed_at;
  domain::AuditEvent audit;  // committed with the filing; the store adds the record id
  // Parties the registry lacks: registered provisionally in the same commit.
  std::vector<domain::Enterprise> provisional_traders;
};

struct FilingOutcome {
  StoredDeclaration record;
  bool created = true;  // false: the declarant's reference was filed before; this is the original
};

struct DeclarationQuery {
  std::optional<domain::Lane> lane;
  std::optional<domain::ClearanceStatus> status;
  std::optional<std::string> trader;  // a tax id: declarant, importer or exporter
  std::optional<std::string> from;    // filed_at >= from (date or timestamp)
  std::optional<std::string> to;      // filed_at < to
  std::optional<int64_t> before_id;   // keyset cursor: ids strictly below
  int limit = 50;
};

struct DeclarationSummary {
  int64_t id = 0;
  std::string declarant_reference;
  domain::DeclarationType type = domain::DeclarationType::kImport;
  std::string office;
  std::string declarant_tax_id;
  std::string importer_tax_id;
  std::string exporter_tax_id;
  domain::Lane lane = domain::Lane::kGreen;
  domain::ClearanceStatus status = domain::ClearanceStatus::kReceived;
  double score = 0;
  int64_t invoice_amount_hundredths = 0;
  std::string currency;
  int item_count = 0;
  std::string filed_at;
};

struct DeclarationPage {
  std::vector<DeclarationSummary> items;
  std::optional<int64_t> next_before_id;
};

// Counts over the declarations filed in a period, for dashboards. They name no party, so a read
// of them is not a read of anyone's declarations.
struct LaneDay {
  std::string day;  // YYYY-MM-DD (UTC)
  int64_t green = 0, yellow = 0, red = 0;
};
struct LaneHits {
  domain::Lane lane = domain::Lane::kGreen;
  int64_t inspected = 0;  // inspections recorded on the period's declarations of this lane
  int64_t hits = 0;       // of which found something (discrepancy or seizure)
};
struct ReasonCount {
  std::string code;  // RULE:..., MODEL:..., ANOMALY:..., ...
  int64_t declarations = 0;
  int64_t red = 0;
};
struct StatusCount {
  domain::ClearanceStatus status = domain::ClearanceStatus::kReceived;
  int64_t count = 0;  // now, whatever the period: the work still to do
};
struct DeclarationStats {
  std::vector<LaneDay> days;
  std::vector<LaneHits> hit_rates;
  std::vector<ReasonCount> top_reasons;
  std::vector<StatusCount> queues;
};

// Where declarations live. File is asynchronous: `done` runs once the filing is durably
// committed (or failed), on a storage thread, so that concurrent filings can share one commit.
class DeclarationStore {
 public:
  virtual ~DeclarationStore() = default;

  using FileCallback = std::function<void(domain::Result<FilingOutcome>)>;
  virtual void File(NewFiling filing, FileCallback done) = 0;

  virtual domain::Result<StoredDeclaration> Get(int64_t id) = 0;
  virtual domain::Result<DeclarationPage> List(const DeclarationQuery& query) = 0;
  virtual domain::Result<int64_t> Count() = 0;
  // Declarations filed in [from, to) by day and lane, hit rates by lane, the `top` most frequent
  // reasons; and the open queues now.
  virtual domain::Result<DeclarationStats> Stats(const std::string& from, const std::string& to,
                                                 int top) = 0;

  // Applies domain::ApplyInspection to the current status and stores the findings, atomically.
  virtual domain::Result<StoredDeclaration> RecordInspection(int64_t id,
                                                             const domain::Inspection& findings,
                                                             const std::string& recorded_at,
                                                             const domain::AuditEvent& audit) = 0;
};

}  // namespace haiquan::app
