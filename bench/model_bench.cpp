// The learned model's cost per goods item at filing: features, probability, contributions and
// their explanation, against the 20 us budget; and XGBoost's own single-row prediction for the
// record. Trains the default model on the KCS train file once (cached in /tmp), scores the valid
// file. Run with OMP_WAIT_POLICY=passive (docs/model.md says why).

#include <benchmark/benchmark.h>
#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "risk/model/explain.h"
#include "risk/model/features.h"
#include "risk/model/kcs_csv.h"
#include "risk/model/metrics.h"
#include "risk/model/trainer.h"
#include "risk/model/training_set.h"
#include "risk/model/tree_ensemble.h"
#include "risk/model/xgboost_handles.h"

namespace haiquan::bench {
namespace {

namespace hr = risk;

struct Setup {
  std::vector<hr::KcsItem> valid;
  hr::FeatureBuilder builder;
  hr::FeatureMatrix x;  // valid rows' features as at filing
  std::string model_json;
  hr::TreeEnsemble ensemble;
  std::unique_ptr<hr::Explainer> explainer;
  hr::xgb::Booster booster;
  float shown_threshold = 0;  // probability of the valid file's top 10%
};

Setup* g = nullptr;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "model_bench: %s\n", what.c_str());
  std::exit(1);
}

std::string DataDir() {
  if (const char* d = std::getenv("HAIQUAN_DATA")) return d;
  return std::string(HAIQUAN_SOURCE_DIR) + "/../shared/data/customs-declarations";
}

// The cache is keyed by what the model depends on: features, parameters, training file.
std::string CachePath(const std::string& train_path) {
  std::string key;
  for (const auto& n : hr::FeatureBuilder::Names()) key += n + ",";
  hr::TrainingParams p;
  key += std::to_string(p.rounds) + "/" + std::to_string(p.max_depth) + "/" +
         std::to_string(p.eta) + "/" + std::to_string(p.seed) + "/" +
         std::to_string(std::filesystem::file_size(train_path));
  char name[64];
  std::snprintf(name, sizeof name, "/tmp/haiquan_model_bench_%016zx.json",
                std::hash<std::string>{}(key));
  return name;
}

std::string TrainedModel(const hr::LabelledSet& ts, const std::string& cache) {
  if (std::ifstream in(cache); in) {
    std::stringstream s;
    s << in.rdbuf();
    std::fprintf(stderr, "model from cache %s\n", cache.c_str());
    return s.str();
  }
  std::fprintf(stderr, "training the default model on %zu rows...\n", ts.x.rows());
  auto m = hr::Train(ts.x, ts.labels);
  if (!m) Die(m.error().message);
  std::fprintf(stderr, "trained in %.1f s\n", m->summary.seconds);
  std::ofstream(cache) << m->model_json;
  return m->model_json;
}

std::vector<float> XgboostBatch(const hr::FeatureMatrix& x, int type) {
  auto m = hr::xgb::MakeDMatrix(x, 2);
  if (!m) Die(m.error().message);
  auto out = hr::xgb::Predict(g->booster.get(), m->get(), type);
  if (!out) Die(out.error().message);
  return std::move(*out);
}

// Our evaluator against XGBoost's batch prediction on every valid row.
void CheckParity() {
  const size_t cols = g->x.cols();
  auto margins = XgboostBatch(g->x, 1);
  auto contribs = XgboostBatch(g->x, 3);
  double max_margin = 0, max_contrib = 0, max_sum = 0;
  std::vector<float> c(cols + 1);
  for (size_t r = 0; r < g->x.rows(); ++r) {
    const float m = g->ensemble.Margin(g->x.Row(r));
    max_margin = std::max(max_margin, std::fabs(double(m) - margins[r]));
    g->ensemble.Contributions(g->x.Row(r), c);
    for (size_t f = 0; f <= cols; ++f) {
      max_contrib = std::max(max_contrib, std::fabs(double(c[f]) - contribs[r * (cols + 1) + f]));
    }
    max_sum = std::max(max_sum, std::fabs(std::accumulate(c.begin(), c.end(), 0.0) - m));
  }
  std::printf(
      "parity on %zu valid rows: max |margin - XGBoost| %.2e, max |contribution - XGBoost| %.2e, "
      "max |sum of contributions - margin| %.2e\n",
      g->x.rows(), max_margin, max_contrib, max_sum);
}

