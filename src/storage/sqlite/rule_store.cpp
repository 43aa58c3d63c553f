#include "storage/sqlite/rule_store.h"

#include "storage/sqlite/audit_store.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;
using domain::Result;

#define HQ_RULE_COLUMNS                                                                   \
  "code, description, field, operator, vals, lane, weight, valid_from, valid_to, active," \
  " updated_at, updated_by"

constexpr const char* kSelectAll =
    "SELECT id, version, " HQ_RULE_COLUMNS " FROM risk_rules ORDER BY id";
constexpr const char* kSelectOne =
    "SELECT id, version, " HQ_RULE_COLUMNS " FROM risk_rules WHERE id = ?1";
constexpr const char* kSelectHistory = "SELECT rule_id, version, " HQ_RULE_COLUMNS
                                       " FROM risk_rule_versions WHERE rule_id = ?1"
                                       " ORDER BY version";
constexpr const char* kCodeTaken = "SELECT id FROM risk_rules WHERE code = ?1 AND id <> ?2";
constexpr const char* kInsert = "INSERT INTO risk_rules (version, " HQ_RULE_COLUMNS
                                ") VALUES (1, ?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)";
constexpr const char* kUpdate =
    "UPDATE risk_rules SET version = version + 1, code = ?1, description = ?2, field = ?3,"
    " operator = ?4, vals = ?5, lane = ?6, weight = ?7, valid_from = ?8, valid_to = ?9,"
    " active = ?10, updated_at = ?11, updated_by = ?12 WHERE id = ?13";
constexpr const char* kArchive =
    "INSERT INTO risk_rule_versions (rule_id, version, " HQ_RULE_COLUMNS
    ") SELECT id, version, " HQ_RULE_COLUMNS " FROM risk_rules WHERE id = ?1";

#undef HQ_RULE_COLUMNS

constexpr char kSeparator = '\x1f';

std::string Join(const std::vector<std::string>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += kSeparator;
    out += values[i];
  }
  return out;
}

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t end = s.find(kSeparator, start);
    out.push_back(s.substr(start, end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

risk::Rule Read(const Statement& st) {
  risk::Rule r;
  r.id = st.Int(0);
  r.version = static_cast<int>(st.Int(1));
  r.code = st.Text(2);
  r.description = st.Text(3);
  r.field = st.Text(4);
  r.op = risk::ParseOperator(st.Text(5)).value_or(risk::Operator::kEq);
  r.values = Split(st.Text(6));
  if (!st.IsNull(7)) r.lane = domain::ParseLane(st.Text(7));
  r.weight = st.Real(8);
  r.valid_from = st.Text(9);
  r.valid_to = st.Text(10);
  r.active = st.Int(11) != 0;
  r.updated_at = st.Text(12);
  r.updated_by = st.Text(13);
  return r;
}

void BindRule(Statement& st, const risk::Rule& r) {
  st.Bind(1, r.code).Bind(2, r.description).Bind(3, r.field).Bind(4, risk::ToString(r.op));
  st.Bind(5, Join(r.values));
  if (r.lane) {
    st.Bind(6, domain::ToString(*r.lane));
  } else {
    st.BindNull(6);
  }
  st.Bind(7, r.weight).BindOptional(8, r.valid_from).BindOptional(9, r.valid_to);
  st.Bind(10, r.active ? 1 : 0).Bind(11, r.updated_at).Bind(12, r.updated_by);
}

Result<risk::Rule> LoadOne(Connection& db, int64_t id) {
  auto st = db.Prepare(kSelectOne);
  st.Bind(1, id);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Error::NotFound("no rule " + std::to_string(id));
  if (rc != SQLITE_ROW) return Error::Unavailable("storage read failed: " + db.ErrorMessage());
  return Read(st);
}

domain::Status CheckCodeFree(Connection& db, const std::string& code, int64_t id) {
  auto st = db.Prepare(kCodeTaken);
  st.Bind(1, code).Bind(2, id);
  if (st.Step() == SQLITE_ROW) return Error::Conflict("a rule with code " + code + " exists");
  return domain::Ok();
}

domain::Status Archive(Connection& db, int64_t id) {
  auto st = db.Prepare(kArchive);
  st.Bind(1, id);
  if (st.Step() != SQLITE_DONE) return Error::Unavailable("storage write failed");
  return domain::Ok();
}

}  // namespace

Result<std::vector<risk::Rule>> SqliteRuleStore::List() {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kSelectAll);
  std::vector<risk::Rule> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(Read(st));
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  return out;
}

Result<risk::Rule> SqliteRuleStore::Get(int64_t id) {
  auto db = readers_.Acquire();
  return LoadOne(*db, id);
}

Result<risk::Rule> SqliteRuleStore::Create(risk::Rule rule, domain::AuditEvent audit) {
  risk::Rule stored;
  auto s = writer_.Run([&](Connection& db) -> domain::Status {
    if (auto free = CheckCodeFree(db, rule.code, 0); !free.ok()) return free;
    auto st = db.Prepare(kInsert);
    BindRule(st, rule);
    if (st.Step() != SQLITE_DONE) return Error::Unavailable("storage write failed");
    int64_t id = db.LastInsertId();
    if (auto a = Archive(db, id); !a.ok()) return a;
    auto loaded = LoadOne(db, id);
    if (!loaded.ok()) return loaded.error();
    stored = std::move(loaded.value());
    audit.record_id = std::to_string(id);
    return AppendAudit(db, audit);
  });
  if (!s.ok()) return s.error();
  return stored;
}

Result<risk::Rule> SqliteRuleStore::Update(int64_t id, risk::Rule rule,
                                           std::optional<int> expected_version,
                                           domain::AuditEvent audit) {
  risk::Rule stored;
  auto s = writer_.Run([&](Connection& db) -> domain::Status {
    auto current = LoadOne(db, id);
    if (!current.ok()) return current.error();
    if (expected_version && *expected_version != current->version) {
      return Error::Conflict("rule " + std::to_string(id) + " is at version " +
                             std::to_string(current->version) + ", not " +
                             std::to_string(*expected_version));
    }
    if (auto free = CheckCodeFree(db, rule.code, id); !free.ok()) return free;
    auto st = db.Prepare(kUpdate);
    BindRule(st, rule);
    st.Bind(13, id);
    if (st.Step() != SQLITE_DONE) return Error::Unavailable("storage write failed");
    if (auto a = Archive(db, id); !a.ok()) return a;
    auto loaded = LoadOne(db, id);
    if (!loaded.ok()) return loaded.error();
    stored = std::move(loaded.value());
    audit.detail += " version=" + std::to_string(stored.version);
    return AppendAudit(db, audit);
  });
  if (!s.ok()) return s.error();
  return stored;
}

Result<std::vector<risk::Rule>> SqliteRuleStore::History(int64_t id) {
  auto db = readers_.Acquire();
  if (auto one = LoadOne(*db, id); !one.ok()) return one.error();
  auto st = db->Prepare(kSelectHistory);
  st.Bind(1, id);
  std::vector<risk::Rule> out;
  while (st.Step() == SQLITE_ROW) out.push_back(Read(st));
  return out;
}

}  // namespace haiquan::storage::sqlite
