#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/declaration.h"
#include "domain/lane.h"
#include "risk/fields.h"
#include "risk/rule.h"
#include "risk/signal.h"

namespace haiquan::risk {

struct SelectionSettings {
  // A minimum share of declarations sent to each lane at random, so that every kind of
  // declaration keeps being checked and findings stay unbiased.
  double random_red_rate = 0.01;
  double random_yellow_rate = 0.02;
  uint64_t seed = 0x4841495155414eULL;  // fixed so that a replay gives the same lanes
  // Score thresholds for weighted criteria.
  double yellow_score = 40;
  double red_score = 70;
};

// Rules compiled for evaluation: field looked up, numbers parsed, value lists sorted.
class RuleSet {
 public:
  RuleSet(std::vector<Rule> rules, SelectionSettings settings);

  // Decides the lane of `d` on `today` (YYYY-MM-DD): the strictest lane hit wins, weights add
  // up to a score (with the weights of `signals`, whose reasons are listed too), and the random
  // floor applies. Pure and deterministic.
  domain::Decision Decide(const domain::Declaration& d, std::string_view today,
                          const std::vector<Signal>& signals = {}) const;

  const std::vector<Rule>& rules() const { return rules_; }
  const SelectionSettings& settings() const { return settings_; }

 private:
  struct Compiled {
    const Rule* rule;
    const FieldInfo* field;
    std::vector<std::string> texts;  // sorted for in / not_in
    double number = 0;
    std::vector<double> numbers;  // sorted, for numeric in / not_in
  };
  bool Hits(const Compiled& c, const domain::Declaration& d) const;
  bool MatchText(const Compiled& c, std::string_view v) const;
  bool MatchNumber(const Compiled& c, double v) const;

  std::vector<Rule> rules_;
  std::vector<Compiled> compiled_;
  SelectionSettings settings_;
};

// A uniform draw in [0, 1) from the seed and the declaration's identity: reproducible.
double RandomDraw(uint64_t seed, std::string_view declarant, std::string_view reference);

}  // namespace haiquan::risk
