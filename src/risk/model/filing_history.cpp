#include "risk/model/filing_history.h"

#include <cmath>

namespace haiquan::risk {

int DayNumber(const KcsItem& item) {
  return static_cast<int>(item.date.time_since_epoch().count());
}

void FilingHistory::Learn(const KcsItem& item) {
  int day = DayNumber(item);
  double uv = UnitValue(item);
  bool valued = uv > 0;
  double log_uv = valued ? std::log(uv) : 0;
  double log_mass = valued ? std::log(item.net_mass_kg) : 0;
  for (int k = 0; k < kEntityKinds; ++k) {
    std::string key = EntityKey(item, static_cast<EntityKind>(k));
    if (key.empty()) continue;
    FilingStats& s = stats_[k][key];
    if (s.count == 0) s.first_day = day;
    if (s.count == 0 || day != s.last_day) s.last_day_count = 0;
    s.last_day = day;
    ++s.last_day_count;
    ++s.count;
    if (valued) {
      ++s.valued;
      s.sum_log_unit_value += log_uv;
      s.sum_sq_log_unit_value += log_uv * log_uv;
      s.sum_log_mass += log_mass;
    }
  }
}

const FilingStats* FilingHistory::Find(EntityKind k, const std::string& key) const {
  if (key.empty()) return nullptr;
  const auto& m = stats_[static_cast<size_t>(k)];
  auto it = m.find(key);
  return it == m.end() ? nullptr : &it->second;
}

}  // namespace haiquan::risk
