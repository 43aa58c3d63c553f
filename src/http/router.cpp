#include "http/router.h"

#include <stdexcept>

#include "http/problem.h"

namespace haiquan::http {

void Router::Add(Route route) {
  if (!route.access.is_public && route.access.roles.empty()) {
    throw std::logic_error("route " + route.method + " " + route.pattern + " declares no access");
  }
  routes_.push_back(std::move(route));
}

bool Router::Match(std::string_view pattern, std::string_view path,
                   std::map<std::string, std::string, std::less<>>* params) {
  size_t pi = 0, si = 0;
  while (pi < pattern.size() && si < path.size()) {
    if (pattern[pi] == '{') {
      size_t close = pattern.find('}', pi);
      size_t end = path.find('/', si);
      if (end == std::string_view::npos) end = path.size();
      if (end == si) return false;
      if (params) {
        (*params)[std::string(pattern.substr(pi + 1, close - pi - 1))] =
            std::string(path.substr(si, end - si));
      }
      pi = close + 1;
      si = end;
    } else if (pattern[pi] == path[si]) {
      ++pi;
      ++si;
    } else {
      return false;
    }
  }
  return pi == pattern.size() && si == path.size();
}

void Router::Dispatch(Request& req, Respond respond) const {
  std::string allow;
  for (const auto& r : routes_) {
    std::map<std::string, std::string, std::less<>> params;
    if (!Match(r.pattern, req.path, &params)) continue;
    if (r.method != req.method) {
      allow += (allow.empty() ? "" : ", ") + r.method;
      continue;
    }
    req.params = std::move(params);
    r.handler(req, std::move(respond));
    return;
  }
  if (!allow.empty()) {
    auto res = Problem(405, "", "allowed: " + allow, req.instance);
    res.headers.emplace_back("Allow", allow);
    respond(std::move(res));
    return;
  }
  respond(Problem(404, "", "no such resource", req.instance));
}

}  // namespace haiquan::http
