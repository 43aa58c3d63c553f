#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace haiquan::domain {

// Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF; a leading UTF-8 BOM is skipped)
// and calls `row` for each record. Returns false, with `error` set, if a quote is left open.
bool ReadCsv(std::string_view text, const std::function<void(std::vector<std::string>&)>& row,
             std::string* error = nullptr);

}  // namespace haiquan::domain
