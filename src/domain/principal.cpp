#include "domain/principal.h"

namespace haiquan::domain {

bool MaySee(const Principal& who, const std::string& declarant_tax_id,
            const std::string& importer_tax_id, const std::string& exporter_tax_id) {
  if (!who.ActsForTrader()) return true;
  const std::string& own = who.trader_tax_id;
  // An unbound trader principal sees nothing rather than everything with an empty tax id.
  if (own.empty()) return false;
  return own == declarant_tax_id || own == importer_tax_id || own == exporter_tax_id;
}

bool MayFile(const Principal& who, const Declaration& d) {
  if (!who.ActsForTrader()) return true;
  return !who.trader_tax_id.empty() && who.trader_tax_id == d.declarant.tax_id;
}

bool MaySee(const Principal& who, const Declaration& d) {
  static const std::string kNone;
  return MaySee(who, d.declarant.tax_id, d.importer ? d.importer->tax_id : kNone,
                d.exporter ? d.exporter->tax_id : kNone);
}

void RedactFor(const Principal& who, Decision& decision) {
  if (!who.ActsForTrader()) return;
  bool hidden = false;
  std::vector<Reason> kept;
  for (auto& r : decision.reasons) {
    // The learned model's reasons are its probability, thresholds, explorations and other
    // enterprises' findings: an oracle for evading it, and data a trader may not see. Seizures
    // naming the trader are intelligence's record (its own profile does not show them either).
    if (r.code.rfind("MODEL:", 0) == 0 || r.code == "ANOMALY:PRIOR_OFFENCE") {
      hidden = true;
      continue;
    }
    if (r.code == "ANOMALY:LINKED_VIOLATOR") {
      r.message = "linked to an enterprise under review";
    }
    kept.push_back(std::move(r));
  }
  if (hidden && decision.lane != Lane::kGreen) {
    kept.push_back({"RISK_ANALYSIS", "selected by risk analysis"});
  }
  decision.reasons = std::move(kept);
}

}  // namespace haiquan::domain
