#include "storage/sqlite/enforcement_store.h"

#include <spdlog/spdlog.h>

#include <unordered_set>

#include "domain/enforcement/name_match.h"
#include "storage/sqlite/audit_store.h"
#include "storage/sqlite/enforcement_rows.h"
#include "storage/sqlite/record_codec.h"
#include "storage/sqlite/seizure_facets.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;
using domain::Result;
using domain::Status;

constexpr const char* kInsertSeizure =
    "INSERT INTO seizures (version, " HQ_SEIZURE_COLUMNS
    ") VALUES (1, ?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,"
    "?22,?23,?24)";
constexpr const char* kUpdateSeizure =
    "UPDATE seizures SET version = version + 1, occurred_at = ?1, day = ?2, office = ?3,"
    " place = ?4, detection_method = ?5, category = ?6, hs_code = ?7, description = ?8,"
    " quantity = ?9, unit = ?10, estimated_value = ?11, currency = ?12, concealment = ?13,"
    " transport_mode = ?14, conveyance = ?15, departure = ?16, destination = ?17, route = ?18,"
    " declaration_id = ?19, narrative = ?20, updated_at = ?23, updated_by = ?24 WHERE id = ?25";
constexpr const char* kSelectSeizure =
    "SELECT id, version, " HQ_SEIZURE_COLUMNS " FROM seizures WHERE id = ?1";
constexpr const char* kDeleteCountries = "DELETE FROM seizure_countries WHERE seizure_id = ?1";
constexpr const char* kInsertCountry =
    "INSERT OR IGNORE INTO seizure_countries (country, seizure_id) VALUES (?1, ?2)";
constexpr const char* kDeleteParties = "DELETE FROM seizure_parties WHERE seizure_id = ?1";
constexpr const char* kInsertParty =
    "INSERT OR IGNORE INTO seizure_parties (seizure_id, kind, party_id, role) VALUES (?1,?2,?3,?4)";
constexpr const char* kSelectParties =
    "SELECT p.kind, p.party_id, p.role, coalesce(sp.names, oc.name, '')"
    " FROM seizure_parties p"
    " LEFT JOIN suspect_persons sp ON p.kind = 'person' AND sp.id = p.party_id"
    " LEFT JOIN offending_companies oc ON p.kind = 'company' AND oc.id = p.party_id"
    " WHERE p.seizure_id = ?1 ORDER BY p.rowid";
constexpr const char* kSelectAttachments =
    "SELECT a.sha256, b.media_type, b.size, a.kind, a.file_name, a.added_at, a.added_by,"
    " t.source_width, t.source_height, t.sha256 IS NOT NULL"
    " FROM seizure_attachments a JOIN blobs b ON b.sha256 = a.sha256"
    " LEFT JOIN blob_thumbnails t ON t.sha256 = a.sha256"
    " WHERE a.seizure_id = ?1 ORDER BY a.added_at, a.sha256";
constexpr const char* kDeleteText = "DELETE FROM seizure_text WHERE rowid = ?1";
constexpr const char* kInsertText =
    "INSERT INTO seizure_text (rowid, body, facets) VALUES (?1, ?2, ?3)";
constexpr const char* kDeclarationExists = "SELECT 1 FROM declarations WHERE id = ?1";
constexpr const char* kPersonExists = "SELECT 1 FROM suspect_persons WHERE id = ?1";
constexpr const char* kCompanyExists = "SELECT tax_id FROM offending_companies WHERE id = ?1";
constexpr const char* kEnterpriseExists = "SELECT 1 FROM enterprises WHERE tax_id = ?1";
constexpr const char* kDeleteOffences = "DELETE FROM trader_offences WHERE seizure_id = ?1";
constexpr const char* kInsertOffence =
    "INSERT OR IGNORE INTO trader_offences (tax_id, seizure_id, role, day, category)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr const char* kSeizuresOfParty =
    "SELECT DISTINCT seizure_id FROM seizure_parties WHERE kind = ?1 AND party_id = ?2"
    " ORDER BY seizure_id DESC LIMIT 1000";
// Every one, for rewriting what a party's change touches.
constexpr const char* kAllSeizuresOfParty =
    "SELECT DISTINCT seizure_id FROM seizure_parties WHERE kind = ?1 AND party_id = ?2";

