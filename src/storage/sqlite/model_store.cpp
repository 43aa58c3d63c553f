#include "storage/sqlite/model_store.h"

#include "storage/sqlite/audit_store.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;
using domain::Result;

#define HQ_MODEL_COLUMNS \
  "version, description, registered_at, registered_by, summary, evaluation, size_bytes, sha256"
#define HQ_ACTIVATION_COLUMNS                                                                 \
  "id, version, red_budget, yellow_budget, explore_share, calibration_window, activated_at, " \
  "activated_by"

constexpr const char* kInsert =
    "INSERT INTO risk_models (description, registered_at, registered_by, summary, evaluation,"
    " size_bytes, sha256, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr const char* kSelectAll =
    "SELECT " HQ_MODEL_COLUMNS " FROM risk_models ORDER BY version DESC";
constexpr const char* kSelectOne =
    "SELECT " HQ_MODEL_COLUMNS " FROM risk_models WHERE version = ?1";
constexpr const char* kSelectContent = "SELECT content FROM risk_models WHERE version = ?1";
constexpr const char* kInsertActivation =
    "INSERT INTO risk_model_activations (version, red_budget, yellow_budget, explore_share,"
    " calibration_window, activated_at, activated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kSelectActivations =
    "SELECT " HQ_ACTIVATION_COLUMNS " FROM risk_model_activations ORDER BY id DESC";
constexpr const char* kSelectActive =
    "SELECT " HQ_ACTIVATION_COLUMNS " FROM risk_model_activations ORDER BY id DESC LIMIT 1";
// One row per goods item of a declaration, for the model: the parties and route, when it was
// filed, whether any inspection found a discrepancy or a seizure and when one was first recorded.
#define HQ_SCAN_SELECT                                                                        \
  "SELECT d.id, d.declarant_tax_id, d.declarant_reference, d.office, d.has_importer,"         \
  " d.importer_tax_id, d.has_exporter, d.exporter_tax_id, d.exporter_name, d.transport_mode," \
  " d.departure_country, d.filed_at, d.type,"                                                 \
  " (SELECT max(i.outcome <> 'compliant') FROM inspections i WHERE i.declaration_id = d.id)," \
  " g.hs_code, g.origin_country, g.quantity, g.net_mass_kg, g.value,"                         \
  " (SELECT min(i.recorded_at) FROM inspections i WHERE i.declaration_id = d.id)"             \
  " FROM declarations d JOIN goods_items g ON g.declaration_id = d.id"
// In filing order, after declaration ?1.
constexpr const char* kScan = HQ_SCAN_SELECT " WHERE d.id > ?1 ORDER BY d.id, g.seq";
// The declarations up to ?2 first inspected after inspection ?1: those a model trained on the
// database saw unlabelled.
constexpr const char* kLaterFindings = HQ_SCAN_SELECT
    " WHERE d.id <= ?2 AND d.id IN (SELECT declaration_id FROM inspections"
    "  GROUP BY declaration_id HAVING min(id) > ?1)"
    " ORDER BY d.id, g.seq";
#undef HQ_SCAN_SELECT
constexpr const char* kLastInspection = "SELECT coalesce(max(id), 0) FROM inspections";

#undef HQ_MODEL_COLUMNS
#undef HQ_ACTIVATION_COLUMNS

app::ModelRecord ReadRecord(const Statement& st) {
  app::ModelRecord r;
  r.version = st.Int(0);
  r.description = st.Text(1);
  r.registered_at = st.Text(2);
  r.registered_by = st.Text(3);
  r.summary_json = st.Text(4);
  r.evaluation_json = st.Text(5);
  r.size_bytes = st.Int(6);
  r.sha256 = st.Text(7);
  return r;
}

app::ModelActivation ReadActivation(const Statement& st) {
  app::ModelActivation a;
  a.id = st.Int(0);
  if (!st.IsNull(1)) a.version = st.Int(1);
  a.budget.red = st.Real(2);
  a.budget.yellow = st.Real(3);
  a.budget.explore = st.Real(4);
  a.budget.window = static_cast<size_t>(st.Int(5));
  a.at = st.Text(6);
  a.by = st.Text(7);
  return a;
}

Result<app::ModelRecord> LoadOne(Connection& db, int64_t version) {
  auto st = db.Prepare(kSelectOne);
  st.Bind(1, version);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Error::NotFound("no risk model version " + std::to_string(version));
  if (rc != SQLITE_ROW) return Error::Unavailable("storage read failed: " + db.ErrorMessage());
  return ReadRecord(st);
}

}  // namespace

