// T2/T3: the trader's profile as filings and findings build it, and the anomaly warnings the
// decision carries: each one raised by a declaration that should raise it, and none by a
// declaration that fits its trader's habits.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "integration/server_process.h"

namespace haiquan::testing {
namespace {

namespace json = boost::json;

struct Goods {
  std::string hs = "61091000";  // cotton T-shirts
  std::string origin = "CN";
  double quantity = 100;
  double value = 500;  // unit value 5
  std::string unit = "PCE";
};

class ProfilesTest : public ::testing::Test {
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

  void Register(const std::string& tax_id, const std::string& registered, json::array owners = {},
                const std::string& address = "12 Le Loi, Ha Noi") {
    json::object e{{"taxId", tax_id},    {"name", "Cong ty " + tax_id},
                   {"address", address}, {"registrationDate", registered},
                   {"status", "active"}, {"owners", std::move(owners)}};
    auto r = AsSupervisor("POST", "/api/v1/traders", json::serialize(e));
    ASSERT_EQ(r.status, 201) << r.body;
  }

  // Files a declaration of `importer` (also its declarant) and answers the decision; empty if
  // it was refused (a failure unless `may_refuse`).
  json::object File(const std::string& importer, const std::vector<Goods>& goods,
                    double invoice = 0, bool may_refuse = false) {
    auto r = server_->Post("/api/v1/declarations", json::serialize(Body(importer, goods, invoice)));
    if (!may_refuse) {
      EXPECT_EQ(r.status, 201) << r.body;
    }
    if (r.status != 201) return {};
    Settle(importer, "declarations", ++filed_[importer]);
    return json::parse(r.body).as_object();
  }

  json::object Body(const std::string& importer, const std::vector<Goods>& goods, double invoice) {
    json::array items;
    double total = 0;
    for (const auto& g : goods) {
      items.push_back({{"hsCode", g.hs},
                       {"description", "Goods"},
                       {"originCountry", g.origin},
                       {"quantity", g.quantity},
                       {"unit", g.unit},
                       {"netMassKg", 10.0},
                       {"grossMassKg", 11.0},
                       {"value", g.value}});
      total += g.value;
    }
    json::object party{{"taxId", importer},
                       {"name", "Cong ty " + importer},
                       {"address", "Ha Noi"},
                       {"country", "VN"}};
    json::object d{
        {"declarantReference", "P-" + std::to_string(++seq_)},
        {"type", "IM"},
        {"office", "03CE"},
        {"declarant", party},
        {"importer", party},
        {"exporter", {{"name", "Seller Co"}, {"address", "Guangzhou"}, {"country", "CN"}}},
        {"transport",
         {{"mode", "1"},
          {"departureCountry", "CN"},
          {"loadingPlace", "CNSHA"},
          {"dischargePlace", "VNHPH"}}},
        {"invoice",
         {{"currency", "USD"}, {"incoterm", "CIF"}, {"amount", invoice > 0 ? invoice : total}}},
        {"items", std::move(items)}};
    return d;
  }

