#include "storage/sqlite/audit_store.h"

#include "app/crypto.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;

constexpr const char* kHead = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
constexpr const char* kInsert =
    "INSERT INTO audit_log (seq, at, actor, role, action, record_type, record_id, remote, outcome,"
    " detail, prev_hash, hash) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)";
#define HQ_AUDIT_COLUMNS                                                                      \
  "seq, at, actor, role, action, record_type, record_id, remote, outcome, detail, prev_hash," \
  " hash"
constexpr const char* kScan = "SELECT " HQ_AUDIT_COLUMNS " FROM audit_log ORDER BY seq";
constexpr const char* kList =
    "SELECT " HQ_AUDIT_COLUMNS
    " FROM audit_log WHERE seq > ?1 AND (?2 IS NULL OR actor = ?2) AND (?3 IS NULL OR action = ?3)"
    " AND (?4 IS NULL OR record_type = ?4) AND (?5 IS NULL OR record_id = ?5)"
    " ORDER BY seq LIMIT ?6";
// A record's entries: through the partial index, plus the filing entry a declaration row names
// (filings are left out of the index: see V002).
constexpr const char* kListByRecord =
    "SELECT " HQ_AUDIT_COLUMNS
    " FROM audit_log WHERE seq IN ("
    "  SELECT seq FROM audit_log WHERE record_type = ?4 AND record_id = ?5"
    "   AND NOT (action = 'declaration.file' AND outcome = 'ok')"
    "  UNION ALL SELECT audit_seq FROM declarations"
    "   WHERE ?4 = 'declaration' AND id = CAST(?5 AS INTEGER))"
    " AND seq > ?1 AND (?2 IS NULL OR actor = ?2) AND (?3 IS NULL OR action = ?3)"
    " ORDER BY seq LIMIT ?6";
#undef HQ_AUDIT_COLUMNS
constexpr const char* kCheckpoints =
    "SELECT id, seq, head_hash, at, public_key, signature FROM audit_checkpoints ORDER BY id";
constexpr const char* kLastCheckpoint =
    "SELECT id, seq, signature FROM audit_checkpoints ORDER BY id DESC LIMIT 1";
constexpr const char* kInsertCheckpoint =
    "INSERT INTO audit_checkpoints (id, seq, head_hash, at, public_key, signature)"
    " VALUES (?1,?2,?3,?4,?5,?6)";

domain::AuditEntry ReadEntry(const Statement& st) {
  domain::AuditEntry e;
  e.seq = st.Int(0);
  e.event.at = st.Text(1);
  e.event.actor = st.Text(2);
  e.event.role = st.Text(3);
  e.event.action = st.Text(4);
  e.event.record_type = st.Text(5);
  e.event.record_id = st.Text(6);
  e.event.remote = st.Text(7);
  e.event.outcome = st.Text(8);
  e.event.detail = st.Text(9);
  e.prev_hash = st.Text(10);
  e.hash = st.Text(11);
  return e;
}

void BindOptional(Statement& st, int i, const std::optional<std::string>& v) {
  if (v) {
    st.Bind(i, *v);
  } else {
    st.BindNull(i);
  }
}

}  // namespace

domain::Status AppendAudit(Connection& db, const domain::AuditEvent& event) {
  auto seq = AppendAuditSeq(db, event);
  if (!seq.ok()) return seq.error();
  return domain::Ok();
}

domain::Result<int64_t> AppendAuditSeq(Connection& db, const domain::AuditEvent& event) {
  auto head = ReadAuditHead(db);
  if (!head.ok()) return head.error();
  return AppendAuditAfter(db, event, *head);
}

domain::Result<AuditHead> ReadAuditHead(Connection& db) {
  AuditHead out{0, domain::kAuditGenesis};
  auto head = db.Prepare(kHead);
  int rc = head.Step();
  if (rc == SQLITE_ROW) {
    out.seq = head.Int(0);
    out.hash = head.Text(1);
  } else if (rc != SQLITE_DONE) {
    return Error::Unavailable("audit read failed: " + db.ErrorMessage());
  }
  return out;
}

