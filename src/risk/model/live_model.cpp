#include "risk/model/live_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
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

// How many of `n` scores a share selects.
size_t Selected(size_t n, double share) {
  return static_cast<size_t>(std::floor(share * static_cast<double>(n) + 1e-9));
}

// The largest score left out when at most `share` of `scores` is selected (select: score >
// threshold). Ties at the boundary are left out together: a budget is a cap, and a model that
// gives a thousand new traders the same score must not send all of them to inspection.
float Threshold(std::vector<float>& scores, double share) {
  size_t n = scores.size();
  size_t selected = Selected(n, share);
  if (selected == 0) return std::numeric_limits<float>::infinity();
  if (selected >= n) return -std::numeric_limits<float>::infinity();
  auto at = scores.begin() + static_cast<ptrdiff_t>(n - selected - 1);
  std::nth_element(scores.begin(), at, scores.end());
  return *at;
}

// The same over the union of two ascending lists, without copying them: walks down from the
// top of both to the first score left out.
float Threshold(std::span<const float> a, std::span<const float> b, double share) {
  size_t n = a.size() + b.size();
  size_t selected = Selected(n, share);
  if (selected == 0) return std::numeric_limits<float>::infinity();
  if (selected >= n) return -std::numeric_limits<float>::infinity();
  size_t i = a.size(), j = b.size();
  float v = 0;
  for (size_t k = 0; k <= selected; ++k) {
    v = j == 0 || (i > 0 && a[i - 1] >= b[j - 1]) ? a[--i] : b[--j];
  }
  return v;
}

// Our own declarations score as a population of their own: once this many are in, the history's
// scores no longer set the thresholds.
constexpr size_t kOwnScoresEnough = 500;
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
  std::unique_lock state(m->state_mu_);
  std::lock_guard lanes(m->lanes_mu_);
  // As training fed them (FeedInOrder); the last `window` items are scored before they are
  // learnt, as training saw them, so that the first filings meet thresholds already.
  size_t scored_from = history.size() > budget.window ? history.size() - budget.window : 0;
  std::vector<size_t> rank(history.size());
  {
    auto order = FilingOrder(history);
    for (size_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
  }
  std::unordered_map<std::string, float> by_declaration;
  std::vector<std::string> declaration_order;
  std::vector<float>& row = m->replay_rows_;
  row.resize(FeatureBuilder::Names().size());
  FeedInOrder(history, m->builder_, [&](size_t i) {
    if (rank[i] < scored_from) return;
    const KcsItem& it = history[i];
    m->builder_.Compute(it, row);
    float s = m->trees_.Probability(row);
    auto [at, fresh] = by_declaration.try_emplace(it.declaration_id, s);
    if (fresh) {
      declaration_order.push_back(it.declaration_id);
    } else {
      at->second = std::max(at->second, s);
    }
  });
  m->builder_.FreezeVocabulary();
  for (const auto& id : declaration_order) m->seed_scores_.push_back(by_declaration[id]);
  // Sorted once: until our own scores are enough, every filing recalibrates against them.
  std::sort(m->seed_scores_.begin(), m->seed_scores_.end());
  m->CalibrateLocked();
  return m;
}

void LiveModel::ComputeLocked(std::span<const KcsItem> items, std::vector<float>& rows) const {
  const size_t cols = FeatureBuilder::Names().size();
  rows.resize(std::max<size_t>(1, items.size()) * cols);
  for (size_t i = 0; i < items.size(); ++i) {
    // Filed at once: no item of the declaration sees another (FeedInOrder's rule).
    builder_.Compute(items[i], std::span<float>(rows.data() + i * cols, cols));
  }
}

