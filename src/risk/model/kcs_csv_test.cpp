#include "risk/model/kcs_csv.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace haiquan::risk {
namespace {

constexpr const char* kHeader =
    "Declaration ID,Date,Office ID,Process Type,Import Type,Import Use,Payment Type,"
    "Mode of Transport,Declarant ID,Importer ID,Seller ID,Courier ID,HS6 Code,"
    "Country of Departure,Country of Origin,Tax Rate,Tax Type,Country of Origin Indicator,"
    "Net Mass,Item Price,Fraud,Critical Fraud\n";

TEST(KcsCsv, ReadsARowIntoTheDeclarationsParts) {
  auto items = ParseKcsCsv(std::string(kHeader) +
                           "97061800,2020-01-01,30,B,11,21,11,10,ZZR1LT6,QLRUBN9,,,440890,BE,"
                           "CN,8.0,FEU1,G,108.0,372254.4,1,2\n");
  ASSERT_TRUE(items.ok()) << items.error().message;
  ASSERT_EQ(items->size(), 1u);
  const KcsItem& it = (*items)[0];
  EXPECT_EQ(it.declaration_id, "97061800");
  EXPECT_EQ(it.office, "30");
  EXPECT_EQ(it.transport_mode, "10");
  EXPECT_EQ(it.declarant, "ZZR1LT6");
  EXPECT_EQ(it.importer, "QLRUBN9");
  EXPECT_EQ(it.seller, "");
  EXPECT_EQ(it.hs6, "440890");
  EXPECT_EQ(it.departure_country, "BE");
  EXPECT_EQ(it.origin_country, "CN");
  EXPECT_DOUBLE_EQ(it.tax_rate, 8.0);
  EXPECT_EQ(it.tax_type, "FEU1");
  EXPECT_DOUBLE_EQ(it.net_mass_kg, 108.0);
  EXPECT_DOUBLE_EQ(it.item_price, 372254.4);
  EXPECT_EQ(it.fraud, 1);
  EXPECT_EQ(it.critical_fraud, 2);
}

TEST(KcsCsv, ItemsToScoreNeedNoLabels) {
  auto items = ParseKcsCsv(
      "Date,Office ID,Process Type,Import Type,Import Use,Payment Type,Mode of Transport,"
      "Declarant ID,Importer ID,Seller ID,Courier ID,HS6 Code,Country of Departure,"
      "Country of Origin,Tax Rate,Tax Type,Country of Origin Indicator,Net Mass,Item Price,"
      "Declaration ID\n"
      "2021-04-01,30,B,11,21,11,40,D,I,S,,851712,CN,CN,0,C,Y,2.5,1000,42\n");
  ASSERT_TRUE(items.ok()) << items.error().message;
  EXPECT_EQ((*items)[0].declaration_id, "42");
  EXPECT_EQ((*items)[0].fraud, -1);
  EXPECT_EQ((*items)[0].critical_fraud, -1);
}

TEST(KcsCsv, ABadRowFailsNamingItsLine) {
  auto items = ParseKcsCsv(std::string(kHeader) +
                           "1,2020-01-01,30,B,11,21,11,10,D,I,S,,440890,BE,BE,0,A,G,1,2,0,0\n"
                           "2,2020-01-01,30,B,11,21,11,10,D,I,S,,440890,BE,BE,0,A,G,heavy,2,0,0\n");
  ASSERT_FALSE(items.ok());
  EXPECT_EQ(items.error().code, domain::ErrorCode::kMalformed);
  EXPECT_NE(items.error().message.find("line 3"), std::string::npos);
  EXPECT_NE(items.error().message.find("Net Mass"), std::string::npos);
}

TEST(KcsCsv, AMissingColumnOrDateFails) {
  EXPECT_FALSE(ParseKcsCsv("Declaration ID,Date\n1,2020-01-01\n").ok());
  EXPECT_FALSE(ParseKcsCsv(std::string(kHeader) +
                           "1,2020-02-30,30,B,11,21,11,10,D,I,S,,440890,BE,BE,0,A,G,1,2,0,0\n")
                   .ok());
  EXPECT_FALSE(ParseKcsCsv("").ok());
  EXPECT_FALSE(ReadKcsCsvFile("/nonexistent/file.csv").ok());
}

TEST(KcsCsv, WrittenItemsReadBackToTheSameValues) {
  KcsItem a;
  a.declaration_id = "0101/REF, \"quoted\"";
  a.date = std::chrono::sys_days(std::chrono::year(2026) / 11 / 2);
  a.office = "HCM01";
  a.transport_mode = "10";
  a.importer = "0101";
  a.hs6 = "851713";
  a.tax_rate = std::numeric_limits<double>::quiet_NaN();
  a.net_mass_kg = 0.1 + 0.2;  // not exactly representable in few digits
  a.item_price = 1234567.89;
  a.fraud = 1;
  KcsItem b = a;
  b.declaration_id = "x";
  b.tax_rate = 7.2;
  b.fraud = -1;
  std::vector<KcsItem> items = {a, b};
  auto back = ParseKcsCsv(WriteKcsCsv(items));
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].declaration_id, a.declaration_id);
  EXPECT_EQ((*back)[0].date, a.date);
  EXPECT_TRUE(std::isnan((*back)[0].tax_rate));
  EXPECT_EQ((*back)[0].net_mass_kg, a.net_mass_kg);
  EXPECT_EQ((*back)[0].item_price, a.item_price);
  EXPECT_EQ((*back)[0].fraud, 1);
  EXPECT_EQ((*back)[1].tax_rate, 7.2);
  EXPECT_EQ((*back)[1].fraud, -1);
  EXPECT_EQ((*back)[1].critical_fraud, -1);
}

}  // namespace
}  // namespace haiquan::risk
