#pragma once

#include <xgboost/c_api.h>

#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "domain/result.h"
#include "risk/model/feature_matrix.h"

namespace haiquan::risk::xgb {

// Owners of the C API's handles, so that every early return frees them.
struct DMatrixFree {
  void operator()(void* h) const { XGDMatrixFree(h); }
};
struct BoosterFree {
  void operator()(void* h) const { XGBoosterFree(h); }
};
using DMatrix = std::unique_ptr<std::remove_pointer_t<DMatrixHandle>, DMatrixFree>;
using Booster = std::unique_ptr<std::remove_pointer_t<BoosterHandle>, BoosterFree>;

// The library's last error, for a C API call that returned non-zero.
domain::Error LastError(const std::string& what);

// XGBoost's prediction of every row of `m`, flattened: type 0 the objective's output (a
// probability), 1 the margin, 3 approximate per-feature contributions (features + bias a row).
domain::Result<std::vector<float>> Predict(BoosterHandle booster, DMatrixHandle m, int type);

// A DMatrix over the features (NaN = missing) with their names, so that a dumped model reads.
domain::Result<DMatrix> MakeDMatrix(const FeatureMatrix& x, int threads);

}  // namespace haiquan::risk::xgb
