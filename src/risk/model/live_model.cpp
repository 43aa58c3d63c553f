#include "risk/model/live_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <unordered_map>

#include "risk/model/declaration_items.h"
#include "risk/model/training_set.h"
#include "risk/rule_engine.h"

namespace haiquan::risk {
namespace {

std::string Percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g%%", share * 100);
  return buf;
}

std::string Fixed(double v, int digits) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// The largest score left out when the top `share` of `scores` is selected (select: score >
// threshold). Ties at the boundary are left out together: a budget is a cap, and a model that
// gives a thousand new traders the same score must not send all of them to inspection.
float Threshold(std::vector<float>& scores, double share) {
  if (scores.empty() || share <= 0) return std::numeric_limits<float>::infinity();
  if (share >= 1) return -std::numeric_limits<float>::infinity();
  size_t n = scores.size();
  size_t k = static_cast<size_t>(std::floor((1 - share) * static_cast<double>(n)));
  if (k == 0) return -std::numeric_limits<float>::infinity();
  std::nth_element(scores.begin(), scores.begin() + static_cast<ptrdiff_t>(k - 1), scores.end());
  return scores[k - 1];
}

constexpr size_t kCalibrateEvery = 256;

}  // namespace

std::vector<std::pair<std::string, std::string>> SelectionBudget::Faults() const {
  std::vector<std::pair<std::string, std::string>> out;
  auto share = [&](const char* name, double v) {
    if (!(v >= 0 && v <= 1)) out.emplace_back(name, "must be a share between 0 and 1");
  };
  share("redBudget", red);
  share("yellowBudget", yellow);
  share("exploreShare", explore);
  if (out.empty() && red + yellow > 1) {
    out.emplace_back("yellowBudget", "red and yellow budgets together exceed every declaration");
  }
  return out;
}

LiveModel::LiveModel(int64_t version, TreeEnsemble trees, SelectionBudget budget, uint64_t seed)
    : version_(version),
      trees_(std::move(trees)),
      explainer_(FeatureBuilder::Names()),
      budget_(budget),
      seed_(seed) {}

domain::Result<std::unique_ptr<LiveModel>> LiveModel::Create(int64_t version,
                                                             std::string_view model_json,
                                                             std::span<const KcsItem> history,
                                                             SelectionBudget budget,
                                                             uint64_t seed) {
  if (auto faults = budget.Faults(); !faults.empty()) {
    return domain::Error::Invalid(faults[0].first + ": " + faults[0].second);
  }
  if (budget.window == 0) budget.window = 1;
  auto trees = TreeEnsemble::FromXgboostJson(model_json);
  if (!trees.ok()) return trees.error();
  // Models saved without names are checked by their width; the model file checks the names.
  bool named = !trees->feature_names().empty();
  if (named ? trees->feature_names() != FeatureBuilder::Names()
            : trees->num_features() != FeatureBuilder::Names().size()) {
    return domain::Error::Invalid(
        "the model was trained on other features than this version of Haiquan computes");
  }
  std::unique_ptr<LiveModel> m(new LiveModel(version, std::move(*trees), budget, seed));
  std::lock_guard lock(m->mu_);
  // As BuildTrainingSet fed them: filings in date order, each date's findings once it is over.
  // The last `window` items are scored before they are learnt, as training saw them, so that
  // the first filings meet thresholds already.
  std::vector<size_t> order = FilingOrder(history);
  size_t scored_from = order.size() > budget.window ? order.size() - budget.window : 0;
  std::unordered_map<std::string, float> by_declaration;
  std::vector<std::string> declaration_order;
  const size_t cols = FeatureBuilder::Names().size();
  m->features_.resize(cols);
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && history[order[j]].date == history[order[i]].date) ++j;
    for (size_t p = i; p < j; ++p) {
      const KcsItem& it = history[order[p]];
      if (p >= scored_from) {
        m->builder_.Compute(it, m->features_);
        float s = m->trees_.Probability(m->features_);
        auto [at, fresh] = by_declaration.try_emplace(it.declaration_id, s);
        if (fresh) {
          declaration_order.push_back(it.declaration_id);
        } else {
          at->second = std::max(at->second, s);
        }
      }
      m->builder_.LearnFiling(it);
    }
    for (size_t p = i; p < j; ++p) {
      const KcsItem& it = history[order[p]];
      if (it.fraud >= 0) m->builder_.LearnFinding(it, it.fraud == 1);
    }
    i = j;
  }
  m->builder_.FreezeVocabulary();
  for (const auto& id : declaration_order) m->AddScoreLocked(by_declaration[id]);
  m->CalibrateLocked();
  return m;
}

