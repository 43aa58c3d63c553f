#pragma once

#include <string>

#include "domain/audit.h"
#include "domain/principal.h"

namespace haiquan::app {

// Who asks and from where: every use case that reads sensitive data or writes takes one, so
// that the audit trail can say who did it.
struct Caller {
  domain::Principal principal;
  std::string remote;  // client address, or "local" for the command line

  // The operator at the command line or a built-in job: trusted, audited as role "system".
  static Caller System(std::string name) {
    Caller c;
    c.principal.name = std::move(name);
    c.principal.role = domain::Role::kAdministrator;
    c.remote = "local";
    return c;
  }
  bool IsSystem() const { return principal.user_id == 0; }

  domain::AuditEvent Event(std::string at, std::string action, std::string record_type,
                           std::string record_id = "", std::string outcome = "ok",
                           std::string detail = "") const {
    domain::AuditEvent e;
    e.at = std::move(at);
    e.actor = principal.name;
    e.role = IsSystem() ? "system" : std::string(domain::ToString(principal.role));
    e.action = std::move(action);
    e.record_type = std::move(record_type);
    e.record_id = std::move(record_id);
    e.remote = remote;
    e.outcome = std::move(outcome);
    e.detail = std::move(detail);
    return e;
  }
};

}  // namespace haiquan::app
