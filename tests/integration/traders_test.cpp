// T1: the enterprise registry over the API, and what filing does with it: refuse enterprises
// that may not trade, register unknown ones provisionally and say so on the decision.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <string>

#include "integration/server_process.h"

namespace haiquan::testing {
namespace {

namespace json = boost::json;

constexpr const char* kImporter = "0101234567";   // the sample declaration's importer
constexpr const char* kDeclarant = "0312345678";  // and its declarant

class TradersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--random-red", "0", "--random-yellow", "0"});
    supervisor_ = server_->CreateUser("supervisor");
  }

  HttpResult AsSupervisor(const std::string& method, const std::string& target,
                          const std::string& body = "") {
    return server_->RequestWith("Bearer " + supervisor_, method, target, body);
  }

  static std::string Enterprise(const std::string& tax_id, const std::string& status,
                                const std::string& name = "Cong ty TNHH Minh Phat") {
    return json::serialize(json::object{{"taxId", tax_id},
                                        {"name", name},
                                        {"address", "12 Le Loi, Ha Noi"},
                                        {"registrationDate", "2015-03-01"},
                                        {"status", status}});
  }

  // The reason codes of a filing's decision.
  static std::vector<std::string> Reasons(const HttpResult& filed) {
    std::vector<std::string> out;
    auto answer = json::parse(filed.body);
    for (const auto& r : answer.at("reasons").as_array()) {
      out.emplace_back(r.at("code").as_string());
    }
    return out;
  }

  static bool Has(const std::vector<std::string>& v, const std::string& code) {
    return std::find(v.begin(), v.end(), code) != v.end();
  }

  std::unique_ptr<ServerProcess> server_;
  std::string supervisor_;
};

TEST_F(TradersTest, RegistryKeepsEveryVersion) {
  auto created = AsSupervisor("POST", "/api/v1/traders", Enterprise(kImporter, "active"));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("Location"), std::string("/api/v1/traders/") + kImporter);
  auto e = json::parse(created.body).as_object();
  EXPECT_EQ(e.at("version").as_int64(), 1);
  EXPECT_FALSE(e.at("provisional").as_bool());
  EXPECT_EQ(AsSupervisor("POST", "/api/v1/traders", Enterprise(kImporter, "active")).status, 409);

  auto renamed = json::parse(Enterprise(kImporter, "active", "Cong ty CP Minh Phat")).as_object();
  renamed["version"] = 1;
  auto updated =
      AsSupervisor("PUT", std::string("/api/v1/traders/") + kImporter, json::serialize(renamed));
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(json::parse(updated.body).at("version").as_int64(), 2);
  // An edit of version 1 made by someone else meanwhile is refused, not silently lost.
  auto stale =
      AsSupervisor("PUT", std::string("/api/v1/traders/") + kImporter, json::serialize(renamed));
  EXPECT_EQ(stale.status, 409) << stale.body;

  auto history = AsSupervisor("GET", std::string("/api/v1/traders/") + kImporter + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  auto parsed = json::parse(history.body);
  const auto& items = parsed.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("name").as_string(), "Cong ty TNHH Minh Phat");  // the old value kept
  EXPECT_EQ(items[1].at("name").as_string(), "Cong ty CP Minh Phat");
  EXPECT_FALSE(items[1].at("updatedBy").as_string().empty());

  // Officers read the registry but do not keep it; traders do not read it here.
  EXPECT_EQ(server_->Get(std::string("/api/v1/traders/") + kImporter).status, 200);
  EXPECT_EQ(server_->Post("/api/v1/traders", Enterprise("0100000001", "active")).status, 403);
  EXPECT_EQ(AsSupervisor("GET", "/api/v1/traders/0109999999").status, 404);
}

