#include "storage/sqlite/offence_records.h"

#include <algorithm>
#include <cstddef>

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;

constexpr const char* kLogPosition = "SELECT coalesce(max(seq), 0) FROM offence_changes";
constexpr const char* kChanges =
    "SELECT seq, tax_id FROM offence_changes WHERE seq > ?1 ORDER BY seq LIMIT 5000";
// In key order (tax id, seizure, role): a seizure's roles come together, to be joined.
constexpr const char* kAll =
    "SELECT tax_id, seizure_id, day, role, category FROM trader_offences"
    " ORDER BY tax_id, seizure_id, role";
constexpr const char* kOf =
    "SELECT tax_id, seizure_id, day, role, category FROM trader_offences WHERE tax_id = ?1"
    " ORDER BY seizure_id, role";

Error ReadFailed(Connection& db) {
  return Error::Unavailable("offence records read failed: " + db.ErrorMessage());
}

// Adds the row to `list`, joining a second role in the same seizure to the first.
void Add(std::vector<risk::Offence>& list, const Statement& r) {
  int64_t seizure = r.Int(1);
  if (!list.empty() && list.back().seizure_id == seizure) {
    list.back().role += " and " + r.Text(3);
    return;
  }
  list.push_back({seizure, r.Text(2), r.Text(3), r.Text(4)});
}

void NewestFirst(std::vector<risk::Offence>& list) {
  std::sort(list.begin(), list.end(), [](const risk::Offence& a, const risk::Offence& b) {
    return a.day != b.day ? a.day > b.day : a.seizure_id > b.seizure_id;
  });
  list.shrink_to_fit();
}

}  // namespace

domain::Result<int64_t> OffenceRecords::ReadAll(Connection& main,
                                                const std::function<bool()>& stop) {
  int64_t position = 0;
  {
    auto st = main.Prepare(kLogPosition);
    if (st.Step() != SQLITE_ROW) return ReadFailed(main);
    position = st.Int(0);
  }
  auto st = main.Prepare(kAll);
  std::vector<risk::Offence>* list = nullptr;
  std::string current;
  int rc;
  for (uint32_t n = 1; (rc = st.Step()) == SQLITE_ROW; ++n) {
    std::string tax_id = st.Text(0);
    if (!list || tax_id != current) {
      current = tax_id;
      list = &by_trader_[current];
    }
    Add(*list, st);
    if (n % 4096 == 0 && stop()) return Error::Unavailable("offence records load stopped");
  }
  if (rc != SQLITE_DONE) return ReadFailed(main);
  for (auto& [tax_id, l] : by_trader_) NewestFirst(l);
  return position;
}

domain::Result<OffenceRecords::Changes> OffenceRecords::ReadChanges(Connection& main,
                                                                    int64_t position) {
  Changes out;
  out.position = position;
  auto st = main.Prepare(kChanges);
  st.Bind(1, position);
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    out.position = st.Int(0);
    std::string tax_id = st.Text(1);
    // A rewritten seizure logs its traders twice (deleted, inserted): read each once.
    if (std::find(out.tax_ids.begin(), out.tax_ids.end(), tax_id) == out.tax_ids.end()) {
      out.tax_ids.push_back(std::move(tax_id));
    }
  }
  if (rc != SQLITE_DONE) return ReadFailed(main);
  return out;
}

domain::Result<OffenceRecords::Rows> OffenceRecords::Read(Connection& main,
                                                          const std::vector<std::string>& tax_ids) {
  Rows out;
  for (const auto& tax_id : tax_ids) {
    std::vector<risk::Offence> list;
    auto st = main.Prepare(kOf);
    st.Bind(1, tax_id);
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) Add(list, st);
    if (rc != SQLITE_DONE) return ReadFailed(main);
    NewestFirst(list);
    out.emplace_back(tax_id, std::move(list));
  }
  return out;
}

void OffenceRecords::Put(Rows rows) {
  for (auto& [tax_id, list] : rows) {
    if (list.empty()) {
      by_trader_.erase(tax_id);
    } else {
      by_trader_[tax_id] = std::move(list);
    }
  }
}

risk::Offences OffenceRecords::Newest(const std::string& tax_id, size_t n) const {
  risk::Offences out;
  if (by_trader_.empty()) return out;
  auto it = by_trader_.find(tax_id);
  if (it == by_trader_.end()) return out;
  const auto& list = it->second;
  out.total = static_cast<int64_t>(list.size());
  out.newest.assign(list.begin(), list.begin() + static_cast<ptrdiff_t>(std::min(n, list.size())));
  return out;
}

}  // namespace haiquan::storage::sqlite
