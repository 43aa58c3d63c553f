#pragma once

#include <functional>
#include <span>
#include <string>

#include "domain/result.h"
#include "risk/model/feature_matrix.h"

namespace haiquan::risk {

// Gradient-boosted trees. The defaults are the chosen model (docs/model.md says why).
struct TrainingParams {
  // 200, not 400: the same precision on valid and both checks (docs/model.md), and half the
  // trees a filing walks (what scoring costs in the server, where they are out of the caches).
  int rounds = 200;
  int max_depth = 8;
  double eta = 0.05;
  double subsample = 0.8;
  double colsample_bytree = 0.8;
  double min_child_weight = 1;
  double lambda = 1;
  double scale_pos_weight = 1;
  std::string objective = "binary:logistic";
  int seed = 20250101;
  int threads = 2;
  // Told after each boosting round (rounds done, rounds in all): a progress bar.
  std::function<void(int, int)> on_round;
};

struct TrainingSummary {
  size_t rows = 0;
  size_t features = 0;
  size_t positives = 0;
  int rounds = 0;
  double seconds = 0;  // wall-clock time of the boosting rounds
};

struct TrainedModel {
  std::string model_json;  // XGBoost's JSON model format; Scorer::Load reads it back
  TrainingSummary summary;
};

// Trains on the rows with their 0/1 labels. Deterministic: fixed seed, fixed thread count.
domain::Result<TrainedModel> Train(const FeatureMatrix& x, std::span<const float> labels,
                                   const TrainingParams& p = {});

}  // namespace haiquan::risk
