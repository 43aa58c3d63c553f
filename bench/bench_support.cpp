#include "bench_support.h"

#include <stdexcept>

#include "app/caller.h"
#include "app/reference_catalog.h"
#include "app/sample_declarations.h"
#include "cli/context.h"
#include "domain/lifecycle.h"

namespace haiquan::bench {

std::shared_ptr<const domain::ReferenceData> Reference() {
  static const auto kRef = [] {
    auto ref = app::LoadReferenceData();
    if (!ref.ok()) throw std::runtime_error(ref.error().message);
    return ref.value();
  }();
  return kRef;
}

std::shared_ptr<const risk::RuleSet> DefaultRuleSet() {
  std::string path = std::string(HAIQUAN_SOURCE_DIR) + "/config/default_rules.json";
  return std::make_shared<const risk::RuleSet>(cli::ParseRulesFile(cli::ReadFile(path), path),
                                               risk::SelectionSettings{});
}

std::vector<domain::Declaration> Corpus(size_t n, int items, uint64_t seed) {
  app::SampleDeclarations gen(*Reference(), seed);
  std::vector<domain::Declaration> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back(gen.Next(items));
  return out;
}

app::NewFiling ToFiling(const domain::Declaration& d, const risk::RuleSet& rules) {
  app::NewFiling f;
  f.decision = rules.Decide(d, kToday);
  f.status = domain::StatusAfterLane(f.decision.lane);
  f.filed_at = kFiledAt;
  f.declaration = d;
  // As FileDeclaration makes it for a signed-in officer: the same entry size and index use.
  app::Caller caller;
  caller.principal = {1, "bench.officer", domain::Role::kOfficer, ""};
  caller.remote = "127.0.0.1";
  f.audit =
      caller.Event(kFiledAt, "declaration.file", "declaration", "", "ok", d.declarant_reference);
  return f;
}

}  // namespace haiquan::bench