constexpr const char* kInsertBlob =
    "INSERT OR IGNORE INTO blobs (sha256, media_type, size, content) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* kInsertAttachment =
    "INSERT INTO seizure_attachments (seizure_id, sha256, kind, file_name, added_at, added_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING";
constexpr const char* kSelectAttachment =
    "SELECT a.sha256, b.media_type, b.size, a.kind, a.file_name, a.added_at, a.added_by,"
    " t.source_width, t.source_height, t.sha256 IS NOT NULL, b.content"
    " FROM seizure_attachments a JOIN blobs b ON b.sha256 = a.sha256"
    " LEFT JOIN blob_thumbnails t ON t.sha256 = a.sha256"
    " WHERE a.seizure_id = ?1 AND a.sha256 = ?2";
// A thumbnail is made once per content; an attachment stored before thumbnails existed gets one
// when the same bytes are attached again.
constexpr const char* kInsertThumbnail =
    "INSERT OR IGNORE INTO blob_thumbnails (sha256, source_width, source_height, width, height,"
    " content) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* kSelectThumbnail =
    "SELECT t.content FROM seizure_attachments a JOIN blob_thumbnails t ON t.sha256 = a.sha256"
    " WHERE a.seizure_id = ?1 AND a.sha256 = ?2";

constexpr const char* kInsertPerson =
    "INSERT INTO suspect_persons (version, names, date_of_birth, nationality, documents, notes,"
    " created_at, created_by, updated_at, updated_by) VALUES (1, ?1,?2,?3,?4,?5,?6,?7,?8,?9)";
constexpr const char* kUpdatePerson =
    "UPDATE suspect_persons SET version = version + 1, names = ?1, date_of_birth = ?2,"
    " nationality = ?3, documents = ?4, notes = ?5, updated_at = ?8, updated_by = ?9"
    " WHERE id = ?10";
constexpr const char* kSelectPerson =
    "SELECT id, version, names, date_of_birth, nationality, documents, notes, created_at,"
    " created_by, updated_at, updated_by FROM suspect_persons WHERE id = ?1";
constexpr const char* kDeleteDocuments = "DELETE FROM suspect_documents WHERE person_id = ?1";
constexpr const char* kInsertDocument =
    "INSERT OR IGNORE INTO suspect_documents (number, person_id) VALUES (?1, ?2)";

constexpr const char* kInsertCompany =
    "INSERT INTO offending_companies (version, name, aliases, tax_id, country, address, notes,"
    " created_at, created_by, updated_at, updated_by) VALUES (1, ?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)";
constexpr const char* kUpdateCompany =
    "UPDATE offending_companies SET version = version + 1, name = ?1, aliases = ?2, tax_id = ?3,"
    " country = ?4, address = ?5, notes = ?6, updated_at = ?9, updated_by = ?10 WHERE id = ?11";
constexpr const char* kSelectCompany =
    "SELECT c.id, c.version, c.name, c.aliases, c.tax_id, c.country, c.address, c.notes,"
    " c.created_at, c.created_by, c.updated_at, c.updated_by,"
    " EXISTS (SELECT 1 FROM enterprises e WHERE e.tax_id = c.tax_id)"
    " FROM offending_companies c WHERE c.id = ?1";

constexpr const char* kDeleteNames = "DELETE FROM name_text WHERE rowid = ?1";
constexpr const char* kInsertNames = "INSERT INTO name_text (rowid, names) VALUES (?1, ?2)";
constexpr const char* kInsertWord =
    "INSERT OR IGNORE INTO name_words (variant, word) VALUES (?1, ?2)";

constexpr const char* kSelectConcealments = "SELECT code FROM concealment_methods ORDER BY code";
constexpr const char* kInsertConcealment =
    "INSERT INTO concealment_methods (code, added_at, added_by) VALUES (?1, ?2, ?3)"
    " ON CONFLICT DO NOTHING";

