#include "risk/model/training_set.h"

#include <gtest/gtest.h>

#include <vector>

#include "risk/model/test_items.h"

namespace haiquan::risk {
namespace {

using testing::Item;
using testing::SameFloats;

// Three dates, given out of order, with the same importer and goods throughout.
std::vector<KcsItem> ThreeDays() {
  return {Item("c1", 2, "I1", "851712", 1), Item("a1", 0, "I1", "851712", 1),
          Item("b1", 1, "I1", "851712", 0), Item("a2", 0, "I1", "851712", 0),
          Item("b2", 1, "I1", "851712", 1), Item("c2", 2, "I1", "851712", 0)};
}

LabelledSet Build(const std::vector<KcsItem>& items,
                  TrainingFindings mode = TrainingFindings::kEarlierDates) {
  FeatureBuilder b;
  return BuildTrainingSet(items, b, mode, 2);
}

TEST(TrainingSet, RowsFollowTheGivenOrderAndCarryTheLabels) {
  auto set = Build(ThreeDays());
  ASSERT_EQ(set.x.rows(), 6u);
  EXPECT_EQ(set.labels, (std::vector<float>{1, 1, 0, 0, 1, 0}));
  EXPECT_EQ(FilingOrder(ThreeDays()), (std::vector<size_t>{1, 3, 2, 4, 0, 5}));
}

TEST(TrainingSet, ARowSeesOnlyFindingsOfEarlierDates) {
  auto items = ThreeDays();
  auto base = Build(items);
  // Flip the last day's findings: no row changes, not even that day's own.
  auto flipped = items;
  flipped[0].fraud = 0;
  flipped[5].fraud = 1;
  auto after = Build(flipped);
  for (size_t r = 0; r < items.size(); ++r) EXPECT_TRUE(SameFloats(base.x.Row(r), after.x.Row(r)));
  // Flip the first day's: that day's rows stay, later ones move.
  flipped = items;
  flipped[1].fraud = 0;
  after = Build(flipped);
  EXPECT_TRUE(SameFloats(base.x.Row(1), after.x.Row(1)));
  EXPECT_TRUE(SameFloats(base.x.Row(3), after.x.Row(3)));
  EXPECT_FALSE(SameFloats(base.x.Row(2), after.x.Row(2)));
}

TEST(TrainingSet, OutOfFoldNeverUsesTheRowsOwnLabel) {
  auto items = ThreeDays();
  auto base = Build(items, TrainingFindings::kOutOfFold);
  for (size_t r = 0; r < items.size(); ++r) {
    auto flipped = items;
    flipped[r].fraud = 1 - flipped[r].fraud;
    auto after = Build(flipped, TrainingFindings::kOutOfFold);
    EXPECT_TRUE(SameFloats(base.x.Row(r), after.x.Row(r))) << "row " << r;
  }
}

TEST(TrainingSet, ScoringIgnoresTheScoredFilesLabels) {
  auto train = ThreeDays();
  std::vector<KcsItem> scored = {Item("d1", 3, "I1", "851712", 1),
                                 Item("d2", 4, "I2", "851712", 1)};
  FeatureBuilder b1;
  BuildTrainingSet(train, b1);
  auto x1 = BuildScoringSet(scored, b1);
  for (auto& it : scored) it.fraud = 0;
  FeatureBuilder b2;
  BuildTrainingSet(train, b2);
  auto x2 = BuildScoringSet(scored, b2);
  EXPECT_TRUE(SameFloats(x1.values, x2.values));
  // The training findings are in, the scored ones are not.
  EXPECT_EQ(b2.findings().OverallRate(-1), 0.5);
}

}  // namespace
}  // namespace haiquan::risk
