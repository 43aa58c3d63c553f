#include "risk/model/scorer.h"

#include <string>

namespace haiquan::risk {

domain::Result<Scorer> Scorer::Load(std::string_view model_json, int threads) {
  BoosterHandle h = nullptr;
  if (XGBoosterCreate(nullptr, 0, &h) != 0) return xgb::LastError("XGBoosterCreate");
  xgb::Booster booster(h);
  if (XGBoosterLoadModelFromBuffer(h, model_json.data(), model_json.size()) != 0) {
    return domain::Error::Malformed(std::string("not an XGBoost model: ") + XGBGetLastError());
  }
  if (XGBoosterSetParam(h, "nthread", std::to_string(threads).c_str()) != 0) {
    return xgb::LastError("param nthread");
  }
  return Scorer(std::move(booster), threads);
}

domain::Result<std::vector<float>> Scorer::Score(const FeatureMatrix& x) const {
  if (x.rows() == 0) return std::vector<float>{};
  auto m = xgb::MakeDMatrix(x, threads_);
  if (!m) return m.error();
  // type 0: the objective's transformed output (a probability for binary:logistic).
  const char* config = R"({"type": 0, "training": false, "iteration_begin": 0,
                           "iteration_end": 0, "strict_shape": false})";
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* out = nullptr;
  if (XGBoosterPredictFromDMatrix(booster_.get(), m->get(), config, &shape, &dim, &out) != 0) {
    return xgb::LastError("XGBoosterPredictFromDMatrix");
  }
  return std::vector<float>(out, out + x.rows());
}

}  // namespace haiquan::risk
