#include "storage/sqlite/declaration_store.h"

#include <array>
#include <limits>
#include <memory>
#include <optional>

#include "storage/sqlite/audit_store.h"
#include "storage/sqlite/trader_store.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;
using domain::Result;

constexpr const char* kInsertDeclaration =
    "INSERT INTO declarations (declarant_tax_id, declarant_reference, type, office,"
    " declarant_name, declarant_address, declarant_country,"
    " has_importer, importer_tax_id, importer_name, importer_address, importer_country,"
    " has_exporter, exporter_tax_id, exporter_name, exporter_address, exporter_country,"
    " transport_mode, conveyance_id, departure_country, loading_place, discharge_place,"
    " invoice_currency, invoice_incoterm, invoice_amount, item_count, lane, score, status,"
    " filed_at, updated_at, audit_seq)"
    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,"
    "?23,?24,?25,?26,?27,?28,?29,?30,?30,?31)"
    " ON CONFLICT (declarant_tax_id, declarant_reference) DO NOTHING";
constexpr const char* kFindByReference =
    "SELECT id FROM declarations WHERE declarant_tax_id = ?1 AND declarant_reference = ?2";
// Only if the filing's audit entry did not get the number its row was inserted with.
constexpr const char* kSetAuditSeq = "UPDATE declarations SET audit_seq = ?1 WHERE id = ?2";
constexpr const char* kInsertItem =
    "INSERT INTO goods_items (declaration_id, seq, hs_code, description, origin_country,"
    " quantity, unit, net_mass_kg, gross_mass_kg, value) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)";
constexpr const char* kInsertReason =
    "INSERT INTO decision_reasons (declaration_id, seq, code, message) VALUES (?1,?2,?3,?4)";
constexpr const char* kSelectDeclaration =
    "SELECT id, declarant_tax_id, declarant_reference, type, office,"
    " declarant_name, declarant_address, declarant_country,"
    " has_importer, importer_tax_id, importer_name, importer_address, importer_country,"
    " has_exporter, exporter_tax_id, exporter_name, exporter_address, exporter_country,"
    " transport_mode, conveyance_id, departure_country, loading_place, discharge_place,"
    " invoice_currency, invoice_incoterm, invoice_amount, lane, score, status, filed_at"
    " FROM declarations WHERE id = ?1";
constexpr const char* kSelectItems =
    "SELECT hs_code, description, origin_country, quantity, unit, net_mass_kg, gross_mass_kg,"
    " value FROM goods_items WHERE declaration_id = ?1 ORDER BY seq";
constexpr const char* kSelectReasons =
    "SELECT code, message FROM decision_reasons WHERE declaration_id = ?1 ORDER BY seq";
constexpr const char* kSelectInspections =
    "SELECT id, outcome, description, revenue_adjustment, officer, resulting_status, recorded_at"
    " FROM inspections WHERE declaration_id = ?1 ORDER BY id";
constexpr const char* kSelectStatus = "SELECT status FROM declarations WHERE id = ?1";
constexpr const char* kUpdateStatus =
    "UPDATE declarations SET status = ?2, updated_at = ?3 WHERE id = ?1";
constexpr const char* kInsertInspection =
    "INSERT INTO inspections (declaration_id, outcome, description, revenue_adjustment, officer,"
    " resulting_status, recorded_at) VALUES (?1,?2,?3,?4,?5,?6,?7)";
constexpr const char* kCount = "SELECT count(*) FROM declarations";

// The dashboard's counts: each a range scan of declarations_by_filed_at (or of the status index).
constexpr const char* kStatsDays =
    "SELECT substr(filed_at, 1, 10) AS day, sum(lane = 'green'), sum(lane = 'yellow'),"
    " sum(lane = 'red') FROM declarations WHERE filed_at >= ?1 AND filed_at < ?2"
    " GROUP BY day ORDER BY day";
constexpr const char* kStatsHits =
    "SELECT d.lane, count(*), sum(i.outcome <> 'compliant') FROM declarations d"
    " JOIN inspections i ON i.declaration_id = d.id"
    " WHERE d.filed_at >= ?1 AND d.filed_at < ?2 GROUP BY d.lane";
constexpr const char* kStatsReasons =
    "SELECT r.code, count(*), sum(d.lane = 'red') FROM declarations d"
    " JOIN decision_reasons r ON r.declaration_id = d.id"
    " WHERE d.filed_at >= ?1 AND d.filed_at < ?2"
    " GROUP BY r.code ORDER BY 2 DESC, 1 LIMIT ?3";
