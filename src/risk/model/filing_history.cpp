#include "risk/model/filing_history.h"

#include <cmath>

namespace haiquan::risk {

int DayNumber(const KcsItem& item) {
  return static_cast<int>(item.date.time_since_epoch().count());
}

void FilingHistory::Learn(const KcsItem& item, const EntityIds& ids) {
  int day = DayNumber(item);
  double uv = UnitValue(item);
  bool valued = uv > 0;
  double log_uv = valued ? std::log(uv) : 0;
  double log_mass = valued ? std::log(item.net_mass_kg) : 0;
  // The item's entities are spread over a large table: fetch them all at once.
  for (EntityId id : ids.id) stats_.Prefetch(id);
  for (EntityId id : ids.id) {
    if (id == 0) continue;
    FilingStats& s = stats_.FindOrInsert(id);
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

}  // namespace haiquan::risk
