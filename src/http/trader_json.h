#pragma once

#include <optional>

#include "domain/enterprise.h"
#include "http/json_reader.h"

namespace haiquan::http {

json::object WriteEnterprise(const domain::Enterprise& e);
// `expected_version`, when given, receives the body's "version" (optimistic concurrency).
domain::Enterprise ReadEnterprise(const json::value& v, JsonReader& r,
                                  std::optional<int>* expected_version = nullptr);

}  // namespace haiquan::http
