// What the learned model adds to a filing (issue 4's bar: at most 20 microseconds per goods
// item): LiveModel::Assess, the call FileDeclaration makes, on the valid file's items as our own
// declarations (1 and 3 items each): features, the trees, the riskiest item's contributions and
// reasons, the budget's calibration and cap, then LiveModel::Learn (the filing, once stored). The
// default model is trained once on the train file and cached in /tmp.
// In the server a filing finds the trees and histories mostly out of the core's caches (HTTP,
// JSON, SQLite and the profiles ran since the last one), so each case runs twice: hot (filings
// back to back) and cold (8 MB written between filings, not timed: the core's 2 MB L2 and much
// of the L3 are someone else's data by then).
//   build/release/bench/filing_model_bench [DATA_DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "risk/model/declaration_items.h"
#include "risk/model/live_model.h"
#include "risk/model/trainer.h"
#include "risk/model/training_set.h"

namespace hr = haiquan::risk;

namespace {

[[noreturn]] void Die(const std::string& why) {
  std::fprintf(stderr, "filing_model_bench: %s\n", why.c_str());
  std::exit(1);
}

std::string ModelJson(const std::vector<hr::KcsItem>& train) {
  std::string key;
  for (const auto& n : hr::FeatureBuilder::Names()) key += n + ",";
  key += std::to_string(train.size()) + "," + std::to_string(hr::TrainingParams{}.rounds);
  char cache[80];
  std::snprintf(cache, sizeof cache, "/tmp/haiquan_filing_model_bench_%016zx.json",
                std::hash<std::string>{}(key));
  if (std::ifstream in(cache); in) {
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::fprintf(stderr, "training the default model on %zu rows...\n", train.size());
  hr::FeatureBuilder builder;
  auto set = hr::BuildTrainingSet(train, builder);
  auto m = hr::Train(set.x, set.labels);
  if (!m.ok()) Die(m.error().message);
  std::ofstream(cache) << m->model_json;
  return m->model_json;
}

double Percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

// Between cold filings: written, so that the lines are evicted dirty as the server's would be.
std::vector<char> evict(8 << 20);

void Run(const std::string& json, const std::vector<hr::KcsItem>& train,
         const std::vector<hr::KcsItem>& valid, size_t per_declaration, bool cold) {
  auto model = hr::LiveModel::Create(1, json, train, hr::SelectionBudget{});
  if (!model.ok()) Die(model.error().message);
  std::vector<haiquan::domain::Declaration> declarations;
  std::vector<std::chrono::sys_days> days;
  for (size_t i = 0; i + per_declaration <= valid.size(); i += per_declaration) {
    auto d = hr::ToDeclaration(std::span(valid).subspan(i, per_declaration));
    d.declarant_reference = "B" + std::to_string(i);
    declarations.push_back(std::move(d));
    days.push_back(valid[i].date);
  }
  std::vector<double> per_item;
  per_item.reserve(declarations.size());
  size_t reasons = 0, explained = 0;
  double total = 0;
  for (size_t i = 0; i < declarations.size(); ++i) {
    if (cold) {
      for (size_t at = 0; at < evict.size(); at += 64) evict[at] = static_cast<char>(i + at);
    }
    auto t0 = std::chrono::steady_clock::now();
    auto assessed = (*model)->Assess(declarations[i], days[i]);
    (*model)->Learn(assessed);  // as the store's callback does once the filing is stored
    auto t1 = std::chrono::steady_clock::now();
    reasons += assessed.signals.size();
    explained += assessed.signals.size() > 1;
    double us = std::chrono::duration<double, std::micro>(t1 - t0).count();
    total += us;
    per_item.push_back(us / static_cast<double>(per_declaration));
  }
  double items = static_cast<double>(declarations.size() * per_declaration);
  double n = static_cast<double>(declarations.size());
  std::printf(
      "%s, %zu item(s) per declaration, %zu declarations: per goods item mean %.1f us, p50 %.1f, "
      "p90 %.1f, p99 %.1f (%.1f signals per declaration, %.1f%% explained)\n",
      cold ? "cold" : "hot ", per_declaration, declarations.size(), total / items,
      Percentile(per_item, 0.5), Percentile(per_item, 0.9), Percentile(per_item, 0.99),
      static_cast<double>(reasons) / n, 100.0 * static_cast<double>(explained) / n);
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir =
      argc > 1 ? argv[1] : std::string(HAIQUAN_SOURCE_DIR) + "/../shared/data/customs-declarations";
  auto train = hr::ReadKcsCsvFile(dir + "/df_syn_train_eng.csv");
  auto valid = hr::ReadKcsCsvFile(dir + "/df_syn_valid_eng.csv");
  if (!train.ok() || !valid.ok()) Die("cannot read the KCS files in " + dir);
  for (auto& it : *valid) it.fraud = it.critical_fraud = -1;
  std::string json = ModelJson(*train);
  for (int round = 0; round < 2; ++round) {
    for (bool cold : {false, true}) {
      Run(json, *train, *valid, 1, cold);
      Run(json, *train, *valid, 3, cold);
    }
  }
  return 0;
}
