#include "risk/model/xgboost_handles.h"

#include <cmath>
#include <vector>

namespace haiquan::risk::xgb {

domain::Error LastError(const std::string& what) {
  return domain::Error::Unavailable(what + ": " + XGBGetLastError());
}

domain::Result<std::vector<float>> Predict(BoosterHandle booster, DMatrixHandle m, int type) {
  const std::string config = R"({"type": )" + std::to_string(type) +
                             R"(, "training": false, "iteration_begin": 0, "iteration_end": 0,)"
                             R"( "strict_shape": false})";
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* out = nullptr;
  if (XGBoosterPredictFromDMatrix(booster, m, config.c_str(), &shape, &dim, &out) != 0) {
    return LastError("XGBoosterPredictFromDMatrix");
  }
  size_t n = 1;
  for (bst_ulong i = 0; i < dim; ++i) n *= shape[i];
  return std::vector<float>(out, out + n);
}

domain::Result<DMatrix> MakeDMatrix(const FeatureMatrix& x, int threads) {
  DMatrixHandle h = nullptr;
  if (XGDMatrixCreateFromMat_omp(x.values.data(), x.rows(), x.cols(), std::nanf(""), &h, threads) !=
      0) {
    return LastError("XGDMatrixCreateFromMat");
  }
  DMatrix m(h);
  std::vector<const char*> names;
  for (const auto& n : x.names) names.push_back(n.c_str());
  if (XGDMatrixSetStrFeatureInfo(h, "feature_name", names.data(), names.size()) != 0) {
    return LastError("XGDMatrixSetStrFeatureInfo");
  }
  return m;
}

}  // namespace haiquan::risk::xgb
