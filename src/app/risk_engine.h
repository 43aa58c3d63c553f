#pragma once

#include <atomic>
#include <memory>

#include "risk/model/live_model.h"
#include "risk/rule_engine.h"

namespace haiquan::app {

// The rule set and the learned model in force. Filings read them without locks; an analyst's
// change swaps one whole, so a decision never sees half an edit.
class RiskEngine {
 public:
  explicit RiskEngine(std::shared_ptr<const risk::RuleSet> initial)
      : current_(std::move(initial)) {}

  std::shared_ptr<const risk::RuleSet> Current() const { return current_.load(); }
  void Replace(std::shared_ptr<const risk::RuleSet> next) { current_.store(std::move(next)); }

  // Null when no model is active.
  std::shared_ptr<risk::LiveModel> Model() const { return model_.load(); }
  void SetModel(std::shared_ptr<risk::LiveModel> next) { model_.store(std::move(next)); }

 private:
  std::atomic<std::shared_ptr<const risk::RuleSet>> current_;
  std::atomic<std::shared_ptr<risk::LiveModel>> model_;
};

}  // namespace haiquan::app
