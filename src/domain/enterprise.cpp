#include "domain/enterprise.h"

#include <array>
#include <chrono>

#include "domain/text.h"

namespace haiquan::domain {
namespace {

constexpr std::array<std::pair<EnterpriseStatus, std::string_view>, 4> kStatuses = {{
    {EnterpriseStatus::kActive, "active"},
    {EnterpriseStatus::kSuspended, "suspended"},
    {EnterpriseStatus::kDissolved, "dissolved"},
    {EnterpriseStatus::kTaxDebt, "tax_debt"},
}};

bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  auto num = [&](size_t from, size_t n) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  std::chrono::year_month_day ymd{std::chrono::year(num(0, 4)),
                                  std::chrono::month(static_cast<unsigned>(num(5, 2))),
                                  std::chrono::day(static_cast<unsigned>(num(8, 2)))};
  return ymd.ok() && num(0, 4) >= 1900;
}

void Text(std::vector<FieldError>& out, const std::string& p, std::string_view v, size_t max) {
  if (v.empty()) {
    out.push_back({p, "required", "is required"});
  } else if (v.size() > max) {
    out.push_back({p, "too_long", "must be at most " + std::to_string(max) + " bytes"});
  } else if (HasControlCharacters(v)) {
    out.push_back({p, "invalid_characters", "must not contain control characters"});
  }
}

}  // namespace

std::string_view ToString(EnterpriseStatus s) {
  for (const auto& [status, name] : kStatuses) {
    if (status == s) return name;
  }
  return "active";
}

std::optional<EnterpriseStatus> ParseEnterpriseStatus(std::string_view s) {
  for (const auto& [status, name] : kStatuses) {
    if (name == s) return status;
  }
  return std::nullopt;
}

bool IsTaxId(std::string_view s) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  };
  if (s.size() == 10) return digits(0, 10);
  return s.size() == 14 && digits(0, 10) && s[10] == '-' && digits(11, 3);
}

std::vector<FieldError> Validate(const Enterprise& e) {
  std::vector<FieldError> out;
  if (!IsTaxId(e.tax_id)) {
    out.push_back({"/taxId", "invalid_tax_id", "10 digits, or 10 digits, '-' and 3 for a branch"});
  }
  Text(out, "/name", e.name, 256);
  Text(out, "/address", e.address, 512);
  if (!e.provisional && !IsDate(e.registration_date)) {
    out.push_back({"/registrationDate", "invalid_date", "must be a date such as 2015-03-01"});
  }
  return out;
}

}  // namespace haiquan::domain
