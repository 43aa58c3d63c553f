#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace haiquan::domain {

// A calendar date written YYYY-MM-DD (the first 10 characters of an RFC 3339 timestamp).
// Nullopt unless it is exactly that and a real day.
std::optional<std::chrono::sys_days> ParseDate(std::string_view s);
std::string FormatDate(std::chrono::sys_days day);

}  // namespace haiquan::domain