constexpr const char* kStatsQueues =
    "SELECT status, count(*) FROM declarations"
    " WHERE status IN ('received', 'awaiting_documents', 'awaiting_inspection', 'held')"
    " GROUP BY status";

// One prepared statement per combination of filters, so each can use its index;
// every value is bound. Bit i of the key is filter i below.
constexpr int kFilterCount = 5;
const std::array<std::string, 1 << kFilterCount>& ListQueries() {
  static const auto kQueries = [] {
    constexpr std::array<const char*, kFilterCount> kFilters = {
        " AND lane = ?1",
        " AND status = ?2",
        " AND (declarant_tax_id = ?3 OR importer_tax_id = ?3 OR exporter_tax_id = ?3)",
        " AND filed_at >= ?4",
        " AND filed_at < ?5",
    };
    std::array<std::string, 1 << kFilterCount> q;
    for (int mask = 0; mask < (1 << kFilterCount); ++mask) {
      std::string sql =
          "SELECT id, declarant_reference, type, office, declarant_tax_id,"
          " coalesce(importer_tax_id, ''), coalesce(exporter_tax_id, ''), lane, status, score,"
          " invoice_amount, invoice_currency, item_count, filed_at"
          " FROM declarations WHERE id < ?6";
      for (int i = 0; i < kFilterCount; ++i) {
        if (mask & (1 << i)) sql += kFilters[i];
      }
      sql += " ORDER BY id DESC LIMIT ?7";
      q[mask] = std::move(sql);
    }
    return q;
  }();
  return kQueries;
}

domain::Status StepDone(Statement& st, Connection& db) {
  if (st.Step() != SQLITE_DONE)
    return Error::Unavailable("storage write failed: " + db.ErrorMessage());
  return domain::Ok();
}

domain::Party ReadParty(const Statement& st, int col) {
  return {st.Text(col), st.Text(col + 1), st.Text(col + 2), st.Text(col + 3)};
}

Result<app::StoredDeclaration> Load(Connection& db, int64_t id) {
  app::StoredDeclaration out;
  {
    auto st = db.Prepare(kSelectDeclaration);
    st.Bind(1, id);
    int rc = st.Step();
    if (rc == SQLITE_DONE) return Error::NotFound("no declaration " + std::to_string(id));
    if (rc != SQLITE_ROW) return Error::Unavailable("storage read failed: " + db.ErrorMessage());
    out.id = st.Int(0);
    auto& d = out.declaration;
    d.declarant.tax_id = st.Text(1);
    d.declarant_reference = st.Text(2);
    d.type = domain::ParseDeclarationType(st.Text(3)).value_or(domain::DeclarationType::kImport);
    d.office = st.Text(4);
    d.declarant.name = st.Text(5);
    d.declarant.address = st.Text(6);
    d.declarant.country = st.Text(7);
    if (st.Int(8)) d.importer = ReadParty(st, 9);
    if (st.Int(13)) d.exporter = ReadParty(st, 14);
    d.transport = {st.Text(18), st.Text(19), st.Text(20), st.Text(21), st.Text(22)};
    d.invoice = {st.Text(23), st.Text(24), domain::Amount{st.Int(25)}};
    out.decision.lane = domain::ParseLane(st.Text(26)).value_or(domain::Lane::kRed);
    out.decision.score = st.Real(27);
    out.status = domain::ParseStatus(st.Text(28)).value_or(domain::ClearanceStatus::kReceived);
    out.filed_at = st.Text(29);
  }
  {
    auto st = db.Prepare(kSelectItems);
    st.Bind(1, id);
    while (st.Step() == SQLITE_ROW) {
      domain::GoodsItem item;
      item.hs_code = st.Text(0);
      item.description = st.Text(1);
      item.origin_country = st.Text(2);
      item.quantity = st.Real(3);
      item.unit = st.Text(4);
      item.net_mass_kg = st.Real(5);
      item.gross_mass_kg = st.Real(6);
      item.value = domain::Amount{st.Int(7)};
      out.declaration.items.push_back(std::move(item));
    }
  }
  {
    auto st = db.Prepare(kSelectReasons);
    st.Bind(1, id);
    while (st.Step() == SQLITE_ROW) out.decision.reasons.push_back({st.Text(0), st.Text(1)});
  }
  {
    auto st = db.Prepare(kSelectInspections);
    st.Bind(1, id);
    while (st.Step() == SQLITE_ROW) {
      app::InspectionRecord r;
      r.id = st.Int(0);
      r.findings.outcome = domain::ParseOutcome(st.Text(1)).value_or(domain::Outcome::kCompliant);
      r.findings.description = st.Text(2);
      r.findings.revenue_adjustment = domain::Amount{st.Int(3)};
      r.findings.officer = st.Text(4);
      r.resulting_status = domain::ParseStatus(st.Text(5)).value_or(domain::ClearanceStatus::kHeld);
      r.findings.release = r.resulting_status == domain::ClearanceStatus::kReleased;
      r.recorded_at = st.Text(6);
      out.inspections.push_back(std::move(r));
    }
  }
  return out;
}

