// The web console's static files as `haiquan serve` answers them: pages, assets with their
// types and caching, the Content-Security-Policy, and no way out of the web root.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "server_process.h"

namespace haiquan::testing {
namespace {

void Write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

class ConsoleTest : public ::testing::Test {
 protected:
  static std::string MakeWebRoot() {
    std::filesystem::path root = std::filesystem::path(MakeTempDir()) / "dist";
    Write(root / "index.html", "<!doctype html><title>Haiquan</title><div id=app></div>");
    Write(root / "assets" / "index-abc123.js", "console.log('haiquan')");
    Write(root / "assets" / "index-abc123.css", "body{margin:0}");
    Write(root / "assets" / "logo-1.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    // A secret beside the web root that no request may reach.
    Write(root.parent_path() / "secret.txt", "do not serve");
    return root.string();
  }
};

TEST_F(ConsoleTest, ServesPagesAndAssetsWithTheirTypes) {
  ServerProcess server({"--web-root", MakeWebRoot()});
  for (const char* page :
       {"/", "/login", "/declarations", "/declarations/42", "/traders/0101234567", "/rules",
        "/rules/3", "/dashboard", "/search", "/seizures/7", "/persons/8", "/companies/9",
        "/investigations", "/investigations/10"}) {
    auto r = server.RequestWith("", "GET", page);
    EXPECT_EQ(r.status, 200) << page;
    EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8") << page;
    EXPECT_NE(r.body.find("<div id=app>"), std::string::npos) << page;
    EXPECT_NE(r.Header("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
    EXPECT_EQ(r.Header("Cache-Control"), "no-cache");
    EXPECT_EQ(r.Header("X-Frame-Options"), "DENY");
  }
  auto js = server.RequestWith("", "GET", "/assets/index-abc123.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log('haiquan')");
  EXPECT_EQ(js.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(js.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(server.RequestWith("", "GET", "/assets/index-abc123.css").Header("Content-Type"),
            "text/css; charset=utf-8");
  EXPECT_EQ(server.RequestWith("", "GET", "/assets/logo-1.svg").Header("Content-Type"),
            "image/svg+xml");
}

TEST_F(ConsoleTest, ApiPathsAreNotPagesAndStillNeedATokenAndUnknownPathsAre404) {
  ServerProcess server({"--web-root", MakeWebRoot()});
  EXPECT_EQ(server.RequestWith("", "GET", "/api/v1/declarations").status, 401);
  auto unknown_api = server.RequestWith("", "GET", "/api/v1/nothing-here");
  EXPECT_EQ(unknown_api.status, 404);
  EXPECT_EQ(unknown_api.Header("Content-Type"), "application/problem+json");
  EXPECT_EQ(server.RequestWith("", "GET", "/no-such-page").status, 404);
  EXPECT_EQ(server.RequestWith("", "POST", "/declarations").status, 405);
}

TEST_F(ConsoleTest, NoPathLeavesTheWebRoot) {
  ServerProcess server({"--web-root", MakeWebRoot()});
  for (const char* target :
       {"/assets/../secret.txt", "/assets/..%2Fsecret.txt", "/assets/%2e%2e%2fsecret.txt",
        "/assets/..", "/assets/.", "/assets/", "/assets/../../etc/passwd", "/../secret.txt",
        "/assets/%2e%2e/secret.txt", "/assets//etc/passwd", "/assets/index.html",
        "/assets/..\\secret.txt"}) {
    auto r = server.RequestWith("", "GET", target);
    EXPECT_NE(r.status, 200) << target;
    EXPECT_EQ(r.body.find("do not serve"), std::string::npos) << target;
  }
}

TEST_F(ConsoleTest, WithoutABuiltConsolePagesSayHowToBuildIt) {
  ServerProcess server({"--web-root", MakeTempDir()});
  auto r = server.RequestWith("", "GET", "/declarations");
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("make"), std::string::npos);
  EXPECT_EQ(server.RequestWith("", "GET", "/healthz").status, 200);
}

}  // namespace
}  // namespace haiquan::testing
