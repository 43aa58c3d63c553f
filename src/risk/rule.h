#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/lane.h"
#include "domain/result.h"

namespace haiquan::risk {

enum class Operator { kEq, kNe, kIn, kNotIn, kPrefix, kContains, kGt, kGte, kLt, kLte };

std::string_view ToString(Operator op);
std::optional<Operator> ParseOperator(std::string_view s);

// A selectivity criterion, after ASYCUDA: when `field` `op` `values` holds, the declaration
// goes to `lane`, or `weight` is added to its score. Only in force between the validity dates.
struct Rule {
  int64_t id = 0;  // assigned by the store
  int version = 0;
  std::string code;  // the analyst's handle, unique: "R-ORIGIN-NARCO"
  std::string description;
  std::string field;  // one of RuleFields(), e.g. "items.originCountry"
  Operator op = Operator::kEq;
  std::vector<std::string> values;
  std::optional<domain::Lane> lane;
  double weight = 0;
  std::string valid_from;  // YYYY-MM-DD, inclusive; empty: no start
  std::string valid_to;    // YYYY-MM-DD, inclusive; empty: no end
  bool active = true;
  std::string updated_at;  // set by the store
  std::string updated_by;
};

// Checks a rule as an analyst wrote it; faults carry JSON pointers of the rule's members.
std::vector<domain::FieldError> Validate(const Rule& rule);

bool InForce(const Rule& rule, std::string_view today);

}  // namespace haiquan::risk
