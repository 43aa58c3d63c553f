#include "risk/model/explain.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "risk/model/features.h"
#include "risk/model/reason_table.h"
#include "risk/model/test_items.h"

namespace haiquan::risk {
namespace {

using testing::Item;

// An item's features and contributions, set by name over the real feature list.
class Case {
 public:
  Case()
      : names_(FeatureBuilder::Names()),
        x_(names_.size(), std::nanf("")),
        c_(names_.size() + 1, 0.f) {}

  Case& Set(const std::string& name, float value, float contribution = 0) {
    size_t i = Column(name);
    x_[i] = value;
    c_[i] = contribution;
    return *this;
  }
  const std::vector<std::string>& names() const { return names_; }
  std::span<const float> x() const { return x_; }
  std::span<const float> c() const { return c_; }

 private:
  size_t Column(const std::string& name) const {
    for (size_t i = 0; i < names_.size(); ++i) {
      if (names_[i] == name) return i;
    }
    ADD_FAILURE() << "no feature " << name;
    return 0;
  }

  std::vector<std::string> names_;
  std::vector<float> x_;
  std::vector<float> c_;
};

KcsItem Phone() {
  KcsItem it = Item("1", 40, "I1", "851713", -1);
  it.net_mass_kg = 10;
  it.item_price = 4125;  // 412.5 KRW/kg
  return it;
}

TEST(Explain, TopReasonsInWordsWithTheirEvidence) {
  Case k;
  k.Set("unit_value_vs_hs6", std::log(1 / 8.2f), 0.9f)
      .Set("unit_value_z_vs_hs6", -3.f, 0.3f)
      .Set("log_unit_value", std::log(412.5f), 0.1f)
      .Set("hs6_filings", 40)
      .Set("importer_filings", 0, 0.5f)
      .Set("hs6_origin_fraud_rate", 0.45f, 0.4f)
      .Set("hs6_origin_inspected", 120, 0.05f)
      .Set("tax_rate", 8, -2.f)  // pushes away from fraud: never a reason
      .Set("day_of_week", 3, 0.01f);
  Explainer e(k.names());
  auto reasons = e.Explain(Phone(), k.x(), k.c());
  ASSERT_EQ(reasons.size(), 3u);
  EXPECT_EQ(reasons[0].code, "MODEL:UNIT_VALUE_LOW");
  EXPECT_EQ(reasons[0].text,
            "unit value 412.5 KRW/kg is 8.2x below the usual for HS 851713 (40 earlier "
            "declarations)");
  EXPECT_NEAR(reasons[0].contribution, 1.3f, 1e-6);
  EXPECT_EQ(reasons[1].code, "MODEL:IMPORTER_NEW");
  EXPECT_EQ(reasons[1].text, "importer's first declaration");
  EXPECT_EQ(reasons[2].code, "MODEL:GOODS_ORIGIN_FINDINGS");
  EXPECT_EQ(reasons[2].text, "goods HS 851713 from CN: fraud rate 0.45 in 120 earlier inspections");
  EXPECT_NEAR(reasons[2].contribution, 0.45f, 1e-6);

  auto five = e.Explain(Phone(), k.x(), k.c(), nullptr, 5);
  ASSERT_EQ(five.size(), 4u);  // only four reasons push towards fraud
  EXPECT_EQ(five[3].code, "MODEL:FILING_DAY");
  EXPECT_EQ(five[3].text, "filed on a Monday");
}

TEST(Explain, RatesCiteTheFraudsFound) {
  FindingHistory findings;
  for (int i = 0; i < 7; ++i) findings.Learn(Item("c", 0, "I2", "030617", 0), false);
  findings.Learn(Item("a", 0, "I1", "851713", 1), true);
  findings.Learn(Item("b", 0, "I1", "851713", 1), true);
  findings.Learn(Item("c", 0, "I1", "851713", 0), false);
  // As FeatureBuilder computes it: (2 + 0.2 x 20) / (3 + 20), the overall rate being 2 in 10.
  const float rate = (2 + 0.2f * 20) / (3 + 20);
  Case k;
  k.Set("importer_fraud_rate", rate, 0.7f).Set("importer_inspected", 3, 0.1f);
  auto reasons = Explainer(k.names()).Explain(Phone(), k.x(), k.c(), &findings);
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(reasons[0].code, "MODEL:IMPORTER_FINDINGS");
  EXPECT_EQ(reasons[0].text, "importer's 3 earlier inspections found fraud in 2 (rate 0.26)");
}

TEST(Explain, CountsAndAbsentParties) {
  KcsItem it = Phone();
  it.seller.clear();
  Case k;
  // Two reasons about the missing seller read the same: one line, both weights.
  k.Set("seller_missing", 1, 0.4f)
      .Set("importer_seller_filings", 0, 0.2f)
      .Set("importer_hs6_filings", 12, 0.3f)
      .Set("net_mass_vs_hs6", std::log(5.f), 0.1f)
      .Set("hs6_filings", 40);
  auto reasons = Explainer(k.names()).Explain(it, k.x(), k.c());
  ASSERT_EQ(reasons.size(), 3u);
  EXPECT_EQ(reasons[0].code, "MODEL:SELLER_MISSING");
  EXPECT_EQ(reasons[0].text, "no seller (exporter) named");
  EXPECT_NEAR(reasons[0].contribution, 0.6f, 1e-6);
  EXPECT_EQ(reasons[1].code, "MODEL:IMPORTER_GOODS_HISTORY");
  EXPECT_EQ(reasons[1].text, "importer declared HS 851713 12 times before");
  EXPECT_EQ(reasons[2].code, "MODEL:NET_MASS_HIGH");
  EXPECT_EQ(reasons[2].text,
            "net mass 10 kg is 5.0x above the usual for HS 851713 (40 earlier declarations)");
}

TEST(Explain, NothingPushesTowardsFraudNothingToSay) {
  Case k;
  k.Set("tax_rate", 8, -1.f);
  EXPECT_TRUE(Explainer(k.names()).Explain(Phone(), k.x(), k.c()).empty());
}

TEST(Explain, FeaturesTheTableDoesNotKnowStillExplain) {
  const std::vector<std::string> names = {"hs6_code", "brand_new_feature"};
  const float x[] = {851713, 3.5f};
  const float c[] = {0.1f, 0.2f, -1.f};
  auto reasons = Explainer(names).Explain(Phone(), x, c);
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_EQ(reasons[0].code, "MODEL:FEATURE");
  EXPECT_EQ(reasons[0].text, "brand_new_feature = 3.5");
  EXPECT_EQ(reasons[1].code, "MODEL:GOODS");
  EXPECT_EQ(reasons[1].text, "goods HS 851713");
}

// Every feature the builder makes has a row in the table, and no row names a feature that does
// not exist (a renamed feature would otherwise silently fall back to its bare name).
TEST(Explain, TheTableCoversEveryFeature) {
  const auto& names = FeatureBuilder::Names();
  const std::set<std::string> known(names.begin(), names.end());
  std::set<std::string> listed;
  for (const ReasonSpec& s : ReasonTable()) {
    std::string_view list = s.features;
    while (!list.empty()) {
      size_t end = std::min(list.find(' '), list.size());
      std::string name(list.substr(0, end));
      EXPECT_TRUE(known.count(name)) << "the table lists an unknown feature " << name;
      EXPECT_TRUE(listed.insert(name).second) << name << " is in two reasons";
      list.remove_prefix(std::min(end + 1, list.size()));
    }
  }
  for (const auto& n : names) EXPECT_TRUE(listed.count(n)) << n << " has no reason";
}

}  // namespace
}  // namespace haiquan::risk
