// Model lab: trains the learned risk model on the KCS training file, scores the validation file
// and prints the ranking metrics as JSON, then the robustness checks (docs/model.md).
//
//   model_lab [--data DIR] [--findings earlier|oof] [--rounds N] [--depth N] [--eta X]
//             [--subsample X] [--colsample X] [--min-child X] [--spw X] [--lambda X]
//             [--objective O] [--prior X] [--drop PREFIX,...] [--keep PREFIX,...]
//             [--no-checks] [--no-timing] [--importance]
#include <xgboost/c_api.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "risk/model/kcs_csv.h"
#include "risk/model/metrics.h"
#include "risk/model/scorer.h"
#include "risk/model/trainer.h"
#include "risk/model/training_set.h"

namespace hr = haiquan::risk;

namespace {

struct Options {
  std::string data = "../shared/data/customs-declarations";
  hr::TrainingFindings findings = hr::TrainingFindings::kEarlierDates;
  hr::TrainingParams params;
  hr::FeatureSettings features;
  std::vector<std::string> drop;
  std::vector<std::string> keep;
  bool checks = true;
  bool importance = false;
  bool timing = true;
};

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

bool Dropped(const Options& o, const std::string& name) {
  if (!o.keep.empty()) {
    bool kept = false;
    for (const auto& k : o.keep) kept = kept || name.starts_with(k);
    if (!kept) return true;
  }
  for (const auto& d : o.drop) {
    if (name.starts_with(d)) return true;
  }
  return false;
}

// The lab's ablations: the same matrix without some columns.
hr::FeatureMatrix Select(const Options& o, const hr::FeatureMatrix& x) {
  std::vector<size_t> cols;
  hr::FeatureMatrix out;
  for (size_t c = 0; c < x.cols(); ++c) {
    if (Dropped(o, x.names[c])) continue;
    cols.push_back(c);
    out.names.push_back(x.names[c]);
  }
  out.values.reserve(x.rows() * cols.size());
  for (size_t r = 0; r < x.rows(); ++r) {
    auto row = x.Row(r);
    for (size_t c : cols) out.values.push_back(row[c]);
  }
  return out;
}

std::string Json(const hr::RankingReport& r) {
  const char* shares[] = {"1", "2", "5", "10"};
  std::ostringstream s;
  s.precision(4);
  s << std::fixed << R"({"rows": )" << r.rows << R"(, "auc": )" << r.auc
    << R"(, "precision_at": {)";
  for (size_t i = 0; i < r.precision_at.size(); ++i) {
    s << (i ? ", " : "") << '"' << shares[i] << R"(": )" << r.precision_at[i];
  }
  s << R"(}, "recall_at": {)";
  for (size_t i = 0; i < r.recall_at.size(); ++i) {
    s << (i ? ", " : "") << '"' << shares[i] << R"(": )" << r.recall_at[i];
  }
  s << "}}";
  return s.str();
}

struct Run {
  hr::RankingReport report;
  hr::TrainingSummary summary;
  double feature_seconds = 0;
};

// Trains on `train` and scores `test`; test labels are read only by Evaluate.
Run TrainAndScore(const Options& o, const std::vector<hr::KcsItem>& train,
                  const std::vector<hr::KcsItem>& test, std::string* model_json = nullptr,
                  std::vector<std::string>* names = nullptr) {
  auto start = std::chrono::steady_clock::now();
  hr::FeatureBuilder builder(o.features);
  hr::LabelledSet ts = hr::BuildTrainingSet(train, builder, o.findings);
  hr::FeatureMatrix tx = Select(o, ts.x);
  // The scored items go in without their findings, so no feature can read one.
  std::vector<hr::KcsItem> unlabelled = test;
  for (auto& it : unlabelled) it.fraud = it.critical_fraud = -1;
  hr::FeatureMatrix vx = Select(o, hr::BuildScoringSet(unlabelled, builder));
  Run run;
  run.feature_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto model = hr::Train(tx, ts.labels, o.params);
  if (!model) {
    std::fprintf(stderr, "training failed: %s\n", model.error().message.c_str());
    std::exit(1);
  }
  run.summary = model->summary;
  auto scorer = hr::Scorer::Load(model->model_json, o.params.threads);
  if (!scorer) {
    std::fprintf(stderr, "%s\n", scorer.error().message.c_str());
    std::exit(1);
  }
  auto scores = scorer->Score(vx);
  if (!scores) {
    std::fprintf(stderr, "%s\n", scores.error().message.c_str());
    std::exit(1);
  }
  std::vector<int> labels;
  for (const auto& it : test) labels.push_back(it.fraud == 1 ? 1 : 0);
  run.report = hr::Evaluate(*scores, labels);
  if (model_json) *model_json = std::move(model->model_json);
  if (names) *names = tx.names;
  return run;
}

