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
  return xgb::Predict(booster_.get(), m->get(), 0);  // type 0: a probability
}

}  // namespace haiquan::risk
