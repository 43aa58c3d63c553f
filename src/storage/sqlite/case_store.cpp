#include "storage/sqlite/case_store.h"

#include "storage/sqlite/audit_store.h"
#include "storage/sqlite/record_codec.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;
using domain::Result;
using domain::Status;

constexpr const char* kInsertSuspicion =
    "INSERT INTO suspicions (version, received_on, source, category, summary, narrative, status,"
    " created_at, created_by, updated_at, updated_by) VALUES (1, ?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)";
constexpr const char* kUpdateSuspicion =
    "UPDATE suspicions SET version = version + 1, received_on = ?1, source = ?2, category = ?3,"
    " summary = ?4, narrative = ?5, status = ?6, updated_at = ?9, updated_by = ?10"
    " WHERE id = ?11";
constexpr const char* kSelectSuspicion =
    "SELECT id, version, received_on, source, category, summary, narrative, status, created_at,"
    " created_by, updated_at, updated_by FROM suspicions WHERE id = ?1";
constexpr const char* kSuspicionPage =
    "SELECT id FROM suspicions WHERE id < ?1 AND (?2 = '' OR status = ?2)"
    " ORDER BY id DESC LIMIT ?3";
constexpr const char* kMarkInvestigating =
    "UPDATE suspicions SET version = version + 1, status = 'investigating', updated_at = ?2,"
    " updated_by = ?3 WHERE id = ?1 AND status = 'open'";

constexpr const char* kInsertInvestigation =
    "INSERT INTO investigations (version, title, summary, status, lead, supervisor,"
    " opened_from_kind, opened_from_id, created_at, created_by, updated_at, updated_by)"
    " VALUES (1, ?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)";
constexpr const char* kUpdateInvestigation =
    "UPDATE investigations SET version = version + 1, title = ?1, summary = ?2, status = ?3,"
    " lead = ?4, supervisor = ?5, updated_at = ?10, updated_by = ?11 WHERE id = ?12";
constexpr const char* kSelectInvestigation =
    "SELECT id, version, title, summary, status, lead, supervisor, opened_from_kind,"
    " opened_from_id, created_at, created_by, updated_at, updated_by FROM investigations"
    " WHERE id = ?1";
constexpr const char* kInvestigationPage =
    "SELECT id FROM investigations WHERE id < ?1 AND (?2 = '' OR lead = ?2 OR supervisor = ?2"
    " OR id IN (SELECT investigation_id FROM investigation_members WHERE user_name = ?2))"
    " ORDER BY id DESC LIMIT ?3";
constexpr const char* kDeleteMembers =
    "DELETE FROM investigation_members WHERE investigation_id = ?1";
constexpr const char* kInsertMember =
    "INSERT OR IGNORE INTO investigation_members (investigation_id, user_name) VALUES (?1, ?2)";
constexpr const char* kSelectMembers =
    "SELECT user_name FROM investigation_members WHERE investigation_id = ?1 ORDER BY user_name";

constexpr const char* kInsertNote =
    "INSERT INTO investigation_notes (investigation_id, at, author, text) VALUES (?1,?2,?3,?4)";
constexpr const char* kSelectNotes =
    "SELECT id, investigation_id, at, author, text FROM investigation_notes"
    " WHERE investigation_id = ?1 ORDER BY id";
constexpr const char* kInsertTask =
    "INSERT INTO investigation_tasks (investigation_id, version, title, assignee, due, status,"
    " created_at, created_by, updated_at, updated_by) VALUES (?1, 1, ?2,?3,?4,?5,?6,?7,?8,?9)";
constexpr const char* kUpdateTask =
    "UPDATE investigation_tasks SET version = version + 1, title = ?2, assignee = ?3, due = ?4,"
    " status = ?5, updated_at = ?8, updated_by = ?9 WHERE id = ?10 AND investigation_id = ?1";
constexpr const char* kSelectTasks =
    "SELECT id, investigation_id, version, title, assignee, due, status, created_at, created_by,"
    " updated_at, updated_by FROM investigation_tasks WHERE investigation_id = ?1"
    " AND (?2 = 0 OR id = ?2) ORDER BY id";

Status WriteLinks(Connection& db, const char* owner_kind, int64_t owner_id,
                  std::vector<domain::RecordRef>& links) {
  if (auto r = ResolveRefs(db, links, "/links"); !r.ok()) return r;
  return ReplaceLinks(db, owner_kind, owner_id, links);
}

void BindSuspicion(Statement& st, const domain::Suspicion& s) {
  st.Bind(1, s.received_on).Bind(2, s.source).Bind(3, s.category).Bind(4, s.summary);
  st.Bind(5, s.narrative).Bind(6, s.status).Bind(7, s.created_at).Bind(8, s.created_by);
  st.Bind(9, s.updated_at).Bind(10, s.updated_by);
}

