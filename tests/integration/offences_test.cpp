// Seizures write into the compliance record that the filing checks read: a seizure naming a
// registered trader weighs on that trader's next declaration (ANOMALY:PRIOR_OFFENCE) and on its
// linked enterprises' (ANOMALY:LINKED_VIOLATOR), at once and without a restart, whichever
// process recorded it; a trader is not told what intelligence holds.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json.hpp>
#include <chrono>
#include <ctime>
#include <string>
#include <thread>

#include "integration/server_process.h"

namespace haiquan::testing {
namespace {

namespace json = boost::json;

class OffencesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--random-red", "0", "--random-yellow", "0"});
    supervisor_ = "Bearer " + server_->CreateUser("supervisor");
    investigator_ = "Bearer " + server_->CreateUser("investigator");
  }

  void Register(const std::string& tax_id, const std::string& owner_id) {
    json::object e{{"taxId", tax_id},
                   {"name", "Cong ty " + tax_id},
                   {"address", tax_id + " Tran Hung Dao, Hai Phong"},
                   {"registrationDate", "2014-06-01"},
                   {"status", "active"}};
    if (!owner_id.empty()) {
      e["owners"] = json::array{{{"idNumber", owner_id}, {"name", "Pham Van B"}, {"share", 51}}};
    }
    auto r = server_->RequestWith(supervisor_, "POST", "/api/v1/traders", json::serialize(e));
    ASSERT_EQ(r.status, 201) << r.body;
  }

  // An offending company linked to the registry by tax id, and a seizure naming it.
  int64_t Seize(const std::string& tax_id, const std::string& role, const std::string& category,
                const std::string& day) {
    auto c = server_->RequestWith(
        investigator_, "POST", "/api/v1/companies",
        json::serialize(json::object{{"name", "Cong ty " + tax_id}, {"taxId", tax_id}}));
    EXPECT_EQ(c.status, 201) << c.body;
    if (c.status != 201) return 0;
    json::object s{
        {"date", day},
        {"office", "01B1"},
        {"detectionMethod", "xray"},
        {"category", category},
        {"description", "Goods hidden in a container's false floor"},
        {"parties",
         json::array{{{"kind", "company"}, {"id", json::parse(c.body).at("id")}, {"role", role}}}}};
    auto r = server_->RequestWith(investigator_, "POST", "/api/v1/seizures", json::serialize(s));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? json::parse(r.body).at("id").as_int64() : 0;
  }

  // Files a declaration of `tax_id` (importer and declarant), as `auth` (default: an officer):
  // the harness's sample under HS 61091000 (no rule of the defaults), with that trader in both
  // places.
  json::object File(const std::string& tax_id, const std::string& auth = "") {
    json::object party{{"taxId", tax_id},
                       {"name", "Cong ty " + tax_id},
                       {"address", "Hai Phong"},
                       {"country", "VN"}};
    json::object d =
        json::parse(SampleDeclarationJson("OFF-" + std::to_string(++seq_), "61091000")).as_object();
    d["declarant"] = party;
    d["importer"] = party;
    auto r = auth.empty()
                 ? server_->Post("/api/v1/declarations", json::serialize(d))
                 : server_->RequestWith(auth, "POST", "/api/v1/declarations", json::serialize(d));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? json::parse(r.body).as_object() : json::object{};
  }

  static std::string MessageOf(const json::object& decision, const std::string& code) {
    if (!decision.contains("reasons")) return "";
    for (const auto& r : decision.at("reasons").as_array()) {
      if (r.at("code").as_string() == code) return std::string(r.at("message").as_string());
    }
    return "";
  }
  static bool Has(const json::object& decision, const std::string& code) {
    return !MessageOf(decision, code).empty();
  }

  std::unique_ptr<ServerProcess> server_;
  std::string supervisor_, investigator_;
  int seq_ = 0;
};