float LiveModel::ScoreLocked(std::span<const KcsItem> items, size_t* riskiest,
                             std::vector<Reason>* reasons) {
  const size_t cols = FeatureBuilder::Names().size();
  features_.resize(std::max<size_t>(1, items.size()) * cols);
  float best = 0;
  size_t best_at = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    std::span<float> row(features_.data() + i * cols, cols);
    // Each item sees the ones before it, as the training's items of one declaration did.
    builder_.Compute(items[i], row);
    builder_.LearnFiling(items[i]);
    if (reasons && items.size() == 1) {
      // The contributions' walk finds the margin too: one walk instead of two.
      contributions_.resize(cols + 1);
      best = TreeEnsemble::Sigmoid(trees_.Contributions(row, contributions_));
      *reasons = explainer_.Explain(items[0], row, contributions_, &builder_.findings(), 3);
      if (riskiest) *riskiest = 0;
      return best;
    }
    float p = trees_.Probability(row);
    if (i == 0 || p > best) {
      best = p;
      best_at = i;
    }
  }
  if (riskiest) *riskiest = best_at;
  if (reasons && !items.empty()) {
    std::span<const float> row(features_.data() + best_at * cols, cols);
    contributions_.resize(cols + 1);
    trees_.Contributions(row, contributions_);
    *reasons = explainer_.Explain(items[best_at], row, contributions_, &builder_.findings(), 3);
  }
  return best;
}

void LiveModel::AddScoreLocked(float score) {
  if (recent_.size() < budget_.window) {
    recent_.push_back(score);
  } else {
    recent_[next_] = score;
    next_ = (next_ + 1) % budget_.window;
  }
  // While the window fills the thresholds move fast; then every few hundred filings suffice.
  if (++since_calibration_ >= kCalibrateEvery || recent_.size() < kCalibrateEvery) {
    CalibrateLocked();
  }
}

void LiveModel::CalibrateLocked() {
  since_calibration_ = 0;
  std::vector<float> scores = recent_;
  double model_red = budget_.red * (1 - budget_.explore);
  thresholds_.red = Threshold(scores, model_red);
  thresholds_.uncertain = Threshold(scores, model_red + budget_.red * budget_.explore / 2);
  thresholds_.yellow = Threshold(scores, budget_.red + budget_.yellow);
  thresholds_.scores = recent_.size();
}

LiveModel::Thresholds LiveModel::thresholds() const {
  std::lock_guard lock(mu_);
  return thresholds_;
}

void LiveModel::Replay(const domain::Declaration& d, std::chrono::sys_days filed) {
  auto items = ToKcsItems(d, filed);
  std::lock_guard lock(mu_);
  AddScoreLocked(ScoreLocked(items, nullptr, nullptr));
}

void LiveModel::LearnFinding(const domain::Declaration& d, std::chrono::sys_days filed,
                             bool fraud) {
  auto items = ToKcsItems(d, filed, fraud ? 1 : 0);
  std::lock_guard lock(mu_);
  for (const auto& it : items) builder_.LearnFinding(it, fraud);
}

std::vector<Signal> LiveModel::Assess(const domain::Declaration& d, std::chrono::sys_days filed) {
  auto items = ToKcsItems(d, filed);
  size_t riskiest = 0;
  std::vector<Reason> reasons;
  Thresholds t;
  float score = 0;
  {
    std::lock_guard lock(mu_);
    score = ScoreLocked(items, &riskiest, &reasons);
    t = thresholds_;
    AddScoreLocked(score);
  }
  std::vector<Signal> out;
  std::string who = "risk model v" + std::to_string(version_) + ": fraud probability " +
                    Fixed(score, 3) +
                    (items.size() > 1 ? " (item " + std::to_string(riskiest + 1) + ")" : "");
  double model_red = budget_.red * (1 - budget_.explore);
  double explored = budget_.red * budget_.explore / 2;
  if (score > t.red) {
    out.push_back({{"MODEL:SCORE", who + ", among the riskiest " + Percent(model_red) +
                                       " of recent declarations -> red"},
                   0,
                   domain::Lane::kRed});
  } else if (score > t.uncertain) {
    out.push_back(
        {{"MODEL:EXPLORE", who + ", just under the inspection threshold " + Fixed(t.red, 3) +
                               ": inspected where the model is least sure -> red"},
         0,
         domain::Lane::kRed});
  } else {
    double rest = 1 - model_red - explored;
    double u = RandomDraw(seed_, d.declarant.tax_id, d.declarant_reference);
    if (rest > 0 && u < explored / rest) {
      out.push_back(
          {{"MODEL:EXPLORE", "selected at random by risk model v" + std::to_string(version_) +
                                 " so that it keeps learning where it is blind -> red"},
           0,
           domain::Lane::kRed});
    }
    if (score > t.yellow) {
      out.push_back(
          {{"MODEL:SCORE", who + ", among the riskiest " + Percent(budget_.red + budget_.yellow) +
                               " of recent declarations -> yellow"},
           0,
           domain::Lane::kYellow});
    } else {
      out.push_back(
          {{"MODEL:SCORE", who + ", under the document-check threshold " + Fixed(t.yellow, 3)},
           0,
           std::nullopt});
    }
  }
  std::string prefix = items.size() > 1 ? "item " + std::to_string(riskiest + 1) + ": " : "";
  for (auto& r : reasons) {
    out.push_back(
        {{std::move(r.code), prefix + r.text + " (+" + Fixed(r.contribution, 2) + " log-odds)"},
         0,
         std::nullopt});
  }
  return out;
}

}  // namespace haiquan::risk
