#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace haiquan::domain {

// T1: an enterprise as the registry knows it. Declarations refer to it by tax id.
enum class EnterpriseStatus { kActive, kSuspended, kDissolved, kTaxDebt };

std::string_view ToString(EnterpriseStatus s);
std::optional<EnterpriseStatus> ParseEnterpriseStatus(std::string_view s);
// Suspended, dissolved and in tax debt over 90 days: no declarations may be filed for it.
inline bool MayTrade(EnterpriseStatus s) { return s == EnterpriseStatus::kActive; }

struct Enterprise {
  std::string tax_id;
  std::string name;
  std::string address;
  std::string registration_date;  // YYYY-MM-DD; empty while provisional
  EnterpriseStatus status = EnterpriseStatus::kActive;
  bool aeo = false;          // authorised economic operator
  bool provisional = false;  // registered from a declaration's party data, not yet verified
  int version = 0;
  std::string updated_at;
  std::string updated_by;
};

// Vietnamese enterprise tax codes: 10 digits; a branch adds "-" and 3 digits.
bool IsTaxId(std::string_view s);

// Faults by JSON pointer ("/taxId", "/name", ...); empty when valid.
std::vector<FieldError> Validate(const Enterprise& e);

}  // namespace haiquan::domain
