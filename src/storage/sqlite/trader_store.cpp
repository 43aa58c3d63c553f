#include "storage/sqlite/trader_store.h"

#include "storage/sqlite/audit_store.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;

#define HQ_COLUMNS                                                                            \
  "tax_id, name, address, registration_date, status, aeo, provisional, version, updated_at, " \
  "updated_by"
constexpr const char* kSelectOne = "SELECT " HQ_COLUMNS " FROM enterprises WHERE tax_id = ?1";
constexpr const char* kSelectPage =
    "SELECT " HQ_COLUMNS
    " FROM enterprises WHERE tax_id > ?1 AND (?2 IS NULL OR status = ?2)"
    " AND (?3 IS NULL OR provisional = ?3) ORDER BY tax_id LIMIT ?4";
constexpr const char* kSelectHistory =
    "SELECT " HQ_COLUMNS " FROM enterprise_versions WHERE tax_id = ?1 ORDER BY version";
constexpr const char* kUpsert =
    "INSERT INTO enterprises (" HQ_COLUMNS
    ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"
    " ON CONFLICT(tax_id) DO UPDATE SET name = excluded.name, address = excluded.address,"
    " registration_date = excluded.registration_date, status = excluded.status,"
    " aeo = excluded.aeo, provisional = excluded.provisional, version = excluded.version,"
    " updated_at = excluded.updated_at, updated_by = excluded.updated_by";
constexpr const char* kInsertProvisional =
    "INSERT INTO enterprises (" HQ_COLUMNS
    ") VALUES (?1,?2,?3,NULL,'active',0,1,1,?4,?5) ON CONFLICT(tax_id) DO NOTHING";
constexpr const char* kArchive = "INSERT INTO enterprise_versions (" HQ_COLUMNS
                                 ") SELECT " HQ_COLUMNS " FROM enterprises WHERE tax_id = ?1";
constexpr const char* kStatuses = "SELECT tax_id, status, provisional FROM enterprises";
#undef HQ_COLUMNS

domain::Enterprise Read(const Statement& st) {
  domain::Enterprise e;
  e.tax_id = st.Text(0);
  e.name = st.Text(1);
  e.address = st.Text(2);
  e.registration_date = st.Text(3);
  e.status = domain::ParseEnterpriseStatus(st.Text(4)).value_or(domain::EnterpriseStatus::kActive);
  e.aeo = st.Int(5) != 0;
  e.provisional = st.Int(6) != 0;
  e.version = static_cast<int>(st.Int(7));
  e.updated_at = st.Text(8);
  e.updated_by = st.Text(9);
  return e;
}

domain::Result<std::optional<domain::Enterprise>> Load(Connection& db, const std::string& tax_id) {
  auto st = db.Prepare(kSelectOne);
  st.Bind(1, tax_id);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<domain::Enterprise>();
  if (rc != SQLITE_ROW) return Error::Unavailable("storage read failed: " + db.ErrorMessage());
  return std::optional<domain::Enterprise>(Read(st));
}

domain::Status Step(Connection& db, Statement& st) {
  if (st.Step() != SQLITE_DONE)
    return Error::Unavailable("storage write failed: " + db.ErrorMessage());
  return domain::Ok();
}

// Writes `e` as the next version (after `current`, if any) and archives it.
domain::Status Write(Connection& db, domain::Enterprise& e, int version) {
  e.version = version;
  auto st = db.Prepare(kUpsert);
  st.Bind(1, e.tax_id).Bind(2, e.name).Bind(3, e.address).BindOptional(4, e.registration_date);
  st.Bind(5, domain::ToString(e.status)).Bind(6, e.aeo ? 1 : 0).Bind(7, e.provisional ? 1 : 0);
  st.Bind(8, e.version).Bind(9, e.updated_at).Bind(10, e.updated_by);
  if (auto s = Step(db, st); !s.ok()) return s;
  auto archive = db.Prepare(kArchive);
  archive.Bind(1, e.tax_id);
  return Step(db, archive);
}

}  // namespace

domain::Status RegisterProvisionally(Connection& db, const domain::Enterprise& e) {
  auto st = db.Prepare(kInsertProvisional);
  st.Bind(1, e.tax_id).Bind(2, e.name).Bind(3, e.address).Bind(4, e.updated_at);
  st.Bind(5, e.updated_by);
  if (auto s = Step(db, st); !s.ok()) return s;
  if (db.Changes() == 0) return domain::Ok();  // registered meanwhile
  auto archive = db.Prepare(kArchive);
  archive.Bind(1, e.tax_id);
  return Step(db, archive);
}

