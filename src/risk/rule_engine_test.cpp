#include "risk/rule_engine.h"

#include <gtest/gtest.h>

namespace haiquan::risk {
namespace {

domain::Declaration Sample(const std::string& hs = "85171300", const std::string& origin = "CN") {
  domain::Declaration d;
  d.declarant_reference = "REF-1";
  d.declarant.tax_id = "0312345678";
  d.office = "03CE";
  d.transport = {"1", "", "CN", "CNSHA", "VNHPH"};
  d.invoice = {"USD", "CIF", domain::Amount{1200000}};
  domain::GoodsItem item;
  item.hs_code = hs;
  item.description = "Smartphones";
  item.origin_country = origin;
  item.quantity = 100;
  item.unit = "PCE";
  item.value = domain::Amount{1200000};
  d.items.push_back(item);
  return d;
}

Rule MakeRule(std::string code, std::string field, Operator op, std::vector<std::string> values,
              std::optional<domain::Lane> lane, double weight = 0) {
  Rule r;
  r.code = std::move(code);
  r.description = "test rule";
  r.field = std::move(field);
  r.op = op;
  r.values = std::move(values);
  r.lane = lane;
  r.weight = weight;
  return r;
}

SelectionSettings NoRandom() {
  SelectionSettings s;
  s.random_red_rate = 0;
  s.random_yellow_rate = 0;
  return s;
}

TEST(RuleSet, NoRulesMeansGreenWithoutReasons) {
  RuleSet set({}, NoRandom());
  auto d = set.Decide(Sample(), "2026-11-22");
  EXPECT_EQ(d.lane, domain::Lane::kGreen);
  EXPECT_TRUE(d.reasons.empty());
}

TEST(RuleSet, StrictestLaneWinsAndEveryHitIsListed) {
  RuleSet set(
      {MakeRule("Y", "items.hsCode", Operator::kPrefix, {"8517"}, domain::Lane::kYellow),
       MakeRule("R", "items.originCountry", Operator::kIn, {"CN", "MM"}, domain::Lane::kRed),
       MakeRule("MISS", "office", Operator::kEq, {"01B1"}, domain::Lane::kRed)},
      NoRandom());
  auto d = set.Decide(Sample(), "2026-11-22");
  EXPECT_EQ(d.lane, domain::Lane::kRed);
  ASSERT_EQ(d.reasons.size(), 2u);
  EXPECT_EQ(d.reasons[0].code, "RULE:Y");
  EXPECT_EQ(d.reasons[1].code, "RULE:R");
}

TEST(RuleSet, WeightsAddUpToThresholds) {
  auto set = [](double w1, double w2) {
    return RuleSet({MakeRule("A", "invoice.amount", Operator::kGt, {"1000"}, std::nullopt, w1),
                    MakeRule("B", "items.unitValue", Operator::kGte, {"120"}, std::nullopt, w2)},
                   NoRandom());
  };
  EXPECT_EQ(set(20, 10).Decide(Sample(), "2026-11-22").lane, domain::Lane::kGreen);
  auto yellow = set(20, 25).Decide(Sample(), "2026-11-22");
  EXPECT_EQ(yellow.lane, domain::Lane::kYellow);
  EXPECT_DOUBLE_EQ(yellow.score, 45);
  EXPECT_EQ(yellow.reasons.back().code, "SCORE");
  EXPECT_EQ(set(50, 50).Decide(Sample(), "2026-11-22").lane, domain::Lane::kRed);
}

TEST(RuleSet, OperatorsOnTextAndNumbers) {
  auto lane = [](Rule r) { return RuleSet({r}, NoRandom()).Decide(Sample(), "2026-11-22").lane; };
  using L = domain::Lane;
  EXPECT_EQ(lane(MakeRule("A", "items.description", Operator::kContains, {"PHONE"}, L::kRed)),
            L::kRed);
  EXPECT_EQ(lane(MakeRule("A", "items.hsCode", Operator::kNotIn, {"85171300"}, L::kRed)),
            L::kGreen);
  EXPECT_EQ(lane(MakeRule("A", "transport.mode", Operator::kNe, {"4"}, L::kRed)), L::kRed);
  EXPECT_EQ(lane(MakeRule("A", "itemCount", Operator::kLt, {"2"}, L::kRed)), L::kRed);
  EXPECT_EQ(lane(MakeRule("A", "items.quantity", Operator::kLte, {"99"}, L::kRed)), L::kGreen);
  EXPECT_EQ(lane(MakeRule("A", "items.unitValue", Operator::kEq, {"120"}, L::kRed)), L::kRed);
  EXPECT_EQ(lane(MakeRule("A", "importer.taxId", Operator::kEq, {"0101234567"}, L::kRed)),
            L::kGreen);
}

TEST(RuleSet, RespectsValidityAndRetirement) {
  Rule r = MakeRule("A", "items.hsCode", Operator::kPrefix, {"85"}, domain::Lane::kRed);
  r.valid_from = "2026-12-01";
  EXPECT_EQ(RuleSet({r}, NoRandom()).Decide(Sample(), "2026-11-22").lane, domain::Lane::kGreen);
  EXPECT_EQ(RuleSet({r}, NoRandom()).Decide(Sample(), "2026-12-01").lane, domain::Lane::kRed);
  r.valid_to = "2026-12-31";
  EXPECT_EQ(RuleSet({r}, NoRandom()).Decide(Sample(), "2027-01-01").lane, domain::Lane::kGreen);
  r.valid_from.clear();
  r.valid_to.clear();
  r.active = false;
  EXPECT_EQ(RuleSet({r}, NoRandom()).Decide(Sample(), "2026-11-22").lane, domain::Lane::kGreen);
}

TEST(RuleSet, RandomSelectionIsReproducibleAndNearItsRate) {
  SelectionSettings s;
  s.random_red_rate = 0.05;
  s.random_yellow_rate = 0.10;
  RuleSet set({}, s);
  int red = 0, yellow = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    auto d = Sample();
    d.declarant_reference = "REF-" + std::to_string(i);
    auto a = set.Decide(d, "2026-11-22");
    auto b = set.Decide(d, "2026-11-22");
    ASSERT_EQ(a.lane, b.lane);
    if (a.lane == domain::Lane::kRed) ++red;
    if (a.lane == domain::Lane::kYellow) ++yellow;
    if (a.lane != domain::Lane::kGreen) {
      ASSERT_EQ(a.reasons.back().code, "RANDOM");
    }
  }
  EXPECT_NEAR(red / double(n), 0.05, 0.01);
  EXPECT_NEAR(yellow / double(n), 0.10, 0.015);
  s.seed = 7;  // another seed selects other declarations
  RuleSet other({}, s);
  int differ = 0;
  for (int i = 0; i < 2000; ++i) {
    auto d = Sample();
    d.declarant_reference = "REF-" + std::to_string(i);
    differ += set.Decide(d, "2026-11-22").lane != other.Decide(d, "2026-11-22").lane;
  }
  EXPECT_GT(differ, 50);
}

TEST(RuleValidation, NamesBadMembers) {
  Rule r = MakeRule("bad code", "items.nothing", Operator::kGt, {}, std::nullopt, 0);
  r.description = "";
  r.valid_from = "2026-13-01";
  auto f = Validate(r);
  auto has = [&](const char* p) {
    return std::any_of(f.begin(), f.end(), [&](const auto& e) { return e.pointer == p; });
  };
  EXPECT_TRUE(has("/code"));
  EXPECT_TRUE(has("/description"));
  EXPECT_TRUE(has("/field"));
  EXPECT_TRUE(has("/values"));
  EXPECT_TRUE(has("/weight"));
  EXPECT_TRUE(has("/validFrom"));

  Rule text_gt = MakeRule("A", "items.hsCode", Operator::kGt, {"5"}, domain::Lane::kRed);
  EXPECT_FALSE(Validate(text_gt).empty());
  Rule nan_value = MakeRule("A", "invoice.amount", Operator::kGt, {"abc"}, domain::Lane::kRed);
  EXPECT_FALSE(Validate(nan_value).empty());
  Rule both = MakeRule("A", "office", Operator::kEq, {"03CE"}, domain::Lane::kRed, 10);
  EXPECT_FALSE(Validate(both).empty());
  Rule good = MakeRule("A", "office", Operator::kIn, {"03CE", "01B1"}, std::nullopt, 10);
  EXPECT_TRUE(Validate(good).empty());
}

}  // namespace
}  // namespace haiquan::risk
