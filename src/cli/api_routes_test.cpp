// The OpenAPI document and the router must describe the same API: a route without its
// document entry, or a documented path that nothing serves, fails here.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <set>

#include "cli/context.h"
#include "http/api.h"
#include "http/console.h"

namespace haiquan::cli {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(ApiRoutes, MatchTheOpenApiDocument) {
  auto dir =
      std::filesystem::temp_directory_path() / ("haiquan-routes-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  ContextOptions opts;
  opts.db_path = (dir / "t.db").string();
  {
    Context ctx(opts);
    http::Router router;
    http::RegisterApi(router, ctx.Api());
    http::RegisterConsole(router, "");

    std::set<std::pair<std::string, std::string>> routes, documented;
    for (const auto& r : router.routes()) routes.emplace(r.pattern, Lower(r.method));
    auto doc = boost::json::parse(http::OpenApiDocument()).as_object();
    EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
    for (const auto& path : doc.at("paths").as_object()) {
      for (const auto& op : path.value().as_object()) {
        documented.emplace(std::string(path.key()), std::string(op.key()));
        // Every documented operation says what it answers.
        EXPECT_TRUE(op.value().as_object().contains("responses")) << path.key() << " " << op.key();
      }
    }
    for (const auto& r : routes) {
      EXPECT_TRUE(documented.count(r)) << r.second << " " << r.first << " is not documented";
    }
    for (const auto& d : documented) {
      EXPECT_TRUE(routes.count(d)) << d.second << " " << d.first << " is documented but not served";
    }
    // Deny by default: every route states who may call it.
    for (const auto& r : router.routes()) {
      EXPECT_TRUE(r.access.is_public || !r.access.roles.empty()) << r.pattern;
    }
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace haiquan::cli
