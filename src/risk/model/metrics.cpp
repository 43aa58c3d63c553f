#include "risk/model/metrics.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>

namespace haiquan::risk {
namespace {

size_t TopCount(size_t rows, double share) {
  // The small epsilon keeps 5% of 100 rows at 5, not 6, despite binary rounding.
  return std::min(rows, static_cast<size_t>(std::ceil(share * static_cast<double>(rows) - 1e-9)));
}

size_t PositivesInTop(std::span<const float> scores, std::span<const int> labels, size_t top) {
  std::vector<size_t> order = RankByScore(scores);
  size_t hits = 0;
  for (size_t i = 0; i < top; ++i) hits += labels[order[i]] == 1;
  return hits;
}

}  // namespace

std::vector<size_t> RankByScore(std::span<const float> scores) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  return order;
}

double PrecisionAt(std::span<const float> scores, std::span<const int> labels, double share) {
  assert(scores.size() == labels.size());
  size_t top = TopCount(scores.size(), share);
  if (top == 0) return 0;
  return static_cast<double>(PositivesInTop(scores, labels, top)) / static_cast<double>(top);
}

double RecallAt(std::span<const float> scores, std::span<const int> labels, double share) {
  assert(scores.size() == labels.size());
  size_t positives = static_cast<size_t>(std::count(labels.begin(), labels.end(), 1));
  if (positives == 0) return 0;
  size_t top = TopCount(scores.size(), share);
  return static_cast<double>(PositivesInTop(scores, labels, top)) / static_cast<double>(positives);
}

double Auc(std::span<const float> scores, std::span<const int> labels) {
  assert(scores.size() == labels.size());
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  // Mann-Whitney U with mid-ranks for ties.
  double positive_rank_sum = 0;
  size_t positives = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    double mid_rank = (static_cast<double>(i) + static_cast<double>(j - 1)) / 2 + 1;
    for (size_t k = i; k < j; ++k) {
      if (labels[order[k]] == 1) {
        positive_rank_sum += mid_rank;
        ++positives;
      }
    }
    i = j;
  }
  size_t negatives = order.size() - positives;
  if (positives == 0 || negatives == 0) return 0.5;
  double p = static_cast<double>(positives);
  return (positive_rank_sum - p * (p + 1) / 2) / (p * static_cast<double>(negatives));
}

RankingReport Evaluate(std::span<const float> scores, std::span<const int> labels) {
  RankingReport r;
  r.rows = scores.size();
  r.positives = static_cast<size_t>(std::count(labels.begin(), labels.end(), 1));
  r.auc = Auc(scores, labels);
  for (double share : kRankingShares) {
    r.precision_at.push_back(PrecisionAt(scores, labels, share));
    r.recall_at.push_back(RecallAt(scores, labels, share));
  }
  return r;
}

}  // namespace haiquan::risk
