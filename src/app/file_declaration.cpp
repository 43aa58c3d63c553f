#include "app/file_declaration.h"

#include <algorithm>

#include "domain/declaration_validation.h"
#include "domain/lifecycle.h"

namespace haiquan::app {

void FileDeclaration::Execute(const Caller& caller, domain::Declaration declaration, Done done,
                              std::vector<domain::FieldError> input_faults) const {
  auto faults = std::move(input_faults);
  for (auto& f : domain::Validate(declaration, *reference_)) {
    bool known = std::any_of(faults.begin(), faults.end(),
                             [&](const auto& g) { return g.pointer == f.pointer; });
    if (!known) faults.push_back(std::move(f));
  }
  if (!faults.empty()) {
    done(domain::Error::Invalid("the declaration is not valid", std::move(faults)));
    return;
  }
  if (!domain::MayFile(caller.principal, declaration)) {
    done(domain::Error::Forbidden(
        "you may file only as your own enterprise",
        {{"/declarant/taxId", "not_your_enterprise",
          "the declarant must be tax id " + caller.principal.trader_tax_id}}));
    return;
  }
  auto now = clock_.Now();
  NewFiling filing;
  auto started = std::chrono::steady_clock::now();
  filing.decision = engine_.Current()->Decide(declaration, FormatDate(now));
  if (observer_) {
    observer_->Decided(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  filing.status = domain::StatusAfterLane(filing.decision.lane);
  filing.filed_at = FormatTimestamp(now);
  filing.audit = caller.Event(filing.filed_at, "declaration.file", "declaration", "", "ok",
                              declaration.declarant_reference);
  filing.declaration = std::move(declaration);
  if (!caller.principal.ActsForTrader()) return store_.File(std::move(filing), std::move(done));
  // The reference may be another enterprise's: then its original is not this caller's to see.
  store_.File(std::move(filing), [principal = caller.principal,
                                  done = std::move(done)](domain::Result<FilingOutcome> r) {
    if (r.ok() && !r->created && !domain::MaySee(principal, r->record.declaration)) {
      return done(domain::Error::Conflict("this declarant reference is already in use"));
    }
    done(std::move(r));
  });
}

}  // namespace haiquan::app
