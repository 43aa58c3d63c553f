#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace haiquan::domain {

// The distribution of positive values (unit values, declaration values) as counts in
// logarithmic buckets, 20 a decade (each about 12% wide). Prices spread over orders of
// magnitude, so the log scale keeps the median and quartiles within a few per cent whatever
// the scale, and one filing updates it in constant time: a profile never rescans declarations.
class ValueHistogram {
 public:
  static constexpr int kBucketsPerDecade = 20;

  // Values <= 0 or not finite are not counted (a unit value needs a quantity).
  void Add(double value);
  int64_t Count() const { return count_; }
  // The q-quantile (0 <= q <= 1), interpolated in log space within its bucket; nullopt if empty.
  std::optional<double> Quantile(double q) const;

  // A compact byte encoding for storage: (bucket int16, count uint32) little-endian pairs.
  std::string Encode() const;
  // Nullopt if the bytes are not an encoding made by Encode.
  static std::optional<ValueHistogram> Decode(std::string_view bytes);

 private:
  std::vector<std::pair<int16_t, uint32_t>> buckets_;  // sorted by bucket
  int64_t count_ = 0;
};

// The usual band of a distribution: quartiles widened by 1.5 times the interquartile range
// in log space (Tukey's fences), and never narrower than half to double the median, so that a
// trader who always pays one price is not flagged for a small change.
struct ValueBand {
  int64_t count = 0;
  double q1 = 0;
  double median = 0;
  double q3 = 0;
  double low = 0;
  double high = 0;
};
std::optional<ValueBand> BandOf(const ValueHistogram& h);

}  // namespace haiquan::domain
