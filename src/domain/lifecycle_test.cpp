#include "domain/lifecycle.h"

#include <gtest/gtest.h>

namespace haiquan::domain {
namespace {

TEST(Lifecycle, LaneDecidesTheFirstStatus) {
  EXPECT_EQ(StatusAfterLane(Lane::kGreen), ClearanceStatus::kReleased);
  EXPECT_EQ(StatusAfterLane(Lane::kYellow), ClearanceStatus::kAwaitingDocuments);
  EXPECT_EQ(StatusAfterLane(Lane::kRed), ClearanceStatus::kAwaitingInspection);
}

TEST(Lifecycle, FindingsReleaseOrHold) {
  Inspection ok{Outcome::kCompliant, "", {}, "o", std::nullopt};
  EXPECT_EQ(*ApplyInspection(ClearanceStatus::kAwaitingInspection, ok), ClearanceStatus::kReleased);
  Inspection seizure{Outcome::kSeizure, "drugs", {}, "o", std::nullopt};
  EXPECT_EQ(*ApplyInspection(ClearanceStatus::kAwaitingDocuments, seizure), ClearanceStatus::kHeld);
  Inspection hold{Outcome::kDiscrepancy, "value", Amount{100}, "o", false};
  EXPECT_EQ(*ApplyInspection(ClearanceStatus::kAwaitingInspection, hold), ClearanceStatus::kHeld);
}

TEST(Lifecycle, RefusesBadFindingsAndWrongStates) {
  Inspection no_description{Outcome::kDiscrepancy, "", {}, "o", std::nullopt};
  auto r = ApplyInspection(ClearanceStatus::kAwaitingInspection, no_description);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(r.error().fields[0].pointer, "/description");
  Inspection release_seized{Outcome::kSeizure, "x", {}, "o", true};
  EXPECT_FALSE(ApplyInspection(ClearanceStatus::kAwaitingInspection, release_seized).ok());
  Inspection ok{Outcome::kCompliant, "", {}, "o", std::nullopt};
  for (auto s : {ClearanceStatus::kReleased, ClearanceStatus::kHeld, ClearanceStatus::kReceived}) {
    auto res = ApplyInspection(s, ok);
    ASSERT_FALSE(res.ok());
    EXPECT_EQ(res.error().code, ErrorCode::kConflict);
  }
}

TEST(Lifecycle, NamesRoundTrip) {
  for (auto s :
       {ClearanceStatus::kReceived, ClearanceStatus::kReleased, ClearanceStatus::kAwaitingDocuments,
        ClearanceStatus::kAwaitingInspection, ClearanceStatus::kHeld}) {
    EXPECT_EQ(ParseStatus(ToString(s)), s);
  }
  EXPECT_EQ(ParseLane("red"), Lane::kRed);
  EXPECT_FALSE(ParseLane("RED"));
  EXPECT_EQ(Stricter(Lane::kYellow, Lane::kGreen), Lane::kYellow);
}

}  // namespace
}  // namespace haiquan::domain