void BindParty(Statement& st, int col, const std::optional<domain::Party>& p) {
  st.Bind(col, p ? 1 : 0);
  if (!p) return;
  st.BindOptionalStatic(col + 1, p->tax_id);
  st.BindOptionalStatic(col + 2, p->name);
  st.BindOptionalStatic(col + 3, p->address);
  st.BindOptionalStatic(col + 4, p->country);
}

// InsertFiling without copying the declaration and decision into `out.record` when the
// filing is new: the store's writer job moves them in after the commit instead (a deep copy of
// every string of the declaration, on the writer thread, for every filing).
domain::Status InsertFilingRows(Connection& db, const app::NewFiling& f, app::FilingOutcome& out) {
  const auto& d = f.declaration;
  // The row names its audit entry, appended last in this job: the next number in the chain.
  auto head = ReadAuditHead(db);
  if (!head.ok()) return head.error();
  {
    auto st = db.Prepare(kInsertDeclaration);
    st.BindStatic(1, d.declarant.tax_id).BindStatic(2, d.declarant_reference);
    st.BindStatic(3, domain::ToString(d.type)).BindStatic(4, d.office);
    st.BindOptionalStatic(5, d.declarant.name).BindOptionalStatic(6, d.declarant.address);
    st.BindOptionalStatic(7, d.declarant.country);
    BindParty(st, 8, d.importer);
    BindParty(st, 13, d.exporter);
    const auto& t = d.transport;
    st.BindStatic(18, t.mode)
        .BindOptionalStatic(19, t.conveyance_id)
        .BindStatic(20, t.departure_country);
    st.BindOptionalStatic(21, t.loading_place).BindOptionalStatic(22, t.discharge_place);
    st.BindStatic(23, d.invoice.currency).BindStatic(24, d.invoice.incoterm);
    st.Bind(25, d.invoice.amount.hundredths);
    st.Bind(26, static_cast<int64_t>(d.items.size()));
    st.BindStatic(27, domain::ToString(f.decision.lane)).Bind(28, f.decision.score);
    st.BindStatic(29, domain::ToString(f.status)).BindStatic(30, f.filed_at);
    st.Bind(31, head->seq + 1);
    if (auto s = StepDone(st, db); !s.ok()) return s;
  }
  if (db.Changes() == 0) {
    // Filed before under this reference: answer the original decision, store nothing.
    int64_t id = 0;
    {
      auto st = db.Prepare(kFindByReference);
      st.Bind(1, d.declarant.tax_id).Bind(2, d.declarant_reference);
      if (st.Step() != SQLITE_ROW) return Error::Unavailable("storage read failed");
      id = st.Int(0);
    }
    auto original = Load(db, id);
    if (!original.ok()) return original.error();
    out.record = std::move(original.value());
    out.created = false;
    auto event = f.audit;
    event.record_id = std::to_string(id);
    event.outcome = "duplicate";
    return AppendAudit(db, event);
  }
  int64_t id = db.LastInsertId();
  for (size_t i = 0; i < d.items.size(); ++i) {
    const auto& item = d.items[i];
    auto st = db.Prepare(kInsertItem);
    st.Bind(1, id).Bind(2, static_cast<int64_t>(i + 1)).BindStatic(3, item.hs_code);
    st.BindStatic(4, item.description).BindStatic(5, item.origin_country).Bind(6, item.quantity);
    st.BindStatic(7, item.unit).Bind(8, item.net_mass_kg).Bind(9, item.gross_mass_kg);
    st.Bind(10, item.value.hundredths);
    if (auto s = StepDone(st, db); !s.ok()) return s;
  }
  for (size_t i = 0; i < f.decision.reasons.size(); ++i) {
    auto st = db.Prepare(kInsertReason);
    st.Bind(1, id).Bind(2, static_cast<int64_t>(i + 1));
    st.BindStatic(3, f.decision.reasons[i].code).BindStatic(4, f.decision.reasons[i].message);
    if (auto s = StepDone(st, db); !s.ok()) return s;
  }
  out.record.id = id;
  out.record.status = f.status;
  out.record.filed_at = f.filed_at;
  out.created = true;
  for (const auto& e : f.provisional_traders) {
    if (auto s = RegisterProvisionally(db, e); !s.ok()) return s;
  }
  auto event = f.audit;
  event.record_id = std::to_string(id);
  // Registering traders appends no audit entry today; should it ever, the head is read again.
  auto seq = f.provisional_traders.empty() ? AppendAuditAfter(db, event, *head)
                                           : AppendAuditSeq(db, event);
  if (!seq.ok()) return seq.error();
  if (*seq == head->seq + 1) return domain::Ok();
  auto st = db.Prepare(kSetAuditSeq);
  st.Bind(1, *seq).Bind(2, id);
  return StepDone(st, db);
}

}  // namespace