TEST_F(TradersTest, BadEnterprisesAreRefusedNamingEachField) {
  auto bad = AsSupervisor("POST", "/api/v1/traders",
                          R"({"taxId": "12AB", "name": "", "address": "x",
                              "registrationDate": "2015-02-30", "status": "bankrupt"})");
  EXPECT_EQ(bad.status, 422) << bad.body;
  for (const char* pointer : {"/taxId", "/name", "/registrationDate", "/status"}) {
    EXPECT_NE(bad.body.find(std::string("\"pointer\":\"") + pointer + "\""), std::string::npos)
        << pointer << " in " << bad.body;
  }
  EXPECT_EQ(AsSupervisor("POST", "/api/v1/traders", R"({"taxId": 5})").status, 400);
  auto other = AsSupervisor("PUT", std::string("/api/v1/traders/") + kImporter,
                            Enterprise("0100000001", "active"));
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_EQ(AsSupervisor("GET", "/api/v1/traders?status=bankrupt").status, 400);
}

TEST_F(TradersTest, FilingForAnEnterpriseThatMayNotTradeIsRefused) {
  for (const char* status : {"suspended", "dissolved", "tax_debt"}) {
    auto put = AsSupervisor("POST", "/api/v1/traders", Enterprise(kImporter, status));
    if (put.status == 409) {
      auto e = json::parse(Enterprise(kImporter, status)).as_object();
      put = AsSupervisor("PUT", std::string("/api/v1/traders/") + kImporter, json::serialize(e));
    }
    ASSERT_LT(put.status, 300) << put.body;
    auto filed = server_->Post("/api/v1/declarations",
                               SampleDeclarationJson(std::string("T-REFUSED-") + status));
    EXPECT_EQ(filed.status, 422) << filed.body;
    EXPECT_NE(filed.body.find("\"pointer\":\"/importer/taxId\""), std::string::npos) << filed.body;
    EXPECT_NE(filed.body.find("trader_not_active"), std::string::npos) << filed.body;
    EXPECT_NE(filed.body.find(status), std::string::npos) << filed.body;
  }
  // Active again: the same declaration goes through.
  auto e = json::parse(Enterprise(kImporter, "active")).as_object();
  ASSERT_EQ(
      AsSupervisor("PUT", std::string("/api/v1/traders/") + kImporter, json::serialize(e)).status,
      200);
  EXPECT_EQ(server_->Post("/api/v1/declarations", SampleDeclarationJson("T-REFUSED-NOW-OK")).status,
            201);
}

TEST_F(TradersTest, UnknownEnterprisesAreRegisteredProvisionallyAndFlagged) {
  auto first = server_->Post("/api/v1/declarations", SampleDeclarationJson("T-NEW-1"));
  ASSERT_EQ(first.status, 201) << first.body;
  auto reasons = Reasons(first);
  EXPECT_EQ(std::count(reasons.begin(), reasons.end(), "TRADER:NEW_UNVERIFIED"), 2)
      << first.body << " (declarant and importer; the exporter has no Vietnamese tax id)";
  EXPECT_NE(first.body.find(kImporter), std::string::npos) << first.body;

  auto registered = AsSupervisor("GET", std::string("/api/v1/traders/") + kImporter);
  ASSERT_EQ(registered.status, 200) << registered.body;
  auto e = json::parse(registered.body).as_object();
  EXPECT_TRUE(e.at("provisional").as_bool());
  EXPECT_EQ(e.at("name").as_string(), "Cong ty TNHH Minh Phat");  // from the declaration
  auto pending = AsSupervisor("GET", "/api/v1/traders?provisional=true");
  EXPECT_EQ(json::parse(pending.body).at("items").as_array().size(), 2u) << pending.body;

  // Known now, but still unverified.
  auto second = server_->Post("/api/v1/declarations", SampleDeclarationJson("T-NEW-2"));
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_FALSE(Has(Reasons(second), "TRADER:NEW_UNVERIFIED")) << second.body;
  EXPECT_TRUE(Has(Reasons(second), "TRADER:UNVERIFIED")) << second.body;

  // Confirmed by a supervisor: no warning about either party any more.
  ASSERT_EQ(AsSupervisor("POST", "/api/v1/traders", Enterprise(kImporter, "active")).status, 201);
  ASSERT_EQ(AsSupervisor("POST", "/api/v1/traders",
                         Enterprise(kDeclarant, "active", "Dai ly Hai quan Sai Gon"))
                .status,
            201);
  auto third = server_->Post("/api/v1/declarations", SampleDeclarationJson("T-NEW-3"));
  ASSERT_EQ(third.status, 201) << third.body;
  for (const auto& code : Reasons(third)) EXPECT_EQ(code.rfind("TRADER:", 0), std::string::npos);
  auto history = AsSupervisor("GET", std::string("/api/v1/traders/") + kImporter + "/history");
  EXPECT_EQ(json::parse(history.body).at("items").as_array().size(), 2u) << history.body;
}

