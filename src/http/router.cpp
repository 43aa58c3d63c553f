#include "http/router.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "http/problem.h"

namespace haiquan::http {
namespace {

Response Unauthorized(const std::string& why, const std::string& instance) {
  auto res = Problem(401, "", why, instance);
  res.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"haiquan\"");
  return res;
}

}  // namespace

std::string_view BearerToken(std::string_view h) {
  constexpr std::string_view kScheme = "bearer ";
  if (h.size() <= kScheme.size()) return {};
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(h[i])) != kScheme[i]) return {};
  }
  h.remove_prefix(kScheme.size());
  while (!h.empty() && h.front() == ' ') h.remove_prefix(1);
  while (!h.empty() && h.back() == ' ') h.remove_suffix(1);
  return h;
}

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
    if (!r.access.is_public) {
      std::string_view token = BearerToken(req.authorization);
      if (token.empty() || !authenticate_) {
        return respond(Unauthorized(
            "send Authorization: Bearer TOKEN (sign in at /api/v1/auth/login)", req.instance));
      }
      auto who = authenticate_(token);
      if (!who.ok()) {
        if (who.error().code != domain::ErrorCode::kUnauthenticated) {
          return respond(Problem(who.error(), req.instance));
        }
        return respond(Unauthorized(who.error().message, req.instance));
      }
      if (std::find(r.access.roles.begin(), r.access.roles.end(), who->role) ==
          r.access.roles.end()) {
        return respond(Problem(403, "",
                               "the role " + std::string(domain::ToString(who->role)) +
                                   " may not " + r.method + " " + r.pattern,
                               req.instance));
      }
      req.principal = std::move(who.value());
    }
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
