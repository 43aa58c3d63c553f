#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "risk/model/filing_history.h"
#include "risk/model/finding_history.h"
#include "risk/model/id_table.h"
#include "risk/model/kcs_csv.h"

namespace haiquan::risk {

struct FeatureSettings {
  // Pseudo-inspections at the overall fraud rate added to every entity's findings, so that one
  // fraud in two inspections does not read as a 50% rate.
  double prior_strength = 20;
  // Before any finding is learnt.
  double default_fraud_rate = 0.2;
};

// Turns one goods item into features from what was known when it was filed: its own fields, the
// earlier filings, and the findings learnt so far. Feed it in filing order: Compute an item from
// the state, then LearnFiling it; LearnFinding only when its inspection result is known (never
// before the items it should not inform are computed).
class FeatureBuilder {
 public:
  explicit FeatureBuilder(FeatureSettings s = {}) : settings_(s) {}

  // In the order Compute writes them.
  static const std::vector<std::string>& Names();

  // Pure: reads the state, changes nothing. The span versions allocate nothing.
  std::vector<float> Compute(const KcsItem& item) const;
  void Compute(const KcsItem& item, std::span<float> out) const;
  // The same with other findings (out-of-fold training statistics).
  void Compute(const KcsItem& item, const FindingHistory& findings, std::span<float> out) const;

  void LearnFiling(const KcsItem& item);
  void LearnFinding(const KcsItem& item, bool fraud) { findings_.Learn(item, fraud); }

  // From now on codes not yet seen are missing, as the trained model never saw them; until then
  // LearnFiling numbers each new code.
  void FreezeVocabulary() { frozen_ = true; }

  const FindingHistory& findings() const { return findings_; }

 private:
  enum Vocab {
    kOfficeCode,
    kProcessType,
    kImportType,
    kImportUse,
    kPaymentType,
    kTransportMode,
    kTaxTypeCode,
    kOriginIndicator,
    kOriginCode,
    kDepartureCode,
    kVocabCount,
  };
  static std::array<const std::string*, kVocabCount> VocabFields(const KcsItem& item);
  float Code(Vocab v, const std::string& value) const;
  // Emit writes each feature as sink(name, value): Names() keeps the names, Compute the values,
  // so that the two cannot fall out of order. The name comes in parts that only Names() joins;
  // Compute's sink ignores them and the optimiser drops them.
  template <typename Sink>
  void Emit(const KcsItem& item, const FindingHistory& findings, Sink& sink) const;

  FeatureSettings settings_;
  FilingHistory filings_;
  FindingHistory findings_;
  // Each vocabulary's codes by the hash of the value (HashBytes), numbered from 0 as first seen.
  std::array<IdTable<int>, kVocabCount> vocab_;
  bool frozen_ = false;
};

}  // namespace haiquan::risk
