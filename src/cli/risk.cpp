// `haiquan risk train` and `haiquan risk evaluate`: the learned risk model (issue 4) on the
// labelled declaration files of docs/model.md, with no server and no database.
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <span>

#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/risk_commands.h"
#include "cli/risk_model_file.h"
#include "domain/date.h"
#include "risk/model/declaration_items.h"
#include "risk/model/metrics.h"
#include "risk/model/scorer.h"
#include "risk/model/trainer.h"
#include "risk/model/training_set.h"

namespace haiquan::cli {

namespace json = boost::json;

// Reads every file; the texts are kept, as a model file carries the history it learnt from.
domain::Result<std::vector<risk::KcsItem>> ReadAll(const std::vector<std::string>& paths,
                                                   std::vector<std::string>* texts) {
  std::vector<risk::KcsItem> items;
  for (const auto& path : paths) {
    std::string text = ReadFile(path);
    auto parsed = risk::ParseKcsCsv(text);
    if (!parsed.ok()) {
      return domain::Error::Invalid(path + ": " + parsed.error().message, parsed.error().fields);
    }
    items.insert(items.end(), parsed->begin(), parsed->end());
    if (texts) texts->push_back(std::move(text));
  }
  return items;
}

// One JSON object, figures to four decimals: {"rows": N, "auc": x, "precision_at": {"1": x, ...},
// "recall_at": {...}} (precision at n%: the share of frauds among the n% ranked riskiest).
std::string Report(const risk::RankingReport& r) {
  auto at = [](const std::vector<double>& v) {
    std::string out = "{";
    const char* names[] = {"1", "2", "5", "10"};
    for (size_t i = 0; i < 4 && i < v.size(); ++i) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "%s\"%s\": %.4f", i ? ", " : "", names[i], v[i]);
      out += buf;
    }
    return out + "}";
  };
  char head[96];
  std::snprintf(head, sizeof head, "{\"rows\": %zu, \"auc\": %.4f, ", r.rows, r.auc);
  return head + std::string("\"precision_at\": ") + at(r.precision_at) +
         ", \"recall_at\": " + at(r.recall_at) + "}";
}

domain::Result<ScoredFiles> ScoreLabelledFiles(const RiskModelFile& file, const std::string& origin,
                                               const std::vector<std::string>& data) {
  if (file.feature_names != risk::FeatureBuilder::Names()) {
    return domain::Error::Invalid(origin +
                                  " was trained on other features than this version computes");
  }
  // The history the model learnt from, replayed so that the scored rows see what was known
  // when they were filed; their own labels are never learnt.
  std::vector<risk::KcsItem> history;
  for (const auto& text : file.history_csv) {
    auto parsed = risk::ParseKcsCsv(text);
    if (!parsed.ok()) return domain::Error::Invalid(origin + ": " + parsed.error().message);
    history.insert(history.end(), parsed->begin(), parsed->end());
  }
  risk::FeatureBuilder builder;
  (void)risk::BuildTrainingSet(history, builder);
  auto items = ReadAll(data, nullptr);
  if (!items.ok()) return items.error();
  ScoredFiles out;
  for (auto& item : *items) {
    if (item.fraud < 0) {
      return domain::Error::Invalid("the Fraud column is needed to score what the model ranks");
    }
    out.labels.push_back(item.fraud);
    item.fraud = item.critical_fraud = -1;  // read only to score, never as a feature
  }
  auto x = risk::BuildScoringSet(*items, builder);
  auto scorer = risk::Scorer::Load(file.model_json);
  if (!scorer.ok()) return scorer.error();
  auto scores = scorer->Score(x);
  if (!scores.ok()) return scores.error();
  out.items = std::move(*items);
  out.scores = std::move(*scores);
  return out;
}

domain::Result<risk::RankingReport> EvaluateModel(const RiskModelFile& file,
                                                  const std::string& origin,
                                                  const std::vector<std::string>& data) {
  auto scored = ScoreLabelledFiles(file, origin, data);
  if (!scored.ok()) return scored.error();
  return risk::Evaluate(scored->scores, scored->labels);
}

