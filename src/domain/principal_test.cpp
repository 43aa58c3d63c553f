#include "domain/principal.h"

#include <gtest/gtest.h>

namespace haiquan::domain {
namespace {

TEST(Principal, TraderSeesOnlyDeclarationsNamingIt) {
  Principal trader{1, "t", Role::kTrader, "0101234567"};
  EXPECT_TRUE(MaySee(trader, "0101234567", "", ""));
  EXPECT_TRUE(MaySee(trader, "0312345678", "0101234567", ""));
  EXPECT_TRUE(MaySee(trader, "0312345678", "", "0101234567"));
  EXPECT_FALSE(MaySee(trader, "0312345678", "0109999999", ""));
}

TEST(Principal, TraderFilesOnlyAsDeclarant) {
  Principal trader{1, "t", Role::kTrader, "0101234567"};
  Declaration d;
  d.declarant.tax_id = "0101234567";
  EXPECT_TRUE(MayFile(trader, d));
  // Named as importer is enough to see it, not to file it in the declarant's name.
  d.declarant.tax_id = "0312345678";
  d.importer = Party{"0101234567", "", "", "VN"};
  EXPECT_TRUE(MaySee(trader, d));
  EXPECT_FALSE(MayFile(trader, d));
  EXPECT_TRUE(MayFile(Principal{2, "o", Role::kOfficer, ""}, d));
}

TEST(Principal, UnboundTraderSeesNothing) {
  Principal api{2, "a", Role::kApiClient, ""};
  EXPECT_FALSE(MaySee(api, "", "", ""));
}

TEST(Principal, StaffSeeEverything) {
  Principal officer{3, "o", Role::kOfficer, ""};
  EXPECT_TRUE(MaySee(officer, "0312345678", "0109999999", ""));
}

TEST(Principal, TradersDoNotSeeTheModelsReasons) {
  Decision d;
  d.lane = Lane::kRed;
  d.reasons = {{"RULE:R1", "origin XX"},
               {"MODEL:SCORE", "risk model v1: fraud probability 0.912 -> red"},
               {"MODEL:SELLER_FINDINGS", "seller S1: 3 earlier inspections found fraud in 2"}};
  Decision staff_view = d;
  RedactFor(Principal{2, "o", Role::kOfficer, ""}, staff_view);
  EXPECT_EQ(staff_view.reasons.size(), 3u);

  Principal trader{1, "t", Role::kTrader, "0101234567"};
  RedactFor(trader, d);
  ASSERT_EQ(d.reasons.size(), 2u);
  EXPECT_EQ(d.reasons[0].code, "RULE:R1");
  EXPECT_EQ(d.reasons[1].code, "RISK_ANALYSIS");

  Decision green;
  green.reasons = {{"MODEL:SCORE", "risk model v1: fraud probability 0.01"}};
  RedactFor(trader, green);
  EXPECT_TRUE(green.reasons.empty());
}

TEST(Principal, TradersAreNotToldOfSeizuresNamingThem) {
  Decision d;
  d.lane = Lane::kYellow;
  d.reasons = {{"ANOMALY:PRIOR_OFFENCE", "0101234567 is named as consignee in seizure 12 (drugs)"},
               {"ANOMALY:LINKED_VIOLATOR", "0101234567 shares owner A with 0109999999, ..."}};
  RedactFor(Principal{1, "t", Role::kTrader, "0101234567"}, d);
  ASSERT_EQ(d.reasons.size(), 2u);
  EXPECT_EQ(d.reasons[0].code, "ANOMALY:LINKED_VIOLATOR");
  EXPECT_EQ(d.reasons[0].message, "linked to an enterprise under review");
  EXPECT_EQ(d.reasons[1].code, "RISK_ANALYSIS");
}

}  // namespace
}  // namespace haiquan::domain
