#pragma once

#include <string_view>
#include <vector>

#include "domain/result.h"
#include "risk/model/feature_matrix.h"
#include "risk/model/xgboost_handles.h"

namespace haiquan::risk {

// A trained model ready to score feature rows (higher = riskier). Scoring does not change the
// model, but one Scorer is meant for one thread at a time: give each worker its own.
class Scorer {
 public:
  static domain::Result<Scorer> Load(std::string_view model_json, int threads = 2);
  domain::Result<std::vector<float>> Score(const FeatureMatrix& x) const;

 private:
  Scorer(xgb::Booster b, int threads) : booster_(std::move(b)), threads_(threads) {}
  xgb::Booster booster_;
  int threads_;
};

}  // namespace haiquan::risk
