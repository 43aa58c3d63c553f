// N4 and N6: search, exports and figures over the enforcement databases.
#include <algorithm>
#include <map>

#include "domain/enforcement/name_match.h"
#include "storage/sqlite/enforcement_rows.h"
#include "storage/sqlite/enforcement_store.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;
using domain::Result;
using domain::Status;

constexpr const char* kWordVariants = "SELECT word FROM name_words WHERE variant = ?1";
constexpr const char* kNameMatches =
    "SELECT rowid FROM name_text WHERE name_text MATCH ?1 ORDER BY rank LIMIT ?2";
constexpr const char* kPersonNames =
    "SELECT names, date_of_birth, nationality FROM suspect_persons WHERE id = ?1";
constexpr const char* kCompanyNames =
    "SELECT name, aliases, country, tax_id FROM offending_companies WHERE id = ?1";
constexpr const char* kPersonPage =
    "SELECT id FROM suspect_persons ORDER BY id DESC LIMIT ?2 OFFSET ?1";
constexpr const char* kCompanyPage =
    "SELECT id FROM offending_companies ORDER BY id DESC LIMIT ?2 OFFSET ?1";

// An FTS5 query in which every word must occur; each word is quoted, so that no word is read
// as an operator. Folded words hold no quotes.
std::string AllOf(const std::vector<std::string>& words) {
  std::string q;
  for (const auto& w : words) {
    if (!q.empty()) q += ' ';
    q += '"' + w + '"';
  }
  return q;
}

// The WHERE clause of a filter over `seizures` (no alias), its values appended to `binds`.
std::string FilterSql(const app::SeizureFilter& f, std::vector<std::string>& binds) {
  std::string sql;
  auto add = [&](const std::string& value, const char* clause) {
    if (value.empty()) return;
    sql += " AND ";
    sql += clause;
    binds.push_back(value);
  };
  add(f.from, "day >= ?");
  add(f.to, "day <= ?");
  add(f.office, "office = ?");
  add(f.category, "category = ?");
  add(f.hs_prefix.empty() ? "" : f.hs_prefix + "%", "hs_code LIKE ?");
  add(f.concealment, "concealment = ?");
  add(f.transport_mode, "transport_mode = ?");
  add(f.detection_method, "detection_method = ?");
  add(f.route_country,
      "seizures.id IN (SELECT seizure_id FROM seizure_countries WHERE country = ?)");
  return sql;
}

// The seizures of a search, in its order: by relevance with words, else newest first.
std::string SearchSql(const app::SeizureSearch& q, std::vector<std::string>& binds, bool paged) {
  std::string sql;
  if (!q.words.empty()) {
    binds.push_back(AllOf(q.words));
    sql = "SELECT seizures.id, seizures.version, " HQ_SEIZURE_COLUMNS
          " FROM seizure_text JOIN seizures ON seizures.id = seizure_text.rowid"
          " WHERE seizure_text MATCH ?" +
          FilterSql(q.filter, binds) + " ORDER BY seizure_text.rank";
  } else {
    sql = "SELECT id, version, " HQ_SEIZURE_COLUMNS " FROM seizures WHERE 1" +
          FilterSql(q.filter, binds) + " ORDER BY day DESC, id DESC";
  }
  if (paged) sql += " LIMIT ? OFFSET ?";
  return sql;
}

Status Run(Connection& db, const std::string& sql, const std::vector<std::string>& binds,
           const std::vector<int64_t>& ints, const std::function<bool(Statement&)>& row) {
  auto st = db.PrepareComposed(sql);
  int i = 1;
  for (const auto& b : binds) st.Bind(i++, b);
  for (int64_t v : ints) st.Bind(i++, v);
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    if (!row(st)) return domain::Ok();
  }
  if (rc != SQLITE_DONE) {
    // A query the text index cannot read is the client's to fix, not a failure of ours.
    if (sqlite3_extended_errcode(db.raw()) == SQLITE_ERROR) {
      return Error::Malformed("the search cannot be read: " + db.ErrorMessage(),
                              {{"/q", "invalid_query", "use words and numbers"}});
    }
    return ReadFailed(db);
  }
  return domain::Ok();
}

