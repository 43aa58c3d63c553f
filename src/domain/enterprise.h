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

// A natural person linked to an enterprise, from the one person registry (shared with the
// enforcement databases). Identified by an identity document number.
struct PersonLink {
  std::string id_number;  // citizen identity card (9 or 12 digits) or passport number
  std::string name;
  std::string nationality;      // ISO 3166-1 alpha-2
  std::optional<double> share;  // per cent of the capital, owners only
};

// A person as the registry holds it, with who last changed it.
struct Person {
  std::string id_number;
  std::string name;
  std::string nationality;
  int version = 0;
  std::string updated_at;
  std::string updated_by;
};

struct Enterprise {
  std::string tax_id;
  std::string name;
  std::string address;
  std::string registration_date;  // YYYY-MM-DD; empty while provisional
  EnterpriseStatus status = EnterpriseStatus::kActive;
  bool aeo = false;          // authorised economic operator
  bool provisional = false;  // registered from a declaration's party data, not yet verified
  std::vector<PersonLink> owners;
  std::vector<PersonLink> representatives;  // legal representatives
  // False: a write keeps the stored list (a PUT without the member, a CSV import).
  bool owners_given = true;
  bool representatives_given = true;
  int version = 0;
  std::string updated_at;
  std::string updated_by;
};

// Vietnamese enterprise tax codes: 10 digits; a branch adds "-" and 3 digits.
bool IsTaxId(std::string_view s);

// Identity card numbers are digits; passports letters and digits. Upper case only.
bool IsPersonId(std::string_view s);

// The address reduced for comparison: Vietnamese letters without their marks, lower case,
// punctuation and repeated spaces removed. "12 Lê Lợi, Q.1" and "12 le loi q 1" compare equal.
std::string AddressKey(std::string_view address);

// Faults by JSON pointer ("/taxId", "/name", ...); empty when valid.
std::vector<FieldError> Validate(const Enterprise& e);

}  // namespace haiquan::domain
