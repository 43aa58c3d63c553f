#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace haiquan::risk {

// How well risk scores rank inspected items. An inspection budget takes the top n% of a ranking;
// it does not threshold a probability, so the rank metrics are the ones that matter.
struct RankingReport {
  size_t rows = 0;
  size_t positives = 0;
  double auc = 0;
  // At 1, 2, 5 and 10 % of the rows (kRankingShares).
  std::vector<double> precision_at;
  std::vector<double> recall_at;
};

inline constexpr double kRankingShares[] = {0.01, 0.02, 0.05, 0.10};

// Ranks by score, highest first; equal scores keep the rows' order, so a report is reproducible.
// The top n% holds ceil(n% x rows) rows. Labels are 0 or 1.
std::vector<size_t> RankByScore(std::span<const float> scores);
double PrecisionAt(std::span<const float> scores, std::span<const int> labels, double share);
double RecallAt(std::span<const float> scores, std::span<const int> labels, double share);
// Area under the ROC curve; tied scores count one half. 0.5 when one class is absent.
double Auc(std::span<const float> scores, std::span<const int> labels);

RankingReport Evaluate(std::span<const float> scores, std::span<const int> labels);

}  // namespace haiquan::risk
