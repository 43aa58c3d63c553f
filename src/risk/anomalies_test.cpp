#include "risk/anomalies.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace haiquan::risk {
namespace {

domain::Declaration OneItem(double quantity, double value, const std::string& origin = "CN") {
  domain::Declaration d;
  d.type = domain::DeclarationType::kImport;
  d.declarant.tax_id = "0312345678";
  d.importer = domain::Party{"0101234567", "A", "", "VN"};
  d.invoice.currency = "USD";
  d.invoice.amount = *domain::Amount::FromDouble(value);
  domain::GoodsItem item;
  item.hs_code = "61091000";
  item.origin_country = origin;
  item.quantity = quantity;
  item.unit = "PCE";
  item.value = *domain::Amount::FromDouble(value);
  d.items.push_back(item);
  return d;
}

std::vector<std::string> Codes(const std::vector<Signal>& s) {
  std::vector<std::string> out;
  for (const auto& x : s) out.push_back(x.reason.code);
  return out;
}

TraderBaseline Known(int declarations = 20) {
  TraderBaseline b;
  b.tax_id = "0101234567";
  b.declarations = declarations;
  b.items = {ItemBaseline{true, true, std::nullopt, std::nullopt}};
  return b;
}

TEST(Anomalies, TheTraderOfADeclarationIsItsImporterOrExporter) {
  auto d = OneItem(1, 1);
  EXPECT_EQ(TraderOf(d).tax_id, "0101234567");
  d.type = domain::DeclarationType::kExport;
  d.exporter = domain::Party{"0207654321", "B", "", "VN"};
  EXPECT_EQ(TraderOf(d).tax_id, "0207654321");
  d.exporter->tax_id.clear();
  EXPECT_EQ(TraderOf(d).tax_id, "0312345678");
}

TEST(Anomalies, AHabitualDeclarationRaisesNothing) {
  EXPECT_TRUE(DetectAnomalies(OneItem(100, 500), Known(), "2026-11-22").empty());
}

TEST(Anomalies, FirstDeclarationOnlyThenNoNewChapterNoise) {
  TraderBaseline b = Known(0);
  b.items[0] = {};
  EXPECT_EQ(Codes(DetectAnomalies(OneItem(100, 500), b, "2026-11-22")),
            std::vector<std::string>{"ANOMALY:FIRST_DECLARATION"});
}

TEST(Anomalies, UnitValueBandNeedsEnoughObservations) {
  domain::ValueHistogram h;
  for (int i = 0; i < 4; ++i) h.Add(5.0);
  TraderBaseline b = Known();
  b.items[0].trader_band = domain::BandOf(h);
  EXPECT_TRUE(DetectAnomalies(OneItem(100, 50), b, "2026-11-22").empty());  // 4 < 5
  h.Add(5.0);
  b.items[0].trader_band = domain::BandOf(h);
  auto s = DetectAnomalies(OneItem(100, 50), b, "2026-11-22");
  ASSERT_EQ(Codes(s), std::vector<std::string>{"ANOMALY:UNIT_VALUE_TRADER"});
  EXPECT_GT(s[0].weight, 0);
  // Within half to double of the median: no warning.
  EXPECT_TRUE(DetectAnomalies(OneItem(100, 900), b, "2026-11-22").empty());
}

TEST(Anomalies, TrailingValueAndVolume) {
  TraderBaseline b = Known();
  b.trailing_declarations = 90;  // one a day
  b.trailing_value = 90 * 1000 * 100;
  EXPECT_TRUE(DetectAnomalies(OneItem(100, 9000), b, "2026-11-22").empty());
  EXPECT_EQ(Codes(DetectAnomalies(OneItem(100, 11000), b, "2026-11-22")),
            std::vector<std::string>{"ANOMALY:VALUE_ABOVE_TRAILING"});
  b.today_declarations = 5;  // the sixth today
  EXPECT_EQ(Codes(DetectAnomalies(OneItem(100, 1000), b, "2026-11-22")),
            std::vector<std::string>{"ANOMALY:VOLUME_ABOVE_TRAILING"});
}

TEST(Anomalies, ABurstAfterMonthsOfSilence) {
  TraderBaseline b = Known();
  b.first_filed_at = "2025-01-10T08:00:00.000Z";  // long ago, nothing in the last 90 days
  b.today_declarations = 4;
  EXPECT_TRUE(DetectAnomalies(OneItem(100, 500), b, "2026-11-22").empty());  // the fifth
  b.today_declarations = 5;
  EXPECT_EQ(Codes(DetectAnomalies(OneItem(100, 500), b, "2026-11-22")),
            std::vector<std::string>{"ANOMALY:VOLUME_ABOVE_TRAILING"});
  // A new trader's busy first day is not a burst.
  b.first_filed_at = "2026-11-22T08:00:00.000Z";
  EXPECT_TRUE(DetectAnomalies(OneItem(100, 500), b, "2026-11-22").empty());
}

TEST(Anomalies, ACodeWeighsOnceHoweverOftenFound) {
  TraderBaseline b = Known();
  b.linked_violators = {
      {"0109999991", 1, "a", {}}, {"0109999992", 1, "b", {}}, {"0109999993", 1, "c", {}}};
  auto s = DetectAnomalies(OneItem(100, 500), b, "2026-11-22");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_GT(s[0].weight, 0);
  EXPECT_EQ(s[1].weight, 0);
  EXPECT_EQ(s[2].weight, 0);
}

TEST(Anomalies, NewCompanyWithHighValue) {
  TraderBaseline b = Known();
  for (int i = 1; i <= 100; ++i) b.national_declaration_values.Add(i * 100.0);
  b.registration_date = "2026-10-01";
  EXPECT_EQ(Codes(DetectAnomalies(OneItem(100, 20000), b, "2026-11-22")),
            std::vector<std::string>{"ANOMALY:NEW_COMPANY_HIGH_VALUE"});
  EXPECT_TRUE(DetectAnomalies(OneItem(100, 1000), b, "2026-11-22").empty());
  b.registration_date = "2020-01-01";
  EXPECT_TRUE(DetectAnomalies(OneItem(100, 20000), b, "2026-11-22").empty());
}

TEST(Anomalies, LinkedViolatorsAreNamed) {
  TraderBaseline b = Known();
  b.linked_violators = {{"0109999999", 2, "the address 1 le loi", {}}};
  auto s = DetectAnomalies(OneItem(100, 500), b, "2026-11-22");
  ASSERT_EQ(Codes(s), std::vector<std::string>{"ANOMALY:LINKED_VIOLATOR"});
  EXPECT_EQ(s[0].reason.message,
            "0101234567 shares the address 1 le loi with 0109999999, which has 2 violations found "
            "at inspection");
}

Offences Record(std::vector<Offence> newest, int64_t total = -1) {
  Offences o;
  o.total = total < 0 ? static_cast<int64_t>(newest.size()) : total;
  o.newest = std::move(newest);
  return o;
}

TEST(Anomalies, ASeizureNamingTheTraderIsAPriorOffence) {
  TraderBaseline b = Known();
  b.offences = Record({{1234, "2026-09-12", "consignee", "drugs"}});
  auto s = DetectAnomalies(OneItem(100, 500), b, "2026-11-22");
  ASSERT_EQ(Codes(s), std::vector<std::string>{"ANOMALY:PRIOR_OFFENCE"});
  EXPECT_EQ(s[0].reason.message,
            "0101234567 is named as consignee in seizure 1234 (drugs) on 2026-09-12");
  EXPECT_EQ(s[0].weight, AnomalySettings{}.w_prior_offence);
  // Even on a first declaration: the record is the enforcement databases', not the profile's.
  b.declarations = 0;
  EXPECT_EQ(Codes(DetectAnomalies(OneItem(100, 500), b, "2026-11-22")),
            (std::vector<std::string>{"ANOMALY:FIRST_DECLARATION", "ANOMALY:PRIOR_OFFENCE"}));
  // The weight is a setting like the others'.
  AnomalySettings light;
  light.w_prior_offence = 5;
  b.declarations = 20;
  EXPECT_EQ(DetectAnomalies(OneItem(100, 500), b, "2026-11-22", light).at(0).weight, 5);
}

TEST(Anomalies, PriorOffencesListTheNewestAndCountOnlyTheWindow) {
  TraderBaseline b = Known();
  b.offences = Record({{40, "2026-10-03", "owner", "tobacco"},
                       {31, "2026-02-01", "consignee and carrier", "drugs"},
                       {22, "2025-06-30", "carrier", "ipr"},
                       {21, "2024-11-22", "owner", "revenue"},  // the window's first day
                       {9, "2024-11-21", "owner", "wildlife"}});
  auto s = DetectAnomalies(OneItem(100, 500), b, "2026-11-22");
  ASSERT_EQ(Codes(s), std::vector<std::string>{"ANOMALY:PRIOR_OFFENCE"});
  EXPECT_EQ(s[0].reason.message,
            "0101234567 is named in 4 seizures since 2024-11-22: as owner in seizure 40 (tobacco) "
            "on 2026-10-03; as consignee and carrier in seizure 31 (drugs) on 2026-02-01; as "
            "carrier in seizure 22 (ipr) on 2025-06-30; and 1 more");
  // A record longer than the list: the count says so.
  b.offences.total = 50;
  b.offences.newest.resize(3);
  EXPECT_NE(DetectAnomalies(OneItem(100, 500), b, "2026-11-22")[0].reason.message.find(
                "named in 3 or more seizures since 2024-11-22"),
            std::string::npos);
  // Older than the window: on the record, but no longer a reason.
  b.offences = Record({{9, "2024-11-21", "owner", "wildlife"}}, 7);
  EXPECT_TRUE(DetectAnomalies(OneItem(100, 500), b, "2026-11-22").empty());
  AnomalySettings longer;
  longer.offence_window_days = 3650;
  EXPECT_EQ(Codes(DetectAnomalies(OneItem(100, 500), b, "2026-11-22", longer)),
            std::vector<std::string>{"ANOMALY:PRIOR_OFFENCE"});
}

TEST(Anomalies, ALinkedEnterprisesSeizuresAreToldApartFromItsViolations) {
  TraderBaseline b = Known();
  LinkedViolator seized{"0109999999", 0, "owner Nguyen Van A", {}};
  seized.offences = Record({{40, "2026-10-03", "owner", "tobacco"},
                            {31, "2026-02-01", "consignee", "drugs"},
                            {30, "2026-01-15", "owner", "tobacco"}});
  b.linked_violators = {seized};
  auto s = DetectAnomalies(OneItem(100, 500), b, "2026-11-22");
  ASSERT_EQ(Codes(s), std::vector<std::string>{"ANOMALY:LINKED_VIOLATOR"});
  EXPECT_EQ(s[0].reason.message,
            "0101234567 shares owner Nguyen Van A with 0109999999, which is named in 3 seizures "
            "(tobacco, drugs; latest 2026-10-03)");
  EXPECT_EQ(s[0].weight, AnomalySettings{}.w_linked_violator);

  b.linked_violators[0].violations = 1;
  b.linked_violators[0].offences = Record({{40, "2026-10-03", "owner", "tobacco"}});
  EXPECT_EQ(DetectAnomalies(OneItem(100, 500), b, "2026-11-22")[0].reason.message,
            "0101234567 shares owner Nguyen Van A with 0109999999, which has 1 violation found at "
            "inspection and is named as owner in seizure 40 (tobacco) on 2026-10-03");

  // Only seizures older than the window, and no violations: no longer linked to a risk.
  b.linked_violators[0].violations = 0;
  b.linked_violators[0].offences = Record({{9, "2023-05-01", "owner", "tobacco"}});
  EXPECT_TRUE(DetectAnomalies(OneItem(100, 500), b, "2026-11-22").empty());
  // ... but its violations still are.
  b.linked_violators[0].violations = 3;
  auto v = DetectAnomalies(OneItem(100, 500), b, "2026-11-22");
  ASSERT_EQ(Codes(v), std::vector<std::string>{"ANOMALY:LINKED_VIOLATOR"});
  EXPECT_EQ(v[0].reason.message.find("seizure"), std::string::npos) << v[0].reason.message;
}

}  // namespace
}  // namespace haiquan::risk