// Adds a fault at `pointer` if the record `id` is not found by `sql`.
Status NoteMissing(Connection& db, const char* sql, int64_t id, const std::string& pointer,
                   const std::string& what, std::vector<domain::FieldError>& faults) {
  auto st = db.Prepare(sql);
  st.Bind(1, id);
  int rc = st.Step();
  if (rc == SQLITE_ROW) return domain::Ok();
  if (rc != SQLITE_DONE) return ReadFailed(db);
  faults.push_back({pointer, "not_found", "no " + what + " " + std::to_string(id)});
  return domain::Ok();
}

// An attachment from the columns kSelectAttachments and kSelectAttachment begin with.
domain::Attachment ReadAttachment(Statement& st) {
  domain::Attachment a{st.Text(0), st.Text(1), st.Int(2), st.Text(3),
                       st.Text(4), st.Text(5), st.Text(6)};
  a.width = static_cast<int>(st.Int(7));
  a.height = static_cast<int>(st.Int(8));
  a.has_thumbnail = st.Int(9) != 0;
  return a;
}

Result<domain::Seizure> LoadSeizure(Connection& db, int64_t id, bool details = true) {
  domain::Seizure s;
  {
    auto st = db.Prepare(kSelectSeizure);
    st.Bind(1, id);
    int rc = st.Step();
    if (rc == SQLITE_DONE) return Error::NotFound("no seizure " + std::to_string(id));
    if (rc != SQLITE_ROW) return ReadFailed(db);
    s = ReadSeizure(st);
  }
  if (!details) return s;
  auto parties = db.Prepare(kSelectParties);
  parties.Bind(1, id);
  while (parties.Step() == SQLITE_ROW) {
    std::string name = parties.Text(3);
    s.parties.push_back({parties.Text(0), parties.Int(1), parties.Text(2),
                         name.substr(0, name.find(kRecordSeparator))});
  }
  auto files = db.Prepare(kSelectAttachments);
  files.Bind(1, id);
  while (files.Step() == SQLITE_ROW) s.attachments.push_back(ReadAttachment(files));
  return s;
}

// The words a seizure is found by: its texts and its parties' names, folded.
Status IndexSeizure(Connection& db, const domain::Seizure& s, bool fresh = false) {
  std::string body;
  auto add = [&](std::string_view text) {
    for (auto& w : domain::NameTokens(text)) body.append(w).push_back(' ');
  };
  add(s.description);
  add(s.place);
  add(s.conveyance);
  add(s.narrative);
  add(s.hs_code);
  for (const auto& p : s.parties) add(p.name);
  if (!fresh) {
    auto del = db.Prepare(kDeleteText);
    del.Bind(1, s.id);
    if (del.Step() != SQLITE_DONE) return WriteFailed(db);
  }
  auto ins = db.Prepare(kInsertText);
  ins.Bind(1, s.id).Bind(2, body).Bind(3, FacetWords(s));
  if (ins.Step() != SQLITE_DONE) return WriteFailed(db);
  return domain::Ok();
}

// The compliance records of the registered traders a seizure names, as its parties are now.
Status WriteOffences(Connection& db, const domain::Seizure& s) {
  auto del = db.Prepare(kDeleteOffences);
  del.Bind(1, s.id);
  if (del.Step() != SQLITE_DONE) return WriteFailed(db);
  for (const auto& p : s.parties) {
    if (p.kind != "company") continue;
    auto company = db.Prepare(kCompanyExists);
    company.Bind(1, p.id);
    if (company.Step() != SQLITE_ROW) continue;
    std::string tax_id = company.Text(0);
    if (tax_id.empty()) continue;
    auto reg = db.Prepare(kEnterpriseExists);
    reg.Bind(1, tax_id);
    if (reg.Step() != SQLITE_ROW) continue;
    auto off = db.Prepare(kInsertOffence);
    off.Bind(1, tax_id).Bind(2, s.id).Bind(3, p.role).Bind(4, s.Day()).Bind(5, s.category);
    if (off.Step() != SQLITE_DONE) return WriteFailed(db);
  }
  return domain::Ok();
}

