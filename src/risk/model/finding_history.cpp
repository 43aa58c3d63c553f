#include "risk/model/finding_history.h"

namespace haiquan::risk {

void FindingHistory::Learn(const KcsItem& item, bool fraud, double weight) {
  double f = fraud ? weight : 0;
  overall_.inspected += weight;
  overall_.frauds += f;
  for (int k = 0; k < kEntityKinds; ++k) {
    std::string key = EntityKey(item, static_cast<EntityKind>(k));
    if (key.empty()) continue;
    FindingStats& s = stats_[k][key];
    s.inspected += weight;
    s.frauds += f;
  }
}

const FindingStats* FindingHistory::Find(EntityKind k, const std::string& key) const {
  if (key.empty()) return nullptr;
  const auto& m = stats_[static_cast<size_t>(k)];
  auto it = m.find(key);
  return it == m.end() || it->second.inspected < 0.5 ? nullptr : &it->second;
}

double FindingHistory::OverallRate(double fallback) const {
  return overall_.inspected < 0.5 ? fallback : overall_.frauds / overall_.inspected;
}

}  // namespace haiquan::risk
