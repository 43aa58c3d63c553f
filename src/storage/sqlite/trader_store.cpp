#include "storage/sqlite/trader_store.h"

#include <spdlog/spdlog.h>

#include <optional>

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
    ", address_key) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)"
    " ON CONFLICT(tax_id) DO UPDATE SET name = excluded.name, address = excluded.address,"
    " address_key = excluded.address_key,"
    " registration_date = excluded.registration_date, status = excluded.status,"
    " aeo = excluded.aeo, provisional = excluded.provisional, version = excluded.version,"
    " updated_at = excluded.updated_at, updated_by = excluded.updated_by";
constexpr const char* kInsertProvisional =
    "INSERT INTO enterprises (" HQ_COLUMNS
    ", address_key) VALUES (?1,?2,?3,NULL,'active',0,1,1,?4,?5,?6) ON CONFLICT(tax_id) DO NOTHING";
constexpr const char* kArchive =
    "INSERT INTO enterprise_versions (" HQ_COLUMNS ", people) SELECT " HQ_COLUMNS
    ", ?2 FROM enterprises WHERE tax_id = ?1";
constexpr const char* kSelectPeopleSnapshot =
    "SELECT people FROM enterprise_versions WHERE tax_id = ?1 ORDER BY version";
constexpr const char* kSelectPeople =
    "SELECT ep.role, ep.id_number, p.full_name, p.nationality, ep.share"
    " FROM enterprise_people ep JOIN persons p ON p.id_number = ep.id_number"
    " WHERE ep.tax_id = ?1 ORDER BY ep.role, ep.rowid";
constexpr const char* kDeletePeople = "DELETE FROM enterprise_people WHERE tax_id = ?1";
constexpr const char* kInsertLink = "INSERT INTO enterprise_people VALUES (?1, ?2, ?3, ?4)";
constexpr const char* kUpsertPerson =
    "INSERT INTO persons VALUES (?1, ?2, ?3, 1, ?4, ?5) ON CONFLICT (id_number) DO UPDATE SET"
    " full_name = excluded.full_name, nationality = excluded.nationality, version = version + 1,"
    " updated_at = excluded.updated_at, updated_by = excluded.updated_by"
    " WHERE full_name != excluded.full_name OR nationality != excluded.nationality";
constexpr const char* kArchivePerson =
    "INSERT INTO person_versions SELECT id_number, version, full_name, nationality, updated_at,"
    " updated_by FROM persons WHERE id_number = ?1";
constexpr const char* kPersonVersions =
    "SELECT id_number, version, full_name, nationality, updated_at, updated_by"
    " FROM person_versions WHERE id_number = ?1 ORDER BY version";
constexpr const char* kPersonRoles =
    "SELECT ep.tax_id, e.name, e.status, ep.role, ep.share FROM enterprise_people ep"
    " JOIN enterprises e ON e.tax_id = ep.tax_id WHERE ep.id_number = ?1"
    " ORDER BY ep.tax_id, ep.role";
constexpr const char* kWithoutAddressKey =
    "SELECT tax_id, address FROM enterprises WHERE address_key IS NULL";
constexpr const char* kSetAddressKey = "UPDATE enterprises SET address_key = ?2 WHERE tax_id = ?1";
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

constexpr std::string_view kOwner = "owner";
constexpr std::string_view kRepresentative = "legal_representative";

// The people of one version as kept in enterprise_versions.people.
std::string EncodePeople(const domain::Enterprise& e) {
  std::string out;
  auto add = [&](std::string_view role, const domain::PersonLink& p) {
    if (!out.empty()) out += '\x1e';
    out.append(role) += '\x1f';
    out.append(p.id_number) += '\x1f';
    out.append(p.name) += '\x1f';
    out.append(p.nationality) += '\x1f';
    if (p.share) out += std::to_string(*p.share);
  };
  for (const auto& p : e.owners) add(kOwner, p);
  for (const auto& p : e.representatives) add(kRepresentative, p);
  return out;
}

void DecodePeople(std::string_view s, domain::Enterprise& e) {
  while (!s.empty()) {
    auto end = s.find('\x1e');
    std::string_view rec = s.substr(0, end);
    s = end == s.npos ? std::string_view() : s.substr(end + 1);
    std::vector<std::string> f;
    for (size_t at = 0;;) {
      auto sep = rec.find('\x1f', at);
      f.emplace_back(rec.substr(at, sep == rec.npos ? rec.npos : sep - at));
      if (sep == rec.npos) break;
      at = sep + 1;
    }
    if (f.size() != 5) continue;
    domain::PersonLink p{f[1], f[2], f[3], std::nullopt};
    if (!f[4].empty()) p.share = std::strtod(f[4].c_str(), nullptr);
    (f[0] == kOwner ? e.owners : e.representatives).push_back(std::move(p));
  }
}

