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

}  // namespace
}  // namespace haiquan::domain
