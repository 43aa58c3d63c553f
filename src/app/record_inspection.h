#pragma once

#include "app/caller.h"
#include "app/clock.h"
#include "app/ports/declaration_store.h"

namespace haiquan::app {

// C3: an officer's findings close the loop; they move the declaration to released or held
// and become the labels that targeting learns from.
class RecordInspection {
 public:
  RecordInspection(DeclarationStore& store, const Clock& clock) : store_(store), clock_(clock) {}

  domain::Result<StoredDeclaration> Execute(const Caller& caller, int64_t declaration_id,
                                            const domain::Inspection& findings) const {
    auto at = FormatTimestamp(clock_.Now());
    return store_.RecordInspection(
        declaration_id, findings, at,
        caller.Event(at, "declaration.inspect", "declaration", std::to_string(declaration_id), "ok",
                     std::string(domain::ToString(findings.outcome))));
  }

 private:
  DeclarationStore& store_;
  const Clock& clock_;
};

}  // namespace haiquan::app
