#pragma once

#include <optional>
#include <vector>

#include "app/caller.h"
#include "app/clock.h"
#include "app/ports/rule_store.h"
#include "app/risk_engine.h"

namespace haiquan::app {

// R1: analysts create, change and retire rules live; every write reloads the engine.
class ManageRules {
 public:
  ManageRules(RuleStore& store, RiskEngine& engine, const Clock& clock,
              risk::SelectionSettings settings)
      : store_(store), engine_(engine), clock_(clock), settings_(settings) {}

  domain::Result<std::vector<risk::Rule>> List() const { return store_.List(); }
  domain::Result<risk::Rule> Get(int64_t id) const { return store_.Get(id); }
  domain::Result<std::vector<risk::Rule>> History(int64_t id) const { return store_.History(id); }

  domain::Result<risk::Rule> Create(risk::Rule rule, const Caller& caller);
  domain::Result<risk::Rule> Update(int64_t id, risk::Rule rule,
                                    std::optional<int> expected_version, const Caller& caller);

  // At first start: stores `rules` if the store has none. Returns how many were stored.
  domain::Result<size_t> SeedIfEmpty(const std::vector<risk::Rule>& rules, const Caller& caller);

  // Rebuilds the engine's rule set from the store.
  domain::Status Reload();

 private:
  RuleStore& store_;
  RiskEngine& engine_;
  const Clock& clock_;
  risk::SelectionSettings settings_;
};

}  // namespace haiquan::app