// The top of the valid file's ranking, as an officer would read it.
void PrintExamples() {
  std::vector<float> p(g->x.rows());
  for (size_t r = 0; r < p.size(); ++r) p[r] = g->ensemble.Probability(g->x.Row(r));
  std::vector<int> labels;
  for (const auto& it : g->valid) labels.push_back(it.fraud);
  std::printf("valid AUC %.4f\n", hr::Auc(p, labels));
  std::vector<size_t> order(p.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] > p[b]; });
  // BM_ScoreAndExplainShown explains the items an officer would see: here the top 10%.
  g->shown_threshold = p[order[p.size() / 10]];
  std::vector<float> c(g->x.cols() + 1);
  // The top three, then two further down the ranking for other kinds of reasons.
  for (size_t rank : {1, 2, 3, 50, 400}) {
    const size_t r = order[rank - 1];
    const auto& it = g->valid[r];
    g->ensemble.Contributions(g->x.Row(r), c);
    std::printf("#%zu declaration %s HS %s origin %s departure %s importer %s: p=%.3f (fraud=%d)\n",
                rank, it.declaration_id.c_str(), it.hs6.c_str(), it.origin_country.c_str(),
                it.departure_country.c_str(), it.importer.c_str(), p[r], it.fraud);
    for (const auto& reason :
         g->explainer->Explain(it, g->x.Row(r), c, &g->builder.findings(), 3)) {
      std::printf("    %+.3f %-32s %s\n", reason.contribution, reason.code.c_str(),
                  reason.text.c_str());
    }
  }
}

void Prepare() {
  const std::string dir = DataDir();
  auto train = hr::ReadKcsCsvFile(dir + "/df_syn_train_eng.csv");
  auto valid = hr::ReadKcsCsvFile(dir + "/df_syn_valid_eng.csv");
  if (!train || !valid) Die("cannot read the KCS files in " + dir + " (HAIQUAN_DATA=DIR)");
  g = new Setup;
  g->valid = std::move(*valid);
  hr::LabelledSet ts = hr::BuildTrainingSet(*train, g->builder);
  g->model_json = TrainedModel(ts, CachePath(dir + "/df_syn_train_eng.csv"));
  // The valid labels are never learnt; their filings are, as each was known when the next came.
  std::vector<hr::KcsItem> unlabelled = g->valid;
  for (auto& it : unlabelled) it.fraud = it.critical_fraud = -1;
  g->x = hr::BuildScoringSet(unlabelled, g->builder);

  auto e = hr::TreeEnsemble::FromXgboostJson(g->model_json);
  if (!e) Die(e.error().message);
  g->ensemble = std::move(*e);
  g->explainer = std::make_unique<hr::Explainer>(hr::FeatureBuilder::Names());
  BoosterHandle h = nullptr;
  if (XGBoosterCreate(nullptr, 0, &h) != 0) Die(XGBGetLastError());
  g->booster.reset(h);
  if (XGBoosterLoadModelFromBuffer(h, g->model_json.data(), g->model_json.size()) != 0 ||
      XGBoosterSetParam(h, "nthread", "1") != 0) {
    Die(XGBGetLastError());
  }
  std::printf("model: %zu trees, %zu nodes, %zu features\n", g->ensemble.num_trees(),
              g->ensemble.num_nodes(), g->ensemble.num_features());
  CheckParity();
  PrintExamples();
}

