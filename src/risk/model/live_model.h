#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/declaration.h"
#include "domain/result.h"
#include "risk/model/explain.h"
#include "risk/model/features.h"
#include "risk/model/kcs_csv.h"
#include "risk/model/tree_ensemble.h"
#include "risk/signal.h"

namespace haiquan::risk {

// How many declarations the model may send to each lane. Lanes come from this budget, not from
// fixed probabilities: a model's probabilities drift with the trade it sees, an inspection
// team's capacity does not.
struct SelectionBudget {
  double red = 0.05;     // share of declarations the model sends to physical inspection
  double yellow = 0.15;  // share it sends to a document check (beyond the red ones)
  // Share of the red selections spent exploring, so that the model keeps learning where it is
  // blind: half go to the declarations just under the red threshold (where it is least sure),
  // half to declarations drawn at random among the rest.
  double explore = 0.10;
  // Declarations whose scores set the thresholds: the most recent ones.
  size_t window = 10000;

  // Empty when valid; else what is wrong, per field name.
  std::vector<std::pair<std::string, std::string>> Faults() const;
};

// The active model at work on filings: scores every goods item from what was known when it was
// filed, picks the lane from the budget calibrated on recent scores, explains the riskiest item
// of a declaration it sends to yellow or red, and learns each filing and each finding as it
// comes. Thread-safe, and filings on several threads do not wait on each other for long: the
// histories have a reader-writer lock, taken shared only while a declaration's features are
// computed (and again while its reasons are worded), exclusively while a filing or finding is
// learnt; the trees are immutable and walked without a lock; the lanes' calibration and cap
// have a lock of their own, held for a few comparisons (and a calibration every 256 filings).
class LiveModel {
 public:
  // `model_json` is XGBoost's JSON model; `history` the labelled items it was trained on (any
  // order), replayed as training saw them so that the parties' and goods' histories, and the
  // codes' numbering, are the training's.
  static domain::Result<std::unique_ptr<LiveModel>> Create(int64_t version,
                                                           std::string_view model_json,
                                                           std::span<const KcsItem> history,
                                                           SelectionBudget budget,
                                                           uint64_t seed = 0x4d4f44454cULL);

  // A declaration filed before the model went live (from the database, in filing order): scored
  // for the calibration, then learnt. Findings are learnt by LearnFinding, in the order they
  // became known relative to the filings.
  void Replay(const domain::Declaration& d, std::chrono::sys_days filed);
  void LearnFinding(const domain::Declaration& d, std::chrono::sys_days filed, bool fraud);
  // Sets the thresholds from the scores so far (after a replay; filings do it themselves).
  void Calibrate();

  // What the model says of a declaration being filed: the signals (its lane and score, an
  // exploration if drawn, and when the model sends it to yellow or red the reasons of its
  // riskiest item) and what Learn needs. A declaration the model leaves green carries its score
  // only: officers act on the yellow and red ones, and the contributions and their wording are
  // most of what scoring costs.
  struct Assessment {
    std::vector<Signal> signals;
    std::vector<KcsItem> items;
    float score = 0;
  };
  // Scores without learning, so that a filing refused or repeated (the same reference again)
  // is learnt never or once: call Learn once the filing is stored.
  Assessment Assess(const domain::Declaration& d, std::chrono::sys_days filed);
  void Learn(const Assessment& a);

  struct Thresholds {
    float red = 1;        // score at or above: red
    float uncertain = 1;  // score at or above (and under red): explored
    float yellow = 1;     // score at or above (and under red): yellow
    size_t scores = 0;    // how many recent declarations set them
  };
  Thresholds thresholds() const;
  int64_t version() const { return version_; }
  const SelectionBudget& budget() const { return budget_; }

 private:
  LiveModel(int64_t version, TreeEnsemble trees, SelectionBudget budget, uint64_t seed);
  // The items' features, one row of FeatureBuilder::Names().size() values each, into `rows`.
  // Requires state_mu_ (shared is enough).
  void ComputeLocked(std::span<const KcsItem> items, std::vector<float>& rows) const;
  // The declaration's score (its riskiest item's probability) and that item's index, from the
  // rows ComputeLocked wrote; with `leaves`, the leaves each item reached
  // (TreeEnsemble::Margins), which spare the explanation a second walk. Needs no lock.
  float Score(std::span<const float> rows, size_t items, size_t* riskiest,
              std::vector<uint32_t>* leaves = nullptr) const;
  // Requires lanes_mu_.
  void AddScoreLocked(float score);
  void CalibrateLocked();
  // The hard cap over the last kGuardWindow decisions: a lane whose budget is spent gives way
  // to the next one down. Returns the lane to give (none: green).
  std::optional<domain::Lane> GuardLocked(std::optional<domain::Lane> wanted, bool* capped);

  const int64_t version_;
  const TreeEnsemble trees_;
  const Explainer explainer_;
  const SelectionBudget budget_;
  const uint64_t seed_;

  // The parties' and goods' histories.
  mutable std::shared_mutex state_mu_;
  FeatureBuilder builder_;
  std::vector<float> replay_rows_;  // scratch of Replay and Create, under state_mu_ exclusively

  // The lanes: recent scores, thresholds, the cap. Never held while state_mu_ is waited for.
  mutable std::mutex lanes_mu_;
  // Scores of the history's last items (as training saw them): the thresholds until enough of
  // our own declarations have been scored.
  std::vector<float> seed_scores_;
  std::vector<float> recent_;  // ring of the last budget_.window declaration scores
  size_t next_ = 0;
  size_t since_calibration_ = 0;
  bool calibration_due_ = false;
  Thresholds thresholds_;
  static constexpr size_t kGuardWindow = 1000;
  std::vector<uint8_t> guard_;  // ring: the lane given to each recent decision (0, 1, 2)
  size_t guard_next_ = 0;
  size_t guard_red_ = 0;
  size_t guard_yellow_ = 0;
  size_t guard_seen_ = 0;
};

}  // namespace haiquan::risk
