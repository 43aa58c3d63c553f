#pragma once

#include <functional>
#include <memory>

#include "app/caller.h"
#include "app/clock.h"
#include "app/ports/declaration_store.h"
#include "app/ports/filing_observer.h"
#include "app/ports/profile_store.h"
#include "app/risk_engine.h"
#include "app/trader_directory.h"
#include "domain/reference_data.h"

namespace haiquan::app {

// C1-C3: validates a declaration, decides its lane and stores both in one commit.
// Filing the same declarant reference again answers the original decision and stores nothing.
class FileDeclaration {
 public:
  FileDeclaration(std::shared_ptr<const domain::ReferenceData> reference, RiskEngine& engine,
                  DeclarationStore& store, const Clock& clock, FilingObserver* observer = nullptr,
                  TraderDirectory* traders = nullptr, ProfileStore* profiles = nullptr,
                  risk::AnomalySettings anomalies = {})
      : reference_(std::move(reference)),
        engine_(engine),
        store_(store),
        clock_(clock),
        observer_(observer),
        traders_(traders),
        profiles_(profiles),
        anomalies_(anomalies) {}

  using Done = std::function<void(domain::Result<FilingOutcome>)>;
  // `done` runs once the outcome is durable, on a storage thread, or at once if invalid.
  // `input_faults` are faults already found while reading the input; they are reported
  // together with the validation faults.
  // A trader-bound caller may file only declarations naming its own tax id.
  void Execute(const Caller& caller, domain::Declaration declaration, Done done,
               std::vector<domain::FieldError> input_faults = {}) const;

 private:
  std::shared_ptr<const domain::ReferenceData> reference_;
  RiskEngine& engine_;
  DeclarationStore& store_;
  const Clock& clock_;
  FilingObserver* observer_;
  TraderDirectory* traders_;  // the registry's statuses; null: parties are not checked
  ProfileStore* profiles_;    // null: no anomaly checks (T3)
  risk::AnomalySettings anomalies_;
};

}  // namespace haiquan::app
