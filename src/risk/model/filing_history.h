#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "risk/model/entity_keys.h"
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

class FilingHistory {
 public:
  void Learn(const KcsItem& item);
  // Null when the key is empty or was never filed.
  const FilingStats* Find(EntityKind k, const std::string& key) const;

 private:
  std::array<std::unordered_map<std::string, FilingStats>, kEntityKinds> stats_;
};

int DayNumber(const KcsItem& item);

}  // namespace haiquan::risk