// Rows beside the seizure: countries, parties (checked), the traders' offences, the text.
Status WriteSeizureRows(Connection& db, domain::Seizure& s, bool replace) {
  if (replace) {
    for (const char* sql : {kDeleteCountries, kDeleteParties, kDeleteOffences}) {
      auto st = db.Prepare(sql);
      st.Bind(1, s.id);
      if (st.Step() != SQLITE_DONE) return WriteFailed(db);
    }
  }
  std::vector<std::string> countries;
  if (!s.departure.empty()) countries.push_back(s.departure);
  for (const auto& leg : s.route) countries.push_back(leg.country);
  if (!s.destination.empty()) countries.push_back(s.destination);
  for (const auto& c : countries) {
    auto st = db.Prepare(kInsertCountry);
    st.Bind(1, c).Bind(2, s.id);
    if (st.Step() != SQLITE_DONE) return WriteFailed(db);
  }
  for (size_t i = 0; i < s.parties.size(); ++i) {
    auto& p = s.parties[i];
    auto ins = db.Prepare(kInsertParty);
    ins.Bind(1, s.id).Bind(2, p.kind).Bind(3, p.id).Bind(4, p.role);
    if (ins.Step() != SQLITE_DONE) return WriteFailed(db);
  }
  if (auto o = WriteOffences(db, s); !o.ok()) return o;
  // Names as stored, for the text index and the answer.
  auto loaded = LoadSeizure(db, s.id);
  if (!loaded.ok()) return loaded.error();
  s = std::move(loaded.value());
  return IndexSeizure(db, s, !replace);
}

// The declaration and parties a seizure names exist; every one that does not is named.
Status CheckReferences(Connection& db, const domain::Seizure& s) {
  std::vector<domain::FieldError> faults;
  if (s.declaration_id) {
    auto st = NoteMissing(db, kDeclarationExists, *s.declaration_id, "/declarationId",
                          "declaration", faults);
    if (!st.ok()) return st;
  }
  for (size_t i = 0; i < s.parties.size(); ++i) {
    bool person = s.parties[i].kind == "person";
    auto st =
        NoteMissing(db, person ? kPersonExists : kCompanyExists, s.parties[i].id,
                    "/parties/" + std::to_string(i) + "/id", person ? "person" : "company", faults);
    if (!st.ok()) return st;
  }
  if (faults.empty()) return domain::Ok();
  return Error::Invalid(
      faults.size() == 1 ? "a linked record does not exist" : "linked records do not exist",
      std::move(faults));
}

Result<int64_t> InsertSeizure(Connection& db, domain::Seizure& s) {
  if (auto c = CheckReferences(db, s); !c.ok()) return c.error();
  auto st = db.Prepare(kInsertSeizure);
  BindSeizure(st, s);
  if (st.Step() != SQLITE_DONE) return WriteFailed(db);
  s.id = db.LastInsertId();
  if (auto w = WriteSeizureRows(db, s, false); !w.ok()) return w.error();
  return s.id;
}

// Words whose variants were written in this transaction: a bulk import meets "nguyen" four
// times in ten and need not look it up each time.
using WordsWritten = std::unordered_set<std::string>;

// The name index of a person (rowid id * 2) or company (id * 2 + 1), and its words. `fresh`: a
// new record, with nothing to replace.
Status IndexNames(Connection& db, int64_t rowid, const std::vector<std::string>& names, bool fresh,
                  WordsWritten* written = nullptr) {
  std::string text = std::string(KindWord(rowid % 2 ? "company" : "person")) + ' ';
  for (const auto& n : names) {
    for (auto& w : domain::NameTokens(n)) {
      text.append(w).push_back(' ');
      if (written && !written->insert(w).second) continue;
      auto self = db.Prepare(kInsertWord);
      self.Bind(1, w).Bind(2, w);
      if (self.Step() != SQLITE_DONE) return WriteFailed(db);
      for (const auto& d : domain::OneDeletes(w)) {
        auto st = db.Prepare(kInsertWord);
        st.Bind(1, d).Bind(2, w);
        if (st.Step() != SQLITE_DONE) return WriteFailed(db);
      }
    }
  }
  if (!fresh) {
    auto del = db.Prepare(kDeleteNames);
    del.Bind(1, rowid);
    if (del.Step() != SQLITE_DONE) return WriteFailed(db);
  }
  auto ins = db.Prepare(kInsertNames);
  ins.Bind(1, rowid).Bind(2, text);
  if (ins.Step() != SQLITE_DONE) return WriteFailed(db);
  return domain::Ok();
}

