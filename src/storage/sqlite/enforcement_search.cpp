// N4 and N6: search, exports and figures over the enforcement databases.
#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_set>

#include "domain/enforcement/name_match.h"
#include "storage/sqlite/enforcement_rows.h"
#include "storage/sqlite/enforcement_store.h"
#include "storage/sqlite/seizure_facets.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;
using domain::Result;
using domain::Status;

constexpr const char* kWordVariants = "SELECT word FROM name_words WHERE variant = ?1";
// Newest first: the use case scores every candidate by how well its names match, so the index
// need not rank them (BM25 would walk the posting list of "nguyen", four names in ten).
constexpr const char* kNameMatches =
    "SELECT rowid FROM name_text WHERE name_text MATCH ?1 ORDER BY rowid DESC LIMIT ?2";
constexpr const char* kPersonNames =
    "SELECT names, date_of_birth, nationality FROM suspect_persons WHERE id = ?1";
constexpr const char* kCompanyNames =
    "SELECT name, aliases, country, tax_id FROM offending_companies WHERE id = ?1";
constexpr const char* kPersonPage =
    "SELECT id FROM suspect_persons ORDER BY id DESC LIMIT ?2 OFFSET ?1";
constexpr const char* kCompanyPage =
    "SELECT id FROM offending_companies ORDER BY id DESC LIMIT ?2 OFFSET ?1";

// Relevance is ranked among this many of the newest matches: ranking every match of a common
// word in a national database would take longer than an officer waits.
constexpr int kRankedMatches = 1000;

// The text index expression: every word in the body, every filter in the facets; empty when
// the search has neither.
std::string MatchOf(const std::vector<std::string>& words, const app::SeizureFilter& filter) {
  std::string q;
  if (!words.empty()) {
    // Each word quoted, so that none is read as an operator; folded words hold no quotes.
    q = "body : (";
    for (size_t i = 0; i < words.size(); ++i) q += (i ? " AND \"" : "\"") + words[i] + '"';
    q += ')';
  }
  std::string facets = FacetQuery(filter);
  if (!facets.empty()) q += (q.empty() ? "" : " AND ") + facets;
  return q;
}

#define HQ_SEIZURE_SELECT "SELECT seizures.id, seizures.version, " HQ_SEIZURE_COLUMNS

// Only the page's rows are read from `seizures`: the ranking needs the index alone.
constexpr const char* kRanked = HQ_SEIZURE_SELECT
    " FROM (SELECT hit, score FROM"
    " (SELECT rowid AS hit, hq_rank(seizure_text) AS score FROM seizure_text"
    " WHERE seizure_text MATCH ?1 ORDER BY rowid DESC LIMIT ?4)"
    " ORDER BY score, hit DESC LIMIT ?2 OFFSET ?3) AS t"
    " JOIN seizures ON seizures.id = t.hit ORDER BY t.score, t.hit DESC";
constexpr const char* kMatchedNewestFirst = HQ_SEIZURE_SELECT
    " FROM seizure_text JOIN seizures ON seizures.id = seizure_text.rowid"
    " WHERE seizure_text MATCH ?1 ORDER BY seizure_text.rowid DESC LIMIT ?2 OFFSET ?3";
constexpr const char* kNewestFirst =
    HQ_SEIZURE_SELECT " FROM seizures WHERE ?1 = '' ORDER BY id DESC LIMIT ?2 OFFSET ?3";

#undef HQ_SEIZURE_SELECT

// A search's seizures: ranked by relevance among the newest matches when it has words and
// `ranked`, newest recorded first otherwise (exports list every match that way).
Status SelectSeizures(Connection& db, const app::SeizureSearch& q, bool ranked,
                      const std::function<bool(Statement&)>& row) {
  std::string match = MatchOf(q.words, q.filter);
  const char* sql = match.empty()                ? kNewestFirst
                    : ranked && !q.words.empty() ? kRanked
                                                 : kMatchedNewestFirst;
  auto st = db.Prepare(sql);
  st.Bind(1, match).Bind(2, static_cast<int64_t>(q.limit)).Bind(3, q.offset);
  if (sql == kRanked) st.Bind(4, static_cast<int64_t>(kRankedMatches));
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    if (!row(st)) return domain::Ok();
  }
  if (rc != SQLITE_DONE) return ReadFailed(db);
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

