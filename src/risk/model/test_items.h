#pragma once

#include <chrono>
#include <cstring>
#include <span>
#include <string>

#include "risk/model/kcs_csv.h"

namespace haiquan::risk::testing {

inline KcsItem Item(std::string id, int day_of_2020, std::string importer, std::string hs6,
                    int fraud) {
  KcsItem it;
  it.declaration_id = std::move(id);
  it.date = std::chrono::sys_days(std::chrono::year(2020) / 1 / 1) + std::chrono::days(day_of_2020);
  it.office = "30";
  it.process_type = "B";
  it.import_type = "11";
  it.import_use = "21";
  it.payment_type = "11";
  it.transport_mode = "10";
  it.declarant = "D1";
  it.importer = std::move(importer);
  it.seller = "S1";
  it.hs6 = std::move(hs6);
  it.departure_country = "CN";
  it.origin_country = "CN";
  it.tax_rate = 8;
  it.tax_type = "A";
  it.origin_indicator = "Y";
  it.net_mass_kg = 10;
  it.item_price = 1000;
  it.fraud = fraud;
  it.critical_fraud = fraud;
  return it;
}

// Bitwise, so that two missing values (NaN) compare equal.
inline bool SameFloats(std::span<const float> a, std::span<const float> b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

}  // namespace haiquan::risk::testing