Result<domain::Suspicion> LoadSuspicion(Connection& db, int64_t id) {
  domain::Suspicion s;
  {
    auto st = db.Prepare(kSelectSuspicion);
    st.Bind(1, id);
    int rc = st.Step();
    if (rc == SQLITE_DONE) return Error::NotFound("no suspicion report " + std::to_string(id));
    if (rc != SQLITE_ROW) return ReadFailed(db);
    s.id = st.Int(0);
    s.version = static_cast<int>(st.Int(1));
    s.received_on = st.Text(2);
    s.source = st.Text(3);
    s.category = st.Text(4);
    s.summary = st.Text(5);
    s.narrative = st.Text(6);
    s.status = st.Text(7);
    s.created_at = st.Text(8);
    s.created_by = st.Text(9);
    s.updated_at = st.Text(10);
    s.updated_by = st.Text(11);
  }
  auto links = LoadLinks(db, "suspicion", id);
  if (!links.ok()) return links.error();
  s.links = std::move(links.value());
  return s;
}

void BindInvestigation(Statement& st, const domain::Investigation& i) {
  st.Bind(1, i.title).Bind(2, i.summary).Bind(3, i.status).Bind(4, i.lead).Bind(5, i.supervisor);
  if (i.opened_from) {
    st.Bind(6, i.opened_from->kind).Bind(7, i.opened_from->id);
  } else {
    st.BindNull(6).BindNull(7);
  }
  st.Bind(8, i.created_at).Bind(9, i.created_by).Bind(10, i.updated_at).Bind(11, i.updated_by);
}

Result<domain::Investigation> LoadInvestigation(Connection& db, int64_t id) {
  domain::Investigation i;
  {
    auto st = db.Prepare(kSelectInvestigation);
    st.Bind(1, id);
    int rc = st.Step();
    if (rc == SQLITE_DONE) return Error::NotFound("no investigation " + std::to_string(id));
    if (rc != SQLITE_ROW) return ReadFailed(db);
    i.id = st.Int(0);
    i.version = static_cast<int>(st.Int(1));
    i.title = st.Text(2);
    i.summary = st.Text(3);
    i.status = st.Text(4);
    i.lead = st.Text(5);
    i.supervisor = st.Text(6);
    if (!st.IsNull(7)) i.opened_from = domain::RecordRef{st.Text(7), st.Int(8), ""};
    i.created_at = st.Text(9);
    i.created_by = st.Text(10);
    i.updated_at = st.Text(11);
    i.updated_by = st.Text(12);
  }
  LoadMembers(db, id, i.members);
  if (i.opened_from) {
    auto label = RecordLabel(db, *i.opened_from);
    if (!label.ok()) return label.error();
    i.opened_from->label = label->value_or("");
  }
  auto links = LoadLinks(db, "investigation", id);
  if (!links.ok()) return links.error();
  i.links = std::move(links.value());
  return i;
}

Status WriteMembers(Connection& db, const domain::Investigation& i) {
  auto del = db.Prepare(kDeleteMembers);
  del.Bind(1, i.id);
  if (del.Step() != SQLITE_DONE) return WriteFailed(db);
  for (const auto& m : i.members) {
    auto st = db.Prepare(kInsertMember);
    st.Bind(1, i.id).Bind(2, m);
    if (st.Step() != SQLITE_DONE) return WriteFailed(db);
  }
  return domain::Ok();
}

domain::InvestigationTask ReadTask(const Statement& st) {
  domain::InvestigationTask t;
  t.id = st.Int(0);
  t.investigation_id = st.Int(1);
  t.version = static_cast<int>(st.Int(2));
  t.title = st.Text(3);
  t.assignee = st.Text(4);
  t.due = st.Text(5);
  t.status = st.Text(6);
  t.created_at = st.Text(7);
  t.created_by = st.Text(8);
  t.updated_at = st.Text(9);
  t.updated_by = st.Text(10);
  return t;
}

// The records of a page of ids, in the page's order.
template <typename T>
Result<std::vector<T>> LoadEach(Connection& db, const std::vector<int64_t>& ids,
                                Result<T> (*load)(Connection&, int64_t)) {
  std::vector<T> out;
  for (int64_t id : ids) {
    auto r = load(db, id);
    if (!r.ok()) return r.error();
    out.push_back(std::move(r.value()));
  }
  return out;
}

}  // namespace

void LoadMembers(Connection& db, int64_t investigation, std::vector<std::string>& members) {
  auto st = db.Prepare(kSelectMembers);
  st.Bind(1, investigation);
  while (st.Step() == SQLITE_ROW) members.push_back(st.Text(0));
}

