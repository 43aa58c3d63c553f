#include "app/file_declaration.h"

#include <algorithm>

#include "domain/declaration_validation.h"
#include "domain/lifecycle.h"

namespace haiquan::app {

void FileDeclaration::Execute(domain::Declaration declaration, Done done,
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
  filing.declaration = std::move(declaration);
  store_.File(std::move(filing), std::move(done));
}

}  // namespace haiquan::app
