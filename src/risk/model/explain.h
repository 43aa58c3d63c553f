#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "risk/model/entity_keys.h"
#include "risk/model/features.h"
#include "risk/model/finding_history.h"
#include "risk/model/kcs_csv.h"

namespace haiquan::risk {

// One reason the model gave an item its score, for the officer who decides on it.
struct Reason {
  // Stable, for filters and statistics: "MODEL:UNIT_VALUE_LOW".
  std::string code;
  // English, with the item's evidence: "unit value 412.5 KRW/kg is 8.2x below the usual for HS
  // 851713".
  std::string text;
  // Log-odds that the reason's features add to the item's margin (> 0: towards fraud).
  float contribution = 0;
};

// Turns per-feature contributions (TreeEnsemble::Contributions) into reasons. Related features
// count as one reason (the unit value against five groups is one fact about the item), so a
// reason's weight is the sum of its features' contributions. Which features form a reason and
// how it reads is a table (reason_table.h); a feature the table does not know is a reason of its
// own, named by the feature. Immutable once built.
class Explainer {
 public:
  // The model's feature names, in its column order (FeatureBuilder::Names()), and the settings
  // its features were built with.
  explicit Explainer(std::span<const std::string> feature_names, FeatureSettings settings = {});

  // The `top` reasons that push the item towards fraud most, strongest first; features that
  // push it away are not reasons. `contributions` has one slot per feature, then the bias.
  // With `findings` (the state the features were computed from) a rate cites its count of
  // frauds; without, the rate and the number of inspections.
  std::vector<Reason> Explain(const KcsItem& item, std::span<const float> features,
                              std::span<const float> contributions,
                              const FindingHistory* findings = nullptr, size_t top = 3) const;

  size_t num_reasons() const { return groups_.size(); }

 private:
  // Feature name -> column, looked up by string_view.
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using ColumnIndex = std::unordered_map<std::string, int, NameHash, std::equal_to<>>;

  // Columns a reason's wording reads, found once here rather than by name for every item.
  struct Reference {
    int spec = -1;  // index into ReferenceTable()
    int diff = -1;  // stem_vs_G
    int z = -1;     // stem_z_vs_G, if the model has it
  };
  struct Group {
    int spec = -1;     // index into ReasonTable(), or -1: a feature the table does not know
    int feature = -1;  // the first feature of the reason (the unknown one)
    bool has_entity = false;
    EntityKind entity = EntityKind::kImporter;  // the reason's `stem`, when it is an entity
    int rate = -1;                              // kFindings: stem_fraud_rate
    int inspected = -1;                         // kFindings: stem_inspected
    std::vector<Reference> references;          // kRelative
  };
  class Evidence;
  struct Phrase;
  Phrase Word(const Group& group, const Evidence& e) const;

  FeatureSettings settings_;
  std::vector<std::string> names_;
  ColumnIndex columns_;
  std::vector<int> group_of_;  // per feature
  std::vector<Group> groups_;
};

}  // namespace haiquan::risk