Result<domain::Suspicion> SqliteCaseStore::CreateSuspicion(domain::Suspicion s,
                                                           domain::AuditEvent audit) {
  domain::Suspicion stored;
  auto st = writer_.Run([&](Connection& db) -> Status {
    auto ins = db.Prepare(kInsertSuspicion);
    BindSuspicion(ins, s);
    if (ins.Step() != SQLITE_DONE) return WriteFailed(db);
    s.id = db.LastInsertId();
    if (auto l = WriteLinks(db, "suspicion", s.id, s.links); !l.ok()) return l;
    return ReloadAndAudit(db, LoadSuspicion, s.id, true, audit, stored);
  });
  if (!st.ok()) return st.error();
  return stored;
}

Result<domain::Suspicion> SqliteCaseStore::UpdateSuspicion(domain::Suspicion s,
                                                           std::optional<int> expected_version,
                                                           domain::AuditEvent audit) {
  domain::Suspicion stored;
  auto st = writer_.Run([&](Connection& db) -> Status {
    auto current = LoadSuspicion(db, s.id);
    if (!current.ok()) return current.error();
    if (auto v = CheckVersion(current->version, expected_version,
                              "suspicion report " + std::to_string(s.id));
        !v.ok()) {
      return v;
    }
    s.created_at = current->created_at;
    s.created_by = current->created_by;
    auto up = db.Prepare(kUpdateSuspicion);
    BindSuspicion(up, s);
    up.Bind(11, s.id);
    if (up.Step() != SQLITE_DONE) return WriteFailed(db);
    if (auto l = WriteLinks(db, "suspicion", s.id, s.links); !l.ok()) return l;
    return ReloadAndAudit(db, LoadSuspicion, s.id, false, audit, stored);
  });
  if (!st.ok()) return st.error();
  return stored;
}

Result<domain::Suspicion> SqliteCaseStore::GetSuspicion(int64_t id) {
  auto db = readers_.Acquire();
  ReadSnapshot snap(*db);
  return LoadSuspicion(*db, id);
}

Result<std::vector<domain::Suspicion>> SqliteCaseStore::ListSuspicions(const std::string& status,
                                                                       int64_t before_id,
                                                                       int limit) {
  auto db = readers_.Acquire();
  ReadSnapshot snap(*db);
  std::vector<int64_t> ids;
  {
    auto st = db->Prepare(kSuspicionPage);
    st.Bind(1, before_id > 0 ? before_id : INT64_MAX).Bind(2, status).Bind(3, limit);
    while (st.Step() == SQLITE_ROW) ids.push_back(st.Int(0));
  }
  return LoadEach<domain::Suspicion>(*db, ids, LoadSuspicion);
}

Result<domain::Investigation> SqliteCaseStore::CreateInvestigation(domain::Investigation i,
                                                                   domain::AuditEvent audit) {
  domain::Investigation stored;
  auto st = writer_.Run([&](Connection& db) -> Status {
    if (i.opened_from) {
      std::vector<domain::RecordRef> from{*i.opened_from};
      if (auto r = ResolveRefs(db, from, "/openedFrom"); !r.ok()) {
        return Error::Invalid("the record it is opened from does not exist",
                              {{"/openedFrom", "not_found", "no such " + i.opened_from->kind}});
      }
    }
    auto ins = db.Prepare(kInsertInvestigation);
    BindInvestigation(ins, i);
    if (ins.Step() != SQLITE_DONE) return WriteFailed(db);
    i.id = db.LastInsertId();
    if (auto m = WriteMembers(db, i); !m.ok()) return m;
    if (auto l = WriteLinks(db, "investigation", i.id, i.links); !l.ok()) return l;
    if (i.opened_from && i.opened_from->kind == "suspicion") {
      auto mark = db.Prepare(kMarkInvestigating);
      mark.Bind(1, i.opened_from->id).Bind(2, i.created_at).Bind(3, i.created_by);
      if (mark.Step() != SQLITE_DONE) return WriteFailed(db);
    }
    return ReloadAndAudit(db, LoadInvestigation, i.id, true, audit, stored);
  });
  if (!st.ok()) return st.error();
  return stored;
}

Result<domain::Investigation> SqliteCaseStore::UpdateInvestigation(
    domain::Investigation i, std::optional<int> expected_version, domain::AuditEvent audit) {
  domain::Investigation stored;
  auto st = writer_.Run([&](Connection& db) -> Status {
    auto current = LoadInvestigation(db, i.id);
    if (!current.ok()) return current.error();
    if (auto v = CheckVersion(current->version, expected_version,
                              "investigation " + std::to_string(i.id));
        !v.ok()) {
      return v;
    }
    i.created_at = current->created_at;
    i.created_by = current->created_by;
    i.opened_from = current->opened_from;
    auto up = db.Prepare(kUpdateInvestigation);
    BindInvestigation(up, i);
    up.Bind(12, i.id);
    if (up.Step() != SQLITE_DONE) return WriteFailed(db);
    if (auto m = WriteMembers(db, i); !m.ok()) return m;
    if (auto l = WriteLinks(db, "investigation", i.id, i.links); !l.ok()) return l;
    return ReloadAndAudit(db, LoadInvestigation, i.id, false, audit, stored);
  });
  if (!st.ok()) return st.error();
  return stored;
}

