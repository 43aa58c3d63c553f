// An investigation's messages and its members' read markers (V009), beside the rest of the
// case store. Messages are only ever inserted (the schema's triggers refuse the rest).
#include "storage/sqlite/audit_store.h"
#include "storage/sqlite/case_store.h"
#include "storage/sqlite/record_codec.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;
using domain::Result;
using domain::Status;

constexpr const char* kSelectAccess = "SELECT lead, supervisor FROM investigations WHERE id = ?1";

constexpr const char* kInsertMessage =
    "INSERT INTO investigation_messages (investigation_id, sent_at, author, body, reply_to)"
    " VALUES (?1,?2,?3,?4,?5)";
constexpr const char* kSelectMessages =
    "SELECT id, investigation_id, sent_at, author, body, reply_to FROM investigation_messages"
    " WHERE investigation_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3";
constexpr const char* kIsMessageOf =
    "SELECT 1 FROM investigation_messages WHERE id = ?1 AND investigation_id = ?2";

constexpr const char* kSelectMarker =
    "SELECT up_to FROM investigation_message_reads WHERE investigation_id = ?1 AND user_name = ?2";
// One's own messages are never unread.
constexpr const char* kCountUnread =
    "SELECT count(*) FROM investigation_messages WHERE investigation_id = ?1 AND id > ?2"
    " AND author <> ?3";
constexpr const char* kMoveMarker =
    "INSERT INTO investigation_message_reads (investigation_id, user_name, up_to)"
    " VALUES (?1,?2,?3) ON CONFLICT (investigation_id, user_name)"
    " DO UPDATE SET up_to = max(up_to, excluded.up_to)";

constexpr const char* kMessageOwner = "message";

// Who may see the investigation (lead, supervisor, members): all that the write gate needs.
Result<domain::Investigation> LoadAccess(Connection& db, int64_t id) {
  domain::Investigation i;
  i.id = id;
  {
    auto st = db.Prepare(kSelectAccess);
    st.Bind(1, id);
    int rc = st.Step();
    if (rc == SQLITE_DONE) return Error::NotFound("no investigation " + std::to_string(id));
    if (rc != SQLITE_ROW) return ReadFailed(db);
    i.lead = st.Text(0);
    i.supervisor = st.Text(1);
  }
  LoadMembers(db, id, i.members);
  return i;
}

Result<bool> IsMessageOf(Connection& db, int64_t message, int64_t investigation) {
  auto st = db.Prepare(kIsMessageOf);
  st.Bind(1, message).Bind(2, investigation);
  int rc = st.Step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return ReadFailed(db);
  return rc == SQLITE_ROW;
}

Result<domain::MessageReadState> ReadState(Connection& db, int64_t investigation,
                                           const std::string& reader) {
  domain::MessageReadState state;
  {
    auto st = db.Prepare(kSelectMarker);
    st.Bind(1, investigation).Bind(2, reader);
    int rc = st.Step();
    if (rc == SQLITE_ROW) {
      state.read_up_to = st.Int(0);
    } else if (rc != SQLITE_DONE) {
      return ReadFailed(db);
    }
  }
  auto st = db.Prepare(kCountUnread);
  st.Bind(1, investigation).Bind(2, state.read_up_to).Bind(3, reader);
  if (st.Step() != SQLITE_ROW) return ReadFailed(db);
  state.unread = st.Int(0);
  return state;
}

Result<std::vector<domain::InvestigationMessage>> LoadMessages(Connection& db,
                                                               int64_t investigation, int64_t after,
                                                               int limit) {
  std::vector<domain::InvestigationMessage> out;
  {
    auto st = db.Prepare(kSelectMessages);
    st.Bind(1, investigation).Bind(2, after).Bind(3, limit);
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) {
      domain::InvestigationMessage m;
      m.id = st.Int(0);
      m.investigation_id = st.Int(1);
      m.sent_at = st.Text(2);
      m.author = st.Text(3);
      m.body = st.Text(4);
      if (!st.IsNull(5)) m.reply_to = st.Int(5);
      out.push_back(std::move(m));
    }
    if (rc != SQLITE_DONE) return ReadFailed(db);
  }
  for (auto& m : out) {
    auto links = LoadLinks(db, kMessageOwner, m.id);
    if (!links.ok()) return links.error();
    m.links = std::move(links.value());
  }
  return out;
}

