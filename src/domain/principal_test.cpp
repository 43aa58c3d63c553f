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

TEST(Principal, UnboundTraderSeesNothing) {
  Principal api{2, "a", Role::kApiClient, ""};
  EXPECT_FALSE(MaySee(api, "", "", ""));
}

TEST(Principal, StaffSeeEverything) {
  Principal officer{3, "o", Role::kOfficer, ""};
  EXPECT_TRUE(MaySee(officer, "0312345678", "0109999999", ""));
}

}  // namespace
}  // namespace haiquan::domain
