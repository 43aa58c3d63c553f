#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "domain/declaration.h"
#include "domain/reference_data.h"

namespace haiquan::app {

// Varied, plausible declarations for demo data, tests and load: many traders, a long tail of
// HS codes, the origins and ports of Vietnam's trade, log-normal values. Same seed, same stream.
class SampleDeclarations {
 public:
  SampleDeclarations(const domain::ReferenceData& ref, uint64_t seed, int traders = 2000);

  // items == 0: 1 to 5 items at random.
  domain::Declaration Next(int items = 0);

 private:
  struct Trader {
    std::string tax_id, name, address;
    std::vector<size_t> specialty;  // indexes into hs_: what this trader usually imports
    size_t home_origin = 0;         // index into the origins: where it usually buys
  };
  struct Seller {
    std::string name, address, country;
  };
  const std::string& PickHs();
  size_t PickHsIndex();
  // A typical unit price per HS subheading (0.5 to 500), the same in every run.
  static double TypicalPrice(const std::string& hs6);

  std::mt19937_64 rng_;
  uint64_t seed_;
  uint64_t counter_ = 0;
  std::vector<std::string> hs_;  // popular subset, Zipf-like weights via index skew
  std::vector<Trader> traders_;
  std::vector<Seller> sellers_;
  std::vector<Trader> declarants_;
};

}  // namespace haiquan::app