Result<app::ModelRecord> SqliteModelStore::Add(app::ModelRecord record, std::string content,
                                               domain::AuditEvent audit) {
  app::ModelRecord stored;
  auto s = writer_.Run([&](Connection& db) -> domain::Status {
    auto st = db.Prepare(kInsert);
    st.Bind(1, record.description).Bind(2, record.registered_at).Bind(3, record.registered_by);
    st.Bind(4, record.summary_json).Bind(5, record.evaluation_json);
    st.Bind(6, record.size_bytes).Bind(7, record.sha256).BindBlob(8, content);
    if (st.Step() != SQLITE_DONE) return Error::Unavailable("storage write failed");
    int64_t version = db.LastInsertId();
    auto loaded = LoadOne(db, version);
    if (!loaded.ok()) return loaded.error();
    stored = std::move(*loaded);
    audit.record_id = std::to_string(version);
    return AppendAudit(db, audit);
  });
  if (!s.ok()) return s.error();
  return stored;
}

Result<std::vector<app::ModelRecord>> SqliteModelStore::List() {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kSelectAll);
  std::vector<app::ModelRecord> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(ReadRecord(st));
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  return out;
}

Result<app::ModelRecord> SqliteModelStore::Get(int64_t version) {
  auto db = readers_.Acquire();
  return LoadOne(*db, version);
}

Result<std::string> SqliteModelStore::Content(int64_t version) {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kSelectContent);
  st.Bind(1, version);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Error::NotFound("no risk model version " + std::to_string(version));
  if (rc != SQLITE_ROW) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  return st.Blob(0);
}

Result<app::ModelActivation> SqliteModelStore::Activate(app::ModelActivation a,
                                                        domain::AuditEvent audit) {
  auto s = writer_.Run([&](Connection& db) -> domain::Status {
    if (a.version) {
      if (auto known = LoadOne(db, *a.version); !known.ok()) return known.error();
    }
    auto st = db.Prepare(kInsertActivation);
    if (a.version) {
      st.Bind(1, *a.version);
    } else {
      st.BindNull(1);
    }
    st.Bind(2, a.budget.red).Bind(3, a.budget.yellow).Bind(4, a.budget.explore);
    st.Bind(5, static_cast<int64_t>(a.budget.window)).Bind(6, a.at).Bind(7, a.by);
    if (st.Step() != SQLITE_DONE) return Error::Unavailable("storage write failed");
    a.id = db.LastInsertId();
    return AppendAudit(db, audit);
  });
  if (!s.ok()) return s.error();
  return a;
}

Result<std::optional<app::ModelActivation>> SqliteModelStore::Active() {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kSelectActive);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<app::ModelActivation>();
  if (rc != SQLITE_ROW) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  return std::optional<app::ModelActivation>(ReadActivation(st));
}

Result<std::vector<app::ModelActivation>> SqliteModelStore::Activations() {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kSelectActivations);
  std::vector<app::ModelActivation> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(ReadActivation(st));
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  return out;
}

namespace {

domain::Status ScanRows(Connection& db, Statement& st,
                        const std::function<void(app::FiledForModel&&)>& each) {
  app::FiledForModel current;
  int64_t current_id = 0;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    int64_t id = st.Int(0);
    if (id != current_id) {
      if (current_id != 0) each(std::move(current));
      current = {};
      current_id = id;
      current.id = id;
      auto& d = current.declaration;
      d.declarant.tax_id = st.Text(1);
      d.declarant_reference = st.Text(2);
      d.office = st.Text(3);
      if (st.Int(4)) d.importer = domain::Party{st.Text(5), "", "", ""};
      if (st.Int(6)) d.exporter = domain::Party{st.Text(7), st.Text(8), "", ""};
      d.transport.mode = st.Text(9);
      d.transport.departure_country = st.Text(10);
      current.filed_at = st.Text(11);
      d.type = domain::ParseDeclarationType(st.Text(12)).value_or(domain::DeclarationType::kImport);
      current.finding = st.IsNull(13) ? -1 : static_cast<int>(st.Int(13));
      current.found_at = st.Text(19);
    }
    domain::GoodsItem g;
    g.hs_code = st.Text(14);
    g.origin_country = st.Text(15);
    g.quantity = st.Real(16);
    g.net_mass_kg = st.Real(17);
    g.value = domain::Amount{st.Int(18)};
    current.declaration.items.push_back(std::move(g));
  }
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db.ErrorMessage());
  if (current_id != 0) each(std::move(current));
  return domain::Ok();
}

}  // namespace

domain::Status SqliteModelStore::ScanFilings(
    int64_t after_id, const std::function<void(app::FiledForModel&&)>& each) {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kScan);
  st.Bind(1, after_id);
  return ScanRows(*db, st, each);
}

domain::Status SqliteModelStore::ScanLaterFindings(
    int64_t after_inspection, int64_t through,
    const std::function<void(app::FiledForModel&&)>& each) {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kLaterFindings);
  st.Bind(1, after_inspection).Bind(2, through);
  return ScanRows(*db, st, each);
}

Result<int64_t> SqliteModelStore::LastInspection() {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kLastInspection);
  if (st.Step() != SQLITE_ROW)
    return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  return st.Int(0);
}

}  // namespace haiquan::storage::sqlite