domain::Status LoadPeople(Connection& db, domain::Enterprise& e) {
  e.owners.clear();
  e.representatives.clear();
  auto st = db.Prepare(kSelectPeople);
  st.Bind(1, e.tax_id);
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    domain::PersonLink p{st.Text(1), st.Text(2), st.Text(3), std::nullopt};
    if (!st.IsNull(4)) p.share = st.Real(4);
    (st.Text(0) == kOwner ? e.owners : e.representatives).push_back(std::move(p));
  }
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db.ErrorMessage());
  return domain::Ok();
}

domain::Result<std::optional<domain::Enterprise>> Load(Connection& db, const std::string& tax_id) {
  auto st = db.Prepare(kSelectOne);
  st.Bind(1, tax_id);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<domain::Enterprise>();
  if (rc != SQLITE_ROW) return Error::Unavailable("storage read failed: " + db.ErrorMessage());
  auto e = Read(st);
  if (auto s = LoadPeople(db, e); !s.ok()) return s.error();
  return std::optional<domain::Enterprise>(std::move(e));
}

domain::Status Step(Connection& db, Statement& st) {
  if (st.Step() != SQLITE_DONE)
    return Error::Unavailable("storage write failed: " + db.ErrorMessage());
  return domain::Ok();
}

// Replaces the enterprise's owners and representatives; a person seen for the first time, or
// with another name or nationality, gets a new version in the person registry.
domain::Status WritePeople(Connection& db, const domain::Enterprise& e) {
  auto del = db.Prepare(kDeletePeople);
  del.Bind(1, e.tax_id);
  if (auto s = Step(db, del); !s.ok()) return s;
  auto link = [&](std::string_view role, const domain::PersonLink& p) -> domain::Status {
    {
      auto st = db.Prepare(kUpsertPerson);
      st.Bind(1, p.id_number).Bind(2, p.name).Bind(3, p.nationality).Bind(4, e.updated_at);
      st.Bind(5, e.updated_by);
      if (auto s = Step(db, st); !s.ok()) return s;
    }
    if (db.Changes() > 0) {
      auto st = db.Prepare(kArchivePerson);
      st.Bind(1, p.id_number);
      if (auto s = Step(db, st); !s.ok()) return s;
    }
    auto st = db.Prepare(kInsertLink);
    st.Bind(1, e.tax_id).Bind(2, role).Bind(3, p.id_number);
    if (p.share) {
      st.Bind(4, *p.share);
    } else {
      st.BindNull(4);
    }
    return Step(db, st);
  };
  for (const auto& p : e.owners) {
    if (auto s = link(kOwner, p); !s.ok()) return s;
  }
  for (const auto& p : e.representatives) {
    if (auto s = link(kRepresentative, p); !s.ok()) return s;
  }
  return domain::Ok();
}

// Writes `e` as version `version` and archives it. A list not given (a PUT without it, a CSV
// import) stays as stored.
domain::Status Write(Connection& db, domain::Enterprise& e, int version) {
  e.version = version;
  auto st = db.Prepare(kUpsert);
  st.Bind(1, e.tax_id).Bind(2, e.name).Bind(3, e.address).BindOptional(4, e.registration_date);
  st.Bind(5, domain::ToString(e.status)).Bind(6, e.aeo ? 1 : 0).Bind(7, e.provisional ? 1 : 0);
  st.Bind(8, e.version).Bind(9, e.updated_at).Bind(10, e.updated_by);
  st.Bind(11, domain::AddressKey(e.address));
  if (auto s = Step(db, st); !s.ok()) return s;
  if (!e.owners_given || !e.representatives_given) {
    domain::Enterprise stored;
    stored.tax_id = e.tax_id;
    if (auto s = LoadPeople(db, stored); !s.ok()) return s;
    if (!e.owners_given) e.owners = std::move(stored.owners);
    if (!e.representatives_given) e.representatives = std::move(stored.representatives);
    e.owners_given = e.representatives_given = true;
  }
  if (auto s = WritePeople(db, e); !s.ok()) return s;
  auto archive = db.Prepare(kArchive);
  archive.Bind(1, e.tax_id).Bind(2, EncodePeople(e));
  return Step(db, archive);
}

}  // namespace

domain::Status RegisterProvisionally(Connection& db, const domain::Enterprise& e) {
  auto st = db.Prepare(kInsertProvisional);
  st.Bind(1, e.tax_id).Bind(2, e.name).Bind(3, e.address).Bind(4, e.updated_at);
  st.Bind(5, e.updated_by).Bind(6, domain::AddressKey(e.address));
  if (auto s = Step(db, st); !s.ok()) return s;
  if (db.Changes() == 0) return domain::Ok();  // registered meanwhile
  auto archive = db.Prepare(kArchive);
  archive.Bind(1, e.tax_id).Bind(2, "");
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
  Written({e.tax_id});
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
  Written({e.tax_id});
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
      int version = *current ? (*current)->version + 1 : 1;
      batch[i].owners_given = batch[i].representatives_given = false;  // CSV has no people
      if (auto w = Write(db, batch[i], version); !w.ok()) return w;
      auto event = audit[i];
      event.detail += " version=" + std::to_string(batch[i].version);
      if (auto a = AppendAudit(db, event); !a.ok()) return a;
    }
    return domain::Ok();
  });
  if (!s.ok()) return s.error();
  std::vector<std::string> tax_ids;
  for (const auto& e : batch) tax_ids.push_back(e.tax_id);
  Written(tax_ids);
  return created;
}

