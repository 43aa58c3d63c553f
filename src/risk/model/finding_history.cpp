#include "risk/model/finding_history.h"

namespace haiquan::risk {

void FindingHistory::Learn(const EntityIds& ids, bool fraud, double weight) {
  double f = fraud ? weight : 0;
  overall_.inspected += weight;
  overall_.frauds += f;
  // The item's entities are spread over a large table: fetch them all at once.
  for (EntityId id : ids.id) stats_.Prefetch(id);
  for (EntityId id : ids.id) {
    if (id == 0) continue;
    FindingStats& s = stats_.FindOrInsert(id);
    s.inspected += weight;
    s.frauds += f;
  }
}

double FindingHistory::OverallRate(double fallback) const {
  return overall_.inspected < 0.5 ? fallback : overall_.frauds / overall_.inspected;
}

}  // namespace haiquan::risk
