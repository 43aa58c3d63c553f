#pragma once

#include "risk/model/entity_keys.h"
#include "risk/model/id_table.h"
#include "risk/model/kcs_csv.h"

namespace haiquan::risk {

// Inspection findings on earlier declarations, per entity. Only findings known before the item
// being scored may be learnt: the feature builder never learns the item's own.
struct FindingStats {
  double inspected = 0;
  double frauds = 0;
};

// Every kind of entity in one table, keyed by EntityId (the kind is part of the id).
class FindingHistory {
 public:
  // weight -1 takes a finding back out (out-of-fold statistics are built that way).
  void Learn(const KcsItem& item, bool fraud, double weight = 1) {
    Learn(ItemEntityIds(item), fraud, weight);
  }
  // The same with the item's ids already computed.
  void Learn(const EntityIds& ids, bool fraud, double weight = 1);
  // Null when the id is 0, was never inspected, or its findings were all taken back out.
  const FindingStats* Find(EntityId id) const {
    const FindingStats* s = stats_.Find(id);
    return s && s->inspected >= 0.5 ? s : nullptr;
  }
  // Find will soon read that entity: start fetching it from memory.
  void Prefetch(EntityId id) const { stats_.Prefetch(id); }
  // The share of fraud over every finding learnt; `fallback` before any.
  double OverallRate(double fallback) const;

 private:
  IdTable<FindingStats> stats_;
  FindingStats overall_;
};

}  // namespace haiquan::risk
