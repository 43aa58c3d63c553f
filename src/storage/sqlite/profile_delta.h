#pragma once

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/date.h"
#include "domain/value_histogram.h"

namespace haiquan::storage::sqlite {

// The codes the anomaly checks compare, as the small integers the in-memory baseline keeps.
// The folder and the index both use these, so that a fold's changes and a load agree.
namespace codes {

inline std::optional<int32_t> DayNumber(std::string_view date) {  // days since 1970-01-01
  auto d = domain::ParseDate(date.substr(0, std::min<size_t>(date.size(), 10)));
  if (!d) return std::nullopt;
  return static_cast<int32_t>(d->time_since_epoch().count());
}

inline std::optional<int> Chapter(std::string_view hs) {
  if (hs.size() < 2 || hs[0] < '0' || hs[0] > '9' || hs[1] < '0' || hs[1] > '9') {
    return std::nullopt;
  }
  return (hs[0] - '0') * 10 + (hs[1] - '0');
}

inline std::optional<uint64_t> HsCode(std::string_view hs6) {
  if (hs6.size() != 6) return std::nullopt;
  uint64_t code = 0;
  for (char c : hs6) {
    if (c < '0' || c > '9') return std::nullopt;
    code = code * 10 + static_cast<uint64_t>(c - '0');
  }
  return code;
}

inline std::optional<uint16_t> Country(std::string_view c) {  // two letters packed
  if (c.size() != 2) return std::nullopt;
  return static_cast<uint16_t>(static_cast<unsigned char>(c[0]) << 8 |
                               static_cast<unsigned char>(c[1]));
}

}  // namespace codes

// A unit-value band as the checks read it, worked out once from its histogram when the
// histogram changes (floats: the index holds millions of them).
struct BandValues {
  float q1 = 0, median = 0, q3 = 0, low = 0, high = 0;
  int32_t count = 0;  // 0: empty histogram, no band

  static BandValues Of(const domain::ValueHistogram& h) {
    BandValues b;
    if (auto v = domain::BandOf(h)) {
      b.q1 = static_cast<float>(v->q1);
      b.median = static_cast<float>(v->median);
      b.q3 = static_cast<float>(v->q3);
      b.low = static_cast<float>(v->low);
      b.high = static_cast<float>(v->high);
      b.count = static_cast<int32_t>(std::min<int64_t>(v->count, INT32_MAX));
    }
    return b;
  }
};

// What one fold changes in the in-memory baseline (BaselineIndex), already reduced to what
// the checks keep and grouped by trader. The folder's thread works it all out (dates parsed,
// bands computed from the histograms), so that applying it, under the index's lock on a
// filing's thread, costs one lookup a trader and a few stores.
struct ProfileDelta {
  // The watermarks (last declaration and inspection ids) after this fold.
  int64_t to_declaration = 0, to_inspection = 0;

  // Units and currencies that `days`, `bands` and `amounts` name, by their index here: a fold
  // names a handful, and the index maps each to its own ids once a fold.
  std::vector<std::string> names;

  struct Day {
    int32_t day = 0;  // days since 1970-01-01
    uint16_t currency = 0;
    int64_t count = 0, value = 0;
  };
  struct Band {
    uint64_t hs6 = 0;
    uint16_t unit = 0, currency = 0;
    BandValues values;  // of the histogram as it stands after this fold
  };
  struct Trader {
    std::string tax_id;
    int64_t declarations = 0;
    std::string first_filed_at;  // the earliest in this fold; empty if none
    int64_t violations = 0;
    std::bitset<100> chapters;
    std::vector<uint16_t> origins;  // distinct
    std::vector<Day> days;
    std::vector<Band> bands;
  };
  std::vector<Trader> traders;
  std::vector<Band> national;
  // Invoice amounts of every declaration, per currency, as they stand after this fold.
  std::vector<std::pair<uint16_t, domain::ValueHistogram>> amounts;
};

}  // namespace haiquan::storage::sqlite