TEST(TradersRestartTest, RegistrySurvivesARestart) {
  std::string dir = MakeTempDir();
  std::string db = dir + "/h.db";
  {
    ServerProcess first({}, db);
    std::string supervisor = first.CreateUser("supervisor");
    auto put =
        first.RequestWith("Bearer " + supervisor, "POST", "/api/v1/traders",
                          R"({"taxId": "0101234567", "name": "Minh Phat", "address": "Ha Noi",
                                     "registrationDate": "2015-03-01", "status": "suspended"})");
    ASSERT_EQ(put.status, 201) << put.body;
  }
  // The directory filing consults is loaded from the database at start.
  ServerProcess again({}, db);
  auto filed = again.Post("/api/v1/declarations", SampleDeclarationJson("T-RESTART-1"));
  EXPECT_EQ(filed.status, 422) << filed.body;
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST(TradersImportTest, CsvIsImportedWholeOrNotAtAll) {
  std::string dir = MakeTempDir();
  std::string db = dir + "/h.db";
  std::string csv = dir + "/traders.csv";
  // Columns in another order than documented, a quoted name with a comma, a branch tax id.
  std::ofstream(csv)
      << "status,taxId,name,address,registrationDate,aeo\n"
         "active,0101234567,\"Cong ty TNHH Minh Phat, Ha Noi\",12 Le Loi,2015-03-01,true\n"
         "suspended,0312345678,Dai ly Sai Gon,1 Nguyen Hue,2010-01-15,false\n"
         "active,0312345678-001,Chi nhanh Da Nang,3 Bach Dang,2018-07-01,\n";
  std::string out;
  ASSERT_EQ(RunCli({"traders", "import", csv, "--db", db}, &out), 0) << out;
  EXPECT_NE(out.find("3 registered, 0 updated"), std::string::npos) << out;
  ASSERT_EQ(RunCli({"traders", "import", csv, "--db", db}, &out), 0) << out;
  EXPECT_NE(out.find("0 registered, 3 updated"), std::string::npos) << out;

  // One bad row: nothing of the file is written.
  std::ofstream(csv) << "taxId,name,address,registrationDate,status\n"
                        "0109999999,Cong ty Moi,1 Tran Phu,2020-01-01,active\n"
                        "12345,Bad,,2020-13-01,closed\n";
  EXPECT_EQ(RunCli({"traders", "import", csv, "--db", db}, &out), 1);
  std::ofstream(csv) << "taxId,name\n0109999999,Cong ty Moi\n";  // columns missing
  EXPECT_EQ(RunCli({"traders", "import", csv, "--db", db}, &out), 1);

  ServerProcess server({}, db);
  std::string supervisor = server.CreateUser("supervisor");
  auto get = [&](const std::string& tax_id) {
    return server.RequestWith("Bearer " + supervisor, "GET", "/api/v1/traders/" + tax_id);
  };
  auto minh_phat = get("0101234567");
  ASSERT_EQ(minh_phat.status, 200) << minh_phat.body;
  auto e = json::parse(minh_phat.body).as_object();
  EXPECT_EQ(e.at("name").as_string(), "Cong ty TNHH Minh Phat, Ha Noi");
  EXPECT_TRUE(e.at("aeo").as_bool());
  EXPECT_EQ(e.at("version").as_int64(), 2);
  EXPECT_EQ(get("0312345678-001").status, 200);
  EXPECT_EQ(get("0109999999").status, 404) << "a file with a bad row imports nothing";
  // Imported statuses take effect on filing: the sample's declarant is suspended.
  auto filed = server.Post("/api/v1/declarations", SampleDeclarationJson("T-IMPORT-1"));
  EXPECT_EQ(filed.status, 422) << filed.body;
  EXPECT_NE(filed.body.find("/declarant/taxId"), std::string::npos) << filed.body;
  std::system(("rm -rf '" + dir + "'").c_str());
}

}  // namespace
}  // namespace haiquan::testing