// A party changed: the seizures it took part in are found by its new names, and a company's
// offences go to the trader its tax id now names.
Status ReindexSeizuresOf(Connection& db, const std::string& kind, int64_t id) {
  std::vector<int64_t> ids;
  {
    auto st = db.Prepare(kAllSeizuresOfParty);
    st.Bind(1, kind).Bind(2, id);
    while (st.Step() == SQLITE_ROW) ids.push_back(st.Int(0));
  }
  for (int64_t sid : ids) {
    auto s = LoadSeizure(db, sid);
    if (!s.ok()) return s.error();
    if (auto ix = IndexSeizure(db, *s); !ix.ok()) return ix;
    // A company's tax id may have changed: its offences follow it to the right trader.
    if (kind == "company") {
      if (auto o = WriteOffences(db, *s); !o.ok()) return o;
    }
  }
  return domain::Ok();
}

std::string JoinDocuments(const std::vector<domain::IdentityDocument>& docs) {
  std::vector<std::string> parts;
  for (const auto& d : docs) {
    parts.push_back(JoinList({d.type, d.number, d.country}, kUnitSeparator));
  }
  return JoinList(parts);
}

void BindPerson(Statement& st, const domain::SuspectPerson& p) {
  st.Bind(1, JoinList(p.names)).Bind(2, p.date_of_birth).Bind(3, p.nationality);
  st.Bind(4, JoinDocuments(p.documents)).Bind(5, p.notes);
  st.Bind(6, p.created_at).Bind(7, p.created_by).Bind(8, p.updated_at).Bind(9, p.updated_by);
}

Result<domain::SuspectPerson> LoadPerson(Connection& db, int64_t id) {
  auto st = db.Prepare(kSelectPerson);
  st.Bind(1, id);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Error::NotFound("no person " + std::to_string(id));
  if (rc != SQLITE_ROW) return ReadFailed(db);
  domain::SuspectPerson p;
  p.id = st.Int(0);
  p.version = static_cast<int>(st.Int(1));
  p.names = SplitList(st.Text(2));
  p.date_of_birth = st.Text(3);
  p.nationality = st.Text(4);
  for (const auto& d : SplitList(st.Text(5))) {
    auto f = SplitList(d, kUnitSeparator);
    f.resize(3);
    p.documents.push_back({f[0], f[1], f[2]});
  }
  p.notes = st.Text(6);
  p.created_at = st.Text(7);
  p.created_by = st.Text(8);
  p.updated_at = st.Text(9);
  p.updated_by = st.Text(10);
  return p;
}

Status WritePersonRows(Connection& db, const domain::SuspectPerson& p, bool fresh,
                       WordsWritten* written = nullptr) {
  if (!fresh) {
    auto del = db.Prepare(kDeleteDocuments);
    del.Bind(1, p.id);
    if (del.Step() != SQLITE_DONE) return WriteFailed(db);
  }
  for (const auto& d : p.documents) {
    auto st = db.Prepare(kInsertDocument);
    st.Bind(1, d.number).Bind(2, p.id);
    if (st.Step() != SQLITE_DONE) return WriteFailed(db);
  }
  return IndexNames(db, p.id * 2, p.names, fresh, written);
}

Result<int64_t> InsertPerson(Connection& db, domain::SuspectPerson& p,
                             WordsWritten* written = nullptr) {
  auto st = db.Prepare(kInsertPerson);
  BindPerson(st, p);
  if (st.Step() != SQLITE_DONE) return WriteFailed(db);
  p.id = db.LastInsertId();
  if (auto w = WritePersonRows(db, p, true, written); !w.ok()) return w.error();
  return p.id;
}

void BindCompany(Statement& st, const domain::OffendingCompany& c) {
  st.Bind(1, c.name).Bind(2, JoinList(c.aliases)).Bind(3, c.tax_id).Bind(4, c.country);
  st.Bind(5, c.address).Bind(6, c.notes).Bind(7, c.created_at).Bind(8, c.created_by);
  st.Bind(9, c.updated_at).Bind(10, c.updated_by);
}

