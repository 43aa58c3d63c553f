#pragma once

#include <optional>
#include <string_view>

namespace haiquan::domain {

// Who may do what is declared per route in these terms (P1).
enum class Role {
  kOfficer,
  kAnalyst,
  kInvestigator,
  kSupervisor,
  kManager,
  kAdministrator,
  kTrader,
  kApiClient,
};

inline constexpr Role kAllRoles[] = {Role::kOfficer,    Role::kAnalyst,  Role::kInvestigator,
                                     Role::kSupervisor, Role::kManager,  Role::kAdministrator,
                                     Role::kTrader,     Role::kApiClient};

std::string_view ToString(Role r);
std::optional<Role> ParseRole(std::string_view s);

}  // namespace haiquan::domain
