#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/risk_model_file.h"
#include "domain/result.h"
#include "risk/model/kcs_csv.h"
#include "risk/model/metrics.h"

namespace haiquan::cli {

// `haiquan risk register` and `haiquan risk list`: the model registry (risk_registry.cpp).
void AddRiskRegistry(CLI::App& risk, int& exit_code);
// `haiquan risk backtest` (risk_backtest.cpp).
void AddRiskBacktest(CLI::App& risk, int& exit_code);

// Reads labelled CSV files; with `texts`, keeps their text too.
domain::Result<std::vector<risk::KcsItem>> ReadAll(const std::vector<std::string>& paths,
                                                   std::vector<std::string>* texts);
// Labelled files scored by a model file: its history replayed, then the files' rows in filing
// order without learning their labels (kept apart, to count what the ranking finds).
struct ScoredFiles {
  std::vector<risk::KcsItem> items;  // labels cleared
  std::vector<int> labels;
  std::vector<float> scores;
};
domain::Result<ScoredFiles> ScoreLabelledFiles(const RiskModelFile& file, const std::string& origin,
                                               const std::vector<std::string>& data);
// `risk evaluate`'s figures: the model's history replayed, then the files' rows ranked
// without learning their labels.
domain::Result<risk::RankingReport> EvaluateModel(const RiskModelFile& file,
                                                  const std::string& origin,
                                                  const std::vector<std::string>& data);
// One JSON object: {"rows": N, "auc": x, "precision_at": {...}, "recall_at": {...}}.
std::string Report(const risk::RankingReport& r);

}  // namespace haiquan::cli