Result<domain::OffendingCompany> LoadCompany(Connection& db, int64_t id) {
  auto st = db.Prepare(kSelectCompany);
  st.Bind(1, id);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Error::NotFound("no company " + std::to_string(id));
  if (rc != SQLITE_ROW) return ReadFailed(db);
  domain::OffendingCompany c;
  c.id = st.Int(0);
  c.version = static_cast<int>(st.Int(1));
  c.name = st.Text(2);
  c.aliases = SplitList(st.Text(3));
  c.tax_id = st.Text(4);
  c.country = st.Text(5);
  c.address = st.Text(6);
  c.notes = st.Text(7);
  c.created_at = st.Text(8);
  c.created_by = st.Text(9);
  c.updated_at = st.Text(10);
  c.updated_by = st.Text(11);
  c.registered = st.Int(12) != 0;
  return c;
}

std::vector<std::string> CompanyNames(const domain::OffendingCompany& c) {
  std::vector<std::string> names{c.name};
  names.insert(names.end(), c.aliases.begin(), c.aliases.end());
  return names;
}

Result<int64_t> InsertCompany(Connection& db, domain::OffendingCompany& c,
                              WordsWritten* written = nullptr) {
  auto ins = db.Prepare(kInsertCompany);
  BindCompany(ins, c);
  if (ins.Step() != SQLITE_DONE) return WriteFailed(db);
  c.id = db.LastInsertId();
  if (auto ix = IndexNames(db, c.id * 2 + 1, CompanyNames(c), true, written); !ix.ok()) {
    return ix.error();
  }
  return c.id;
}

}  // namespace

void SqliteEnforcementStore::OffencesWritten() {
  if (!index_) return;
  // A seizure naming a registered trader changes the next filing's checks: the index reads the
  // offence log now rather than at the folder's next look. On failure, that look catches up.
  auto db = readers_.Acquire();
  if (auto s = index_->FollowOffences(*db); !s.ok()) spdlog::warn("{}", s.error().message);
}

Result<domain::Seizure> SqliteEnforcementStore::CreateSeizure(domain::Seizure s,
                                                              domain::AuditEvent audit) {
  auto st = writer_.Run([&](Connection& db) -> Status {
    auto id = InsertSeizure(db, s);
    if (!id.ok()) return id.error();
    audit.record_id = std::to_string(*id);
    return AppendAudit(db, audit);
  });
  if (!st.ok()) return st.error();
  OffencesWritten();
  return s;
}

Result<domain::Seizure> SqliteEnforcementStore::UpdateSeizure(domain::Seizure s,
                                                              std::optional<int> expected_version,
                                                              domain::AuditEvent audit) {
  auto st = writer_.Run([&](Connection& db) -> Status {
    auto current = LoadSeizure(db, s.id, false);
    if (!current.ok()) return current.error();
    if (auto v =
            CheckVersion(current->version, expected_version, "seizure " + std::to_string(s.id));
        !v.ok()) {
      return v;
    }
    if (auto c = CheckReferences(db, s); !c.ok()) return c;
    s.created_at = current->created_at;
    s.created_by = current->created_by;
    auto up = db.Prepare(kUpdateSeizure);
    BindSeizure(up, s);
    up.Bind(25, s.id);
    if (up.Step() != SQLITE_DONE) return WriteFailed(db);
    if (auto w = WriteSeizureRows(db, s, true); !w.ok()) return w;
    audit.detail += " version=" + std::to_string(s.version);
    return AppendAudit(db, audit);
  });
  if (!st.ok()) return st.error();
  OffencesWritten();
  return s;
}

Result<domain::Seizure> SqliteEnforcementStore::GetSeizure(int64_t id) {
  auto db = readers_.Acquire();
  ReadSnapshot snap(*db);
  return LoadSeizure(*db, id);
}