Result<domain::Investigation> SqliteCaseStore::GetInvestigation(int64_t id) {
  auto db = readers_.Acquire();
  ReadSnapshot snap(*db);
  return LoadInvestigation(*db, id);
}

Result<std::vector<domain::Investigation>> SqliteCaseStore::ListInvestigations(
    const std::string& user, int64_t before_id, int limit) {
  auto db = readers_.Acquire();
  ReadSnapshot snap(*db);
  std::vector<int64_t> ids;
  {
    auto st = db->Prepare(kInvestigationPage);
    st.Bind(1, before_id > 0 ? before_id : INT64_MAX).Bind(2, user).Bind(3, limit);
    while (st.Step() == SQLITE_ROW) ids.push_back(st.Int(0));
  }
  return LoadEach<domain::Investigation>(*db, ids, LoadInvestigation);
}

Result<domain::InvestigationNote> SqliteCaseStore::AddNote(domain::InvestigationNote n,
                                                           domain::AuditEvent audit) {
  auto st = writer_.Run([&](Connection& db) -> Status {
    auto ins = db.Prepare(kInsertNote);
    ins.Bind(1, n.investigation_id).Bind(2, n.at).Bind(3, n.author).Bind(4, n.text);
    if (ins.Step() != SQLITE_DONE) return WriteFailed(db);
    n.id = db.LastInsertId();
    audit.detail += " note=" + std::to_string(n.id);
    return AppendAudit(db, audit);
  });
  if (!st.ok()) return st.error();
  return n;
}

Result<std::vector<domain::InvestigationNote>> SqliteCaseStore::Notes(int64_t investigation) {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kSelectNotes);
  st.Bind(1, investigation);
  std::vector<domain::InvestigationNote> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    out.push_back({st.Int(0), st.Int(1), st.Text(2), st.Text(3), st.Text(4)});
  }
  if (rc != SQLITE_DONE) return ReadFailed(*db);
  return out;
}

Result<domain::InvestigationTask> SqliteCaseStore::SaveTask(domain::InvestigationTask t,
                                                            std::optional<int> expected_version,
                                                            domain::AuditEvent audit) {
  domain::InvestigationTask stored;
  auto st = writer_.Run([&](Connection& db) -> Status {
    if (t.id == 0) {
      auto ins = db.Prepare(kInsertTask);
      ins.Bind(1, t.investigation_id).Bind(2, t.title).Bind(3, t.assignee).Bind(4, t.due);
      ins.Bind(5, t.status).Bind(6, t.created_at).Bind(7, t.created_by);
      ins.Bind(8, t.updated_at).Bind(9, t.updated_by);
      if (ins.Step() != SQLITE_DONE) return WriteFailed(db);
      t.id = db.LastInsertId();
    } else {
      auto cur = db.Prepare(kSelectTasks);
      cur.Bind(1, t.investigation_id).Bind(2, t.id);
      if (cur.Step() != SQLITE_ROW) return Error::NotFound("no task " + std::to_string(t.id));
      auto current = ReadTask(cur);
      if (auto v = CheckVersion(current.version, expected_version, "task " + std::to_string(t.id));
          !v.ok()) {
        return v;
      }
      auto up = db.Prepare(kUpdateTask);
      up.Bind(1, t.investigation_id).Bind(2, t.title).Bind(3, t.assignee).Bind(4, t.due);
      up.Bind(5, t.status).Bind(8, t.updated_at).Bind(9, t.updated_by).Bind(10, t.id);
      if (up.Step() != SQLITE_DONE) return WriteFailed(db);
    }
    auto reread = db.Prepare(kSelectTasks);
    reread.Bind(1, t.investigation_id).Bind(2, t.id);
    if (reread.Step() != SQLITE_ROW) return ReadFailed(db);
    stored = ReadTask(reread);
    audit.detail += " task=" + std::to_string(stored.id);
    return AppendAudit(db, audit);
  });
  if (!st.ok()) return st.error();
  return stored;
}

Result<std::vector<domain::InvestigationTask>> SqliteCaseStore::Tasks(int64_t investigation) {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kSelectTasks);
  st.Bind(1, investigation).Bind(2, int64_t{0});
  std::vector<domain::InvestigationTask> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(ReadTask(st));
  if (rc != SQLITE_DONE) return ReadFailed(*db);
  return out;
}

}  // namespace haiquan::storage::sqlite