domain::Result<domain::Enterprise> SqliteTraderStore::Create(domain::Enterprise e,
                                                             const domain::AuditEvent& audit) {
  auto s = writer_.Run([&](Connection& db) -> domain::Status {
    auto current = Load(db, e.tax_id);
    if (!current.ok()) return current.error();
    if (*current && !(*current)->provisional) {
      return Error::Conflict("enterprise " + e.tax_id + " is registered");
    }
    if (auto w = Write(db, e, *current ? (*current)->version + 1 : 1); !w.ok()) return w;
    return AppendAudit(db, audit);
  });
  if (!s.ok()) return s.error();
  return e;
}

domain::Result<domain::Enterprise> SqliteTraderStore::Update(domain::Enterprise e,
                                                             std::optional<int> expected_version,
                                                             const domain::AuditEvent& audit) {
  auto s = writer_.Run([&](Connection& db) -> domain::Status {
    auto current = Load(db, e.tax_id);
    if (!current.ok()) return current.error();
    if (!*current) return Error::NotFound("no enterprise " + e.tax_id);
    if (expected_version && *expected_version != (*current)->version) {
      return Error::Conflict("enterprise " + e.tax_id + " is at version " +
                             std::to_string((*current)->version) + ", not " +
                             std::to_string(*expected_version));
    }
    if (auto w = Write(db, e, (*current)->version + 1); !w.ok()) return w;
    return AppendAudit(db, audit);
  });
  if (!s.ok()) return s.error();
  return e;
}

domain::Result<size_t> SqliteTraderStore::Import(std::vector<domain::Enterprise>& batch,
                                                 const std::vector<domain::AuditEvent>& audit) {
  size_t created = 0;
  auto s = writer_.Run([&](Connection& db) -> domain::Status {
    created = 0;
    for (size_t i = 0; i < batch.size(); ++i) {
      auto current = Load(db, batch[i].tax_id);
      if (!current.ok()) return current.error();
      if (!*current || (*current)->provisional) ++created;
      if (auto w = Write(db, batch[i], *current ? (*current)->version + 1 : 1); !w.ok()) return w;
      auto event = audit[i];
      event.detail += " version=" + std::to_string(batch[i].version);
      if (auto a = AppendAudit(db, event); !a.ok()) return a;
    }
    return domain::Ok();
  });
  if (!s.ok()) return s.error();
  return created;
}

domain::Result<domain::Enterprise> SqliteTraderStore::Get(const std::string& tax_id) {
  auto db = readers_.Acquire();
  auto e = Load(*db, tax_id);
  if (!e.ok()) return e.error();
  if (!*e) return Error::NotFound("no enterprise " + tax_id);
  return std::move(**e);
}

domain::Result<std::vector<domain::Enterprise>> SqliteTraderStore::List(const app::TraderQuery& q) {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kSelectPage);
  st.Bind(1, q.after_tax_id.value_or(""));
  if (q.status) {
    st.Bind(2, domain::ToString(*q.status));
  } else {
    st.BindNull(2);
  }
  if (q.provisional) {
    st.Bind(3, *q.provisional ? 1 : 0);
  } else {
    st.BindNull(3);
  }
  st.Bind(4, q.limit);
  std::vector<domain::Enterprise> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(Read(st));
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  return out;
}

domain::Result<std::vector<domain::Enterprise>> SqliteTraderStore::History(
    const std::string& tax_id) {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kSelectHistory);
  st.Bind(1, tax_id);
  std::vector<domain::Enterprise> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(Read(st));
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  if (out.empty()) return Error::NotFound("no enterprise " + tax_id);
  return out;
}

domain::Status SqliteTraderStore::ScanStatuses(
    const std::function<void(const std::string&, domain::EnterpriseStatus, bool)>& visit) {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kStatuses);
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    visit(st.Text(0),
          domain::ParseEnterpriseStatus(st.Text(1)).value_or(domain::EnterpriseStatus::kActive),
          st.Int(2) != 0);
  }
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  return domain::Ok();
}

}  // namespace haiquan::storage::sqlite
