// Analysts change rules over the API and the next filing is decided by the new rules.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "integration/server_process.h"

namespace haiquan::testing {
namespace {

namespace json = boost::json;

json::object Parse(const std::string& body) { return json::parse(body).as_object(); }

std::string Lane(const ServerProcess& s, const std::string& ref, const std::string& hs) {
  auto res = s.Post("/api/v1/declarations", SampleDeclarationJson(ref, hs));
  EXPECT_EQ(res.status, 201) << res.body;
  return std::string(Parse(res.body)["lane"].as_string());
}

TEST(Rules, LiveEditsDecideTheNextFiling) {
  ServerProcess server({"--random-red", "0", "--random-yellow", "0"});
  server.UseRole("administrator");  // writes rules and files declarations
  auto list = Parse(server.Get("/api/v1/risk/rules").body);
  EXPECT_GE(list["items"].as_array().size(), 10u);  // the built-in rules, stored at first start

  EXPECT_EQ(Lane(server, "RULES-1", "42021100"), "green");
  auto created = server.Post("/api/v1/risk/rules", R"({"code": "R-TEST-BAGS",
      "description": "Handbags: counterfeit watch", "field": "items.hsCode", "operator": "prefix",
      "values": ["4202"], "lane": "red"})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto rule = Parse(created.body);
  EXPECT_EQ(rule["version"].as_int64(), 1);
  std::string path = "/api/v1/risk/rules/" + std::to_string(rule["id"].as_int64());

  auto red = server.Post("/api/v1/declarations", SampleDeclarationJson("RULES-2", "42021100"));
  auto answer = Parse(red.body);
  EXPECT_EQ(answer["lane"].as_string(), "red");
  EXPECT_EQ(answer["reasons"].as_array()[0].as_object().at("code").as_string(), "RULE:R-TEST-BAGS");

  // Retire it, naming the version edited.
  rule["active"] = false;
  auto retired = server.Request("PUT", path, json::serialize(rule));
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_EQ(Parse(retired.body)["version"].as_int64(), 2);
  EXPECT_EQ(Lane(server, "RULES-3", "42021100"), "green");

  // An edit based on the old version is refused rather than silently overwriting.
  auto stale = server.Request("PUT", path, json::serialize(rule));
  EXPECT_EQ(stale.status, 409) << stale.body;

  auto history = Parse(server.Get(path + "/history").body);
  ASSERT_EQ(history["items"].as_array().size(), 2u);
  EXPECT_TRUE(history["items"].as_array()[0].as_object().at("active").as_bool());
  EXPECT_FALSE(history["items"].as_array()[1].as_object().at("active").as_bool());

  auto duplicate = server.Post("/api/v1/risk/rules", R"({"code": "R-TEST-BAGS",
      "description": "again", "field": "office", "operator": "eq", "values": ["03CE"], "weight": 5})");
  EXPECT_EQ(duplicate.status, 409) << duplicate.body;

  auto invalid = server.Post("/api/v1/risk/rules", R"({"code": "bad code", "description": "x",
      "field": "items.colour", "operator": "gt", "values": ["a"]})");
  ASSERT_EQ(invalid.status, 422) << invalid.body;
  std::string errors = json::serialize(Parse(invalid.body)["errors"]);
  for (const char* p : {"\"/code\"", "\"/field\"", "\"/weight\""}) {
    EXPECT_NE(errors.find(p), std::string::npos) << p << " in " << errors;
  }
  EXPECT_EQ(server.Get("/api/v1/risk/rules/999999").status, 404);
  EXPECT_EQ(server.Get("/api/v1/risk/rules/999999/history").status, 404);
}

TEST(Rules, SurviveARestart) {
  std::string dir = MakeTempDir();
  std::string db = dir + "/haiquan.db";
  {
    ServerProcess server({"--random-red", "0", "--random-yellow", "0"}, db);
    server.UseRole("administrator");
    auto created = server.Post("/api/v1/risk/rules", R"({"code": "R-KEEP",
        "description": "kept", "field": "items.hsCode", "operator": "prefix", "values": ["4202"],
        "lane": "yellow"})");
    ASSERT_EQ(created.status, 201) << created.body;
  }
  ServerProcess server({"--random-red", "0", "--random-yellow", "0"}, db);
  server.UseRole("administrator");
  EXPECT_EQ(Lane(server, "RESTART-1", "42021100"), "yellow");
  std::system(("rm -rf '" + dir + "'").c_str());
}

}  // namespace
}  // namespace haiquan::testing
