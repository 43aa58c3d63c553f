#include "app/manage_rules.h"

namespace haiquan::app {

domain::Result<risk::Rule> ManageRules::Create(risk::Rule rule, const Caller& caller) {
  if (auto faults = risk::Validate(rule); !faults.empty()) {
    return domain::Error::Invalid("the rule is not valid", std::move(faults));
  }
  rule.updated_by = caller.principal.name;
  rule.updated_at = FormatTimestamp(clock_.Now());
  auto event = caller.Event(rule.updated_at, "rule.create", "rule", "", "ok", rule.code);
  auto created = store_.Create(std::move(rule), std::move(event));
  if (created.ok()) {
    if (auto s = Reload(); !s.ok()) return s.error();
  }
  return created;
}

domain::Result<risk::Rule> ManageRules::Update(int64_t id, risk::Rule rule,
                                               std::optional<int> expected_version,
                                               const Caller& caller) {
  if (auto faults = risk::Validate(rule); !faults.empty()) {
    return domain::Error::Invalid("the rule is not valid", std::move(faults));
  }
  rule.updated_by = caller.principal.name;
  rule.updated_at = FormatTimestamp(clock_.Now());
  auto event =
      caller.Event(rule.updated_at, "rule.update", "rule", std::to_string(id), "ok", rule.code);
  auto updated = store_.Update(id, std::move(rule), expected_version, std::move(event));
  if (updated.ok()) {
    if (auto s = Reload(); !s.ok()) return s.error();
  }
  return updated;
}

domain::Result<size_t> ManageRules::SeedIfEmpty(const std::vector<risk::Rule>& rules,
                                                const Caller& caller) {
  auto existing = store_.List();
  if (!existing.ok()) return existing.error();
  if (!existing->empty()) return size_t{0};
  for (const auto& r : rules) {
    auto created = Create(r, caller);
    if (!created.ok()) return created.error();
  }
  return rules.size();
}

domain::Status ManageRules::Reload() {
  auto rules = store_.List();
  if (!rules.ok()) return rules.error();
  engine_.Replace(std::make_shared<const risk::RuleSet>(std::move(rules.value()), settings_));
  return domain::Ok();
}

}  // namespace haiquan::app
