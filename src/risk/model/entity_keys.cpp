#include "risk/model/entity_keys.h"

#include <array>
#include <cstdio>

namespace haiquan::risk {
namespace {

constexpr std::array<std::string_view, kEntityKinds> kNames = {"importer",
                                                               "declarant",
                                                               "seller",
                                                               "hs6",
                                                               "hs4",
                                                               "hs2",
                                                               "tariff_line",
                                                               "office",
                                                               "origin",
                                                               "departure",
                                                               "tax_type",
                                                               "importer_hs6",
                                                               "importer_origin",
                                                               "importer_seller",
                                                               "declarant_importer",
                                                               "declarant_hs6",
                                                               "hs6_origin",
                                                               "hs6_tax_type",
                                                               "hs6_departure",
                                                               "tariff_line_origin",
                                                               "origin_tax_type"};

std::string Pair(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return {};
  return a + '\x1f' + b;
}

// The data's Item Price was rebuilt as Net Mass x the unit price of the item's HS10 line, so
// within an HS6 the unit price names the 10-digit line: every unit price in the files has one
// decimal, and an HS6 has a handful of them (392690: 0.60 per kg for 91% of its items). Real
// declarations carry the HS10 code itself; this key stands in for it.
std::string TariffLine(const KcsItem& item) {
  double uv = UnitValue(item);
  if (item.hs6.empty() || uv <= 0) return {};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.2f", uv);
  return Pair(item.hs6, buf);
}

}  // namespace

std::string_view EntityName(EntityKind k) { return kNames[static_cast<size_t>(k)]; }

double UnitValue(const KcsItem& item) {
  return item.net_mass_kg > 0 ? item.item_price / item.net_mass_kg : 0;
}

std::string EntityKey(const KcsItem& item, EntityKind k) {
  switch (k) {
    case EntityKind::kImporter:
      return item.importer;
    case EntityKind::kDeclarant:
      return item.declarant;
    case EntityKind::kSeller:
      return item.seller;
    case EntityKind::kHs6:
      return item.hs6;
    case EntityKind::kHs4:
      return item.hs6.size() >= 4 ? item.hs6.substr(0, 4) : std::string();
    case EntityKind::kHs2:
      return item.hs6.size() >= 2 ? item.hs6.substr(0, 2) : std::string();
    case EntityKind::kTariffLine:
      return TariffLine(item);
    case EntityKind::kOffice:
      return item.office;
    case EntityKind::kOrigin:
      return item.origin_country;
    case EntityKind::kDeparture:
      return item.departure_country;
    case EntityKind::kTaxType:
      return item.tax_type;
    case EntityKind::kImporterHs6:
      return Pair(item.importer, item.hs6);
    case EntityKind::kImporterOrigin:
      return Pair(item.importer, item.origin_country);
    case EntityKind::kImporterSeller:
      return Pair(item.importer, item.seller);
    case EntityKind::kDeclarantImporter:
      return Pair(item.declarant, item.importer);
    case EntityKind::kDeclarantHs6:
      return Pair(item.declarant, item.hs6);
    case EntityKind::kHs6Origin:
      return Pair(item.hs6, item.origin_country);
    case EntityKind::kHs6TaxType:
      return Pair(item.hs6, item.tax_type);
    case EntityKind::kHs6Departure:
      return Pair(item.hs6, item.departure_country);
    case EntityKind::kTariffLineOrigin:
      return Pair(TariffLine(item), item.origin_country);
    case EntityKind::kOriginTaxType:
      return Pair(item.origin_country, item.tax_type);
    case EntityKind::kCount:
      break;
  }
  return {};
}

}  // namespace haiquan::risk