  // Profiles follow the commits within milliseconds, not in the same commit: wait until the
  // profile of `tax_id` counts `at_least` in `member`, as the next filing's checks will.
  void Settle(const std::string& tax_id, const std::string& member, int64_t at_least) {
    for (int i = 0; i < 2500; ++i) {
      auto r = AsSupervisor("GET", "/api/v1/traders/" + tax_id + "/profile");
      if (r.status == 200 && json::parse(r.body).at(member).as_int64() >= at_least) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ADD_FAILURE() << "the profile of " << tax_id << " never reached " << member << " " << at_least;
  }

  static std::vector<std::string> Anomalies(const json::object& decision) {
    std::vector<std::string> out;
    if (!decision.contains("reasons")) return out;
    for (const auto& r : decision.at("reasons").as_array()) {
      std::string code(r.at("code").as_string());
      if (code.rfind("ANOMALY:", 0) == 0) out.push_back(code);
    }
    return out;
  }
  static std::string MessageOf(const json::object& decision, const std::string& code) {
    for (const auto& r : decision.at("reasons").as_array()) {
      if (r.at("code").as_string() == code) return std::string(r.at("message").as_string());
    }
    return "";
  }
  static bool Has(const std::vector<std::string>& v, const std::string& code) {
    return std::find(v.begin(), v.end(), code) != v.end();
  }

  // History from earlier days, which a test cannot file with today's clock: the rows the
  // filings of those days would have left in the trailing-volume table.
  // A red-lane declaration (weapons) of `tax_id` whose inspection finds a seizure: a violation,
  // in the profile before this returns.
  void MakeViolator(const std::string& tax_id) {
    auto red = File(tax_id, {Goods{"93019000", "CN", 1, 1000, "PCE"}});
    ASSERT_EQ(red.at("lane").as_string(), "red");
    auto inspected = server_->Post(
        "/api/v1/declarations/" + std::to_string(red.at("id").as_int64()) + "/inspection",
        R"({"outcome": "seizure", "description": "Rifles", "officer": "o1"})");
    ASSERT_EQ(inspected.status, 200) << inspected.body;
    Settle(tax_id, "violations", 1);
  }

  // Writes daily totals into the profile database as if filed on earlier days, then restarts
  // the server: it reads its baselines from that file at start.
  void SeedEarlierDays(const std::string& tax_id, int days, int per_day, int64_t value_each) {
    sqlite3* h = nullptr;
    std::string profiles = server_->db_path() + "-profiles";
    ASSERT_EQ(sqlite3_open(profiles.c_str(), &h), SQLITE_OK);
    sqlite3_busy_timeout(h, 5000);
    for (int d = 1; d <= days; ++d) {
      std::string sql = "INSERT INTO trader_days VALUES ('" + tax_id + "', 'USD', '" + Day(d) +
                        "', " + std::to_string(per_day) + ", " +
                        std::to_string(per_day * value_each * 100) + ")";
      ASSERT_EQ(sqlite3_exec(h, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
          << sqlite3_errmsg(h);
    }
    sqlite3_close(h);
    server_->Restart();
  }

  std::unique_ptr<ServerProcess> server_;
  std::string supervisor_;
  int seq_ = 0;
  std::map<std::string, int64_t> filed_;
};

TEST_F(ProfilesTest, DeclarationsThatFitTheTradersHabitsRaiseNone) {
  Register("0100000011", "2010-05-01");
  auto first = File("0100000011", {Goods{}});
  EXPECT_EQ(Anomalies(first), std::vector<std::string>{"ANOMALY:FIRST_DECLARATION"});
  for (int i = 0; i < 6; ++i) {
    Goods g;
    g.value = 480 + 10 * i;  // unit values 4.8 to 5.3
    auto d = File("0100000011", {g});
    EXPECT_TRUE(Anomalies(d).empty()) << json::serialize(d);
  }
  auto usual = File("0100000011", {Goods{}});
  EXPECT_TRUE(Anomalies(usual).empty()) << json::serialize(usual);
  EXPECT_EQ(usual.at("lane").as_string(), "green");
}

TEST_F(ProfilesTest, NewChapterAndNewOrigin) {
  File("0100000012", {Goods{}});
  Goods shoes{"64039900", "VN", 10, 300, "PR"};  // another chapter, another origin
  auto d = File("0100000012", {Goods{}, shoes});
  auto codes = Anomalies(d);
  EXPECT_TRUE(Has(codes, "ANOMALY:NEW_HS_CHAPTER")) << json::serialize(d);
  EXPECT_TRUE(Has(codes, "ANOMALY:NEW_ORIGIN")) << json::serialize(d);
  EXPECT_NE(MessageOf(d, "ANOMALY:NEW_HS_CHAPTER").find("chapter 64"), std::string::npos);
  EXPECT_NE(MessageOf(d, "ANOMALY:NEW_ORIGIN").find("origin VN"), std::string::npos);
  // Once declared, they are part of the profile.
  auto again = File("0100000012", {shoes});
  EXPECT_TRUE(Anomalies(again).empty()) << json::serialize(again);
}

TEST_F(ProfilesTest, UnitValueOutsideTheTradersBand) {
  for (int i = 0; i < 6; ++i) File("0100000013", {Goods{}});  // unit value 5
  Goods cheap;
  cheap.value = 50;  // unit value 0.5: a tenth of the usual price
  auto d = File("0100000013", {cheap});
  EXPECT_TRUE(Has(Anomalies(d), "ANOMALY:UNIT_VALUE_TRADER")) << json::serialize(d);
  auto why = MessageOf(d, "ANOMALY:UNIT_VALUE_TRADER");
  EXPECT_NE(why.find("below this trader's usual band"), std::string::npos) << why;
  EXPECT_NE(why.find("USD/PCE"), std::string::npos) << why;
}

TEST_F(ProfilesTest, UnitValueOutsideTheNationalBand) {
  for (int i = 0; i < 25; ++i) File("01000001" + std::to_string(20 + i), {Goods{}});
  Goods dear;
  dear.value = 5000;  // unit value 50 where the country pays 5
  auto d = File("0100000099", {dear});
  auto codes = Anomalies(d);
  EXPECT_TRUE(Has(codes, "ANOMALY:UNIT_VALUE_NATIONAL")) << json::serialize(d);
  EXPECT_NE(MessageOf(d, "ANOMALY:UNIT_VALUE_NATIONAL").find("above the national usual band"),
            std::string::npos);
}

TEST_F(ProfilesTest, ValueAndVolumeFarAboveTheTrailing90Days) {
  Register("0100000014", "2012-01-01");
  File("0100000014", {Goods{}});
  SeedEarlierDays("0100000014", 30, 1, 500);  // one declaration of 500 a day for a month
  auto big = File("0100000014", {Goods{}}, 60000);
  EXPECT_TRUE(Has(Anomalies(big), "ANOMALY:VALUE_ABOVE_TRAILING")) << json::serialize(big);
  // Six in a day against one a day.
  json::object last;
  for (int i = 0; i < 4; ++i) last = File("0100000014", {Goods{}});
  EXPECT_TRUE(Has(Anomalies(last), "ANOMALY:VOLUME_ABOVE_TRAILING")) << json::serialize(last);
}

TEST_F(ProfilesTest, NewCompanyWithHighValueImports) {
  for (int i = 0; i < 25; ++i) File("01000002" + std::to_string(20 + i), {Goods{}});
  Register("0100000015", Day(20));
  auto d = File("0100000015", {Goods{}}, 250000);
  EXPECT_TRUE(Has(Anomalies(d), "ANOMALY:NEW_COMPANY_HIGH_VALUE")) << json::serialize(d);
  // An established company declaring as much is not flagged for its age.
  Register("0100000016", "2005-01-01");
  auto old = File("0100000016", {Goods{}}, 250000);
  EXPECT_FALSE(Has(Anomalies(old), "ANOMALY:NEW_COMPANY_HIGH_VALUE")) << json::serialize(old);
}

TEST_F(ProfilesTest, OwnerOrAddressSharedWithAViolator) {
  json::array owner{{{"idNumber", "001085012345"}, {"name", "Nguyen Van A"}, {"share", 60}}};
  Register("0100000017", "2015-01-01", owner, "45 Tràng Tiền, Hoàn Kiếm, Hà Nội");
  ASSERT_NO_FATAL_FAILURE(MakeViolator("0100000017"));

  Register("0100000018", "2016-01-01", owner, "9 Nguyen Du, Ha Noi");
  auto by_owner = File("0100000018", {Goods{}});
  EXPECT_TRUE(Has(Anomalies(by_owner), "ANOMALY:LINKED_VIOLATOR")) << json::serialize(by_owner);
  EXPECT_NE(MessageOf(by_owner, "ANOMALY:LINKED_VIOLATOR").find("0100000017"), std::string::npos);

  // A trader is told its lane's reasons, but not another enterprise's record or a person's name.
  std::string own = server_->CreateUser("trader", "0100000018");
  json::object d;
  {
    json::object party{{"taxId", "0100000018"},
                       {"name", "Cong ty 0100000018"},
                       {"address", "Ha Noi"},
                       {"country", "VN"}};
    json::object body{{"declarantReference", "TRADER-1"},
                      {"type", "IM"},
                      {"office", "03CE"},
                      {"declarant", party},
                      {"importer", party},
                      {"transport", {{"mode", "1"}, {"departureCountry", "CN"}}},
                      {"invoice", {{"currency", "USD"}, {"incoterm", "CIF"}, {"amount", 500}}},
                      {"items", json::array{{{"hsCode", "61091000"},
                                             {"description", "Goods"},
                                             {"originCountry", "CN"},
                                             {"quantity", 100},
                                             {"unit", "PCE"},
                                             {"netMassKg", 10.0},
                                             {"grossMassKg", 11.0},
                                             {"value", 500}}}}};
    auto r = server_->RequestWith("Bearer " + own, "POST", "/api/v1/declarations",
                                  json::serialize(body));
    ASSERT_EQ(r.status, 201) << r.body;
    d = json::parse(r.body).as_object();
  }
  ASSERT_TRUE(Has(Anomalies(d), "ANOMALY:LINKED_VIOLATOR")) << json::serialize(d);
  auto told = MessageOf(d, "ANOMALY:LINKED_VIOLATOR");
  EXPECT_EQ(told.find("0100000017"), std::string::npos) << told;
  EXPECT_EQ(told.find("Nguyen Van A"), std::string::npos) << told;

  Register("0100000019", "2016-01-01", {}, "45 trang tien - hoan kiem, HA NOI");
  auto by_address = File("0100000019", {Goods{}});
  EXPECT_TRUE(Has(Anomalies(by_address), "ANOMALY:LINKED_VIOLATOR")) << json::serialize(by_address);

  auto relations = AsSupervisor("GET", "/api/v1/traders/0100000017/relations");
  ASSERT_EQ(relations.status, 200) << relations.body;
  auto parsed = json::parse(relations.body);
  const auto& items = parsed.at("items").as_array();
  ASSERT_EQ(items.size(), 2u) << relations.body;
  EXPECT_EQ(items[0].at("taxId").as_string(), "0100000018");
  EXPECT_EQ(items[0].at("links").at(0).at("kind").as_string(), "person");
  EXPECT_EQ(items[0].at("links").at(0).at("person").at("idNumber").as_string(), "001085012345");
  EXPECT_EQ(items[1].at("taxId").as_string(), "0100000019");
  EXPECT_EQ(items[1].at("links").at(0).at("kind").as_string(), "address");
  // An enterprise with no violations links raise nothing.
  Register("0100000020", "2016-01-01", {}, "1 Hang Bai, Ha Noi");
  EXPECT_FALSE(Has(Anomalies(File("0100000020", {Goods{}})), "ANOMALY:LINKED_VIOLATOR"));
}

// The checks read the registry from memory: an import by another process (the CLI while the
// server runs) must reach them too, through the registry's change log.
TEST_F(ProfilesTest, ARegistryImportByAnotherProcessReachesTheChecks) {
  Register("0100000021", "2015-01-01", {}, "7 Ly Thai To, Hoan Kiem, Ha Noi");
  ASSERT_NO_FATAL_FAILURE(MakeViolator("0100000021"));

  std::string csv = server_->db_path() + "-import.csv";
  std::ofstream(csv) << "taxId,name,address,registrationDate,status\n"
                        "0100000022,Cong ty 0100000022,\"7 ly thai to - hoan kiem, HA NOI\","
                        "2016-01-01,active\n";
  std::string out;
  ASSERT_EQ(RunCli({"traders", "import", csv, "--db", server_->db_path()}, &out), 0) << out;
  bool linked = false;
  for (int i = 0; i < 100 && !linked; ++i) {
    linked = Has(Anomalies(File("0100000022", {Goods{}})), "ANOMALY:LINKED_VIOLATOR");
    if (!linked) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(linked) << "the server never saw the imported enterprise's address";
  // Nor does the registry's status check wait for a restart: a suspension imported by the CLI
  // refuses the next filing.
  std::ofstream(csv) << "taxId,name,address,registrationDate,status\n"
                        "0100000022,Cong ty 0100000022,\"7 ly thai to - hoan kiem, HA NOI\","
                        "2016-01-01,suspended\n";
  ASSERT_EQ(RunCli({"traders", "import", csv, "--db", server_->db_path()}, &out), 0) << out;
  bool refused = false;
  for (int i = 0; i < 100 && !refused; ++i) {
    refused = File("0100000022", {Goods{}}, 0, /*may_refuse=*/true).empty();
    if (!refused) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(refused) << "the server kept accepting filings for a suspended enterprise";
}

// A CLI command on the server's database folds what it filed itself; the server's checks, read
// from memory, must still count it (they catch up with the other process's fold).
TEST_F(ProfilesTest, AFilingByAnotherProcessCountsInTheChecks) {
  Register("0100000023", "2015-01-01");
  File("0100000023", {Goods{}});
  std::string path = server_->db_path() + "-submit.json";
  std::ofstream(path) << json::serialize(Body("0100000023", {Goods{"85171300", "KR"}}, 0));
  std::string out;
  ASSERT_EQ(RunCli({"submit", path, "--db", server_->db_path()}, &out), 0) << out;
  Settle("0100000023", "declarations", 2);
  // The server looks for other processes' work every half second: file a new chapter each time
  // until the evidence counts the CLI's declaration among the earlier ones.
  const char* kChapters[] = {"01012100", "02011000", "03011100", "04011000", "06011000",
                             "07011000", "08011100", "09011100", "10011100", "44011100"};
  bool counted = false;
  for (int i = 0; i < 10 && !counted; ++i) {
    auto d = File("0100000023", {Goods{kChapters[i], "CN"}});
    std::string evidence = MessageOf(d, "ANOMALY:NEW_HS_CHAPTER");
    std::string expected = "in " + std::to_string(i + 2) + " earlier declarations";
    counted = evidence.find(expected) != std::string::npos;
    if (!counted) std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  EXPECT_TRUE(counted) << "the server's checks never counted the CLI's filing";
}

TEST_F(ProfilesTest, ABurstOfFilingsIsFoldedOnceEach) {
  constexpr int kTraders = 4, kEach = 150;
  std::vector<std::thread> threads;
  std::atomic<int> accepted{0};
  for (int t = 0; t < kTraders; ++t) {
    threads.emplace_back([&, t] {
      std::string tax_id = "01000005" + std::to_string(10 + t);
      for (int i = 0; i < kEach; ++i) {
        json::object d = Body(tax_id, {Goods{}, Goods{"85171300", "KR", 2, 700, "PCE"}}, 0);
        d["declarantReference"] = "BURST-" + std::to_string(t) + "-" + std::to_string(i);
        auto r = server_->Post("/api/v1/declarations", json::serialize(d));
        if (r.status == 201) ++accepted;
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_EQ(accepted.load(), kTraders * kEach);
  for (int t = 0; t < kTraders; ++t) {
    std::string tax_id = "01000005" + std::to_string(10 + t);
    Settle(tax_id, "declarations", kEach);
    auto r = AsSupervisor("GET", "/api/v1/traders/" + tax_id + "/profile");
    ASSERT_EQ(r.status, 200) << r.body;
    auto p = json::parse(r.body);
    EXPECT_EQ(p.at("declarations").as_int64(), kEach) << r.body;
    int64_t in_months = 0, origin_items = 0;
    for (const auto& m : p.at("months").as_array()) in_months += m.at("declarations").as_int64();
    for (const auto& o : p.at("origins").as_array()) origin_items += o.at("items").as_int64();
    EXPECT_EQ(in_months, kEach) << r.body;
    EXPECT_EQ(origin_items, 2 * kEach) << r.body;
  }
  // The checks count the burst: a known trader's usual goods raise nothing new.
  auto after = File("0100000510", {Goods{"85171300", "KR", 2, 700, "PCE"}});
  EXPECT_FALSE(Has(Anomalies(after), "ANOMALY:FIRST_DECLARATION")) << json::serialize(after);
  EXPECT_FALSE(Has(Anomalies(after), "ANOMALY:NEW_HS_CHAPTER")) << json::serialize(after);
}

TEST_F(ProfilesTest, OwnersAndRepresentativesAreVersionedWithTheEnterprise) {
  json::array owners{
      {{"idNumber", "001085012345"}, {"name", "Nguyen Van A"}, {"share", 70}},
      {{"idNumber", "B1234567"}, {"name", "Kim Min Jun"}, {"nationality", "KR"}, {"share", 30}}};
  Register("0100000030", "2015-01-01", owners);
  auto got = AsSupervisor("GET", "/api/v1/traders/0100000030");
  ASSERT_EQ(got.status, 200) << got.body;
  auto e = json::parse(got.body).as_object();
  ASSERT_EQ(e.at("owners").as_array().size(), 2u);
  EXPECT_EQ(e.at("owners").at(1).at("nationality").as_string(), "KR");
  EXPECT_EQ(e.at("owners").at(0).at("nationality").as_string(), "VN");  // the default

  e["owners"] =
      json::array{{{"idNumber", "001085012345"}, {"name", "Nguyen Van A"}, {"share", 100}}};
  e["legalRepresentatives"] = json::array{{{"idNumber", "001090000001"}, {"name", "Tran Thi B"}}};
  auto put = AsSupervisor("PUT", "/api/v1/traders/0100000030", json::serialize(e));
  ASSERT_EQ(put.status, 200) << put.body;
  auto history = AsSupervisor("GET", "/api/v1/traders/0100000030/history");
  ASSERT_EQ(history.status, 200) << history.body;
  auto h = json::parse(history.body);
  const auto& versions = h.at("items").as_array();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].at("owners").as_array().size(), 2u);  // as it was
  EXPECT_EQ(versions[1].at("owners").as_array().size(), 1u);
  EXPECT_EQ(versions[1].at("legalRepresentatives").at(0).at("name").as_string(), "Tran Thi B");

  // The person registry: one person, every version, the enterprises it owns or represents.
  auto person = AsSupervisor("GET", "/api/v1/persons/001085012345");
  ASSERT_EQ(person.status, 200) << person.body;
  auto pj = json::parse(person.body).as_object();
  EXPECT_EQ(pj.at("name").as_string(), "Nguyen Van A");
  ASSERT_EQ(pj.at("enterprises").as_array().size(), 1u) << person.body;
  EXPECT_EQ(pj.at("enterprises").at(0).at("taxId").as_string(), "0100000030");
  EXPECT_EQ(pj.at("enterprises").at(0).at("role").as_string(), "owner");
  EXPECT_EQ(pj.at("enterprises").at(0).at("share").to_number<double>(), 100.0);
  EXPECT_EQ(AsSupervisor("GET", "/api/v1/persons/B1234567").status, 200);  // a former owner
  EXPECT_EQ(AsSupervisor("GET", "/api/v1/persons/000000000000").status, 404);

  // A PUT without the lists keeps them; the list of enterprises leaves people out.
  auto current = json::parse(put.body).as_object();
  current.erase("owners");
  current.erase("legalRepresentatives");
  current["name"] = "Cong ty moi";
  auto renamed = AsSupervisor("PUT", "/api/v1/traders/0100000030", json::serialize(current));
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  auto after = json::parse(renamed.body).as_object();
  EXPECT_EQ(after.at("owners").as_array().size(), 1u) << renamed.body;
  EXPECT_EQ(after.at("legalRepresentatives").as_array().size(), 1u) << renamed.body;
  auto list = AsSupervisor("GET", "/api/v1/traders?limit=10");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find("\"owners\""), std::string::npos) << list.body;

  json::object bad{{"taxId", "0100000031"},
                   {"name", "X"},
                   {"address", "Y"},
                   {"registrationDate", "2015-01-01"},
                   {"status", "active"},
                   {"owners", json::array{{{"idNumber", "12"}, {"name", "Z"}, {"share", 150}}}}};
  auto refused = AsSupervisor("POST", "/api/v1/traders", json::serialize(bad));
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("/owners/0/idNumber"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("/owners/0/share"), std::string::npos) << refused.body;
  // Reading an enterprise reads its people: it is in the trail.
  auto audit = AsSupervisor("GET", "/api/v1/audit?action=enterprise.read");
  EXPECT_NE(audit.body.find("0100000030"), std::string::npos) << audit.body;
}

TEST_F(ProfilesTest, ProfileFollowsFilingsAndFindings) {
  Register("0100000021", "2011-01-01");
  File("0100000021", {Goods{}, Goods{"64039900", "VN", 10, 300, "PR"}});
  File("0100000021", {Goods{}});
  auto red = File("0100000021", {Goods{"93019000", "CN", 1, 1000, "PCE"}});
  server_->Post("/api/v1/declarations/" + std::to_string(red.at("id").as_int64()) + "/inspection",
                R"({"outcome": "discrepancy", "description": "Misdeclared", "officer": "o1",
                    "revenueAdjustment": 120.5})");
  Settle("0100000021", "inspections", 1);
  auto r = server_->Get("/api/v1/traders/0100000021/profile");
  ASSERT_EQ(r.status, 200) << r.body;
  auto p = json::parse(r.body).as_object();
  EXPECT_EQ(p.at("declarations").as_int64(), 3);
  EXPECT_EQ(p.at("inspections").as_int64(), 1);
  EXPECT_EQ(p.at("violations").as_int64(), 1);
  EXPECT_EQ(p.at("enterprise").at("taxId").as_string(), "0100000021");
  const auto& chapters = p.at("chapters").as_array();
  ASSERT_EQ(chapters.size(), 3u) << r.body;  // 61, 64, 93
  EXPECT_EQ(chapters[0].at("chapter").as_string(), "61");
  EXPECT_EQ(chapters[0].at("items").as_int64(), 2);
  EXPECT_DOUBLE_EQ(chapters[0].at("value").to_number<double>(), 1000.0);
  auto units = p.at("unitValues").as_array();
  ASSERT_FALSE(units.empty());
  EXPECT_EQ(units[0].at("hsCode").as_string(), "610910");
  EXPECT_NEAR(units[0].at("median").to_number<double>(), 5.0, 0.7);
  auto findings = p.at("findings").as_array();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].at("outcome").as_string(), "discrepancy");
  EXPECT_DOUBLE_EQ(findings[0].at("revenueAdjustment").to_number<double>(), 120.5);
  int64_t months = 0;
  for (const auto& m : p.at("months").as_array()) months += m.at("declarations").as_int64();
  EXPECT_EQ(months, 3);

  auto xlsx = server_->Get("/api/v1/traders/0100000021/profile?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_NE(xlsx.Header("Content-Disposition").find("profile-0100000021.xlsx"), std::string::npos);
  EXPECT_EQ(server_->Get("/api/v1/traders/0100000021/profile?format=pdf").status, 400);
  EXPECT_EQ(server_->Get("/api/v1/traders/0109999999/profile").status, 404);
}

TEST_F(ProfilesTest, ATraderSeesOnlyItsOwnProfile) {
  File("0100000022", {Goods{}});
  File("0100000023", {Goods{}});
  std::string own = server_->CreateUser("trader", "0100000022");
  EXPECT_EQ(
      server_->RequestWith("Bearer " + own, "GET", "/api/v1/traders/0100000022/profile").status,
      200);
  EXPECT_EQ(
      server_->RequestWith("Bearer " + own, "GET", "/api/v1/traders/0100000023/profile").status,
      404);
  // Both reads are in the trail; the refused one as denied.
  auto audit = AsSupervisor("GET", "/api/v1/audit?action=trader.profile");
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::vector<std::string> seen;
  auto trail = json::parse(audit.body);
  for (const auto& e : trail.at("items").as_array()) {
    seen.push_back(std::string(e.at("recordId").as_string()) + " " +
                   std::string(e.at("outcome").as_string()));
  }
  ASSERT_GE(seen.size(), 2u);  // the test's own waits read profiles too, first
  EXPECT_EQ(std::vector<std::string>(seen.end() - 2, seen.end()),
            (std::vector<std::string>{"0100000022 ok", "0100000023 denied"}));
}

}  // namespace
}  // namespace haiquan::testing
