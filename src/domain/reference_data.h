#pragma once

#include <bitset>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/result.h"

namespace haiquan::domain {

// Code lists that declarations are checked against: HS 2022 subheadings, ISO 3166-1 alpha-2
// countries and active ISO 4217 currencies. Lookups are bit tests: this sits on the filing path.
class ReferenceData {
 public:
  // Parses the CSV files shipped in data/reference/.
  static Result<std::shared_ptr<const ReferenceData>> FromCsv(std::string_view hs2022,
                                                              std::string_view iso3166,
                                                              std::string_view iso4217);

  bool IsHsSubheading(std::string_view six_digits) const;
  bool IsCountry(std::string_view alpha2) const;
  bool IsCurrency(std::string_view alpha3) const;
  // The description of an HS chapter, heading or subheading; empty if unknown.
  std::string_view HsDescription(std::string_view code) const;

  // Every HS 2022 subheading, in code order.
  std::vector<std::string> HsSubheadings() const;

  size_t hs_subheading_count() const { return hs6_.count(); }
  size_t country_count() const { return countries_.count(); }
  size_t currency_count() const { return currencies_.count(); }

 private:
  std::bitset<1000000> hs6_;
  std::bitset<26 * 26> countries_;
  std::bitset<26 * 26 * 26> currencies_;
  std::unordered_map<std::string, std::string> hs_descriptions_;
};

}  // namespace haiquan::domain
