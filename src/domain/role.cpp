#include "domain/role.h"

namespace haiquan::domain {

std::string_view ToString(Role r) {
  switch (r) {
    case Role::kOfficer:
      return "officer";
    case Role::kAnalyst:
      return "analyst";
    case Role::kInvestigator:
      return "investigator";
    case Role::kSupervisor:
      return "supervisor";
    case Role::kManager:
      return "manager";
    case Role::kAdministrator:
      return "administrator";
    case Role::kTrader:
      return "trader";
    case Role::kApiClient:
      return "api_client";
  }
  return "officer";
}

std::optional<Role> ParseRole(std::string_view s) {
  for (Role r : kAllRoles) {
    if (ToString(r) == s) return r;
  }
  return std::nullopt;
}

}  // namespace haiquan::domain