void AddTo(std::vector<std::pair<std::string, double>>& totals, const std::string& key, double v) {
  for (auto& [k, total] : totals) {
    if (k == key) {
      total += v;
      return;
    }
  }
  totals.emplace_back(key, v);
}

// One grouping of the figures; `key` is an SQL expression over seizures (alias s) or the
// route country (alias c).
Status Group(Connection& db, const char* key, bool by_country,
             const std::vector<std::string>& words, const app::SeizureFilter& filter,
             std::vector<app::SeizureGroup>& out) {
  std::vector<std::string> binds;
  std::string sql = std::string("SELECT ") + key +
                    ", unit, currency, count(*), total(quantity), total(estimated_value),"
                    " count(quantity), count(estimated_value) FROM seizures";
  if (by_country) sql += " JOIN seizure_countries c ON c.seizure_id = seizures.id";
  sql += " WHERE 1";
  if (!words.empty()) {
    sql += " AND seizures.id IN (SELECT rowid FROM seizure_text WHERE seizure_text MATCH ?)";
    binds.push_back(AllOf(words));
  }
  sql += FilterSql(filter, binds) + " GROUP BY 1, 2, 3";
  std::map<std::string, app::SeizureGroup> groups;
  auto s = Run(db, sql, binds, {}, [&](Statement& st) {
    auto& g = groups[st.Text(0)];
    g.key = st.Text(0);
    g.seizures += st.Int(3);
    if (st.Int(6) > 0) AddTo(g.quantities, st.Text(1), st.Real(4));
    if (st.Int(7) > 0) AddTo(g.values, st.Text(2), st.Real(5));
    return true;
  });
  if (!s.ok()) return s;
  for (auto& [k, g] : groups) out.push_back(std::move(g));
  // Largest first: what a dashboard shows at the top.
  if (std::string_view(key) != "substr(day, 1, 7)") {
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.seizures > b.seizures; });
  }
  return domain::Ok();
}

}  // namespace

Result<std::vector<domain::Seizure>> SqliteEnforcementStore::SearchSeizures(
    const app::SeizureSearch& q) {
  auto db = readers_.Acquire();
  std::vector<std::string> binds;
  std::string sql = SearchSql(q, binds, true);
  std::vector<domain::Seizure> out;
  auto s = Run(*db, sql, binds, {q.limit, q.offset}, [&](Statement& st) {
    out.push_back(ReadSeizure(st));
    return true;
  });
  if (!s.ok()) return s.error();
  return out;
}

Status SqliteEnforcementStore::ScanSeizures(
    const app::SeizureSearch& q, const std::function<bool(const domain::Seizure&)>& visit) {
  auto db = readers_.Acquire();
  ReadSnapshot snap(*db);
  std::vector<std::string> binds;
  std::string sql = SearchSql(q, binds, true);
  return Run(*db, sql, binds, {q.limit, q.offset},
             [&](Statement& st) { return visit(ReadSeizure(st)); });
}

Result<app::SeizureStats> SqliteEnforcementStore::Stats(const std::vector<std::string>& words,
                                                        const app::SeizureFilter& filter) {
  auto db = readers_.Acquire();
  ReadSnapshot snap(*db);
  app::SeizureStats out;
  if (auto s = Group(*db, "category", false, words, filter, out.by_category); !s.ok()) {
    return s.error();
  }
  if (auto s = Group(*db, "concealment", false, words, filter, out.by_concealment); !s.ok()) {
    return s.error();
  }
  if (auto s = Group(*db, "c.country", true, words, filter, out.by_route_country); !s.ok()) {
    return s.error();
  }
  if (auto s = Group(*db, "substr(day, 1, 7)", false, words, filter, out.by_month); !s.ok()) {
    return s.error();
  }
  for (const auto& g : out.by_category) out.seizures += g.seizures;
  return out;
}