// One grouping of the figures; `key` is an SQL expression over seizures or the route country
// (alias c). Composed from constant pieces only; the match is bound.
Status Group(Connection& db, const char* key, bool by_country, const std::string& match,
             std::vector<app::SeizureGroup>& out) {
  std::string sql = std::string("SELECT ") + key +
                    ", unit, currency, count(*), total(quantity), total(estimated_value),"
                    " count(quantity), count(estimated_value) FROM seizures";
  if (by_country) sql += " JOIN seizure_countries c ON c.seizure_id = seizures.id";
  if (!match.empty()) {
    sql += " WHERE seizures.id IN (SELECT rowid FROM seizure_text WHERE seizure_text MATCH ?1)";
  }
  sql += " GROUP BY 1, 2, 3";
  auto st = db.PrepareComposed(sql);
  if (!match.empty()) st.Bind(1, match);
  std::map<std::string, app::SeizureGroup> groups;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    auto& g = groups[st.Text(0)];
    g.key = st.Text(0);
    g.seizures += st.Int(3);
    if (st.Int(6) > 0) AddTo(g.quantities, st.Text(1), st.Real(4));
    if (st.Int(7) > 0) AddTo(g.values, st.Text(2), st.Real(5));
  }
  if (rc != SQLITE_DONE) return ReadFailed(db);
  for (auto& [k, g] : groups) out.push_back(std::move(g));
  // Largest first: what a dashboard shows at the top; months stay in calendar order.
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
  std::vector<domain::Seizure> out;
  auto s = SelectSeizures(*db, q, true, [&](Statement& st) {
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
  return SelectSeizures(*db, q, false, [&](Statement& st) { return visit(ReadSeizure(st)); });
}

Result<app::SeizureStats> SqliteEnforcementStore::Stats(const std::vector<std::string>& words,
                                                        const app::SeizureFilter& filter) {
  auto db = readers_.Acquire();
  ReadSnapshot snap(*db);
  std::string match = MatchOf(words, filter);
  app::SeizureStats out;
  for (auto [key, by_country, groups] : {std::tuple{"category", false, &out.by_category},
                                         std::tuple{"concealment", false, &out.by_concealment},
                                         std::tuple{"c.country", true, &out.by_route_country},
                                         std::tuple{"substr(day, 1, 7)", false, &out.by_month}}) {
    if (auto s = Group(*db, key, by_country, match, *groups); !s.ok()) return s.error();
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
    for (const auto& k : keys) {
      auto st = db->Prepare(kWordVariants);
      st.Bind(1, k);
      while (st.Step() == SQLITE_ROW) {
        std::string word = st.Text(0);
        int budget = domain::TypoBudget(w, word);
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
  // The exact spellings first: when they alone fill the list, near spellings would only
  // crowd them out.
  std::string exact;
  for (const auto& w : words) exact += (exact.empty() ? "\"" : " AND \"") + w + '"';
  // Companies are few beside a national database of persons: their kind's word keeps persons'
  // namesakes from filling the list. Persons need no such word (matching it would walk a
  // posting list of every person); the few companies among them are skipped below.
  if (kind == "company") {
    std::string kind_word = " AND \"" + std::string(KindWord(kind)) + '"';
    exact += kind_word;
    match += kind_word;
  }
  std::vector<int64_t> rowids;
  std::unordered_set<int64_t> seen;
  for (const std::string* expression : {&exact, &match}) {
    auto st = db->Prepare(kNameMatches);
    st.Bind(1, *expression).Bind(2, static_cast<int64_t>(max));
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW && static_cast<int>(rowids.size()) < max) {
      int64_t rowid = st.Int(0);
      if (!kind.empty() && (kind == "company") != (rowid % 2 == 1)) continue;
      if (seen.insert(rowid).second) rowids.push_back(rowid);
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return ReadFailed(*db);
    if (static_cast<int>(rowids.size()) >= max) break;
  }
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