Result<domain::Attachment> SqliteEnforcementStore::AddAttachment(
    int64_t seizure_id, domain::Attachment a, std::string content,
    const std::optional<app::Thumbnail>& thumbnail, domain::AuditEvent audit) {
  auto st = writer_.Run([&](Connection& db) -> Status {
    auto s = LoadSeizure(db, seizure_id, false);
    if (!s.ok()) return s.error();
    auto blob = db.Prepare(kInsertBlob);
    blob.Bind(1, a.sha256).Bind(2, a.media_type).Bind(3, a.size).BindBlob(4, content);
    if (blob.Step() != SQLITE_DONE) return WriteFailed(db);
    if (thumbnail) {
      auto thumb = db.Prepare(kInsertThumbnail);
      thumb.Bind(1, a.sha256).Bind(2, thumbnail->source_width).Bind(3, thumbnail->source_height);
      thumb.Bind(4, thumbnail->width).Bind(5, thumbnail->height).BindBlob(6, thumbnail->content);
      if (thumb.Step() != SQLITE_DONE) return WriteFailed(db);
      a.width = thumbnail->source_width;
      a.height = thumbnail->source_height;
      a.has_thumbnail = true;
    }
    auto link = db.Prepare(kInsertAttachment);
    link.Bind(1, seizure_id).Bind(2, a.sha256).Bind(3, a.kind).Bind(4, a.file_name);
    link.Bind(5, a.added_at).Bind(6, a.added_by);
    if (link.Step() != SQLITE_DONE) return WriteFailed(db);
    return AppendAudit(db, audit);
  });
  if (!st.ok()) return st.error();
  return a;
}

Result<std::pair<domain::Attachment, std::string>> SqliteEnforcementStore::GetAttachment(
    int64_t seizure_id, const std::string& sha256) {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kSelectAttachment);
  st.Bind(1, seizure_id).Bind(2, sha256);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Error::NotFound("no such attachment");
  if (rc != SQLITE_ROW) return ReadFailed(*db);
  return std::make_pair(ReadAttachment(st), st.Blob(10));
}

Result<std::string> SqliteEnforcementStore::GetThumbnail(int64_t seizure_id,
                                                         const std::string& sha256) {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kSelectThumbnail);
  st.Bind(1, seizure_id).Bind(2, sha256);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Error::NotFound("no thumbnail for this attachment");
  if (rc != SQLITE_ROW) return ReadFailed(*db);
  return st.Blob(0);
}

Result<domain::SuspectPerson> SqliteEnforcementStore::CreatePerson(domain::SuspectPerson p,
                                                                   domain::AuditEvent audit) {
  auto st = writer_.Run([&](Connection& db) -> Status {
    auto id = InsertPerson(db, p);
    if (!id.ok()) return id.error();
    audit.record_id = std::to_string(*id);
    return AppendAudit(db, audit);
  });
  if (!st.ok()) return st.error();
  p.version = 1;
  return p;
}

Result<domain::SuspectPerson> SqliteEnforcementStore::UpdatePerson(
    domain::SuspectPerson p, std::optional<int> expected_version, domain::AuditEvent audit) {
  domain::SuspectPerson stored;
  auto st = writer_.Run([&](Connection& db) -> Status {
    auto current = LoadPerson(db, p.id);
    if (!current.ok()) return current.error();
    if (auto v = CheckVersion(current->version, expected_version, "person " + std::to_string(p.id));
        !v.ok()) {
      return v;
    }
    p.created_at = current->created_at;
    p.created_by = current->created_by;
    auto up = db.Prepare(kUpdatePerson);
    BindPerson(up, p);
    up.Bind(10, p.id);
    if (up.Step() != SQLITE_DONE) return WriteFailed(db);
    if (auto w = WritePersonRows(db, p, false); !w.ok()) return w;
    if (auto r = ReindexSeizuresOf(db, "person", p.id); !r.ok()) return r;
    return ReloadAndAudit(db, LoadPerson, p.id, false, audit, stored);
  });
  if (!st.ok()) return st.error();
  return stored;
}

Result<domain::SuspectPerson> SqliteEnforcementStore::GetPerson(int64_t id) {
  auto db = readers_.Acquire();
  return LoadPerson(*db, id);
}

Result<domain::OffendingCompany> SqliteEnforcementStore::CreateCompany(domain::OffendingCompany c,
                                                                       domain::AuditEvent audit) {
  domain::OffendingCompany stored;
  auto st = writer_.Run([&](Connection& db) -> Status {
    if (auto id = InsertCompany(db, c); !id.ok()) return id.error();
    return ReloadAndAudit(db, LoadCompany, c.id, true, audit, stored);
  });
  if (!st.ok()) return st.error();
  return stored;
}