domain::Status InsertFiling(Connection& db, const app::NewFiling& f, app::FilingOutcome& out) {
  auto s = InsertFilingRows(db, f, out);
  if (s.ok() && out.created) {
    out.record.declaration = f.declaration;
    out.record.decision = f.decision;
  }
  return s;
}

void SqliteDeclarationStore::File(app::NewFiling filing, FileCallback done) {
  struct State {
    app::NewFiling filing;
    app::FilingOutcome outcome;
    FileCallback done;
  };
  auto state = std::make_shared<State>(State{std::move(filing), {}, std::move(done)});
  writer_.Submit(
      [state](Connection& db) { return InsertFilingRows(db, state->filing, state->outcome); },
      [state, folder = folder_](domain::Status s) {
        if (s.ok() && state->outcome.created && folder) folder->Notify();
        if (s.ok() && state->outcome.created) {
          // Committed: the filing is not needed any more, so its parts move into the answer.
          state->outcome.record.declaration = std::move(state->filing.declaration);
          state->outcome.record.decision = std::move(state->filing.decision);
        }
        if (s.ok()) {
          state->done(std::move(state->outcome));
        } else {
          state->done(s.error());
        }
      },
      // Reads the filing and the database, writes rows and the outcome: safe to run again.
      Writer::Rerun::kSafe);
}

Result<app::StoredDeclaration> SqliteDeclarationStore::Get(int64_t id) {
  auto db = readers_.Acquire();
  std::optional<ReadSnapshot> snapshot(std::in_place, *db);  // one snapshot
  auto r = Load(*db, id);
  snapshot.reset();
  return r;
}

Result<app::DeclarationPage> SqliteDeclarationStore::List(const app::DeclarationQuery& q) {
  int mask = (q.lane ? 1 : 0) | (q.status ? 2 : 0) | (q.trader ? 4 : 0) | (q.from ? 8 : 0) |
             (q.to ? 16 : 0);
  auto db = readers_.Acquire();
  auto st = db->Prepare(ListQueries()[mask].c_str());
  if (q.lane) st.Bind(1, domain::ToString(*q.lane));
  if (q.status) st.Bind(2, domain::ToString(*q.status));
  if (q.trader) st.Bind(3, *q.trader);
  if (q.from) st.Bind(4, *q.from);
  if (q.to) st.Bind(5, *q.to);
  st.Bind(6, q.before_id.value_or(std::numeric_limits<int64_t>::max()));
  st.Bind(7, static_cast<int64_t>(q.limit) + 1);  // one more tells whether a next page exists
  app::DeclarationPage page;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    app::DeclarationSummary s;
    s.id = st.Int(0);
    s.declarant_reference = st.Text(1);
    s.type = domain::ParseDeclarationType(st.Text(2)).value_or(domain::DeclarationType::kImport);
    s.office = st.Text(3);
    s.declarant_tax_id = st.Text(4);
    s.importer_tax_id = st.Text(5);
    s.exporter_tax_id = st.Text(6);
    s.lane = domain::ParseLane(st.Text(7)).value_or(domain::Lane::kRed);
    s.status = domain::ParseStatus(st.Text(8)).value_or(domain::ClearanceStatus::kReceived);
    s.score = st.Real(9);
    s.invoice_amount_hundredths = st.Int(10);
    s.currency = st.Text(11);
    s.item_count = static_cast<int>(st.Int(12));
    s.filed_at = st.Text(13);
    page.items.push_back(std::move(s));
  }
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  if (static_cast<int>(page.items.size()) > q.limit) {
    page.items.pop_back();
    page.next_before_id = page.items.back().id;
  }
  return page;
}