namespace {

// Boosts with a progress bar and writes the model file with its history and summary (`extra`
// adds to the summary). Null on failure, which it has reported.
std::optional<risk::TrainingSummary> FitAndWrite(const risk::FeatureMatrix& x,
                                                 std::span<const float> labels, int rounds,
                                                 std::vector<std::string> history,
                                                 json::object extra, const std::string& out) {
  risk::TrainingParams params;
  if (rounds > 0) params.rounds = rounds;
  Progress progress("boosting rounds", static_cast<size_t>(params.rounds));
  params.on_round = [&](int done, int) { progress.Update(static_cast<size_t>(done)); };
  auto model = risk::Train(x, labels, params);
  progress.Finish();
  if (!model.ok()) {
    std::fprintf(stderr, "training failed: %s\n", model.error().message.c_str());
    return std::nullopt;
  }
  RiskModelFile file;
  file.model_json = std::move(model->model_json);
  file.feature_names = risk::FeatureBuilder::Names();
  file.history_csv = std::move(history);
  file.summary = {{"rows", model->summary.rows},
                  {"positives", model->summary.positives},
                  {"features", model->summary.features},
                  {"rounds", model->summary.rounds},
                  {"seconds", std::round(model->summary.seconds * 10) / 10}};
  for (auto& [k, v] : extra) file.summary[k] = std::move(v);
  if (auto s = WriteRiskModelFile(out, file); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.error().message.c_str());
    return std::nullopt;
  }
  return model->summary;
}

int Train(const std::vector<std::string>& data, const std::string& out, int rounds) {
  std::vector<std::string> texts;
  auto items = ReadAll(data, &texts);
  if (!items.ok()) {
    std::fprintf(stderr, "%s\n", items.error().message.c_str());
    return 1;
  }
  for (const auto& item : *items) {
    if (item.fraud < 0) {
      std::fprintf(stderr, "training needs the Fraud column: %s has none\n",
                   item.declaration_id.c_str());
      return 1;
    }
  }
  risk::FeatureBuilder builder;
  auto set = risk::BuildTrainingSet(*items, builder);
  json::array files;
  for (const auto& p : data) files.emplace_back(std::filesystem::path(p).filename().string());
  auto model =
      FitAndWrite(set.x, set.labels, rounds, std::move(texts), {{"files", std::move(files)}}, out);
  if (!model) return 1;
  std::printf("trained on %zu rows (%zu frauds), %d rounds in %.1f s: %s\n", model->rows,
              model->positives, model->rounds, model->seconds, out.c_str());
  return 0;
}

int Evaluate(const std::string& model_path, const std::vector<std::string>& data) {
  auto file = ReadRiskModelFile(model_path);
  if (!file.ok()) {
    std::fprintf(stderr, "%s\n", file.error().message.c_str());
    return 1;
  }
  auto report = EvaluateModel(*file, model_path, data);
  if (!report.ok()) {
    std::fprintf(stderr, "%s\n", report.error().message.c_str());
    return 1;
  }
  std::printf("%s\n", Report(*report).c_str());
  return 0;
}

