#pragma once

#include <cstdint>

#include "risk/model/entity_keys.h"
#include "risk/model/id_table.h"
#include "risk/model/kcs_csv.h"

namespace haiquan::risk {

// What earlier filings of one entity showed. No finding (label) goes in here: a declaration is
// known from the moment it is filed, whatever its inspection later finds.
struct FilingStats {
  int64_t count = 0;
  int first_day = 0;  // days since 1970-01-01
  int last_day = 0;
  int64_t last_day_count = 0;  // filings on last_day
  // Log customs value per kg and log net mass over the items with a positive mass and value.
  int64_t valued = 0;
  double sum_log_unit_value = 0;
  double sum_sq_log_unit_value = 0;
  double sum_log_mass = 0;
};

// Every kind of entity in one table, keyed by EntityId (the kind is part of the id).
class FilingHistory {
 public:
  void Learn(const KcsItem& item) { Learn(item, ItemEntityIds(item)); }
  // The same with the item's ids already computed.
  void Learn(const KcsItem& item, const EntityIds& ids);
  // Null when the id is 0 (the item names no such entity) or was never filed.
  const FilingStats* Find(EntityId id) const { return stats_.Find(id); }
  // Find will soon read that entity: start fetching it from memory.
  void Prefetch(EntityId id) const { stats_.Prefetch(id); }

 private:
  IdTable<FilingStats> stats_;
};

int DayNumber(const KcsItem& item);

}  // namespace haiquan::risk