void SqliteTraderStore::Written(const std::vector<std::string>& tax_ids) {
  if (!index_) return;
  // The registry's links change the next filing's checks: reload them now rather than at the
  // folder's next look at the change log. On failure, that look still catches them.
  auto db = readers_.Acquire();
  if (auto s = index_->ReloadEnterprises(*db, tax_ids); !s.ok()) {
    spdlog::warn("{}", s.error().message);
  }
}

domain::Result<domain::Enterprise> SqliteTraderStore::Get(const std::string& tax_id) {
  auto db = readers_.Acquire();
  std::optional<ReadSnapshot> snapshot(std::in_place, *db);  // one snapshot
  auto e = Load(*db, tax_id);
  snapshot.reset();
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
  std::optional<ReadSnapshot> snapshot(std::in_place, *db);  // one snapshot
  std::vector<domain::Enterprise> out;
  int rc;
  {
    auto st = db->Prepare(kSelectHistory);
    st.Bind(1, tax_id);
    while ((rc = st.Step()) == SQLITE_ROW) out.push_back(Read(st));
  }
  if (rc == SQLITE_DONE) {
    auto st = db->Prepare(kSelectPeopleSnapshot);
    st.Bind(1, tax_id);
    for (auto& e : out) {
      if ((rc = st.Step()) != SQLITE_ROW) break;
      DecodePeople(st.Text(0), e);
    }
    if (rc == SQLITE_ROW) rc = SQLITE_DONE;
  }
  snapshot.reset();
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  if (out.empty()) return Error::NotFound("no enterprise " + tax_id);
  return out;
}

domain::Result<app::PersonRecord> SqliteTraderStore::Person(const std::string& id_number) {
  auto db = readers_.Acquire();
  std::optional<ReadSnapshot> snapshot(std::in_place, *db);  // one snapshot
  app::PersonRecord out;
  int rc;
  {
    auto st = db->Prepare(kPersonVersions);
    st.Bind(1, id_number);
    while ((rc = st.Step()) == SQLITE_ROW) {
      out.versions.push_back({st.Text(0), st.Text(2), st.Text(3), static_cast<int>(st.Int(1)),
                              st.Text(4), st.Text(5)});
    }
  }
  if (rc == SQLITE_DONE) {
    auto st = db->Prepare(kPersonRoles);
    st.Bind(1, id_number);
    while ((rc = st.Step()) == SQLITE_ROW) {
      app::PersonRecord::Role r;
      r.tax_id = st.Text(0);
      r.enterprise_name = st.Text(1);
      r.status =
          domain::ParseEnterpriseStatus(st.Text(2)).value_or(domain::EnterpriseStatus::kActive);
      r.role = st.Text(3);
      if (!st.IsNull(4)) r.share = st.Real(4);
      out.roles.push_back(std::move(r));
    }
  }
  snapshot.reset();
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  if (out.versions.empty()) return Error::NotFound("no person " + id_number);
  out.person = out.versions.back();
  return out;
}

domain::Status SqliteTraderStore::FillAddressKeys() {
  std::vector<std::string> filled;
  auto s = writer_.Run([&](Connection& db) -> domain::Status {
    std::vector<std::pair<std::string, std::string>> rows;
    {
      auto st = db.Prepare(kWithoutAddressKey);
      int rc;
      while ((rc = st.Step()) == SQLITE_ROW) rows.emplace_back(st.Text(0), st.Text(1));
      if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db.ErrorMessage());
    }
    filled.clear();
    for (const auto& [tax_id, address] : rows) {
      auto st = db.Prepare(kSetAddressKey);
      st.Bind(1, tax_id).Bind(2, domain::AddressKey(address));
      if (auto s = Step(db, st); !s.ok()) return s;
      filled.push_back(tax_id);
    }
    return domain::Ok();
  });
  // The index may have read these rows without their keys.
  if (s.ok() && !filled.empty()) Written(filled);
  return s;
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

domain::Result<std::vector<app::TraderOffence>> SqliteTraderStore::Offences(
    const std::string& tax_id) {
  static constexpr const char* kOffences =
      "SELECT seizure_id, day, role, category FROM trader_offences WHERE tax_id = ?1"
      " ORDER BY day DESC, seizure_id DESC LIMIT 1000";
  auto db = readers_.Acquire();
  auto st = db->Prepare(kOffences);
  st.Bind(1, tax_id);
  std::vector<app::TraderOffence> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    out.push_back({st.Int(0), st.Text(1), st.Text(2), st.Text(3)});
  }
  if (rc != SQLITE_DONE) {
    return domain::Error::Unavailable("storage read failed: " + db->ErrorMessage());
  }
  return out;
}

}  // namespace haiquan::storage::sqlite
