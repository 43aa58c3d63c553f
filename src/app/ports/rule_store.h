#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/result.h"
#include "risk/rule.h"

namespace haiquan::app {

// Risk rules with their full history: every change is a new version, none is erased.
// Writes commit their audit event (the store adds the rule id) with the change.
class RuleStore {
 public:
  virtual ~RuleStore() = default;
  virtual domain::Result<std::vector<risk::Rule>> List() = 0;  // current versions
  virtual domain::Result<risk::Rule> Get(int64_t id) = 0;
  // Conflict if the code is taken.
  virtual domain::Result<risk::Rule> Create(risk::Rule rule, domain::AuditEvent audit) = 0;
  // Conflict if `expected_version` is set and is not the current version.
  virtual domain::Result<risk::Rule> Update(int64_t id, risk::Rule rule,
                                            std::optional<int> expected_version,
                                            domain::AuditEvent audit) = 0;
  virtual domain::Result<std::vector<risk::Rule>> History(int64_t id) = 0;
};

}  // namespace haiquan::app
