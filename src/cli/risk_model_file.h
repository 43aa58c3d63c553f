#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace haiquan::cli {

// What `haiquan risk train` writes: one JSON document holding the XGBoost model, the names of
// the features it was trained on, a summary of the training, and the labelled files it learnt
// from. Scoring a later declaration needs that history (the importer's earlier filings and
// findings...), so a model file carries it and `risk evaluate` replays it before scoring.
struct RiskModelFile {
  static constexpr const char* kFormat = "haiquan-risk-model/1";
  std::string model_json;  // XGBoost's JSON model
  std::vector<std::string> feature_names;
  boost::json::object summary;
  std::vector<std::string> history_csv;  // the training files' text, in training order
};

domain::Status WriteRiskModelFile(const std::string& path, const RiskModelFile& file);
domain::Result<RiskModelFile> ReadRiskModelFile(const std::string& path);
// `origin` names the text in errors (a path, "model version 3").
domain::Result<RiskModelFile> ParseRiskModelFile(std::string_view text, const std::string& origin);

}  // namespace haiquan::cli
