#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/principal.h"

namespace haiquan::http {

// The parts of an HTTP request a handler needs, free of the server library.
struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // without the query
  std::map<std::string, std::string, std::less<>> query;
  std::map<std::string, std::string, std::less<>> params;  // from the route pattern: {id}
  std::string body;
  std::string content_type;
  std::string remote;
  std::string instance;       // the request target, for problem details
  std::string authorization;  // the Authorization header as sent
  // Set by the router once the bearer token is checked; present in every non-public handler.
  std::optional<domain::Principal> principal;

  std::optional<std::string_view> Query(std::string_view key) const {
    auto it = query.find(key);
    if (it == query.end()) return std::nullopt;
    return std::string_view(it->second);
  }
};

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Handlers answer by calling Respond exactly once, now or later from another thread.
using Respond = std::function<void(Response)>;
using Handler = std::function<void(const Request&, Respond)>;

}  // namespace haiquan::http