// Runs `write` if `may_write` lets the caller in; otherwise records `audit` as denied and sets
// `denied` (the write is answered NotFound after the denial has committed).
Status Gated(Connection& db, int64_t investigation, const app::CaseStore::Gate& may_write,
             domain::AuditEvent& audit, bool& denied, const std::function<Status()>& write) {
  auto access = LoadAccess(db, investigation);
  if (!access.ok()) return access.error();
  if (!may_write(*access)) {
    denied = true;
    audit.outcome = "denied";
    return AppendAudit(db, audit);
  }
  return write();
}

Error Denied(int64_t investigation) {
  return Error::NotFound("no investigation " + std::to_string(investigation));
}

}  // namespace

Result<domain::InvestigationMessage> SqliteCaseStore::AddMessage(
    domain::InvestigationMessage m, std::vector<domain::FieldError> faults, const Gate& may_write,
    domain::AuditEvent audit) {
  bool denied = false;
  auto st = writer_.Run([&](Connection& db) -> Status {
    return Gated(db, m.investigation_id, may_write, audit, denied, [&]() -> Status {
      if (m.reply_to && *m.reply_to > 0) {
        auto known = IsMessageOf(db, *m.reply_to, m.investigation_id);
        if (!known.ok()) return known.error();
        if (!*known) {
          faults.push_back(
              {"/replyTo", "not_found",
               "no message " + std::to_string(*m.reply_to) + " in this investigation"});
        }
      }
      if (auto s = RefFaults(db, m.links, "/links", faults); !s.ok()) return s;
      if (!faults.empty()) return Error::Invalid("the message is not valid", faults);
      auto ins = db.Prepare(kInsertMessage);
      ins.Bind(1, m.investigation_id).Bind(2, m.sent_at).Bind(3, m.author).Bind(4, m.body);
      if (m.reply_to) {
        ins.Bind(5, *m.reply_to);
      } else {
        ins.BindNull(5);
      }
      if (ins.Step() != SQLITE_DONE) return WriteFailed(db);
      m.id = db.LastInsertId();
      if (auto l = ReplaceLinks(db, kMessageOwner, m.id, m.links); !l.ok()) return l;
      audit.detail += " message=" + std::to_string(m.id);
      return AppendAudit(db, audit);
    });
  });
  if (!st.ok()) return st.error();
  if (denied) return Denied(m.investigation_id);
  return m;
}

Result<app::MessagePage> SqliteCaseStore::Messages(int64_t investigation, const std::string& reader,
                                                   int64_t after, int limit) {
  auto db = readers_.Acquire();
  ReadSnapshot snap(*db);
  app::MessagePage page;
  // One more than asked says whether another page follows.
  auto items = LoadMessages(*db, investigation, after, limit + 1);
  if (!items.ok()) return items.error();
  page.items = std::move(items.value());
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.pop_back();
    page.more = true;
  }
  auto state = ReadState(*db, investigation, reader);
  if (!state.ok()) return state.error();
  page.state = *state;
  return page;
}

Result<domain::MessageReadState> SqliteCaseStore::MarkRead(int64_t investigation,
                                                           const std::string& reader, int64_t up_to,
                                                           const Gate& may_write,
                                                           domain::AuditEvent audit) {
  bool denied = false;
  domain::MessageReadState state;
  auto st = writer_.Run([&](Connection& db) -> Status {
    return Gated(db, investigation, may_write, audit, denied, [&]() -> Status {
      auto known = IsMessageOf(db, up_to, investigation);
      if (!known.ok()) return known.error();
      if (!*known) {
        return Error::Invalid("the read marker is not valid",
                              {{"/upTo", "not_found",
                                "no message " + std::to_string(up_to) + " in this investigation"}});
      }
      auto move = db.Prepare(kMoveMarker);
      move.Bind(1, investigation).Bind(2, reader).Bind(3, up_to);
      if (move.Step() != SQLITE_DONE) return WriteFailed(db);
      auto now = ReadState(db, investigation, reader);
      if (!now.ok()) return now.error();
      state = *now;
      audit.detail += " up_to=" + std::to_string(state.read_up_to);
      return AppendAudit(db, audit);
    });
  });
  if (!st.ok()) return st.error();
  if (denied) return Denied(investigation);
  return state;
}

Result<std::vector<domain::MessageReadState>> SqliteCaseStore::ReadStates(
    const std::vector<int64_t>& investigations, const std::string& reader) {
  auto db = readers_.Acquire();
  ReadSnapshot snap(*db);
  std::vector<domain::MessageReadState> out;
  out.reserve(investigations.size());
  for (int64_t id : investigations) {
    auto state = ReadState(*db, id, reader);
    if (!state.ok()) return state.error();
    out.push_back(*state);
  }
  return out;
}

}  // namespace haiquan::storage::sqlite
