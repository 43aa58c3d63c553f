#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace haiquan::risk {

// One goods item of an import declaration as the Korea Customs Service data sets publish it
// (df_syn_*_eng.csv, arXiv:2208.02484). Each column maps onto a part of a declaration:
//   Declaration ID              -> the declaration's reference
//   Date                        -> filing (reporting) date
//   Office ID                   -> customs office receiving it
//   Process Type, Import Type,
//   Import Use, Payment Type    -> the declaration's procedure codes
//   Mode of Transport           -> transport.mode (10 maritime, 40 air, ...)
//   Declarant ID                -> declarant (the broker or person filing)
//   Importer ID                 -> importer (the consignee, whose trade it is)
//   Seller ID                   -> exporter (the overseas consignor); may be empty
//   Courier ID                  -> express courier; mostly empty
//   HS6 Code                    -> the item's HS code, six digits
//   Country of Departure        -> transport.departureCountry
//   Country of Origin           -> the item's origin country
//   Tax Rate, Tax Type          -> the tariff rate (%) and its kind (A basic, F* FTA, ...)
//   Country of Origin Indicator -> how the origin is marked on the goods
//   Net Mass                    -> the item's net mass, kg
//   Item Price                  -> the item's customs value, KRW
//   Fraud, Critical Fraud       -> inspection findings: labels, never known at filing time
struct KcsItem {
  std::string declaration_id;
  std::chrono::sys_days date{};
  std::string office;
  std::string process_type;
  std::string import_type;
  std::string import_use;
  std::string payment_type;
  std::string transport_mode;
  std::string declarant;
  std::string importer;
  std::string seller;
  std::string courier;
  std::string hs6;
  std::string departure_country;
  std::string origin_country;
  double tax_rate = 0;
  std::string tax_type;
  std::string origin_indicator;
  double net_mass_kg = 0;
  double item_price = 0;
  // Findings; -1 when the file carries none (an item still to be scored).
  int fraud = -1;
  int critical_fraud = -1;
  // When the finding became known (ours: the inspection's date); the epoch when not given, and
  // then the finding counts as known at the end of the filing date, as for the KCS files.
  std::chrono::sys_days found{};
};

// Reads the CSV text (header line first; columns found by name, so their order may change).
// The label columns may be absent. A malformed row fails the whole read, naming its line.
domain::Result<std::vector<KcsItem>> ParseKcsCsv(std::string_view text);
domain::Result<std::vector<KcsItem>> ReadKcsCsvFile(const std::string& path);

// The items as a CSV that ParseKcsCsv reads back to the same values (a missing tax rate or
// label stays empty): how a model trained on the system's own declarations carries them.
std::string WriteKcsCsv(std::span<const KcsItem> items);

}  // namespace haiquan::risk