Result<domain::OffendingCompany> SqliteEnforcementStore::UpdateCompany(
    domain::OffendingCompany c, std::optional<int> expected_version, domain::AuditEvent audit) {
  domain::OffendingCompany stored;
  auto st = writer_.Run([&](Connection& db) -> Status {
    auto current = LoadCompany(db, c.id);
    if (!current.ok()) return current.error();
    if (auto v =
            CheckVersion(current->version, expected_version, "company " + std::to_string(c.id));
        !v.ok()) {
      return v;
    }
    c.created_at = current->created_at;
    c.created_by = current->created_by;
    auto up = db.Prepare(kUpdateCompany);
    BindCompany(up, c);
    up.Bind(11, c.id);
    if (up.Step() != SQLITE_DONE) return WriteFailed(db);
    if (auto ix = IndexNames(db, c.id * 2 + 1, CompanyNames(c), false); !ix.ok()) return ix;
    if (auto r = ReindexSeizuresOf(db, "company", c.id); !r.ok()) return r;
    return ReloadAndAudit(db, LoadCompany, c.id, false, audit, stored);
  });
  if (!st.ok()) return st.error();
  OffencesWritten();  // a new tax id takes the company's seizures to another trader
  return stored;
}

Result<domain::OffendingCompany> SqliteEnforcementStore::GetCompany(int64_t id) {
  auto db = readers_.Acquire();
  return LoadCompany(*db, id);
}

Result<std::vector<domain::Seizure>> SqliteEnforcementStore::SeizuresOf(const std::string& kind,
                                                                        int64_t id) {
  auto db = readers_.Acquire();
  ReadSnapshot snap(*db);
  std::vector<int64_t> ids;
  {
    auto st = db->Prepare(kSeizuresOfParty);
    st.Bind(1, kind).Bind(2, id);
    while (st.Step() == SQLITE_ROW) ids.push_back(st.Int(0));
  }
  std::vector<domain::Seizure> out;
  for (int64_t sid : ids) {
    auto s = LoadSeizure(*db, sid, false);
    if (!s.ok()) return s.error();
    out.push_back(std::move(s.value()));
  }
  return out;
}

Result<std::vector<std::string>> SqliteEnforcementStore::Concealments() {
  auto db = readers_.Acquire();
  auto st = db->Prepare(kSelectConcealments);
  std::vector<std::string> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(st.Text(0));
  if (rc != SQLITE_DONE) return ReadFailed(*db);
  return out;
}

Status SqliteEnforcementStore::AddConcealment(const std::string& code, domain::AuditEvent audit) {
  return writer_.Run([&](Connection& db) -> Status {
    auto st = db.Prepare(kInsertConcealment);
    st.Bind(1, code).Bind(2, audit.at).Bind(3, audit.actor);
    if (st.Step() != SQLITE_DONE) return WriteFailed(db);
    if (db.Changes() == 0) return Error::Conflict("the concealment method " + code + " exists");
    return AppendAudit(db, audit);
  });
}

Status SqliteEnforcementStore::ImportPersons(std::vector<domain::SuspectPerson>& batch) {
  return writer_.Run([&](Connection& db) -> Status {
    WordsWritten written;
    for (auto& p : batch) {
      if (auto id = InsertPerson(db, p, &written); !id.ok()) return id.error();
    }
    return domain::Ok();
  });
}

Status SqliteEnforcementStore::ImportSeizures(std::vector<domain::Seizure>& batch) {
  auto st = writer_.Run([&](Connection& db) -> Status {
    for (auto& s : batch) {
      if (auto id = InsertSeizure(db, s); !id.ok()) return id.error();
    }
    return domain::Ok();
  });
  if (st.ok()) OffencesWritten();
  return st;
}

Status SqliteEnforcementStore::ImportCompanies(std::vector<domain::OffendingCompany>& batch) {
  return writer_.Run([&](Connection& db) -> Status {
    WordsWritten written;
    for (auto& c : batch) {
      if (auto id = InsertCompany(db, c, &written); !id.ok()) return id.error();
    }
    return domain::Ok();
  });
}

}  // namespace haiquan::storage::sqlite
