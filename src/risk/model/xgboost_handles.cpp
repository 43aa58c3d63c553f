#include "risk/model/xgboost_handles.h"

#include <cmath>
#include <vector>

namespace haiquan::risk::xgb {

domain::Error LastError(const std::string& what) {
  return domain::Error::Unavailable(what + ": " + XGBGetLastError());
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
