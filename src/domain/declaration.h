#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/amount.h"

namespace haiquan::domain {

// WCO DM: 1/1 declaration type (IM import, EX export, TR transit).
enum class DeclarationType { kImport, kExport, kTransit };

std::string_view ToString(DeclarationType t);
std::optional<DeclarationType> ParseDeclarationType(std::string_view s);

// A trader named on a declaration (WCO DM classes Declarant, Importer, Exporter).
struct Party {
  std::string tax_id;
  std::string name;
  std::string address;
  std::string country;  // ISO 3166-1 alpha-2
};

// WCO DM: BorderTransportMeans and the places of loading and discharge.
struct Transport {
  std::string mode;  // UN/ECE Recommendation 19 code, one digit
  std::string conveyance_id;
  std::string departure_country;
  std::string loading_place;    // UN/LOCODE
  std::string discharge_place;  // UN/LOCODE
};

struct Invoice {
  std::string currency;  // ISO 4217
  std::string incoterm;  // Incoterms 2020 (2010's DAT still accepted)
  Amount amount;
};

struct GoodsItem {
  std::string hs_code;  // 6 to 10 digits; the first 6 are an HS 2022 subheading
  std::string description;
  std::string origin_country;
  double quantity = 0;
  std::string unit;  // UN/ECE Recommendation 20 unit code
  double net_mass_kg = 0;
  double gross_mass_kg = 0;
  Amount value;  // customs value, in the invoice currency

  // Value per unit of quantity; 0 if the quantity is 0.
  double UnitValue() const { return quantity > 0 ? value.ToDouble() / quantity : 0.0; }
};

struct Declaration {
  std::string declarant_reference;
  DeclarationType type = DeclarationType::kImport;
  std::string office;
  Party declarant;
  std::optional<Party> importer;
  std::optional<Party> exporter;
  Transport transport;
  Invoice invoice;
  std::vector<GoodsItem> items;
};

}  // namespace haiquan::domain
