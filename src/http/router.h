#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/principal.h"
#include "domain/result.h"
#include "domain/role.h"
#include "http/message.h"

namespace haiquan::http {

// Who may call a route. Every route states one: there is no default.
struct Access {
  bool is_public = false;  // health checks and the API document only
  std::vector<domain::Role> roles;

  static Access Public() { return {true, {}}; }
  static Access Roles(std::vector<domain::Role> r) { return {false, std::move(r)}; }
};

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/declarations/{id}"
  Access access;
  Handler handler;
};

// Matches method and path to a route; 404 for an unknown path, 405 for a known path with
// another method. Before a non-public handler runs, the bearer token must name a principal
// (else 401) whose role the route allows (else 403).
class Router {
 public:
  using Authenticate = std::function<domain::Result<domain::Principal>(std::string_view token)>;

  // Throws std::logic_error for a route that declares no access (deny by default).
  void Add(Route route);
  // Without one, every non-public route answers 401.
  void SetAuthenticator(Authenticate authenticate) { authenticate_ = std::move(authenticate); }
  void Dispatch(Request& request, Respond respond) const;
  const std::vector<Route>& routes() const { return routes_; }

  // Whether `pattern` matches `path`; fills `params` from {name} segments.
  static bool Match(std::string_view pattern, std::string_view path,
                    std::map<std::string, std::string, std::less<>>* params);

 private:
  std::vector<Route> routes_;
  Authenticate authenticate_;
};

// The token of an "Authorization: Bearer TOKEN" header; empty if there is none.
std::string_view BearerToken(std::string_view authorization);

}  // namespace haiquan::http
