// `haiquan risk backtest`: what the model and the rules would have selected on labelled
// declarations, and how many frauds each selection would have found.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "cli/commands.h"
#include "cli/risk_commands.h"
#include "domain/date.h"
#include "risk/model/declaration_items.h"
#include "risk/rule_engine.h"

namespace haiquan::embedded {
std::string_view default_rules_json();
}

namespace haiquan::cli {
namespace {

struct Tally {
  size_t selected = 0;
  size_t frauds = 0;
};

std::string Json(const char* name, const Tally& t, size_t declarations, size_t frauds) {
  auto ratio = [](size_t a, size_t b) { return b ? static_cast<double>(a) / b : 0.0; };
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "\"%s\": {\"rate\": %.4f, \"declarations\": %zu, \"frauds\": %zu, "
                "\"hitRate\": %.4f, \"recall\": %.4f}",
                name, ratio(t.selected, declarations), t.selected, t.frauds,
                ratio(t.frauds, t.selected), ratio(t.frauds, frauds));
  return buf;
}

struct Options {
  std::string model;
  std::vector<std::string> data;
  double budget = 5;
  bool from_db = false;  // the database's rules, rather than the built-in ones
  ContextOptions context;
};

int Backtest(const Options& o) {
  auto file = ReadRiskModelFile(o.model);
  if (!file.ok()) {
    std::fprintf(stderr, "%s\n", file.error().message.c_str());
    return 1;
  }
  std::vector<risk::Rule> rules;
  risk::SelectionSettings selection = o.context.selection;
  try {
    if (o.from_db) {
      Context ctx(o.context);
      auto stored = ctx.rules->List();
      if (!stored.ok()) throw std::runtime_error(stored.error().message);
      rules = std::move(*stored);
    } else {
      rules = ParseRulesFile(embedded::default_rules_json(), "built-in rules");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  risk::RuleSet rule_set(std::move(rules), selection);

  auto scored = ScoreLabelledFiles(*file, o.model, o.data);
  if (!scored.ok()) {
    std::fprintf(stderr, "%s\n", scored.error().message.c_str());
    return 1;
  }
  const auto& items = scored->items;
  const auto& labels = scored->labels;
  const auto& scores = scored->scores;

  // Declarations: their items, the riskiest item's score, fraud if any item was.
  struct Decl {
    std::vector<size_t> items;
    float score = 0;
    bool fraud = false;
  };
  std::map<std::string, Decl> by_id;
  for (size_t i = 0; i < items.size(); ++i) {
    auto& d = by_id[items[i].declaration_id];
    d.items.push_back(i);
    d.score = std::max(d.score, scores[i]);
    d.fraud = d.fraud || labels[i] == 1;
  }
  std::vector<Decl*> ranked;
  size_t frauds = 0;
  for (auto& [id, d] : by_id) {
    ranked.push_back(&d);
    frauds += d.fraud;
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const Decl* a, const Decl* b) { return a->score > b->score; });
  size_t n = ranked.size();
  size_t budget = static_cast<size_t>(std::ceil(o.budget / 100 * static_cast<double>(n)));
  Tally model_red, rules_red, rules_yellow, combined_red;
  for (size_t r = 0; r < n; ++r) {
    const Decl& d = *ranked[r];
    std::vector<risk::KcsItem> its;
    for (size_t i : d.items) its.push_back(items[i]);
    auto decision = rule_set.Decide(risk::ToDeclaration(its), domain::FormatDate(its[0].date));
    bool by_model = r < budget;
    bool red = decision.lane == domain::Lane::kRed;
    auto count = [&](Tally& t, bool hit) {
      if (!hit) return;
      ++t.selected;
      t.frauds += d.fraud;
    };
    count(model_red, by_model);
    count(rules_red, red);
    count(rules_yellow, decision.lane == domain::Lane::kYellow);
    count(combined_red, by_model || red);
  }
  std::printf(
      "{\"declarations\": %zu, \"frauds\": %zu, \"budgetPercent\": %g, \"ruleSource\": \"%s\",\n"
      " \"model\": {%s},\n \"rules\": {%s, %s},\n \"combined\": {%s}}\n",
      n, frauds, o.budget, o.from_db ? o.context.db_path.c_str() : "built-in",
      Json("red", model_red, n, frauds).c_str(), Json("red", rules_red, n, frauds).c_str(),
      Json("yellow", rules_yellow, n, frauds).c_str(),
      Json("red", combined_red, n, frauds).c_str());
  return 0;
}

}  // namespace

void AddRiskBacktest(CLI::App& risk, int& exit_code) {
  auto* cmd = risk.add_subcommand(
      "backtest",
      "Replay labelled declarations: the lanes and hit rates of the model at an inspection "
      "budget, of the rules, and of both");
  auto o = std::make_shared<Options>();
  cmd->add_option("--model", o->model, "model file from `risk train`")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--data", o->data, "labelled CSV file, later than the training data")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--budget", o->budget, "percent of declarations the model sends to red")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_flag("--db-rules", o->from_db,
                "use the rules stored in --db instead of the built-in ones");
  AddContextOptions(*cmd, o->context);
  cmd->callback([&exit_code, o] { exit_code = Backtest(*o); });
}

}  // namespace haiquan::cli