Result<app::DeclarationStats> SqliteDeclarationStore::Stats(const std::string& from,
                                                            const std::string& to, int top) {
  auto db = readers_.Acquire();
  ReadSnapshot snapshot(*db);  // the four counts from one state of the database
  app::DeclarationStats out;
  auto failed = [&] { return Error::Unavailable("storage read failed: " + db->ErrorMessage()); };
  int rc;
  auto days = db->Prepare(kStatsDays);
  days.Bind(1, from).Bind(2, to);
  while ((rc = days.Step()) == SQLITE_ROW) {
    out.days.push_back({days.Text(0), days.Int(1), days.Int(2), days.Int(3)});
  }
  if (rc != SQLITE_DONE) return failed();
  auto hits = db->Prepare(kStatsHits);
  hits.Bind(1, from).Bind(2, to);
  while ((rc = hits.Step()) == SQLITE_ROW) {
    auto lane = domain::ParseLane(hits.Text(0));
    if (lane) out.hit_rates.push_back({*lane, hits.Int(1), hits.Int(2)});
  }
  if (rc != SQLITE_DONE) return failed();
  auto reasons = db->Prepare(kStatsReasons);
  reasons.Bind(1, from).Bind(2, to).Bind(3, top);
  while ((rc = reasons.Step()) == SQLITE_ROW) {
    out.top_reasons.push_back({reasons.Text(0), reasons.Int(1), reasons.Int(2)});
  }
  if (rc != SQLITE_DONE) return failed();
  auto queues = db->Prepare(kStatsQueues);
  while ((rc = queues.Step()) == SQLITE_ROW) {
    auto status = domain::ParseStatus(queues.Text(0));
    if (status) out.queues.push_back({*status, queues.Int(1)});
  }
  if (rc != SQLITE_DONE) return failed();
  return out;
}

Result<int64_t> SqliteDeclarationStore::Count() {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kCount);
  if (st.Step() != SQLITE_ROW) return Error::Unavailable("storage read failed");
  return st.Int(0);
}

Result<app::StoredDeclaration> SqliteDeclarationStore::RecordInspection(
    int64_t id, const domain::Inspection& findings, const std::string& recorded_at,
    const domain::AuditEvent& audit) {
  app::StoredDeclaration after;
  auto status = writer_.Run([&](Connection& db) -> domain::Status {
    domain::ClearanceStatus current = domain::ClearanceStatus::kReceived;
    {
      auto st = db.Prepare(kSelectStatus);
      st.Bind(1, id);
      int rc = st.Step();
      if (rc == SQLITE_DONE) return Error::NotFound("no declaration " + std::to_string(id));
      if (rc != SQLITE_ROW) return Error::Unavailable("storage read failed");
      current = domain::ParseStatus(st.Text(0)).value_or(domain::ClearanceStatus::kReceived);
    }
    auto next = domain::ApplyInspection(current, findings);
    if (!next.ok()) return next.error();
    {
      auto st = db.Prepare(kInsertInspection);
      st.Bind(1, id).Bind(2, domain::ToString(findings.outcome)).Bind(3, findings.description);
      st.Bind(4, findings.revenue_adjustment.hundredths).BindOptional(5, findings.officer);
      st.Bind(6, domain::ToString(*next)).Bind(7, recorded_at);
      if (auto s = StepDone(st, db); !s.ok()) return s;
    }
    {
      auto st = db.Prepare(kUpdateStatus);
      st.Bind(1, id).Bind(2, domain::ToString(*next)).Bind(3, recorded_at);
      if (auto s = StepDone(st, db); !s.ok()) return s;
    }
    auto loaded = Load(db, id);
    if (!loaded.ok()) return loaded.error();
    after = std::move(loaded.value());
    return AppendAudit(db, audit);
  });
  if (!status.ok()) return status.error();
  if (folder_) folder_->Notify();
  return after;
}

}  // namespace haiquan::storage::sqlite
