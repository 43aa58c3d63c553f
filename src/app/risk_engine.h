#pragma once

#include <atomic>
#include <memory>

#include "risk/rule_engine.h"

namespace haiquan::app {

// The rule set in force. Filings read it without locks; an analyst's change swaps it whole,
// so a decision never sees half an edit.
class RiskEngine {
 public:
  explicit RiskEngine(std::shared_ptr<const risk::RuleSet> initial)
      : current_(std::move(initial)) {}

  std::shared_ptr<const risk::RuleSet> Current() const { return current_.load(); }
  void Replace(std::shared_ptr<const risk::RuleSet> next) { current_.store(std::move(next)); }

 private:
  std::atomic<std::shared_ptr<const risk::RuleSet>> current_;
};

}  // namespace haiquan::app
