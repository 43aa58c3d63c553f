#include "storage/sqlite/identity_store.h"

#include "storage/sqlite/audit_store.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;

#define HQ_USER_COLUMNS \
  "u.id, u.name, u.role, u.trader_tax_id, u.password_hash, u.disabled, u.created_at"
constexpr const char* kUserByName = "SELECT " HQ_USER_COLUMNS " FROM users u WHERE u.name = ?1";
constexpr const char* kUsers = "SELECT " HQ_USER_COLUMNS " FROM users u ORDER BY u.name";
constexpr const char* kSession = "SELECT " HQ_USER_COLUMNS
                                 ", s.expires_at, s.revoked FROM sessions s"
                                 " JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1";
constexpr const char* kApiKey = "SELECT " HQ_USER_COLUMNS
                                ", k.id, k.revoked_at FROM api_keys k"
                                " JOIN users u ON u.id = k.user_id WHERE k.token_hash = ?1";
#undef HQ_USER_COLUMNS
constexpr const char* kInsertUser =
    "INSERT INTO users (name, role, trader_tax_id, password_hash, created_at)"
    " VALUES (?1,?2,?3,?4,?5) ON CONFLICT(name) DO NOTHING";
constexpr const char* kSetDisabled = "UPDATE users SET disabled = ?1 WHERE name = ?2";
constexpr const char* kSetPassword = "UPDATE users SET password_hash = ?1 WHERE name = ?2";
constexpr const char* kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1,?2,?3,?4)";
constexpr const char* kRevokeSession = "UPDATE sessions SET revoked = 1 WHERE token_hash = ?1";
constexpr const char* kInsertKey =
    "INSERT INTO api_keys (token_hash, user_id, label, created_at) VALUES (?1,?2,?3,?4)";
constexpr const char* kRevokeKey =
    "UPDATE api_keys SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL";
constexpr const char* kKeyExists = "SELECT 1 FROM api_keys WHERE id = ?1";
constexpr const char* kKeys =
    "SELECT k.id, u.name, k.label, k.created_at, k.revoked_at FROM api_keys k"
    " JOIN users u ON u.id = k.user_id ORDER BY k.id";
constexpr const char* kGetSetting = "SELECT value FROM settings WHERE key = ?1";
constexpr const char* kPutSetting =
    "INSERT INTO settings (key, value) VALUES (?1, ?2)"
    " ON CONFLICT(key) DO UPDATE SET value = excluded.value";

app::User ReadUser(const Statement& st) {
  app::User u;
  u.id = st.Int(0);
  u.name = st.Text(1);
  u.role = domain::ParseRole(st.Text(2)).value_or(domain::Role::kOfficer);
  u.trader_tax_id = st.Text(3);
  u.password_hash = st.Text(4);
  u.disabled = st.Int(5) != 0;
  u.created_at = st.Text(6);
  return u;
}

domain::Status Done(Connection& db, Statement& st) {
  if (st.Step() != SQLITE_DONE)
    return Error::Unavailable("storage write failed: " + db.ErrorMessage());
  return domain::Ok();
}

}  // namespace

domain::Result<app::User> SqliteIdentityStore::CreateUser(const app::User& user,
                                                          const std::optional<InitialToken>& token,
                                                          const domain::AuditEvent& audit) {
  app::User stored = user;
  auto s = writer_.Run([&](Connection& db) -> domain::Status {
    auto st = db.Prepare(kInsertUser);
    st.Bind(1, user.name).Bind(2, domain::ToString(user.role));
    st.BindOptional(3, user.trader_tax_id).BindOptional(4, user.password_hash);
    st.Bind(5, user.created_at);
    if (auto d = Done(db, st); !d.ok()) return d;
    if (db.Changes() == 0) return Error::Conflict("a user named " + user.name + " exists");
    stored.id = db.LastInsertId();
    if (token) {
      auto t = db.Prepare(token->api_key ? kInsertKey : kInsertSession);
      t.Bind(1, token->hash)
          .Bind(2, stored.id)
          .Bind(3, token->api_key ? "initial" : user.created_at);
      t.Bind(4, token->api_key ? user.created_at : token->expires_at);
      if (auto d = Done(db, t); !d.ok()) return d;
    }
    return AppendAudit(db, audit);
  });
  if (!s.ok()) return s.error();
  return stored;
}

domain::Result<app::User> SqliteIdentityStore::FindUser(const std::string& name) {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kUserByName);
  st.Bind(1, name);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Error::NotFound("no user " + name);
  if (rc != SQLITE_ROW) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  return ReadUser(st);
}

domain::Result<std::vector<app::User>> SqliteIdentityStore::ListUsers() {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kUsers);
  std::vector<app::User> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(ReadUser(st));
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  return out;
}

