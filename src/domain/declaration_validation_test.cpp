#include "domain/declaration_validation.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/reference_catalog.h"

namespace haiquan::domain {
namespace {

const ReferenceData& Ref() {
  static auto ref = app::LoadReferenceData().value();
  return *ref;
}

Declaration Valid() {
  Declaration d;
  d.declarant_reference = "BR-2026-000001";
  d.type = DeclarationType::kImport;
  d.office = "03CE";
  d.declarant.tax_id = "0312345678";
  d.importer = Party{"0101234567", "Cong ty TNHH Minh Phat", "12 Le Loi, Ha Noi", "VN"};
  d.exporter = Party{"", "Shenzhen Tech Co", "Bao An, Shenzhen", "CN"};
  d.transport = {"1", "MAERSK SEOUL 123N", "CN", "CNSHA", "VNHPH"};
  d.invoice = {"USD", "CIF", Amount{1200000}};
  GoodsItem item;
  item.hs_code = "85171300";
  item.description = "Smartphones";
  item.origin_country = "CN";
  item.quantity = 100;
  item.unit = "PCE";
  item.net_mass_kg = 25;
  item.gross_mass_kg = 30;
  item.value = Amount{1200000};
  d.items.push_back(item);
  return d;
}

bool Has(const std::vector<FieldError>& faults, const std::string& pointer,
         const std::string& code) {
  return std::any_of(faults.begin(), faults.end(),
                     [&](const FieldError& f) { return f.pointer == pointer && f.code == code; });
}

TEST(ReferenceData, LoadsTheShippedLists) {
  EXPECT_EQ(Ref().hs_subheading_count(), 5612u);  // 5,613 rows less Comtrade's 999999
  EXPECT_GE(Ref().country_count(), 249u);
  EXPECT_GE(Ref().currency_count(), 150u);
  EXPECT_TRUE(Ref().IsHsSubheading("851713"));
  EXPECT_FALSE(Ref().IsHsSubheading("999999"));
  EXPECT_TRUE(Ref().IsCountry("VN"));
  EXPECT_FALSE(Ref().IsCountry("XX"));
  EXPECT_TRUE(Ref().IsCurrency("VND"));
  EXPECT_FALSE(Ref().IsCurrency("DEM"));  // withdrawn
  EXPECT_NE(Ref().HsDescription("8517").find("Telephone"), std::string_view::npos);
}

TEST(Validate, AcceptsTheSampleDeclaration) { EXPECT_TRUE(Validate(Valid(), Ref()).empty()); }

TEST(Validate, NamesEveryFaultByPointer) {
  Declaration d = Valid();
  d.declarant_reference = "has space";
  d.office = "";
  d.importer->country = "XX";
  d.transport.mode = "12";
  d.transport.loading_place = "XXABC";
  d.invoice.currency = "DEM";
  d.invoice.incoterm = "ABC";
  d.items[0].hs_code = "999999";
  d.items[0].gross_mass_kg = 10;  // below net
  d.items[0].quantity = -1;
  auto f = Validate(d, Ref());
  EXPECT_TRUE(Has(f, "/declarantReference", "invalid_format"));
  EXPECT_TRUE(Has(f, "/office", "required"));
  EXPECT_TRUE(Has(f, "/importer/country", "unknown_country"));
  EXPECT_TRUE(Has(f, "/transport/mode", "invalid_code"));
  EXPECT_TRUE(Has(f, "/transport/loadingPlace", "invalid_locode"));
  EXPECT_TRUE(Has(f, "/invoice/currency", "unknown_currency"));
  EXPECT_TRUE(Has(f, "/invoice/incoterm", "unknown_incoterm"));
  EXPECT_TRUE(Has(f, "/items/0/hsCode", "unknown_hs_code"));
  EXPECT_TRUE(Has(f, "/items/0/grossMassKg", "less_than_net"));
  EXPECT_TRUE(Has(f, "/items/0/quantity", "not_positive"));
  EXPECT_EQ(f.size(), 10u);
}

TEST(Validate, HsCodeLengthAndDigits) {
  for (const char* bad : {"85171", "85171300000", "8517A300"}) {
    Declaration d = Valid();
    d.items[0].hs_code = bad;
    EXPECT_TRUE(Has(Validate(d, Ref()), "/items/0/hsCode", "invalid_format")) << bad;
  }
  Declaration d = Valid();
  d.items[0].hs_code = "8517130099";
  EXPECT_TRUE(Validate(d, Ref()).empty());
}

TEST(Validate, ImportNeedsImporterExportNeedsExporter) {
  Declaration d = Valid();
  d.importer.reset();
  EXPECT_TRUE(Has(Validate(d, Ref()), "/importer", "required"));
  d = Valid();
  d.type = DeclarationType::kExport;
  EXPECT_TRUE(Has(Validate(d, Ref()), "/exporter/taxId", "required"));
}

TEST(Validate, RejectsControlCharactersAndNoItems) {
  Declaration d = Valid();
  d.items[0].description = "bad\x01text";
  d.items.push_back(d.items[0]);
  EXPECT_TRUE(Has(Validate(d, Ref()), "/items/1/description", "invalid_characters"));
  d.items.clear();
  EXPECT_TRUE(Has(Validate(d, Ref()), "/items", "required"));
}

TEST(Amount, RoundsToHundredthsAndRejectsNonsense) {
  EXPECT_EQ(Amount::FromDouble(12000.005)->hundredths, 1200001);
  EXPECT_EQ(Amount::FromDouble(0.1)->hundredths, 10);
  EXPECT_FALSE(Amount::FromDouble(-1));
  EXPECT_FALSE(Amount::FromDouble(1e300));
  EXPECT_FALSE(Amount::FromDouble(std::nan("")));
}

}  // namespace
}  // namespace haiquan::domain
