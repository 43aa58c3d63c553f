#include "domain/value_histogram.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace haiquan::domain {

void ValueHistogram::Add(double value) {
  if (!std::isfinite(value) || value <= 0) return;
  double b = std::floor(std::log10(value) * kBucketsPerDecade);
  b = std::clamp(b, double{std::numeric_limits<int16_t>::min()},
                 double{std::numeric_limits<int16_t>::max()});
  auto bucket = static_cast<int16_t>(b);
  auto it = std::lower_bound(buckets_.begin(), buckets_.end(), bucket,
                             [](const auto& e, int16_t k) { return e.first < k; });
  if (it != buckets_.end() && it->first == bucket) {
    if (it->second == std::numeric_limits<uint32_t>::max()) return;
    ++it->second;
  } else {
    buckets_.insert(it, {bucket, 1});
  }
  ++count_;
}

std::optional<double> ValueHistogram::Quantile(double q) const {
  if (count_ == 0) return std::nullopt;
  q = std::clamp(q, 0.0, 1.0);
  double target = q * static_cast<double>(count_);
  double seen = 0;
  for (const auto& [bucket, n] : buckets_) {
    if (seen + n >= target) {
      double within = n > 0 ? (target - seen) / n : 0;
      double log10v = (bucket + within) / kBucketsPerDecade;
      return std::pow(10.0, log10v);
    }
    seen += n;
  }
  return std::pow(10.0, (buckets_.back().first + 1.0) / kBucketsPerDecade);
}

std::string ValueHistogram::Encode() const {
  std::string out(buckets_.size() * 6, '\0');
  char* p = out.data();
  for (const auto& [bucket, n] : buckets_) {
    auto b = static_cast<uint16_t>(bucket);
    p[0] = static_cast<char>(b & 0xff);
    p[1] = static_cast<char>(b >> 8);
    for (int i = 0; i < 4; ++i) p[2 + i] = static_cast<char>((n >> (8 * i)) & 0xff);
    p += 6;
  }
  return out;
}

std::optional<ValueHistogram> ValueHistogram::Decode(std::string_view bytes) {
  if (bytes.size() % 6 != 0) return std::nullopt;
  ValueHistogram h;
  h.buckets_.reserve(bytes.size() / 6);
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  for (size_t i = 0; i < bytes.size(); i += 6, p += 6) {
    auto bucket = static_cast<int16_t>(static_cast<uint16_t>(p[0] | (p[1] << 8)));
    uint32_t n = 0;
    for (int k = 0; k < 4; ++k) n |= static_cast<uint32_t>(p[2 + k]) << (8 * k);
    if (n == 0) return std::nullopt;
    if (!h.buckets_.empty() && h.buckets_.back().first >= bucket) return std::nullopt;
    h.buckets_.push_back({bucket, n});
    h.count_ += n;
  }
  return h;
}

std::optional<ValueBand> BandOf(const ValueHistogram& h) {
  if (h.Count() == 0) return std::nullopt;
  ValueBand b;
  b.count = h.Count();
  b.q1 = *h.Quantile(0.25);
  b.median = *h.Quantile(0.5);
  b.q3 = *h.Quantile(0.75);
  double iqr = std::log(b.q3) - std::log(b.q1);
  double widen = 1.5 * iqr;
  b.low = std::min(std::exp(std::log(b.q1) - widen), b.median / 2);
  b.high = std::max(std::exp(std::log(b.q3) + widen), b.median * 2);
  return b;
}

}  // namespace haiquan::domain
