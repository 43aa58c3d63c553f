// An analyst's rule: parsed, read, validated, compiled into a rule set with the fixed rules and
// run against fixed declarations; an accepted rule must also survive being written and re-read.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.h"
#include "http/json_writer.h"

namespace haiquan::fuzz {
namespace {

void CheckRoundTrip(const risk::Rule& rule) {
  std::string written = http::ToJson(http::WriteRule(rule));
  auto again = http::ParseJson(written);
  Check(again.ok(), "an accepted rule writes invalid JSON", written);
  http::JsonReader reader;
  std::optional<int> version;
  risk::Rule back = http::ReadRule(*again, reader, &version);
  Check(reader.ok(), "an accepted rule does not read back", written);
  Check(risk::Validate(back).empty(), "an accepted rule is invalid once read back", written);
  Check(back.code == rule.code && back.description == rule.description &&
            back.field == rule.field && back.op == rule.op && back.values == rule.values &&
            back.lane == rule.lane && back.weight == rule.weight &&
            back.valid_from == rule.valid_from && back.valid_to == rule.valid_to &&
            back.active == rule.active,
        "a rule changes when written and re-read", written);
}

}  // namespace
}  // namespace haiquan::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace haiquan;
  using namespace haiquan::fuzz;
  auto parsed = http::ParseJson(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed.ok()) return 0;  // fuzz_declaration covers unreadable bodies
  http::JsonReader reader;
  std::optional<int> expected_version;
  risk::Rule rule = http::ReadRule(*parsed, reader, &expected_version);
  auto faults = risk::Validate(rule);
  (void)risk::InForce(rule, kToday);
  // Rows stored before a validation rule existed are compiled unchecked: never a crash.
  {
    risk::RuleSet unchecked({rule}, risk::SelectionSettings{});
    for (const auto& d : FixedDeclarations()) (void)unchecked.Decide(d, kToday);
  }
  if (!reader.ok() || !faults.empty()) {
    auto error = reader.ok() ? domain::Error::Invalid("the rule is not valid", faults)
                             : reader.ToError("the rule", faults);
    CheckProblem(error);
    return 0;
  }
  auto rules = FixedRules();
  rules.push_back(rule);
  risk::RuleSet set(std::move(rules), risk::SelectionSettings{});
  for (const auto& d : FixedDeclarations()) CheckDecision(set.Decide(d, kToday));
  CheckRoundTrip(rule);
  return 0;
}
