#pragma once

#include <optional>

#include "http/json_reader.h"
#include "risk/rule.h"

namespace haiquan::http {

// Reads a rule as an analyst writes it. `version`, if present, is returned in `expected_version`
// so that concurrent edits do not overwrite each other.
risk::Rule ReadRule(const json::value& v, JsonReader& reader,
                    std::optional<int>* expected_version = nullptr);
json::object WriteRule(const risk::Rule& r);

}  // namespace haiquan::http
