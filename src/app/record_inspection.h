#pragma once

#include "app/caller.h"
#include "app/clock.h"
#include "app/ports/declaration_store.h"
#include "app/risk_engine.h"
#include "domain/date.h"

namespace haiquan::app {

// C3: an officer's findings close the loop; they move the declaration to released or held
// and become the labels that targeting learns from.
class RecordInspection {
 public:
  // `engine`: its active model learns each finding; null: none does.
  RecordInspection(DeclarationStore& store, const Clock& clock, RiskEngine* engine = nullptr)
      : store_(store), clock_(clock), engine_(engine) {}

  domain::Result<StoredDeclaration> Execute(const Caller& caller, int64_t declaration_id,
                                            const domain::Inspection& findings) const {
    auto at = FormatTimestamp(clock_.Now());
    auto stored = store_.RecordInspection(
        declaration_id, findings, at,
        caller.Event(at, "declaration.inspect", "declaration", std::to_string(declaration_id), "ok",
                     std::string(domain::ToString(findings.outcome))));
    auto model = engine_ ? engine_->Model() : nullptr;
    if (stored.ok() && model) {
      if (auto day = domain::ParseDate(stored->filed_at.substr(0, 10))) {
        model->LearnFinding(stored->declaration, *day,
                            findings.outcome != domain::Outcome::kCompliant);
      }
    }
    return stored;
  }

 private:
  DeclarationStore& store_;
  const Clock& clock_;
  RiskEngine* engine_;
};

}  // namespace haiquan::app