namespace {

Result<app::NameCandidate> LoadCandidate(Connection& db, int64_t rowid) {
  app::NameCandidate c;
  c.id = rowid / 2;
  c.kind = rowid % 2 ? "company" : "person";
  auto st = db.Prepare(rowid % 2 ? kCompanyNames : kPersonNames);
  st.Bind(1, c.id);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Error::NotFound("gone");
  if (rc != SQLITE_ROW) return ReadFailed(db);
  if (c.kind == "person") {
    c.names = SplitList(st.Text(0));
    c.date_of_birth = st.Text(1);
    c.nationality = st.Text(2);
  } else {
    c.names = {st.Text(0)};
    for (auto& a : SplitList(st.Text(1))) c.names.push_back(std::move(a));
    c.nationality = st.Text(2);
    c.tax_id = st.Text(3);
  }
  return c;
}

}  // namespace

Result<std::vector<app::NameCandidate>> SqliteEnforcementStore::NameCandidates(
    const std::vector<std::string>& words, const std::string& kind, int max) {
  auto db = readers_.Acquire();
  ReadSnapshot snap(*db);
  // Each query word becomes the indexed words within its typo budget: they share a
  // one-deletion variant with it, or are one.
  std::string match;
  for (const auto& w : words) {
    std::vector<std::string> keys = domain::OneDeletes(w);
    keys.push_back(w);
    std::vector<std::string> found;
    int budget = domain::TypoBudget(w);
    for (const auto& k : budget > 0 ? keys : std::vector<std::string>{w}) {
      auto st = db->Prepare(kWordVariants);
      st.Bind(1, k);
      while (st.Step() == SQLITE_ROW) {
        std::string word = st.Text(0);
        if (std::find(found.begin(), found.end(), word) == found.end() &&
            domain::EditDistance(w, word, budget) <= budget) {
          found.push_back(std::move(word));
        }
      }
    }
    if (found.empty()) return std::vector<app::NameCandidate>{};
    if (!match.empty()) match += " AND ";
    match += '(';
    for (size_t i = 0; i < found.size(); ++i) {
      if (i) match += " OR ";
      match += '"' + found[i] + '"';
    }
    match += ')';
  }
  std::vector<app::NameCandidate> out;
  if (match.empty()) return out;
  auto st = db->Prepare(kNameMatches);
  // Both kinds share the index: ask for more when one kind is wanted.
  st.Bind(1, match).Bind(2, static_cast<int64_t>(kind.empty() ? max : max * 2));
  std::vector<int64_t> rowids;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    int64_t rowid = st.Int(0);
    if (kind.empty() || (kind == "company") == (rowid % 2 == 1)) rowids.push_back(rowid);
  }
  if (rc != SQLITE_DONE) return ReadFailed(*db);
  for (int64_t rowid : rowids) {
    if (static_cast<int>(out.size()) >= max) break;
    auto c = LoadCandidate(*db, rowid);
    if (!c.ok()) {
      if (c.error().code == domain::ErrorCode::kNotFound) continue;
      return c.error();
    }
    out.push_back(std::move(c.value()));
  }
  return out;
}

Result<std::vector<app::NameCandidate>> SqliteEnforcementStore::ListNames(const std::string& kind,
                                                                          int64_t offset,
                                                                          int limit) {
  auto db = readers_.Acquire();
  ReadSnapshot snap(*db);
  bool company = kind == "company";
  std::vector<int64_t> ids;
  {
    auto st = db->Prepare(company ? kCompanyPage : kPersonPage);
    st.Bind(1, offset).Bind(2, static_cast<int64_t>(limit));
    while (st.Step() == SQLITE_ROW) ids.push_back(st.Int(0));
  }
  std::vector<app::NameCandidate> out;
  for (int64_t id : ids) {
    auto c = LoadCandidate(*db, id * 2 + (company ? 1 : 0));
    if (!c.ok()) return c.error();
    out.push_back(std::move(c.value()));
  }
  return out;
}

}  // namespace haiquan::storage::sqlite