domain::Status SqliteIdentityStore::SetDisabled(const std::string& name, bool disabled,
                                                const domain::AuditEvent& audit) {
  return writer_.Run([&](Connection& db) -> domain::Status {
    auto st = db.Prepare(kSetDisabled);
    st.Bind(1, disabled ? 1 : 0).Bind(2, name);
    if (auto d = Done(db, st); !d.ok()) return d;
    if (db.Changes() == 0) return Error::NotFound("no user " + name);
    return AppendAudit(db, audit);
  });
}

domain::Status SqliteIdentityStore::SetPassword(const std::string& name,
                                                const std::string& password_hash,
                                                const domain::AuditEvent& audit) {
  return writer_.Run([&](Connection& db) -> domain::Status {
    auto st = db.Prepare(kSetPassword);
    st.Bind(1, password_hash).Bind(2, name);
    if (auto d = Done(db, st); !d.ok()) return d;
    if (db.Changes() == 0) return Error::NotFound("no user " + name);
    return AppendAudit(db, audit);
  });
}

domain::Status SqliteIdentityStore::AddSession(const std::string& token_hash, int64_t user_id,
                                               const std::string& created_at,
                                               const std::string& expires_at,
                                               const domain::AuditEvent& audit) {
  return writer_.Run([&](Connection& db) -> domain::Status {
    auto st = db.Prepare(kInsertSession);
    st.Bind(1, token_hash).Bind(2, user_id).Bind(3, created_at).Bind(4, expires_at);
    if (auto d = Done(db, st); !d.ok()) return d;
    return AppendAudit(db, audit);
  });
}

domain::Status SqliteIdentityStore::RevokeSession(const std::string& token_hash,
                                                  const domain::AuditEvent& audit) {
  return writer_.Run([&](Connection& db) -> domain::Status {
    auto st = db.Prepare(kRevokeSession);
    st.Bind(1, token_hash);
    if (auto d = Done(db, st); !d.ok()) return d;
    if (db.Changes() == 0) return Error::NotFound("no such session");
    return AppendAudit(db, audit);
  });
}

domain::Result<int64_t> SqliteIdentityStore::AddApiKey(const std::string& token_hash,
                                                       int64_t user_id, const std::string& label,
                                                       const std::string& created_at,
                                                       domain::AuditEvent audit) {
  int64_t id = 0;
  auto s = writer_.Run([&](Connection& db) -> domain::Status {
    auto st = db.Prepare(kInsertKey);
    st.Bind(1, token_hash).Bind(2, user_id).Bind(3, label).Bind(4, created_at);
    if (auto d = Done(db, st); !d.ok()) return d;
    id = db.LastInsertId();
    audit.record_type = "apikey";
    audit.record_id = std::to_string(id);
    return AppendAudit(db, audit);
  });
  if (!s.ok()) return s.error();
  return id;
}

domain::Status SqliteIdentityStore::RevokeApiKey(int64_t id, const std::string& revoked_at,
                                                 const domain::AuditEvent& audit) {
  return writer_.Run([&](Connection& db) -> domain::Status {
    {
      auto exists = db.Prepare(kKeyExists);
      exists.Bind(1, id);
      if (exists.Step() != SQLITE_ROW) return Error::NotFound("no API key " + std::to_string(id));
    }
    auto st = db.Prepare(kRevokeKey);
    st.Bind(1, revoked_at).Bind(2, id);
    if (auto d = Done(db, st); !d.ok()) return d;
    return AppendAudit(db, audit);
  });
}

domain::Result<std::vector<app::ApiKey>> SqliteIdentityStore::ListApiKeys() {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kKeys);
  std::vector<app::ApiKey> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    out.push_back({st.Int(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4)});
  }
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  return out;
}

domain::Result<std::optional<app::Credential>> SqliteIdentityStore::FindCredential(
    const std::string& token_hash) {
  auto db = readers_.Acquire();
  for (const char* sql : {kSession, kApiKey}) {
    auto st = db->Prepare(sql);
    st.Bind(1, token_hash);
    int rc = st.Step();
    if (rc == SQLITE_DONE) continue;
    if (rc != SQLITE_ROW) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
    app::Credential c;
    c.user = ReadUser(st);
    if (sql == kSession) {
      c.kind = app::Credential::Kind::kSession;
      c.expires_at = st.Text(7);
      c.revoked = st.Int(8) != 0;
    } else {
      c.kind = app::Credential::Kind::kApiKey;
      c.id = st.Int(7);
      c.revoked = !st.IsNull(8);
    }
    return std::optional<app::Credential>(std::move(c));
  }
  return std::optional<app::Credential>();
}

domain::Result<std::optional<std::string>> SqliteIdentityStore::GetSetting(const std::string& key) {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kGetSetting);
  st.Bind(1, key);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return Error::Unavailable("storage read failed: " + db->ErrorMessage());
  return std::optional<std::string>(st.Text(0));
}

domain::Status SqliteIdentityStore::PutSetting(const std::string& key, const std::string& value) {
  return writer_.Run([&](Connection& db) -> domain::Status {
    auto st = db.Prepare(kPutSetting);
    st.Bind(1, key).Bind(2, value);
    return Done(db, st);
  });
}

}  // namespace haiquan::storage::sqlite
