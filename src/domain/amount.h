#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

namespace haiquan::domain {

// A monetary amount in hundredths, so that sums and comparisons are exact.
struct Amount {
  int64_t hundredths = 0;

  static constexpr double kMax = 1e13;  // larger than any real declaration, small enough for int64

  // Rounds to the nearest hundredth; nullopt if not finite, negative or absurdly large.
  static std::optional<Amount> FromDouble(double v) {
    if (!std::isfinite(v) || v < 0 || v > kMax) return std::nullopt;
    return Amount{static_cast<int64_t>(std::llround(v * 100.0))};
  }
  double ToDouble() const { return static_cast<double>(hundredths) / 100.0; }

  friend bool operator==(Amount, Amount) = default;
  friend auto operator<=>(Amount, Amount) = default;
};

}  // namespace haiquan::domain