TEST_F(OffencesTest, ASeizureWeighsOnTheTradersNextFilingAndOnItsLinkedEnterprises) {
  Register("0100000031", "001090000031");  // to be named in a seizure
  Register("0100000032", "001090000031");  // the same owner
  Register("0100000033", "");              // nothing in common
  auto before = File("0100000031");
  EXPECT_FALSE(Has(before, "ANOMALY:PRIOR_OFFENCE")) << json::serialize(before);
  EXPECT_EQ(before.at("lane").as_string(), "green") << json::serialize(before);
  EXPECT_FALSE(Has(File("0100000032"), "ANOMALY:LINKED_VIOLATOR"));

  std::string day = Day(40);
  int64_t seizure = Seize("0100000031", "consignee", "drugs", day);
  ASSERT_GT(seizure, 0);
  // No wait: the seizure's write told the checks.
  auto after = File("0100000031");
  // The reason's words, then the weight it added.
  EXPECT_EQ(MessageOf(after, "ANOMALY:PRIOR_OFFENCE"),
            "0100000031 is named as consignee in seizure " + std::to_string(seizure) +
                " (drugs) on " + day + " +45")
      << json::serialize(after);
  EXPECT_NE(after.at("lane").as_string(), "green") << json::serialize(after);

  auto linked = File("0100000032");
  std::string why = MessageOf(linked, "ANOMALY:LINKED_VIOLATOR");
  EXPECT_NE(why.find("Pham Van B"), std::string::npos) << json::serialize(linked);
  EXPECT_NE(why.find("with 0100000031, which is named as consignee in seizure " +
                     std::to_string(seizure) + " (drugs) on " + day),
            std::string::npos)
      << why;
  EXPECT_EQ(why.find("violation"), std::string::npos) << why;  // no finding at inspection
  EXPECT_FALSE(Has(linked, "ANOMALY:PRIOR_OFFENCE")) << json::serialize(linked);
  // The analyst who follows the reason finds the same record among the relations.
  auto relations = server_->RequestWith(supervisor_, "GET", "/api/v1/traders/0100000032/relations");
  ASSERT_EQ(relations.status, 200) << relations.body;
  auto parsed = json::parse(relations.body);
  const auto& related = parsed.at("items").at(0);
  EXPECT_EQ(related.at("taxId").as_string(), "0100000031") << relations.body;
  EXPECT_EQ(related.at("offences").as_int64(), 1) << relations.body;
  EXPECT_EQ(related.at("violations").as_int64(), 0) << relations.body;

  auto unrelated = File("0100000033");
  EXPECT_FALSE(Has(unrelated, "ANOMALY:PRIOR_OFFENCE")) << json::serialize(unrelated);
  EXPECT_FALSE(Has(unrelated, "ANOMALY:LINKED_VIOLATOR")) << json::serialize(unrelated);

  // The trader itself learns that risk analysis chose its lane, not what the seizure says.
  std::string own = "Bearer " + server_->CreateUser("trader", "0100000031");
  auto told = File("0100000031", own);
  EXPECT_FALSE(Has(told, "ANOMALY:PRIOR_OFFENCE")) << json::serialize(told);
  EXPECT_TRUE(Has(told, "RISK_ANALYSIS")) << json::serialize(told);
  EXPECT_EQ(json::serialize(told).find("seizure"), std::string::npos) << json::serialize(told);
}

TEST_F(OffencesTest, SeizuresOlderThanTheWindowStayOnTheRecordButDoNotWeigh) {
  Register("0100000034", "");
  ASSERT_GT(Seize("0100000034", "owner", "tobacco", Day(800)), 0);  // the window is 730 days
  auto d = File("0100000034");
  EXPECT_FALSE(Has(d, "ANOMALY:PRIOR_OFFENCE")) << json::serialize(d);
  auto profile = server_->RequestWith(supervisor_, "GET", "/api/v1/traders/0100000034/profile");
  ASSERT_EQ(profile.status, 200) << profile.body;
  EXPECT_EQ(json::parse(profile.body).at("offences").as_array().size(), 1u) << profile.body;
  // A recent one does.
  ASSERT_GT(Seize("0100000034", "owner", "tobacco", Day(3)), 0);
  auto now = File("0100000034");
  EXPECT_NE(MessageOf(now, "ANOMALY:PRIOR_OFFENCE").find("named as owner in seizure"),
            std::string::npos)
      << json::serialize(now);
}

// Another process's write (here straight into the table, through V010's log triggers) reaches
// the server's checks within the folder's next look at the log.
TEST_F(OffencesTest, AnOffenceWrittenByAnotherProcessReachesTheChecks) {
  Register("0100000035", "");
  ASSERT_FALSE(Has(File("0100000035"), "ANOMALY:PRIOR_OFFENCE"));
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(server_->db_path().c_str(), &h), SQLITE_OK);
  sqlite3_busy_timeout(h, 5000);
  std::string sql =
      "INSERT INTO trader_offences (tax_id, seizure_id, role, day, category)"
      " VALUES ('0100000035', 4242, 'organiser', '" +
      Day(10) + "', 'wildlife')";
  ASSERT_EQ(sqlite3_exec(h, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(h);
  sqlite3_close(h);
  std::string why;
  for (int i = 0; i < 100 && why.empty(); ++i) {
    why = MessageOf(File("0100000035"), "ANOMALY:PRIOR_OFFENCE");
    if (why.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_NE(why.find("named as organiser in seizure 4242 (wildlife)"), std::string::npos)
      << "the server never saw the other process's offence: " << why;
}

}  // namespace
}  // namespace haiquan::testing
