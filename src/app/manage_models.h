#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/clock.h"
#include "app/ports/model_store.h"
#include "app/risk_engine.h"

namespace haiquan::app {

// Builds the live model of a registered model file: reads it, replays the history it carries
// and the system's own declarations. Supplied by the composition, which knows the file format.
using ModelLoader = std::function<domain::Result<std::shared_ptr<risk::LiveModel>>(
    int64_t version, const std::string& content, const risk::SelectionBudget& budget)>;

// R2: the model registry. Models are registered (from `haiquan risk register`), listed, and one
// is activated with its inspection budget, or none; the risk engine then decides with it.
class ManageModels {
 public:
  ManageModels(ModelStore& store, RiskEngine& engine, const Clock& clock, ModelLoader loader)
      : store_(store), engine_(engine), clock_(clock), loader_(std::move(loader)) {}

  domain::Result<std::vector<ModelRecord>> List() const { return store_.List(); }
  domain::Result<ModelRecord> Get(int64_t version) const { return store_.Get(version); }
  domain::Result<std::optional<ModelActivation>> Active() const { return store_.Active(); }
  domain::Result<std::vector<ModelActivation>> Activations() const { return store_.Activations(); }

  // The file is checked by building its live model (its features must be this version's)
  // before it is stored.
  domain::Result<ModelRecord> Register(ModelRecord record, std::string content,
                                       const Caller& caller);

  // Builds the model's live state first (seconds), then records the activation and puts it to
  // work on the next filing. A bad budget or an unknown version changes nothing.
  domain::Result<ModelActivation> Activate(int64_t version, const risk::SelectionBudget& budget,
                                           const Caller& caller);
  domain::Result<ModelActivation> Deactivate(const Caller& caller);

  // The lanes' thresholds of the model at work; none when no model is.
  std::optional<risk::LiveModel::Thresholds> LiveThresholds() const {
    auto m = engine_.Model();
    if (!m) return std::nullopt;
    return m->thresholds();
  }

  // At start: puts the active model, if any, to work.
  domain::Status LoadActive();

 private:
  ModelStore& store_;
  RiskEngine& engine_;
  const Clock& clock_;
  ModelLoader loader_;
};

}  // namespace haiquan::app