// Share of the total gain per feature; the booster names features f<column>.
void PrintImportance(const std::string& model_json, const std::vector<std::string>& names) {
  BoosterHandle h = nullptr;
  XGBoosterCreate(nullptr, 0, &h);
  XGBoosterLoadModelFromBuffer(h, model_json.data(), model_json.size());
  bst_ulong n = 0;
  const char** features = nullptr;
  bst_ulong dim = 0;
  const bst_ulong* shape = nullptr;
  const float* scores = nullptr;
  XGBoosterFeatureScore(h, R"({"importance_type": "total_gain"})", &n, &features, &dim, &shape,
                        &scores);
  std::multimap<float, std::string, std::greater<>> sorted;
  double total = 0;
  for (bst_ulong i = 0; i < n; ++i) {
    std::string name = features[i];
    if (name.size() > 1 && name[0] == 'f') {
      size_t c = std::stoul(name.substr(1));
      if (c < names.size()) name = names[c];
    }
    sorted.emplace(scores[i], name);
    total += scores[i];
  }
  for (const auto& [s, name] : sorted) std::printf("  %-40s %.4f\n", name.c_str(), s / total);
  XGBoosterFree(h);
}

std::vector<hr::KcsItem> Load(const std::string& path) {
  auto items = hr::ReadKcsCsvFile(path);
  if (!items) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), items.error().message.c_str());
    std::exit(1);
  }
  return std::move(items).value();
}

std::vector<hr::KcsItem> Between(const std::vector<hr::KcsItem>& items, const char* from,
                                 const char* to) {
  auto parse = [](const char* s) {
    int y = 0;
    unsigned m = 0, d = 0;
    std::sscanf(s, "%d-%u-%u", &y, &m, &d);
    return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) /
                                 std::chrono::day(d));
  };
  std::vector<hr::KcsItem> out;
  for (const auto& it : items) {
    if (it.date >= parse(from) && it.date < parse(to)) out.push_back(it);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--data")
      o.data = next();
    else if (a == "--findings")
      o.findings =
          next() == "oof" ? hr::TrainingFindings::kOutOfFold : hr::TrainingFindings::kEarlierDates;
    else if (a == "--rounds")
      o.params.rounds = std::stoi(next());
    else if (a == "--depth")
      o.params.max_depth = std::stoi(next());
    else if (a == "--eta")
      o.params.eta = std::stod(next());
    else if (a == "--subsample")
      o.params.subsample = std::stod(next());
    else if (a == "--colsample")
      o.params.colsample_bytree = std::stod(next());
    else if (a == "--min-child")
      o.params.min_child_weight = std::stod(next());
    else if (a == "--spw")
      o.params.scale_pos_weight = std::stod(next());
    else if (a == "--lambda")
      o.params.lambda = std::stod(next());
    else if (a == "--objective")
      o.params.objective = next();
    else if (a == "--prior")
      o.features.prior_strength = std::stod(next());
    else if (a == "--drop")
      o.drop = Split(next());
    else if (a == "--keep")
      o.keep = Split(next());
    else if (a == "--no-checks")
      o.checks = false;
    else if (a == "--importance")
      o.importance = true;
    else if (a == "--no-timing")
      o.timing = false;
    else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return 2;
    }
  }
  auto train = Load(o.data + "/df_syn_train_eng.csv");
  auto valid = Load(o.data + "/df_syn_valid_eng.csv");

  std::string model_json;
  std::vector<std::string> names;
  Run main_run = TrainAndScore(o, train, valid, &model_json, &names);
  std::printf("valid %s\n", Json(main_run.report).c_str());
  std::printf("train rows %zu, features %zu, features built in %.2f s, trained in %.2f s\n",
              main_run.summary.rows, main_run.summary.features, main_run.feature_seconds,
              main_run.summary.seconds);
  if (o.importance) PrintImportance(model_json, names);
  if (!o.checks) return 0;

  // Robustness: a quarter that was never looked at while choosing features, and the newest data.
  Run q4 = TrainAndScore(o, Between(train, "2020-01-01", "2020-10-01"),
                         Between(train, "2020-10-01", "2021-01-01"));
  std::printf("check 2020-Q1..Q3 -> 2020-Q4 %s\n", Json(q4.report).c_str());
  std::vector<hr::KcsItem> train_plus = train;
  auto first_half = Between(valid, "2021-01-01", "2021-02-15");
  train_plus.insert(train_plus.end(), first_half.begin(), first_half.end());
  Run late = TrainAndScore(o, train_plus, Between(valid, "2021-02-15", "2021-04-01"));
  std::printf("check train+valid<02-15 -> valid>=02-15 %s\n", Json(late.report).c_str());

  if (!o.timing) return 0;
  // Training time on everything (the size of the production fit).
  std::vector<hr::KcsItem> all = train;
  all.insert(all.end(), valid.begin(), valid.end());
  auto start = std::chrono::steady_clock::now();
  hr::FeatureBuilder builder(o.features);
  hr::LabelledSet ts = hr::BuildTrainingSet(all, builder, o.findings);
  auto model = hr::Train(Select(o, ts.x), ts.labels, o.params);
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("train+valid %zu rows: %.2f s in all (boosting %.2f s)\n", ts.x.rows(), total,
              model ? model->summary.seconds : -1.0);
  return 0;
}