domain::Result<int64_t> AppendAuditAfter(Connection& db, const domain::AuditEvent& event,
                                         const AuditHead& head) {
  domain::AuditEntry e;
  e.event = event;
  e.seq = head.seq + 1;
  e.prev_hash = head.hash;
  e.hash = app::Sha256Hex(domain::CanonicalBytes(e));
  // Without copies: `event` and `e` outlive `st`, which resets the statement.
  auto st = db.Prepare(kInsert);
  st.Bind(1, e.seq).BindStatic(2, event.at).BindStatic(3, event.actor).BindStatic(4, event.role);
  st.BindStatic(5, event.action).BindStatic(6, event.record_type);
  st.BindStatic(7, event.record_id).BindStatic(8, event.remote).BindStatic(9, event.outcome);
  st.BindStatic(10, event.detail).BindStatic(11, e.prev_hash).BindStatic(12, e.hash);
  if (st.Step() != SQLITE_DONE)
    return Error::Unavailable("audit write failed: " + db.ErrorMessage());
  return e.seq;
}

void SqliteAuditStore::Append(domain::AuditEvent event, std::function<void(domain::Status)> done) {
  if (!writer_) return done(Error::Unavailable("the audit store is open read-only"));
  writer_->Submit([event = std::move(event)](Connection& db) { return AppendAudit(db, event); },
                  std::move(done));
}

domain::Result<std::vector<domain::AuditEntry>> SqliteAuditStore::List(const app::AuditQuery& q) {
  auto db = readers_.Acquire();
  auto st = db->Prepare(q.record_type && q.record_id ? kListByRecord : kList);
  st.Bind(1, q.after_seq.value_or(0));
  BindOptional(st, 2, q.actor);
  BindOptional(st, 3, q.action);
  BindOptional(st, 4, q.record_type);
  BindOptional(st, 5, q.record_id);
  st.Bind(6, q.limit);
  std::vector<domain::AuditEntry> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(ReadEntry(st));
  if (rc != SQLITE_DONE) return Error::Unavailable("audit read failed: " + db->ErrorMessage());
  return out;
}

domain::Status SqliteAuditStore::Scan(const std::function<bool(const domain::AuditEntry&)>& visit) {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kScan);
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    if (!visit(ReadEntry(st))) return domain::Ok();
  }
  if (rc != SQLITE_DONE) return Error::Unavailable("audit read failed: " + db->ErrorMessage());
  return domain::Ok();
}

domain::Result<std::vector<domain::AuditCheckpoint>> SqliteAuditStore::Checkpoints() {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kCheckpoints);
  std::vector<domain::AuditCheckpoint> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    out.push_back({st.Int(0), st.Int(1), st.Text(2), st.Text(3), st.Text(4), st.Text(5), ""});
  }
  if (rc != SQLITE_DONE) return Error::Unavailable("audit read failed: " + db->ErrorMessage());
  return out;
}

domain::Result<std::optional<domain::AuditCheckpoint>> SqliteAuditStore::Checkpoint(
    const std::string& at, const std::string& public_key, const Signer& sign) {
  if (!writer_) return Error::Unavailable("the audit store is open read-only");
  std::optional<domain::AuditCheckpoint> made;
  auto s = writer_->Run([&](Connection& db) -> domain::Status {
    domain::AuditCheckpoint c;
    {
      auto head = db.Prepare(kHead);
      if (head.Step() != SQLITE_ROW) return domain::Ok();  // nothing to sign yet
      c.seq = head.Int(0);
      c.head_hash = head.Text(1);
    }
    c.id = 1;
    {
      auto last = db.Prepare(kLastCheckpoint);
      if (last.Step() == SQLITE_ROW) {
        if (last.Int(1) >= c.seq) return domain::Ok();  // nothing new since
        c.id = last.Int(0) + 1;
        c.prev_signature = last.Text(2);
      }
    }
    c.at = at;
    c.public_key = public_key;
    c.signature = sign(domain::CheckpointMessage(c));
    auto st = db.Prepare(kInsertCheckpoint);
    st.Bind(1, c.id).Bind(2, c.seq).Bind(3, c.head_hash).Bind(4, c.at).Bind(5, c.public_key);
    st.Bind(6, c.signature);
    if (st.Step() != SQLITE_DONE) return Error::Unavailable("checkpoint write failed");
    made = std::move(c);
    return domain::Ok();
  });
  if (!s.ok()) return s.error();
  return made;
}

}  // namespace haiquan::storage::sqlite