float LiveModel::Score(std::span<const float> rows, size_t items, size_t* riskiest,
                       std::vector<uint32_t>* leaves) const {
  *riskiest = 0;
  if (items == 0) return 0;
  // A declaration's items walk the trees together (TreeEnsemble::Margins).
  float on_stack[16];
  std::vector<float> on_heap;
  float* margins = on_stack;
  if (items > std::size(on_stack)) {
    on_heap.resize(items);
    margins = on_heap.data();
  }
  if (leaves) leaves->resize(items * trees_.walk_width());
  trees_.Margins(rows.first(items * FeatureBuilder::Names().size()), std::span(margins, items),
                 leaves ? std::span<uint32_t>(*leaves) : std::span<uint32_t>());
  float best = 0;
  for (size_t i = 0; i < items; ++i) {
    float p = TreeEnsemble::Sigmoid(margins[i]);
    if (i == 0 || p > best) {
      best = p;
      *riskiest = i;
    }
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
  // While our own scores are few the thresholds move fast; then every few hundred filings.
  if (++since_calibration_ >= kCalibrateEvery || recent_.size() <= kOwnScoresEnough) {
    calibration_due_ = true;
  }
}

void LiveModel::CalibrateLocked() {
  since_calibration_ = 0;
  calibration_due_ = false;
  double model_red = budget_.red * (1 - budget_.explore);
  double explored = budget_.red * budget_.explore / 2;
  // The random explorations are red, and count against the yellow band they are drawn from.
  double shares[3] = {model_red, model_red + explored, budget_.red + budget_.yellow - explored};
  float found[3];
  if (recent_.size() < kOwnScoresEnough) {
    // Our few scores (sorted: a few hundred) with the history's (sorted at Create): this runs
    // on every filing until there are enough of ours, and three selections over 10,000 copied
    // scores would cost it about 100 us each time.
    std::vector<float> ours = recent_;
    std::sort(ours.begin(), ours.end());
    for (int k = 0; k < 3; ++k) found[k] = Threshold(seed_scores_, ours, shares[k]);
    thresholds_.scores = ours.size() + seed_scores_.size();
  } else {
    std::vector<float> scores = recent_;
    for (int k = 0; k < 3; ++k) found[k] = Threshold(scores, shares[k]);
    thresholds_.scores = scores.size();
  }
  thresholds_.red = found[0];
  thresholds_.uncertain = found[1];
  thresholds_.yellow = found[2];
}

std::optional<domain::Lane> LiveModel::GuardLocked(std::optional<domain::Lane> wanted,
                                                   bool* capped) {
  if (guard_.empty()) guard_.assign(kGuardWindow, 0);
  // Over the last decisions, or 100 at first: the budget is never spent in one burst.
  size_t n = std::max<size_t>(100, std::min(kGuardWindow, guard_seen_ + 1));
  auto cap = [&](double share) {
    return static_cast<size_t>(std::floor(share * static_cast<double>(n) + 1e-9));
  };
  *capped = false;
  if (wanted == domain::Lane::kRed && guard_red_ + 1 > cap(budget_.red)) {
    wanted = domain::Lane::kYellow;
    *capped = true;
  }
  if (wanted == domain::Lane::kYellow && guard_yellow_ + 1 > cap(budget_.yellow)) {
    wanted = std::nullopt;
    *capped = true;
  }
  uint8_t old = guard_[guard_next_];
  guard_red_ -= old == 2;
  guard_yellow_ -= old == 1;
  uint8_t now = wanted ? static_cast<uint8_t>(*wanted) : 0;
  guard_[guard_next_] = now;
  guard_red_ += now == 2;
  guard_yellow_ += now == 1;
  guard_next_ = (guard_next_ + 1) % kGuardWindow;
  ++guard_seen_;
  return wanted;
}

LiveModel::Thresholds LiveModel::thresholds() const {
  std::lock_guard lock(lanes_mu_);
  return thresholds_;
}

void LiveModel::Replay(const domain::Declaration& d, std::chrono::sys_days filed) {
  auto items = ToKcsItems(d, filed);
  float score = 0;
  {
    std::unique_lock state(state_mu_);
    ComputeLocked(items, replay_rows_);
    size_t riskiest = 0;
    score = Score(replay_rows_, items.size(), &riskiest);
    for (const auto& it : items) builder_.LearnFiling(it);
  }
  std::lock_guard lanes(lanes_mu_);
  AddScoreLocked(score);
}

void LiveModel::Calibrate() {
  std::lock_guard lock(lanes_mu_);
  CalibrateLocked();
}

void LiveModel::LearnFinding(const domain::Declaration& d, std::chrono::sys_days filed,
                             bool fraud) {
  auto items = ToKcsItems(d, filed, fraud ? 1 : 0);
  std::unique_lock lock(state_mu_);
  for (const auto& it : items) builder_.LearnFinding(it, fraud);
}

void LiveModel::Learn(const Assessment& a) {
  {
    std::unique_lock state(state_mu_);
    for (const auto& it : a.items) builder_.LearnFiling(it);
  }
  std::lock_guard lanes(lanes_mu_);
  AddScoreLocked(a.score);
}

LiveModel::Assessment LiveModel::Assess(const domain::Declaration& d, std::chrono::sys_days filed) {
  Assessment out;
  out.items = ToKcsItems(d, filed);
  // Each filing thread keeps its rows: no allocation once it has seen its largest declaration.
  thread_local std::vector<float> rows;
  {
    std::shared_lock state(state_mu_);
    ComputeLocked(out.items, rows);
  }
  size_t riskiest = 0;
  thread_local std::vector<uint32_t> leaves;
  out.score = Score(rows, out.items.size(), &riskiest, &leaves);
  Thresholds t;
  double model_red = budget_.red * (1 - budget_.explore);
  double explored = budget_.red * budget_.explore / 2;
  std::optional<domain::Lane> lane;
  bool exploring = false, uncertain = false, capped = false;
  {
    std::lock_guard lanes(lanes_mu_);
    if (calibration_due_) CalibrateLocked();
    t = thresholds_;
    if (out.score > t.red) {
      lane = domain::Lane::kRed;
    } else if (out.score > t.uncertain) {
      lane = domain::Lane::kRed;
      exploring = uncertain = true;
    } else {
      double rest = 1 - model_red - explored;
      double u = RandomDraw(seed_, d.declarant.tax_id, d.declarant_reference);
      if (rest > 0 && u < explored / rest) {
        lane = domain::Lane::kRed;
        exploring = true;
      } else if (out.score > t.yellow) {
        lane = domain::Lane::kYellow;
      }
    }
    lane = GuardLocked(lane, &capped);
  }
  std::vector<Reason> reasons;
  if (lane && !out.items.empty()) {
    // Only for the lanes an officer acts on: the riskiest item's contributions (from the leaves
    // its walk reached: the credits, MBs mostly out of the caches) and their wording.
    const size_t cols = FeatureBuilder::Names().size();
    std::span<const float> row(rows.data() + riskiest * cols, cols);
    thread_local std::vector<float> contributions;
    contributions.resize(cols + 1);
    const size_t w = trees_.walk_width();
    trees_.ContributionsAt(std::span<const uint32_t>(leaves).subspan(riskiest * w, w),
                           contributions);
    // The findings give the overall rate a rate's wording works back from; a finding learnt
    // since the features were computed moves it by one inspection at most.
    std::shared_lock state(state_mu_);
    reasons = explainer_.Explain(out.items[riskiest], row, contributions, &builder_.findings(), 3);
  }
  std::string who = "risk model v" + std::to_string(version_) + ": fraud probability " +
                    Fixed(out.score, 3) +
                    (out.items.size() > 1 ? " (item " + std::to_string(riskiest + 1) + ")" : "");
  std::string spent = capped ? " (its budget over the last " + std::to_string(kGuardWindow) +
                                   " declarations is spent)"
                             : "";
  std::string code = exploring && !capped ? "MODEL:EXPLORE" : "MODEL:SCORE";
  std::string why;
  if (exploring && uncertain) {
    why = who + ", just under the inspection threshold " + Fixed(t.red, 3) +
          ": inspected where the model is least sure";
  } else if (exploring) {
    why = "selected at random by risk model v" + std::to_string(version_) +
          " so that it keeps learning where it is blind (" + who.substr(who.find("fraud")) + ")";
  } else if (out.score > t.yellow) {
    bool red = out.score > t.red;
    why = who + ", among the riskiest " + Percent(red ? model_red : budget_.red + budget_.yellow) +
          " of recent declarations";
  } else {
    why = who + ", under the document-check threshold " + Fixed(t.yellow, 3);
  }
  if (lane) why += " -> " + std::string(domain::ToString(*lane));
  why += spent;
  out.signals.push_back({{std::move(code), std::move(why)}, 0, lane});
  std::string prefix =
      out.items.size() > 1 ? "item " + std::to_string(riskiest + 1) + ": " : std::string();
  for (auto& r : reasons) {
    out.signals.push_back(
        {{std::move(r.code), prefix + r.text + " (+" + Fixed(r.contribution, 2) + " log-odds)"},
         0,
         std::nullopt});
  }
  return out;
}

}  // namespace haiquan::risk
