#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
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
  // Hashed, not ordered: a buffer sums tens of thousands of keys, and comparing tuples of
  // strings in a tree showed as the folder's main cost.
  struct KeyHash {
    size_t operator()(const std::string& s) const { return std::hash<std::string>{}(s); }
    template <typename... T>
    size_t operator()(const std::tuple<T...>& t) const {
      size_t h = 0;
      std::apply([&](const auto&... part) { ((h = h * 1000003 ^ (*this)(part)), ...); }, t);
      return h;
    }
    template <typename A, typename B>
    size_t operator()(const std::pair<A, B>& p) const {
      return (*this)(p.first) * 1000003 ^ (*this)(p.second);
    }
  };
  template <typename K, typename V>
  using Map = std::unordered_map<K, V, KeyHash>;

  // The watermarks (last declaration and inspection ids) before and after this fold.
  int64_t from_declaration = 0, to_declaration = 0;
  int64_t from_inspection = 0, to_inspection = 0;

  Map<std::string, First> profiles;
  Map<Key3, Sum> months;  // tax, month, lane, currency
  Map<Key2, Sum> days;    // tax, currency, day
  Map<Key2, Sum> goods;   // tax, heading, currency
  Map<Key2, Sum> origins;
  Map<Key3, Sum> partners;                                  // tax, name, country, currency
  Map<Key3, std::vector<double>> unit_values;               // scope, hs6, unit, currency
  Map<std::string, std::vector<double>> amounts;            // currency
  Map<std::string, std::pair<int64_t, int64_t>> inspected;  // tax: inspections, violations
  Map<std::pair<std::string, std::string>, Sum> findings;   // tax, outcome

  // Filled while writing: the histograms as they stand after this fold.
  std::vector<std::pair<Key3, domain::ValueHistogram>> unit_histograms;
  std::map<std::string, domain::ValueHistogram> amount_histograms;
};

}  // namespace haiquan::storage::sqlite