// The system's own declarations, with their inspections as labels (R3: officers' findings feed
// back into targeting).
int TrainFromDb(const ContextOptions& options, const std::string& out, int rounds) {
  Context ctx(options);
  std::vector<risk::KcsItem> items;
  int64_t through = 0;
  // Read first: a finding recorded during the scan is replayed at activation rather than lost.
  auto last = ctx.db->models().LastInspection();
  if (!last.ok()) {
    std::fprintf(stderr, "%s\n", last.error().message.c_str());
    return 1;
  }
  int64_t last_inspection = *last;
  auto scanned = ctx.db->models().ScanFilings(0, [&](app::FiledForModel&& f) {
    auto day = domain::ParseDate(std::string_view(f.filed_at).substr(0, 10));
    if (!day) return;
    // The finding counts from the day it was recorded, as it will when the model is live.
    auto found = domain::ParseDate(std::string_view(f.found_at).substr(0, 10));
    for (auto& it : risk::ToKcsItems(f.declaration, *day, f.finding,
                                     found ? std::max(*found, *day) : std::chrono::sys_days{})) {
      items.push_back(std::move(it));
    }
    through = f.id;
  });
  if (!scanned.ok()) {
    std::fprintf(stderr, "%s\n", scanned.error().message.c_str());
    return 1;
  }
  risk::FeatureBuilder builder;
  auto all = risk::BuildTrainingSet(items, builder);
  // Only inspected declarations have labels; the others still make up the parties' histories.
  risk::FeatureMatrix x;
  x.names = all.x.names;
  std::vector<float> labels;
  size_t frauds = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].fraud < 0) continue;
    auto row = all.x.Row(i);
    x.values.insert(x.values.end(), row.begin(), row.end());
    labels.push_back(all.labels[i]);
    frauds += items[i].fraud == 1;
  }
  if (frauds == 0 || frauds == labels.size()) {
    std::fprintf(stderr,
                 "%s: training needs inspected declarations, some with findings of fraud and "
                 "some compliant (%zu inspected goods items, %zu with fraud)\n",
                 options.db_path.c_str(), labels.size(), frauds);
    return 1;
  }
  auto model = FitAndWrite(x, labels, rounds, {risk::WriteKcsCsv(items)},
                           {{"files", json::array{"database"}},
                            {"historyItems", items.size()},
                            {"throughDeclaration", through},
                            {"throughInspection", last_inspection}},
                           out);
  if (!model) return 1;
  std::printf(
      "trained on %zu inspected goods items (%zu frauds) of %zu filed, %d rounds in %.1f s: "
      "%s\n",
      labels.size(), frauds, items.size(), model->rounds, model->seconds, out.c_str());
  return 0;
}

}  // namespace

void AddRisk(CLI::App& app, int& exit_code) {
  auto* risk = app.add_subcommand(
      "risk", "The learned risk model: train, evaluate, register, list and backtest");
  risk->require_subcommand(1);

  auto* train = risk->add_subcommand(
      "train",
      "Train a model on labelled declaration files (CSV, docs/model.md), or on the database's "
      "own declarations with their inspection findings (--from-db), and write it");
  auto train_data = std::make_shared<std::vector<std::string>>();
  auto out = std::make_shared<std::string>();
  auto rounds = std::make_shared<int>(0);
  auto from_db = std::make_shared<bool>(false);
  auto train_ctx = std::make_shared<ContextOptions>();
  auto* data_opt = train->add_option("--data", *train_data, "labelled CSV file; repeat for several")
                       ->check(CLI::ExistingFile);
  train
      ->add_flag("--from-db", *from_db,
                 "train on the database's declarations, their inspections as labels")
      ->excludes(data_opt);
  train->add_option("--out", *out, "model file to write")->required();
  train->add_option("--rounds", *rounds, "boosting rounds (default: the chosen model's 200)")
      ->check(CLI::Range(1, 100000));
  AddContextOptions(*train, *train_ctx);
  train->callback([&exit_code, train_data, out, rounds, from_db, train_ctx] {
    if (*from_db) {
      exit_code = TrainFromDb(*train_ctx, *out, *rounds);
    } else if (train_data->empty()) {
      std::fprintf(stderr, "risk train: give --data FILE.csv (repeatable) or --from-db\n");
      exit_code = 2;
    } else {
      exit_code = Train(*train_data, *out, *rounds);
    }
  });

  auto* evaluate = risk->add_subcommand(
      "evaluate", "Rank labelled declarations with a model and print AUC, precision and recall");
  auto model = std::make_shared<std::string>();
  auto eval_data = std::make_shared<std::vector<std::string>>();
  evaluate->add_option("--model", *model, "model file from `risk train`")
      ->required()
      ->check(CLI::ExistingFile);
  evaluate->add_option("--data", *eval_data, "labelled CSV file, later than the training data")
      ->required()
      ->check(CLI::ExistingFile);
  evaluate->callback([&exit_code, model, eval_data] { exit_code = Evaluate(*model, *eval_data); });

  AddRiskRegistry(*risk, exit_code);
  AddRiskBacktest(*risk, exit_code);
}

}  // namespace haiquan::cli