// Items in the valid file's order: one iteration is one goods item.
void BM_FeatureCompute(benchmark::State& state) {
  std::vector<float> out(g->x.cols());
  size_t i = 0;
  for (auto _ : state) {
    g->builder.Compute(g->valid[i++ % g->valid.size()], out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FeatureCompute);

// What each filing and each inspection finding costs the state, on a copy of the builder (the
// valid items again and again: counts grow, the tables hardly do).
void BM_LearnFiling(benchmark::State& state) {
  hr::FeatureBuilder builder = g->builder;
  size_t i = 0;
  for (auto _ : state) builder.LearnFiling(g->valid[i++ % g->valid.size()]);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LearnFiling);

void BM_LearnFinding(benchmark::State& state) {
  hr::FeatureBuilder builder = g->builder;
  size_t i = 0;
  for (auto _ : state) {
    const auto& item = g->valid[i++ % g->valid.size()];
    builder.LearnFinding(item, item.fraud == 1);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LearnFinding);

void BM_Probability(benchmark::State& state) {
  size_t i = 0;
  for (auto _ : state) {
    float p = g->ensemble.Probability(g->x.Row(i++ % g->x.rows()));
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Probability);

void BM_Contributions(benchmark::State& state) {
  std::vector<float> c(g->x.cols() + 1);
  size_t i = 0;
  for (auto _ : state) {
    float m = g->ensemble.Contributions(g->x.Row(i++ % g->x.rows()), c);
    benchmark::DoNotOptimize(m);
    benchmark::DoNotOptimize(c.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Contributions);

void BM_ContributionsAndExplanation(benchmark::State& state) {
  std::vector<float> c(g->x.cols() + 1);
  size_t i = 0;
  for (auto _ : state) {
    const size_t r = i++ % g->x.rows();
    g->ensemble.Contributions(g->x.Row(r), c);
    auto reasons = g->explainer->Explain(g->valid[r], g->x.Row(r), c, &g->builder.findings());
    benchmark::DoNotOptimize(reasons);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ContributionsAndExplanation);

// The explanation alone, from contributions computed beforehand.
void BM_Explain(benchmark::State& state) {
  std::vector<float> c(g->x.rows() * (g->x.cols() + 1));
  const size_t width = g->x.cols() + 1;
  for (size_t r = 0; r < g->x.rows(); ++r) {
    g->ensemble.Contributions(g->x.Row(r), std::span(c).subspan(r * width, width));
  }
  size_t i = 0;
  for (auto _ : state) {
    const size_t r = i++ % g->x.rows();
    auto reasons = g->explainer->Explain(
        g->valid[r], g->x.Row(r), std::span(c).subspan(r * width, width), &g->builder.findings());
    benchmark::DoNotOptimize(reasons);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Explain);

// What filing does for every item: features, probability, reasons.
void BM_ScoreAndExplain(benchmark::State& state) {
  std::vector<float> x(g->x.cols());
  std::vector<float> c(g->x.cols() + 1);
  size_t i = 0;
  for (auto _ : state) {
    const auto& item = g->valid[i++ % g->valid.size()];
    g->builder.Compute(item, x);
    float p = g->ensemble.Probability(x);
    g->ensemble.Contributions(x, c);
    auto reasons = g->explainer->Explain(item, x, c, &g->builder.findings());
    benchmark::DoNotOptimize(p);
    benchmark::DoNotOptimize(reasons);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScoreAndExplain);

// The same with one walk of the trees: Contributions finds the margin on its way.
void BM_ScoreAndExplainOneWalk(benchmark::State& state) {
  std::vector<float> x(g->x.cols());
  std::vector<float> c(g->x.cols() + 1);
  size_t i = 0;
  for (auto _ : state) {
    const auto& item = g->valid[i++ % g->valid.size()];
    g->builder.Compute(item, x);
    float p = hr::TreeEnsemble::Sigmoid(g->ensemble.Contributions(x, c));
    auto reasons = g->explainer->Explain(item, x, c, &g->builder.findings());
    benchmark::DoNotOptimize(p);
    benchmark::DoNotOptimize(reasons);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScoreAndExplainOneWalk);

// The same, explaining only the items risky enough to be shown (the valid file's top 10%).
void BM_ScoreAndExplainShown(benchmark::State& state) {
  std::vector<float> x(g->x.cols());
  std::vector<float> c(g->x.cols() + 1);
  size_t i = 0;
  for (auto _ : state) {
    const auto& item = g->valid[i++ % g->valid.size()];
    g->builder.Compute(item, x);
    float p = g->ensemble.Probability(x);
    if (p >= g->shown_threshold) {
      g->ensemble.Contributions(x, c);
      auto reasons = g->explainer->Explain(item, x, c, &g->builder.findings());
      benchmark::DoNotOptimize(reasons);
    }
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScoreAndExplainShown);

// XGBoost's fastest single-row path in 1.7: in-place prediction from a dense array.
void BM_XgboostInplaceOneRow(benchmark::State& state) {
  const char* config = R"({"type": 0, "training": false, "iteration_begin": 0,
      "iteration_end": 0, "strict_shape": false, "cache_id": 0, "missing": NaN})";
  size_t i = 0;
  char interface[160];
  for (auto _ : state) {
    const float* row = g->x.Row(i++ % g->x.rows()).data();
    std::snprintf(interface, sizeof interface,
                  R"({"data": [%zu, true], "shape": [1, %zu], "typestr": "<f4", "version": 3})",
                  reinterpret_cast<size_t>(row), g->x.cols());
    const bst_ulong* shape = nullptr;
    bst_ulong dim = 0;
    const float* out = nullptr;
    if (XGBoosterPredictFromDense(g->booster.get(), interface, config, nullptr, &shape, &dim,
                                  &out) != 0) {
      state.SkipWithError(XGBGetLastError());
      break;
    }
    benchmark::DoNotOptimize(out[0]);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_XgboostInplaceOneRow);

// The common path: a one-row DMatrix, then predict (type 0) or approximate contributions (3).
void BM_XgboostDMatrixOneRow(benchmark::State& state) {
  const std::string config = R"({"type": )" + std::to_string(state.range(0)) +
                             R"(, "training": false, "iteration_begin": 0, "iteration_end": 0,
                                 "strict_shape": false})";
  size_t i = 0;
  for (auto _ : state) {
    const float* row = g->x.Row(i++ % g->x.rows()).data();
    DMatrixHandle d = nullptr;
    if (XGDMatrixCreateFromMat(row, 1, g->x.cols(), std::nanf(""), &d) != 0) {
      state.SkipWithError(XGBGetLastError());
      break;
    }
    hr::xgb::DMatrix m(d);
    const bst_ulong* shape = nullptr;
    bst_ulong dim = 0;
    const float* out = nullptr;
    if (XGBoosterPredictFromDMatrix(g->booster.get(), d, config.c_str(), &shape, &dim, &out) != 0) {
      state.SkipWithError(XGBGetLastError());
      break;
    }
    benchmark::DoNotOptimize(out[0]);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_XgboostDMatrixOneRow)->Arg(0)->Arg(3);

}  // namespace
}  // namespace haiquan::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  haiquan::bench::Prepare();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
