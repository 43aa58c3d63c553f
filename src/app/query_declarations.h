#pragma once

#include <functional>

#include "app/caller.h"
#include "app/clock.h"
#include "app/ports/audit_store.h"
#include "app/ports/declaration_store.h"

namespace haiquan::app {

// Reads of declarations: scoped to what the caller may see, and recorded in the audit trail
// (declarations carry the parties' names and commercial terms) before they are answered.
class QueryDeclarations {
 public:
  static constexpr int kMaxPageSize = 500;

  QueryDeclarations(DeclarationStore& store, AuditStore& audit, const Clock& clock)
      : store_(store), audit_(audit), clock_(clock) {}

  // A declaration the caller may not see answers NotFound, as if it did not exist; the attempt
  // is still recorded. `done` runs once the audit entry is durable.
  void Get(const Caller& caller, int64_t id,
           std::function<void(domain::Result<StoredDeclaration>)> done) const;
  // A trader-bound caller's query is narrowed to its own tax id.
  void List(const Caller& caller, DeclarationQuery query,
            std::function<void(domain::Result<DeclarationPage>)> done) const;

  // Counts for dashboards (see DeclarationStats); the route admits customs staff only, and the
  // counts name no party, so there is nothing to audit. `top`: 1 to 50 reasons.
  domain::Result<DeclarationStats> Stats(const std::string& from, const std::string& to,
                                         int top) const;

  // Without a caller or audit: for commands and jobs inside the node.
  domain::Result<StoredDeclaration> GetInternal(int64_t id) const { return store_.Get(id); }

 private:
  DeclarationStore& store_;
  AuditStore& audit_;
  const Clock& clock_;
};

}  // namespace haiquan::app
