#include "risk/model/features.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "risk/model/test_items.h"

namespace haiquan::risk {
namespace {

using testing::Item;
using testing::SameFloats;

size_t Column(const std::string& name) {
  const auto& names = FeatureBuilder::Names();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return i;
  }
  ADD_FAILURE() << "no feature " << name;
  return 0;
}

TEST(Features, NamesAreUniqueAndMatchTheRow) {
  const auto& names = FeatureBuilder::Names();
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
  FeatureBuilder b;
  EXPECT_EQ(b.Compute(Item("1", 0, "I1", "851712", 0)).size(), names.size());
}

TEST(Features, TheItemsOwnLabelIsNeverRead) {
  FeatureBuilder b;
  b.LearnFiling(Item("1", 0, "I1", "851712", 1));
  b.LearnFinding(Item("1", 0, "I1", "851712", 1), true);
  auto unknown = b.Compute(Item("2", 1, "I1", "851712", -1));
  EXPECT_TRUE(SameFloats(unknown, b.Compute(Item("2", 1, "I1", "851712", 0))));
  EXPECT_TRUE(SameFloats(unknown, b.Compute(Item("2", 1, "I1", "851712", 1))));
}

TEST(Features, ComputeChangesNothing) {
  FeatureBuilder b;
  b.LearnFiling(Item("1", 0, "I1", "851712", 0));
  auto first = b.Compute(Item("2", 1, "I1", "851712", 0));
  b.Compute(Item("3", 1, "I2", "030617", 1));
  EXPECT_TRUE(SameFloats(first, b.Compute(Item("2", 1, "I1", "851712", 0))));
}

TEST(Features, FindingsRaiseTheSmoothedRateOnlyOnceLearnt) {
  FeatureBuilder b;
  for (int i = 0; i < 10; ++i) {
    auto it = Item(std::to_string(i), 0, "I" + std::to_string(i), "030617", 0);
    b.LearnFiling(it);
    b.LearnFinding(it, false);
  }
  auto risky = Item("10", 1, "I10", "851712", 1);
  b.LearnFiling(risky);
  size_t rate = Column("hs6_fraud_rate");
  float before = b.Compute(Item("11", 2, "I11", "851712", -1))[rate];
  b.LearnFinding(risky, true);
  auto after = b.Compute(Item("11", 2, "I11", "851712", -1));
  EXPECT_GT(after[rate], before);
  EXPECT_LT(after[rate], 0.5f);  // one finding does not make a 100% rate
  EXPECT_EQ(after[Column("hs6_inspected")], 1.f);
  EXPECT_EQ(after[Column("hs6_filings")], 1.f);
}

TEST(Features, HistoryAndNoveltyOfTheParties) {
  FeatureBuilder b;
  b.LearnFiling(Item("1", 0, "I1", "851712", 0));
  b.LearnFiling(Item("2", 3, "I1", "851712", 0));
  auto known = b.Compute(Item("3", 10, "I1", "851712", -1));
  EXPECT_EQ(known[Column("importer_filings")], 2.f);
  EXPECT_EQ(known[Column("importer_days_since_first")], 10.f);
  EXPECT_EQ(known[Column("importer_days_since_last")], 7.f);
  EXPECT_EQ(known[Column("importer_hs6_filings")], 2.f);
  auto new_goods = b.Compute(Item("4", 10, "I1", "030617", -1));
  EXPECT_EQ(new_goods[Column("importer_hs6_filings")], 0.f);
  auto newcomer = b.Compute(Item("5", 10, "I9", "851712", -1));
  EXPECT_EQ(newcomer[Column("importer_filings")], 0.f);
  EXPECT_TRUE(std::isnan(newcomer[Column("importer_days_since_first")]));
}

TEST(Features, UnitValueAgainstTheUsualForTheGoods) {
  FeatureBuilder b;
  for (int i = 0; i < 5; ++i) b.LearnFiling(Item(std::to_string(i), 0, "I1", "851712", 0));
  auto cheap = Item("9", 1, "I2", "851712", -1);
  cheap.item_price = 100;  // a tenth of the usual 100 per kg
  auto f = b.Compute(cheap);
  EXPECT_NEAR(f[Column("unit_value_vs_hs6")], std::log(0.1), 1e-5);
  EXPECT_TRUE(std::isnan(f[Column("unit_value_vs_importer_hs6")]));  // I2 never filed it
}

TEST(Features, UnseenCodesAreMissingNotAnError) {
  FeatureBuilder b;
  b.LearnFiling(Item("1", 0, "I1", "851712", 0));
  b.FreezeVocabulary();
  auto odd = Item("2", 1, "NEW", "999999", -1);
  odd.office = "99";
  odd.tax_type = "ZZZ";
  odd.origin_country = "XX";
  odd.departure_country = "";
  odd.seller.clear();
  odd.net_mass_kg = 0;  // no unit value either
  b.LearnFiling(odd);   // after freezing, filings still count but codes are not numbered
  auto f = b.Compute(odd);
  EXPECT_TRUE(std::isnan(f[Column("office_code")]));
  EXPECT_TRUE(std::isnan(f[Column("tax_type_code")]));
  EXPECT_TRUE(std::isnan(f[Column("log_unit_value")]));
  EXPECT_EQ(f[Column("transport_mode_code")], 0.f);
  EXPECT_EQ(f[Column("seller_missing")], 1.f);
  EXPECT_EQ(f[Column("importer_filings")], 1.f);
  // An entity without findings sits at the prior.
  EXPECT_NEAR(f[Column("hs6_fraud_rate")], 0.2f, 1e-6);
}

}  // namespace
}  // namespace haiquan::risk
