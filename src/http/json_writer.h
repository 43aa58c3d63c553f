#pragma once

#include <boost/json.hpp>
#include <string>

namespace haiquan::http {

// Serializes like boost::json::serialize, but writes numbers as plain shortest decimals
// ("39732.43", not "3.973243E4"), as clients and spreadsheets expect.
std::string ToJson(const boost::json::value& v);

}  // namespace haiquan::http
