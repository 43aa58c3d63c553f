#pragma once

#include <array>
#include <string>
#include <unordered_map>

#include "risk/model/entity_keys.h"
#include "risk/model/kcs_csv.h"

namespace haiquan::risk {

// Inspection findings on earlier declarations, per entity. Only findings known before the item
// being scored may be learnt: the feature builder never learns the item's own.
struct FindingStats {
  double inspected = 0;
  double frauds = 0;
};

class FindingHistory {
 public:
  // weight -1 takes a finding back out (out-of-fold statistics are built that way).
  void Learn(const KcsItem& item, bool fraud, double weight = 1);
  const FindingStats* Find(EntityKind k, const std::string& key) const;
  // The share of fraud over every finding learnt; `fallback` before any.
  double OverallRate(double fallback) const;

 private:
  std::array<std::unordered_map<std::string, FindingStats>, kEntityKinds> stats_;
  FindingStats overall_;
};

}  // namespace haiquan::risk
