// The access policy table in docs/access-policy.md against the router: every route the server
// registers is called with a token of every role and with none, and must let through exactly
// whom the table names. A route with no row fails here.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cli/context.h"
#include "http/api.h"
#include "http/console.h"

namespace haiquan::cli {
namespace {

using Key = std::pair<std::string, std::string>;  // method, pattern

struct Policy {
  bool is_public = false;
  std::set<std::string> roles;
};

std::string Trim(std::string s) {
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

std::map<Key, Policy> ReadPolicyTable() {
  std::ifstream in(std::string(HAIQUAN_SOURCE_DIR) + "/docs/access-policy.md");
  EXPECT_TRUE(in) << "docs/access-policy.md is missing";
  std::map<Key, Policy> table;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("| ", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line.substr(1));
    std::string cell;
    while (std::getline(ss, cell, '|')) cells.push_back(Trim(cell));
    if (cells.size() < 3 || cells[0] == "Method" || cells[0].find("---") != std::string::npos) {
      continue;
    }
    Policy p;
    std::stringstream roles(cells[2]);
    std::string role;
    while (std::getline(roles, role, ',')) {
      role = Trim(role);
      if (role == "public") {
        p.is_public = true;
      } else {
        EXPECT_TRUE(domain::ParseRole(role)) << "unknown role " << role << " in: " << line;
        p.roles.insert(role);
      }
    }
    EXPECT_TRUE(table.emplace(Key{cells[0], cells[1]}, p).second) << "two rows for " << line;
  }
  EXPECT_FALSE(table.empty());
  return table;
}

// A concrete path for a pattern: every {param} becomes "1".
std::string PathFor(const std::string& pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      out += '1';
      i = pattern.find('}', i);
    } else {
      out += pattern[i];
    }
  }
  return out;
}

TEST(AccessPolicy, EveryRouteForEveryRole) {
  auto dir =
      std::filesystem::temp_directory_path() / ("haiquan-policy-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  ContextOptions opts;
  opts.db_path = (dir / "t.db").string();
  opts.sign_audit = false;
  {
    Context ctx(opts);
    http::Router real;
    http::RegisterApi(real, ctx.Api());
    http::RegisterConsole(real, "");
    auto table = ReadPolicyTable();

    // The same routes and access declarations, with handlers that only say they were reached:
    // what is checked is the router's gate, not what the handlers then do.
    http::Router gated;
    for (const auto& r : real.routes()) {
      gated.Add({r.method, r.pattern, r.access, [](const http::Request&, http::Respond respond) {
                   http::Response res;
                   res.status = 299;
                   respond(std::move(res));
                 }});
    }
    gated.SetAuthenticator([](std::string_view token) -> domain::Result<domain::Principal> {
      auto role = domain::ParseRole(token.substr(token.find(':') + 1));
      if (token.rfind("role:", 0) != 0 || !role) {
        return domain::Error::Unauthenticated("unknown token");
      }
      return domain::Principal{1, "someone", *role, "0101234567"};
    });

    std::set<Key> served;
    size_t checked = 0;
    for (const auto& r : real.routes()) {
      Key key{r.method, r.pattern};
      served.insert(key);
      auto row = table.find(key);
      if (row == table.end()) {
        ADD_FAILURE() << r.method << " " << r.pattern << " has no row in docs/access-policy.md";
        continue;
      }
      const Policy& p = row->second;
      auto call = [&](const std::string& authorization) {
        http::Request req;
        req.method = r.method;
        req.path = PathFor(r.pattern);
        req.instance = req.path;
        req.authorization = authorization;
        unsigned status = 0;
        gated.Dispatch(req, [&](http::Response res) { status = res.status; });
        return status;
      };
      EXPECT_EQ(call(""), p.is_public ? 299u : 401u)
          << "anonymous " << r.method << " " << r.pattern;
      EXPECT_EQ(call("Bearer not-a-token"), p.is_public ? 299u : 401u)
          << "bad token " << r.method << " " << r.pattern;
      for (auto role : domain::kAllRoles) {
        std::string name(domain::ToString(role));
        unsigned expected = p.is_public || p.roles.count(name) ? 299u : 403u;
        EXPECT_EQ(call("Bearer role:" + name), expected)
            << name << " on " << r.method << " " << r.pattern;
        ++checked;
      }
    }
    for (const auto& [key, policy] : table) {
      EXPECT_TRUE(served.count(key))
          << key.first << " " << key.second << " is in the policy table but not served";
    }
    EXPECT_GE(checked, served.size() * std::size(domain::kAllRoles));
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace haiquan::cli
