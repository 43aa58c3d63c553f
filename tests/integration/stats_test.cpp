// The dashboard's counts (GET /api/v1/stats/declarations) against filings and findings made here.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "integration/server_process.h"

namespace haiquan::testing {
namespace {

namespace json = boost::json;

json::object Parse(const std::string& body) { return json::parse(body).as_object(); }

TEST(Stats, CountLanesPerDayHitRatesReasonsAndQueues) {
  ServerProcess server;
  // Weapons (HS 93) always go red, awaiting inspection; smartphones are green or yellow.
  auto red = server.Post("/api/v1/declarations", SampleDeclarationJson("ST-1", "93020000"));
  ASSERT_EQ(red.status, 201) << red.body;
  auto red2 = server.Post("/api/v1/declarations", SampleDeclarationJson("ST-2", "93020000"));
  ASSERT_EQ(red2.status, 201) << red2.body;
  ASSERT_EQ(server.Post("/api/v1/declarations", SampleDeclarationJson("ST-3")).status, 201);
  int64_t id = Parse(red.body).at("id").as_int64();
  auto found =
      server.Post("/api/v1/declarations/" + std::to_string(id) + "/inspection",
                  R"({"outcome":"discrepancy","description":"undeclared parts","officer":"t"})");
  ASSERT_EQ(found.status, 200) << found.body;

  server.UseRole("manager");
  auto r = server.Get("/api/v1/stats/declarations?from=2000-01-01&top=5");
  ASSERT_EQ(r.status, 200) << r.body;
  auto stats = Parse(r.body);
  int64_t green = 0, yellow = 0, reds = 0;
  for (const auto& d : stats.at("days").as_array()) {
    green += d.at("green").as_int64();
    yellow += d.at("yellow").as_int64();
    reds += d.at("red").as_int64();
  }
  EXPECT_EQ(reds, 2);
  EXPECT_EQ(green + yellow + reds, 3);
  bool red_rate = false;
  for (const auto& h : stats.at("hitRates").as_array()) {
    if (h.at("lane") == "red") {
      red_rate = true;
      EXPECT_EQ(h.at("inspected").as_int64(), 1);
      EXPECT_EQ(h.at("hits").as_int64(), 1);
      EXPECT_DOUBLE_EQ(h.at("rate").to_number<double>(), 1.0);
    }
  }
  EXPECT_TRUE(red_rate) << r.body;
  ASSERT_FALSE(stats.at("topReasons").as_array().empty());
  EXPECT_LE(stats.at("topReasons").as_array().size(), 5u);
  bool weapons = false;
  for (const auto& x : stats.at("topReasons").as_array()) {
    if (x.at("code") == "RULE:R-HS-WEAPONS") {
      weapons = true;
      EXPECT_EQ(x.at("declarations").as_int64(), 2);
      EXPECT_EQ(x.at("red").as_int64(), 2);
    }
  }
  EXPECT_TRUE(weapons) << r.body;
  // One red declaration still awaits inspection; the other was released after its finding.
  EXPECT_EQ(stats.at("queues").as_object().at("awaiting_inspection").as_int64(), 1) << r.body;

  // A period before any filing counts nothing; the queues are now, whatever the period.
  auto empty = Parse(server.Get("/api/v1/stats/declarations?to=2000-01-01").body);
  EXPECT_TRUE(empty.at("days").as_array().empty());
  EXPECT_TRUE(empty.at("topReasons").as_array().empty());
  EXPECT_EQ(empty.at("queues").as_object().at("awaiting_inspection").as_int64(), 1);
}

TEST(Stats, RefuseBadParametersAndTraders) {
  ServerProcess server;
  server.UseRole("analyst");
  EXPECT_EQ(server.Get("/api/v1/stats/declarations?from=yesterday").status, 400);
  EXPECT_EQ(server.Get("/api/v1/stats/declarations?colour=red").status, 400);
  EXPECT_EQ(server.Get("/api/v1/stats/declarations?top=0").status, 422);
  EXPECT_EQ(server.Get("/api/v1/stats/declarations?top=51").status, 422);
  auto trader = server.CreateUser("trader", "0101234567");
  EXPECT_EQ(server.RequestWith("Bearer " + trader, "GET", "/api/v1/stats/declarations").status,
            403);
}

}  // namespace
}  // namespace haiquan::testing
