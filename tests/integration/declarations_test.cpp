// The clearance API end to end: the real binary, a temporary database, HTTP.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "integration/server_process.h"

namespace haiquan::testing {
namespace {

namespace json = boost::json;

json::object Parse(const std::string& body) { return json::parse(body).as_object(); }

class DeclarationsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess({"--random-red", "0", "--random-yellow", "0"});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static ServerProcess* server_;
};
ServerProcess* DeclarationsTest::server_ = nullptr;

TEST_F(DeclarationsTest, FilesAndReadsBack) {
  auto res = server_->Post("/api/v1/declarations", SampleDeclarationJson("IT-FILE-1", "42021100"));
  ASSERT_EQ(res.status, 201) << res.body;
  auto answer = Parse(res.body);
  EXPECT_EQ(answer["lane"].as_string(), "green");
  EXPECT_EQ(answer["status"].as_string(), "released");
  EXPECT_EQ(answer["declarantReference"].as_string(), "IT-FILE-1");
  int64_t id = answer["id"].as_int64();
  EXPECT_EQ(res.Header("Location"), "/api/v1/declarations/" + std::to_string(id));

  auto got = server_->Get("/api/v1/declarations/" + std::to_string(id));
  ASSERT_EQ(got.status, 200) << got.body;
  auto d = Parse(got.body);
  EXPECT_EQ(d["items"].as_array().size(), 1u);
  EXPECT_EQ(d["items"].as_array()[0].as_object().at("hsCode").as_string(), "42021100");
  EXPECT_EQ(d["importer"].as_object().at("name").as_string(), "Cong ty TNHH Minh Phat");
  EXPECT_DOUBLE_EQ(d["invoice"].as_object().at("amount").to_number<double>(), 12000.0);
}

TEST_F(DeclarationsTest, RefilingAReferenceAnswersTheOriginal) {
  auto first = server_->Post("/api/v1/declarations", SampleDeclarationJson("IT-DUP-1", "42021100"));
  ASSERT_EQ(first.status, 201);
  // Same reference, different content: the original decision comes back, nothing is stored.
  auto second =
      server_->Post("/api/v1/declarations", SampleDeclarationJson("IT-DUP-1", "93019000"));
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(Parse(first.body)["id"], Parse(second.body)["id"]);
  EXPECT_EQ(Parse(second.body)["lane"].as_string(), "green");
}

TEST_F(DeclarationsTest, RuleHitSendsToRedWithReason) {
  auto res = server_->Post("/api/v1/declarations", SampleDeclarationJson("IT-RED-1", "93019000"));
  ASSERT_EQ(res.status, 201) << res.body;
  auto answer = Parse(res.body);
  EXPECT_EQ(answer["lane"].as_string(), "red");
  EXPECT_EQ(answer["status"].as_string(), "awaiting_inspection");
  bool found = false;
  for (const auto& r : answer["reasons"].as_array()) {
    found = found || r.as_object().at("code").as_string() == "RULE:R-HS-WEAPONS";
  }
  EXPECT_TRUE(found) << res.body;
}

TEST_F(DeclarationsTest, InvalidFieldsAreAllNamed) {
  std::string body = SampleDeclarationJson("IT-BAD-1", "99999900", "XX");
  auto res = server_->Post("/api/v1/declarations", body);
  ASSERT_EQ(res.status, 422) << res.body;
  EXPECT_EQ(res.Header("Content-Type"), "application/problem+json");
  auto p = Parse(res.body);
  std::vector<std::string> pointers;
  for (const auto& e : p["errors"].as_array()) {
    pointers.emplace_back(e.as_object().at("pointer").as_string());
  }
  EXPECT_NE(std::find(pointers.begin(), pointers.end(), "/items/0/hsCode"), pointers.end());
  EXPECT_NE(std::find(pointers.begin(), pointers.end(), "/items/0/originCountry"), pointers.end());
  // Nothing half-stored: the reference is still free.
  auto ok = server_->Post("/api/v1/declarations", SampleDeclarationJson("IT-BAD-1"));
  EXPECT_EQ(ok.status, 201) << ok.body;
}

TEST_F(DeclarationsTest, WrongTypesAreMalformed) {
  auto res = server_->Post("/api/v1/declarations",
                           R"({"declarantReference": 5, "items": {}, "extra": true})");
  ASSERT_EQ(res.status, 400) << res.body;
  auto p = Parse(res.body);
  std::string all = json::serialize(p["errors"]);
  EXPECT_NE(all.find("/declarantReference"), std::string::npos);
  EXPECT_NE(all.find("/items"), std::string::npos);
  EXPECT_NE(all.find("/extra"), std::string::npos);
}

TEST_F(DeclarationsTest, InspectionReleasesOrHolds) {
  auto filed = Parse(
      server_->Post("/api/v1/declarations", SampleDeclarationJson("IT-INSP-1", "93019000")).body);
  std::string path = "/api/v1/declarations/" + std::to_string(filed["id"].as_int64());
  auto bad = server_->Post(path + "/inspection", R"({"outcome": "seizure"})");
  EXPECT_EQ(bad.status, 422) << bad.body;
  auto res = server_->Post(
      path + "/inspection",
      R"({"outcome": "seizure", "description": "Rifles in the container", "officer": "o1"})");
  ASSERT_EQ(res.status, 200) << res.body;
  auto d = Parse(res.body);
  EXPECT_EQ(d["status"].as_string(), "held");
  EXPECT_EQ(d["inspections"].as_array().size(), 1u);
  // Held goods cannot be inspected again as if they were waiting.
  auto again = server_->Post(path + "/inspection", R"({"outcome": "compliant"})");
  EXPECT_EQ(again.status, 409) << again.body;
}

TEST_F(DeclarationsTest, GreenCannotBeInspected) {
  auto filed = Parse(
      server_->Post("/api/v1/declarations", SampleDeclarationJson("IT-INSP-2", "42021100")).body);
  auto res = server_->Post(
      "/api/v1/declarations/" + std::to_string(filed["id"].as_int64()) + "/inspection",
      R"({"outcome": "compliant"})");
  EXPECT_EQ(res.status, 409) << res.body;
}

TEST_F(DeclarationsTest, ListsWithFiltersAndPages) {
  for (int i = 0; i < 3; ++i) {
    server_->Post("/api/v1/declarations",
                  SampleDeclarationJson("IT-LIST-" + std::to_string(i), "93019000"));
  }
  auto res = server_->Get("/api/v1/declarations?lane=red&limit=2");
  ASSERT_EQ(res.status, 200) << res.body;
  auto page = Parse(res.body);
  ASSERT_EQ(page["items"].as_array().size(), 2u);
  for (const auto& it : page["items"].as_array())
    EXPECT_EQ(it.as_object().at("lane").as_string(), "red");
  ASSERT_TRUE(page["nextCursor"].is_string());
  auto next = server_->Get("/api/v1/declarations?lane=red&limit=2&cursor=" +
                           std::string(page["nextCursor"].as_string()));
  ASSERT_EQ(next.status, 200);
  auto first_ids = page["items"].as_array()[1].as_object().at("id").as_int64();
  auto next_page = Parse(next.body);
  for (const auto& it : next_page["items"].as_array()) {
    EXPECT_LT(it.as_object().at("id").as_int64(), first_ids);
  }
  EXPECT_EQ(server_->Get("/api/v1/declarations?lane=purple").status, 400);
  EXPECT_EQ(server_->Get("/api/v1/declarations?from=yesterday").status, 400);
  auto today =
      Parse(server_->Get("/api/v1/declarations?from=2000-01-01&to=2999-01-01T00:00:00Z").body);
  EXPECT_GE(today["items"].as_array().size(), 3u);
  auto none = Parse(server_->Get("/api/v1/declarations?to=2000-01-01").body);
  EXPECT_EQ(none["items"].as_array().size(), 0u);
  EXPECT_EQ(server_->Get("/api/v1/declarations?limit=0").status, 422);
  auto trader = Parse(server_->Get("/api/v1/declarations?trader=0101234567&limit=500").body);
  EXPECT_GE(trader["items"].as_array().size(), 3u);
}

TEST_F(DeclarationsTest, UnknownRoutesAndMethods) {
  EXPECT_EQ(server_->Get("/api/v1/nothing").status, 404);
  EXPECT_EQ(server_->Request("DELETE", "/api/v1/declarations").status, 405);
  EXPECT_EQ(server_->Get("/api/v1/declarations/abc").status, 404);
  EXPECT_EQ(server_->Get("/api/v1/declarations/999999999").status, 404);
}

TEST_F(DeclarationsTest, HealthAndMetrics) {
  EXPECT_EQ(server_->Get("/healthz").status, 200);
  server_->Post("/api/v1/declarations", SampleDeclarationJson("IT-METRICS-1", "42021100"));
  auto m = server_->Get("/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("haiquan_declarations_filed_total{lane=\"green\"}"), std::string::npos);
  EXPECT_NE(m.body.find("haiquan_filing_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(m.body.find("haiquan_decision_duration_seconds_count"), std::string::npos);
}

}  // namespace
}  // namespace haiquan::testing
