#pragma once

#include "app/clock.h"
#include "app/ports/declaration_store.h"

namespace haiquan::app {

// C3: an officer's findings close the loop; they move the declaration to released or held
// and become the labels that targeting learns from.
class RecordInspection {
 public:
  RecordInspection(DeclarationStore& store, const Clock& clock) : store_(store), clock_(clock) {}

  domain::Result<StoredDeclaration> Execute(int64_t declaration_id,
                                            const domain::Inspection& findings) const {
    return store_.RecordInspection(declaration_id, findings, FormatTimestamp(clock_.Now()));
  }

 private:
  DeclarationStore& store_;
  const Clock& clock_;
};

}  // namespace haiquan::app
