#include "risk/model/metrics.h"

#include <gtest/gtest.h>

#include <vector>

namespace haiquan::risk {
namespace {

TEST(Metrics, PrecisionAndRecallCountTheTopOfTheRanking) {
  // 20 rows: the top 2 by score are frauds, the 3rd is not; 4 frauds in all.
  std::vector<float> scores(20);
  std::vector<int> labels(20, 0);
  for (size_t i = 0; i < 20; ++i) scores[i] = static_cast<float>(i) / 20;
  labels[19] = labels[18] = labels[5] = labels[0] = 1;
  EXPECT_DOUBLE_EQ(PrecisionAt(scores, labels, 0.05), 1.0);  // 1 row
  EXPECT_DOUBLE_EQ(PrecisionAt(scores, labels, 0.10), 1.0);  // 2 rows
  EXPECT_DOUBLE_EQ(PrecisionAt(scores, labels, 0.15), 2.0 / 3);
  EXPECT_DOUBLE_EQ(RecallAt(scores, labels, 0.10), 0.5);
  EXPECT_DOUBLE_EQ(RecallAt(scores, labels, 1.0), 1.0);
}

TEST(Metrics, TheTopShareRoundsUp) {
  std::vector<float> scores = {0.9f, 0.8f, 0.7f};
  std::vector<int> labels = {1, 0, 0};
  // 1% of 3 rows is 0.03 rows: the top row still counts.
  EXPECT_DOUBLE_EQ(PrecisionAt(scores, labels, 0.01), 1.0);
}

TEST(Metrics, TiesKeepTheRowsOrder) {
  std::vector<float> scores = {0.5f, 0.5f, 0.5f, 0.5f};
  std::vector<int> labels = {0, 1, 1, 1};
  EXPECT_EQ(RankByScore(scores), (std::vector<size_t>{0, 1, 2, 3}));
  EXPECT_DOUBLE_EQ(PrecisionAt(scores, labels, 0.25), 0.0);
}

TEST(Metrics, AucOfPerfectReversedAndTiedRankings) {
  std::vector<int> labels = {0, 0, 1, 1};
  EXPECT_DOUBLE_EQ(Auc(std::vector<float>{0.1f, 0.2f, 0.3f, 0.4f}, labels), 1.0);
  EXPECT_DOUBLE_EQ(Auc(std::vector<float>{0.4f, 0.3f, 0.2f, 0.1f}, labels), 0.0);
  EXPECT_DOUBLE_EQ(Auc(std::vector<float>{0.5f, 0.5f, 0.5f, 0.5f}, labels), 0.5);
  // One positive above both negatives, one tied with one of them: (2 + 1.5) / 4.
  EXPECT_DOUBLE_EQ(Auc(std::vector<float>{0.1f, 0.3f, 0.3f, 0.9f}, labels), 0.875);
  EXPECT_DOUBLE_EQ(Auc(std::vector<float>{0.1f, 0.2f}, std::vector<int>{1, 1}), 0.5);
}

TEST(Metrics, EvaluateReportsEveryShare) {
  std::vector<float> scores = {0.9f, 0.1f};
  std::vector<int> labels = {1, 0};
  RankingReport r = Evaluate(scores, labels);
  EXPECT_EQ(r.rows, 2u);
  EXPECT_EQ(r.positives, 1u);
  EXPECT_DOUBLE_EQ(r.auc, 1.0);
  ASSERT_EQ(r.precision_at.size(), 4u);
  ASSERT_EQ(r.recall_at.size(), 4u);
  EXPECT_DOUBLE_EQ(r.precision_at[3], 1.0);
}

}  // namespace
}  // namespace haiquan::risk
