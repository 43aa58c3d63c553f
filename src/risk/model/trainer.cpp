#include "risk/model/trainer.h"

#include <algorithm>
#include <chrono>

#include "risk/model/xgboost_handles.h"

namespace haiquan::risk {

domain::Result<TrainedModel> Train(const FeatureMatrix& x, std::span<const float> labels,
                                   const TrainingParams& p) {
  if (x.rows() == 0 || labels.size() != x.rows()) {
    return domain::Error::Invalid("training needs one label per row, and rows");
  }
  auto m = xgb::MakeDMatrix(x, p.threads);
  if (!m) return m.error();
  if (XGDMatrixSetFloatInfo(m->get(), "label", labels.data(), labels.size()) != 0) {
    return xgb::LastError("XGDMatrixSetFloatInfo");
  }
  DMatrixHandle cache[] = {m->get()};
  BoosterHandle h = nullptr;
  if (XGBoosterCreate(cache, 1, &h) != 0) return xgb::LastError("XGBoosterCreate");
  xgb::Booster booster(h);
  const std::pair<std::string, std::string> params[] = {
      {"objective", p.objective},
      {"eval_metric", "auc"},
      {"tree_method", "hist"},
      {"max_depth", std::to_string(p.max_depth)},
      {"eta", std::to_string(p.eta)},
      {"subsample", std::to_string(p.subsample)},
      {"colsample_bytree", std::to_string(p.colsample_bytree)},
      {"min_child_weight", std::to_string(p.min_child_weight)},
      {"lambda", std::to_string(p.lambda)},
      {"scale_pos_weight", std::to_string(p.scale_pos_weight)},
      {"seed", std::to_string(p.seed)},
      {"nthread", std::to_string(p.threads)},
      {"verbosity", "0"},
  };
  for (const auto& [k, v] : params) {
    if (XGBoosterSetParam(h, k.c_str(), v.c_str()) != 0) return xgb::LastError("param " + k);
  }
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < p.rounds; ++i) {
    if (XGBoosterUpdateOneIter(h, i, m->get()) != 0) return xgb::LastError("boosting round");
    if (p.on_round) p.on_round(i + 1, p.rounds);
  }
  TrainedModel out;
  out.summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  bst_ulong len = 0;
  const char* bytes = nullptr;
  if (XGBoosterSaveModelToBuffer(h, R"({"format": "json"})", &len, &bytes) != 0) {
    return xgb::LastError("XGBoosterSaveModelToBuffer");
  }
  out.model_json.assign(bytes, len);
  out.summary.rows = x.rows();
  out.summary.features = x.cols();
  out.summary.positives = static_cast<size_t>(
      std::count_if(labels.begin(), labels.end(), [](float l) { return l > 0.5f; }));
  out.summary.rounds = p.rounds;
  return out;
}

}  // namespace haiquan::risk
