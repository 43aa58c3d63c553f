#include "storage/sqlite/record_codec.h"

namespace haiquan::storage::sqlite {
namespace {

constexpr const char* kSeizureLabel = "SELECT description FROM seizures WHERE id = ?1";
constexpr const char* kPersonLabel = "SELECT names FROM suspect_persons WHERE id = ?1";
constexpr const char* kCompanyLabel = "SELECT name FROM offending_companies WHERE id = ?1";
constexpr const char* kSuspicionLabel = "SELECT summary FROM suspicions WHERE id = ?1";
constexpr const char* kDeclarationLabel =
    "SELECT declarant_reference FROM declarations WHERE id = ?1";

constexpr const char* kDeleteLinks =
    "DELETE FROM record_links WHERE owner_kind = ?1 AND owner_id = ?2";
constexpr const char* kInsertLink =
    "INSERT OR IGNORE INTO record_links (owner_kind, owner_id, kind, id) VALUES (?1,?2,?3,?4)";
constexpr const char* kSelectLinks =
    "SELECT kind, id FROM record_links WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY kind, id";

}  // namespace

std::string JoinList(const std::vector<std::string>& items, char separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

std::vector<std::string> SplitList(const std::string& s, char separator) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t end = s.find(separator, start);
    out.push_back(s.substr(start, end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

domain::Status CheckVersion(int current, std::optional<int> expected, const std::string& what) {
  if (expected && *expected != current) {
    return domain::Error::Conflict(what + " is at version " + std::to_string(current) + ", not " +
                                   std::to_string(*expected));
  }
  return domain::Ok();
}

domain::Error ReadFailed(Connection& db) {
  return domain::Error::Unavailable("storage read failed: " + db.ErrorMessage());
}
domain::Error WriteFailed(Connection& db) {
  return domain::Error::Unavailable("storage write failed: " + db.ErrorMessage());
}

domain::Result<std::optional<std::string>> RecordLabel(Connection& db,
                                                       const domain::RecordRef& ref) {
  const char* sql = ref.kind == "seizure"       ? kSeizureLabel
                    : ref.kind == "person"      ? kPersonLabel
                    : ref.kind == "company"     ? kCompanyLabel
                    : ref.kind == "suspicion"   ? kSuspicionLabel
                    : ref.kind == "declaration" ? kDeclarationLabel
                                                : nullptr;
  if (!sql) return std::optional<std::string>();
  auto st = db.Prepare(sql);
  st.Bind(1, ref.id);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return ReadFailed(db);
  std::string label = st.Text(0);
  if (ref.kind == "person") label = label.substr(0, label.find(kRecordSeparator));
  return std::optional<std::string>(std::move(label));
}

domain::Status RefFaults(Connection& db, std::vector<domain::RecordRef>& refs,
                         const std::string& pointer, std::vector<domain::FieldError>& faults) {
  for (size_t i = 0; i < refs.size(); ++i) {
    if (refs[i].id <= 0 || !domain::IsOneOf(refs[i].kind, domain::kRecordKinds)) continue;
    auto label = RecordLabel(db, refs[i]);
    if (!label.ok()) return label.error();
    if (!*label) {
      faults.push_back({pointer + "/" + std::to_string(i), "not_found",
                        "no " + refs[i].kind + " " + std::to_string(refs[i].id)});
    } else {
      refs[i].label = std::move(**label);
    }
  }
  return domain::Ok();
}

domain::Status ResolveRefs(Connection& db, std::vector<domain::RecordRef>& refs,
                           const std::string& pointer) {
  std::vector<domain::FieldError> faults;
  if (auto s = RefFaults(db, refs, pointer, faults); !s.ok()) return s;
  if (!faults.empty()) {
    return domain::Error::Invalid(
        faults.size() == 1 ? "a linked record does not exist" : "linked records do not exist",
        std::move(faults));
  }
  return domain::Ok();
}

domain::Status ReplaceLinks(Connection& db, const char* owner_kind, int64_t owner_id,
                            const std::vector<domain::RecordRef>& links) {
  auto del = db.Prepare(kDeleteLinks);
  del.Bind(1, owner_kind).Bind(2, owner_id);
  if (del.Step() != SQLITE_DONE) return WriteFailed(db);
  for (const auto& l : links) {
    auto st = db.Prepare(kInsertLink);
    st.Bind(1, owner_kind).Bind(2, owner_id).Bind(3, l.kind).Bind(4, l.id);
    if (st.Step() != SQLITE_DONE) return WriteFailed(db);
  }
  return domain::Ok();
}

domain::Result<std::vector<domain::RecordRef>> LoadLinks(Connection& db, const char* owner_kind,
                                                         int64_t owner_id) {
  std::vector<domain::RecordRef> out;
  {
    auto st = db.Prepare(kSelectLinks);
    st.Bind(1, owner_kind).Bind(2, owner_id);
    while (st.Step() == SQLITE_ROW) out.push_back({st.Text(0), st.Int(1), ""});
  }
  for (auto& l : out) {
    auto label = RecordLabel(db, l);
    if (!label.ok()) return label.error();
    l.label = label->value_or("");
  }
  return out;
}

}  // namespace haiquan::storage::sqlite
