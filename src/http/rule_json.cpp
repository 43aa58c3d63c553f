#include "http/rule_json.h"

#include "http/json_writer.h"

namespace haiquan::http {

risk::Rule ReadRule(const json::value& v, JsonReader& r, std::optional<int>* expected_version) {
  risk::Rule rule;
  const json::object* o = r.Object(v, "");
  if (!o) return rule;
  r.NoOthers(*o,
             {"id", "version", "code", "description", "field", "operator", "values", "lane",
              "weight", "validFrom", "validTo", "active", "updatedAt", "updatedBy"},
             "");
  r.String(*o, "code", "/code", rule.code);
  r.String(*o, "description", "/description", rule.description);
  r.String(*o, "field", "/field", rule.field);
  if (auto op = r.OptionalString(*o, "operator", "/operator")) {
    if (auto parsed = risk::ParseOperator(*op)) {
      rule.op = *parsed;
    } else {
      r.Value("/operator", "invalid_code",
              "must be one of eq, ne, in, not_in, prefix, contains, gt, gte, lt, lte");
    }
  } else if (!JsonReader::Member(*o, "operator")) {
    r.Value("/operator", "required", "is required");
  }
  if (const json::value* vals = JsonReader::Member(*o, "values")) {
    if (!vals->is_array()) {
      r.Shape("/values", "wrong_type", "must be an array");
    } else {
      const auto& arr = vals->get_array();
      for (size_t i = 0; i < arr.size() && i <= 10000; ++i) {
        std::string p = "/values/" + std::to_string(i);
        if (arr[i].is_string()) {
          rule.values.emplace_back(arr[i].get_string());
        } else if (arr[i].is_number()) {
          rule.values.push_back(ToJson(arr[i]));
        } else {
          r.Shape(p, "wrong_type", "must be a string or a number");
        }
      }
    }
  }
  if (auto lane = r.OptionalString(*o, "lane", "/lane")) {
    if (auto parsed = domain::ParseLane(*lane)) {
      rule.lane = *parsed;
    } else {
      r.Value("/lane", "invalid_code", "must be green, yellow or red");
    }
  }
  r.Number(*o, "weight", "/weight", rule.weight);
  r.String(*o, "validFrom", "/validFrom", rule.valid_from);
  r.String(*o, "validTo", "/validTo", rule.valid_to);
  rule.active = r.Bool(*o, "active", "/active").value_or(true);
  if (expected_version) *expected_version = r.Version(*o);
  return rule;
}

json::object WriteRule(const risk::Rule& r) {
  json::array values;
  for (const auto& v : r.values) values.emplace_back(v);
  auto or_null = [](const std::string& s) { return s.empty() ? json::value() : json::value(s); };
  return {{"id", r.id},
          {"version", r.version},
          {"code", r.code},
          {"description", r.description},
          {"field", r.field},
          {"operator", risk::ToString(r.op)},
          {"values", std::move(values)},
          {"lane", r.lane ? json::value(domain::ToString(*r.lane)) : json::value()},
          {"weight", r.weight},
          {"validFrom", or_null(r.valid_from)},
          {"validTo", or_null(r.valid_to)},
          {"active", r.active},
          {"updatedAt", r.updated_at},
          {"updatedBy", r.updated_by}};
}

}  // namespace haiquan::http
