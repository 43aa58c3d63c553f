#include "storage/sqlite/record_codec.h"

namespace haiquan::storage::sqlite {
namespace {

constexpr const char* kSeizureLabel = "SELECT description FROM seizures WHERE id = ?1";
constexpr const char* kPersonLabel = "SELECT names FROM suspect_persons WHERE id = ?1";
constexpr const char* kCompanyLabel = "SELECT name FROM offending_companies WHERE id = ?1";
constexpr const char* kSuspicionLabel = "SELECT summary FROM suspicions WHERE id = ?1";
constexpr const char* kDeclarationLabel =
    "SELECT declarant_reference FROM declarations WHERE id = ?1";

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

domain::Status ResolveRefs(Connection& db, std::vector<domain::RecordRef>& refs,
                           const std::string& pointer) {
  std::vector<domain::FieldError> faults;
  for (size_t i = 0; i < refs.size(); ++i) {
    auto label = RecordLabel(db, refs[i]);
    if (!label.ok()) return label.error();
    if (!*label) {
      faults.push_back({pointer + "/" + std::to_string(i), "not_found",
                        "no " + refs[i].kind + " " + std::to_string(refs[i].id)});
    } else {
      refs[i].label = std::move(**label);
    }
  }
  if (faults.empty()) return domain::Ok();
  return domain::Error::Invalid(
      faults.size() == 1 ? "a linked record does not exist" : "linked records do not exist",
      std::move(faults));
}

}  // namespace haiquan::storage::sqlite
