#pragma once

#include <cassert>
#include <span>
#include <string>
#include <vector>

namespace haiquan::risk {

// Rows of features, row-major; NaN marks a value that is missing (XGBoost's convention).
struct FeatureMatrix {
  std::vector<std::string> names;
  std::vector<float> values;

  size_t cols() const { return names.size(); }
  size_t rows() const { return names.empty() ? 0 : values.size() / names.size(); }
  std::span<const float> Row(size_t r) const { return {values.data() + r * cols(), cols()}; }
  void Append(std::span<const float> row) {
    assert(row.size() == cols());
    values.insert(values.end(), row.begin(), row.end());
  }
};

}  // namespace haiquan::risk
