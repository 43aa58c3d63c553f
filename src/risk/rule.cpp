#include "risk/rule.h"

#include <array>
#include <charconv>
#include <cmath>

#include "domain/text.h"
#include "risk/fields.h"

namespace haiquan::risk {
namespace {

constexpr std::array<std::pair<Operator, std::string_view>, 10> kOperators = {{
    {Operator::kEq, "eq"},
    {Operator::kNe, "ne"},
    {Operator::kIn, "in"},
    {Operator::kNotIn, "not_in"},
    {Operator::kPrefix, "prefix"},
    {Operator::kContains, "contains"},
    {Operator::kGt, "gt"},
    {Operator::kGte, "gte"},
    {Operator::kLt, "lt"},
    {Operator::kLte, "lte"},
}};

bool IsNumericOperator(Operator op) {
  return op == Operator::kGt || op == Operator::kGte || op == Operator::kLt || op == Operator::kLte;
}

bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool IsNumber(const std::string& s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(v);
}

}  // namespace

std::string_view ToString(Operator op) {
  for (auto& [o, name] : kOperators) {
    if (o == op) return name;
  }
  return "eq";
}

std::optional<Operator> ParseOperator(std::string_view s) {
  for (auto& [o, name] : kOperators) {
    if (name == s) return o;
  }
  return std::nullopt;
}

std::vector<domain::FieldError> Validate(const Rule& r) {
  std::vector<domain::FieldError> f;
  bool code_ok = !r.code.empty() && r.code.size() <= 64;
  for (char c : r.code) {
    code_ok = code_ok && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
  }
  if (!code_ok) f.push_back({"/code", "invalid_format", "must be 1 to 64 of A-Z, 0-9, - and _"});
  if (r.description.empty() || r.description.size() > 1000) {
    f.push_back({"/description", "required", "a description of 1 to 1000 bytes is required"});
  } else if (domain::HasControlCharacters(r.description)) {
    f.push_back({"/description", "invalid_characters", "must not contain control characters"});
  }
  const FieldInfo* field = FindField(r.field);
  if (!field) {
    f.push_back({"/field", "unknown_field", "is not a field rules can test"});
  }
  if (r.values.empty()) {
    f.push_back({"/values", "required", "at least one value is required"});
  } else if (r.values.size() > 10000) {
    f.push_back({"/values", "too_many", "at most 10000 values"});
  }
  for (size_t i = 0; i < r.values.size(); ++i) {
    const auto& v = r.values[i];
    // Control characters are refused, which also keeps the store's value separator free.
    bool bad = v.empty() || v.size() > 256 || domain::HasControlCharacters(v);
    if (bad) {
      f.push_back({"/values/" + std::to_string(i), "invalid_value",
                   "must be 1 to 256 bytes without control characters"});
    }
  }
  bool single = r.op != Operator::kIn && r.op != Operator::kNotIn;
  if (single && r.values.size() > 1) {
    f.push_back({"/values", "too_many", "this operator takes exactly one value"});
  }
  if (field && IsNumericOperator(r.op) && !field->numeric) {
    f.push_back({"/operator", "not_numeric", "compares numbers, but the field is text"});
  }
  if (field && (r.op == Operator::kPrefix || r.op == Operator::kContains) && field->numeric) {
    f.push_back({"/operator", "not_text", "matches text, but the field is a number"});
  }
  if (field && field->numeric) {
    for (size_t i = 0; i < r.values.size(); ++i) {
      if (!IsNumber(r.values[i])) {
        f.push_back({"/values/" + std::to_string(i), "not_a_number", "must be a number"});
      }
    }
  }
  if (r.lane && r.weight != 0) {
    f.push_back({"/weight", "conflict", "a rule sets either a lane or a weight, not both"});
  } else if (!r.lane && !(r.weight > 0 && r.weight <= 100)) {
    f.push_back({"/weight", "out_of_range", "without a lane, a weight in (0, 100] is required"});
  }
  if (!r.valid_from.empty() && !IsDate(r.valid_from)) {
    f.push_back({"/validFrom", "invalid_date", "must be a date YYYY-MM-DD"});
  }
  if (!r.valid_to.empty() && !IsDate(r.valid_to)) {
    f.push_back({"/validTo", "invalid_date", "must be a date YYYY-MM-DD"});
  }
  if (!r.valid_from.empty() && !r.valid_to.empty() && r.valid_to < r.valid_from) {
    f.push_back({"/validTo", "before_start", "must not be before validFrom"});
  }
  return f;
}

bool InForce(const Rule& r, std::string_view today) {
  if (!r.active) return false;
  if (!r.valid_from.empty() && today < r.valid_from) return false;
  if (!r.valid_to.empty() && today > r.valid_to) return false;
  return true;
}

}  // namespace haiquan::risk
