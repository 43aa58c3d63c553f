#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "domain/value_histogram.h"

namespace haiquan::storage::sqlite {

// What one fold adds to the profiles, summed per key before anything is written; the folder
// writes it to the profile database and then hands it to the in-memory baseline.
struct ProfileDelta {
  struct Sum {
    int64_t count = 0;
    int64_t value = 0;
    void Add(int64_t v) {
      ++count;
      value += v;
    }
  };
  struct First {
    int64_t count = 0;
    std::string first, last;
  };
  using Key2 = std::tuple<std::string, std::string, std::string>;
  using Key3 = std::tuple<std::string, std::string, std::string, std::string>;

  // The watermarks (last declaration and inspection ids) before and after this fold.
  int64_t from_declaration = 0, to_declaration = 0;
  int64_t from_inspection = 0, to_inspection = 0;

  std::map<std::string, First> profiles;
  std::map<Key3, Sum> months;  // tax, month, lane, currency
  std::map<Key2, Sum> days;    // tax, currency, day
  std::map<Key2, Sum> goods;   // tax, heading, currency
  std::map<Key2, Sum> origins;
  std::map<Key3, Sum> partners;                                  // tax, name, country, currency
  std::map<Key3, std::vector<double>> unit_values;               // scope, hs6, unit, currency
  std::map<std::string, std::vector<double>> amounts;            // currency
  std::map<std::string, std::pair<int64_t, int64_t>> inspected;  // tax: inspections, violations
  std::map<std::pair<std::string, std::string>, Sum> findings;   // tax, outcome

  // Filled while writing: the histograms as they stand after this fold.
  std::vector<std::pair<Key3, domain::ValueHistogram>> unit_histograms;
  std::map<std::string, domain::ValueHistogram> amount_histograms;
};

}  // namespace haiquan::storage::sqlite
