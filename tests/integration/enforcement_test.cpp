// N1-N6: the enforcement databases as investigators use them through the API: seizures with
// their parties and route, suspects found by a name typed without marks or with a typo,
// exports that open in LibreOffice, figures, attachments, and investigations only their
// members see.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "integration/server_process.h"

namespace haiquan::testing {
namespace {

namespace json = boost::json;

json::object Parse(const HttpResult& r) { return json::parse(r.body).as_object(); }

class EnforcementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>();
    server_->UseRole("investigator");
  }

  int64_t CreatePerson(const std::vector<std::string>& names, const std::string& extra = "") {
    json::array n;
    for (const auto& s : names) n.push_back(json::value(s));
    std::string body = "{\"names\":" + json::serialize(n) + extra + "}";
    auto r = server_->Post("/api/v1/persons", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Parse(r).at("id").as_int64() : 0;
  }

  int64_t CreateSeizure(const std::string& fields) {
    std::string body =
        "{\"date\":\"2026-11-20\",\"office\":\"01B1\",\"detectionMethod\":\"xray\","
        "\"category\":\"drugs\",\"description\":\"Methamphetamine in suitcase lining\"" +
        fields + "}";
    auto r = server_->Post("/api/v1/seizures", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Parse(r).at("id").as_int64() : 0;
  }

  std::vector<int64_t> Ids(const std::string& target) {
    auto r = server_->Get(target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    std::vector<int64_t> out;
    if (r.status != 200) return out;
    auto page = Parse(r);
    for (const auto& i : page.at("items").as_array()) out.push_back(i.at("id").as_int64());
    return out;
  }

  std::unique_ptr<ServerProcess> server_;
};

TEST_F(EnforcementTest, SeizureKeepsItsPartiesRouteAndIsFoundByTextAndFilters) {
  int64_t hung = CreatePerson({"Nguyễn Văn Hùng"});
  auto company =
      server_->Post("/api/v1/companies", R"({"name":"Công ty TNHH Rồng Vàng","country":"VN"})");
  ASSERT_EQ(company.status, 201) << company.body;
  int64_t firm = Parse(company).at("id").as_int64();
  int64_t drugs = CreateSeizure(
      R"(,"quantity":2.5,"unit":"kg","estimatedValue":50000,"currency":"USD",)"
      R"("concealment":"false_bottom","transport":{"mode":"air","identifier":"VN123"},)"
      R"("route":{"departure":"LA","destination":"VN","legs":[{"country":"TH","place":"Bangkok"}]},)"
      R"("narrative":"Hành khách khai báo sai","parties":[{"kind":"person","id":)" +
      std::to_string(hung) + R"(,"role":"courier"},{"kind":"company","id":)" +
      std::to_string(firm) + R"(,"role":"consignee"}])");
  int64_t ivory = CreateSeizure(
      R"(,"category":"wildlife","description":"Ivory tusks","transport":{"mode":"sea"},)"
      R"("route":{"departure":"NG","destination":"VN"})");
  ASSERT_GT(drugs, 0);
  ASSERT_GT(ivory, 0);

  auto got = Parse(server_->Get("/api/v1/seizures/" + std::to_string(drugs)));
  EXPECT_EQ(got.at("route").at("legs").at(0).at("place").as_string(), "Bangkok");
  EXPECT_EQ(got.at("parties").at(0).at("name").as_string(), "Nguyễn Văn Hùng");
  EXPECT_EQ(got.at("parties").at(1).at("role").as_string(), "consignee");
  EXPECT_EQ(got.at("transport").at("identifier").as_string(), "VN123");

  // Words of the description, the narrative (typed without marks) and a party's name.
  EXPECT_EQ(Ids("/api/v1/search?q=methamphetamine"), std::vector<int64_t>{drugs});
  EXPECT_EQ(Ids("/api/v1/search?q=hanh%20khach"), std::vector<int64_t>{drugs});
  EXPECT_EQ(Ids("/api/v1/search?q=nguyen%20van%20hung"), std::vector<int64_t>{drugs});
  // Filters, alone and with words; newest first without words.
  EXPECT_EQ(Ids("/api/v1/search?country=TH"), std::vector<int64_t>{drugs});
  EXPECT_EQ(Ids("/api/v1/seizures?category=wildlife"), std::vector<int64_t>{ivory});
  EXPECT_EQ(Ids("/api/v1/search?transport=sea&country=NG"), std::vector<int64_t>{ivory});
  EXPECT_EQ(Ids("/api/v1/search?q=methamphetamine&category=wildlife"), std::vector<int64_t>{});
  EXPECT_EQ(Ids("/api/v1/search?from=2026-11-01&to=2026-11-30"),
            (std::vector<int64_t>{ivory, drugs}));
  EXPECT_EQ(Ids("/api/v1/search?from=2026-11-21"), std::vector<int64_t>{});
  auto page = Parse(server_->Get("/api/v1/search?limit=1"));
  EXPECT_EQ(page.at("nextCursor").as_string(), "1");
  EXPECT_EQ(Ids("/api/v1/search?limit=1&cursor=1"), std::vector<int64_t>{drugs});

  // The person's record lists the seizure.
  auto person = Parse(server_->Get("/api/v1/persons/" + std::to_string(hung)));
  EXPECT_EQ(person.at("seizures").at(0).at("id").as_int64(), drugs);

  auto stats = Parse(server_->Get("/api/v1/enforcement/stats?from=2026-11-01"));
  EXPECT_EQ(stats.at("seizures").as_int64(), 2);
  bool saw_th = false;
  for (const auto& g : stats.at("byRouteCountry").as_array()) {
    if (g.at("key").as_string() == "TH") {
      saw_th = true;
      EXPECT_EQ(g.at("seizures").as_int64(), 1);
      EXPECT_DOUBLE_EQ(g.at("quantities").at(0).at("quantity").to_number<double>(), 2.5);
    }
  }
  EXPECT_TRUE(saw_th);
  EXPECT_EQ(stats.at("byMonth").at(0).at("key").as_string(), "2026-11");
}

TEST_F(EnforcementTest, BadInputNamesEveryFieldAndUnknownPartiesAreRefused) {
  auto r = server_->Post(
      "/api/v1/seizures",
      R"({"date":"2026-13-40","office":"","detectionMethod":"magic","category":"drugs",)"
      R"("description":"x","route":{"departure":"XX"},"estimatedValue":5,)"
      R"("parties":[{"kind":"person","id":99,"role":"boss"}]})");
  ASSERT_EQ(r.status, 422) << r.body;
  for (const char* field : {"/date", "/office", "/detectionMethod", "/route/departure", "/currency",
                            "/parties/0/role"}) {
    EXPECT_NE(r.body.find(std::string("\"") + field + "\""), std::string::npos) << field;
  }
  r = server_->Post("/api/v1/seizures",
                    R"({"date":"2026-11-20","office":"01B1","detectionMethod":"dog",)"
                    R"("category":"drugs","description":"x",)"
                    R"("declarationId":424242,"parties":[{"kind":"person","id":99,"role":"owner"},)"
                    R"({"kind":"company","id":77,"role":"carrier"}]})");
  EXPECT_EQ(r.status, 422) << r.body;
  // Every missing record is named, not the first.
  for (const char* field : {"/declarationId", "/parties/0/id", "/parties/1/id"}) {
    EXPECT_NE(r.body.find(std::string("\"") + field + "\""), std::string::npos) << field << r.body;
  }
  EXPECT_EQ(server_->Post("/api/v1/persons", R"({"names":[]})").status, 422);
  EXPECT_EQ(server_->Post("/api/v1/persons", R"({"names":"one"})").status, 400);
  EXPECT_EQ(server_->Get("/api/v1/search?type=ship").status, 400);
  EXPECT_EQ(server_->Get("/api/v1/search?format=pdf").status, 400);
  EXPECT_EQ(server_->Get("/api/v1/seizures/12345").status, 404);
  // Filters describe seizures: on a person search they are refused, not ignored.
  EXPECT_EQ(server_->Get("/api/v1/persons?q=hung&country=TH").status, 400);
  EXPECT_EQ(server_->Get("/api/v1/search?from=2026-02-30").status, 400);
  EXPECT_EQ(server_->Get("/api/v1/search?cursor=999999").status, 400);
  // Managers see figures by filters, never by words.
  std::string manager = "Bearer " + server_->CreateUser("manager");
  EXPECT_EQ(server_->RequestWith(manager, "GET", "/api/v1/enforcement/stats?category=drugs").status,
            200);
  EXPECT_EQ(server_->RequestWith(manager, "GET", "/api/v1/enforcement/stats?q=hung").status, 403);

  // Traders have no business in the enforcement databases.
  std::string trader = "Bearer " + server_->CreateUser("trader", "0312345678");
  EXPECT_EQ(server_->RequestWith(trader, "GET", "/api/v1/search?q=x").status, 403);
  EXPECT_EQ(server_->RequestWith(trader, "POST", "/api/v1/persons", R"({"names":["A B"]})").status,
            403);
}

TEST_F(EnforcementTest, NamesAreFoundWithoutMarksAndWithATypo) {
  int64_t marked = CreatePerson({"Nguyễn Văn Hùng"}, R"(,"dateOfBirth":"1980-05-17")");
  int64_t plain = CreatePerson({"Nguyen Van Hung"});
  int64_t alias = CreatePerson({"Lê Thị Mai", "Nguyễn Thị Hùng"});
  int64_t other = CreatePerson({"Trần Văn Hùng"});
  auto names = [&](const std::string& q) { return Ids("/api/v1/persons?q=" + q); };
  auto has = [](const std::vector<int64_t>& v, int64_t id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  };
  auto typed_plain = names("Nguyen%20Van%20Hung");
  EXPECT_TRUE(has(typed_plain, marked));
  EXPECT_TRUE(has(typed_plain, plain));
  EXPECT_FALSE(has(typed_plain, other));
  auto typed_marked = names("Nguy%E1%BB%85n%20V%C4%83n%20H%C3%B9ng");  // Nguyễn Văn Hùng
  EXPECT_TRUE(has(typed_marked, plain));
  auto typo = names("Nguyen%20Van%20Hnug");
  EXPECT_TRUE(has(typo, marked));
  EXPECT_TRUE(has(typo, plain));
  EXPECT_FALSE(has(typo, other));
  // An alias is a name like any other.
  EXPECT_TRUE(has(names("nguyen%20thi%20hung"), alias));
  // The exact spelling ranks above a typo's match... and the search is audited.
  auto ranked = Parse(server_->Get("/api/v1/search?type=person&q=Tran%20Van%20Hung"));
  ASSERT_FALSE(ranked.at("items").as_array().empty());
  EXPECT_EQ(ranked.at("items").at(0).at("id").as_int64(), other);
  server_->UseRole("supervisor");
  auto audit = server_->Get("/api/v1/audit?action=enforcement.search");
  EXPECT_NE(audit.body.find("Tran Van Hung"), std::string::npos);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_F(EnforcementTest, ExportsOpenInLibreOfficeWithEveryRowAndTypedColumn) {
  int64_t person = CreatePerson({"Nguyễn Văn Hùng"});
  for (int i = 0; i < 30; ++i) {
    CreateSeizure(R"(,"quantity":)" + std::to_string(i + 1) +
                  R"(,"unit":"kg","narrative":"=cmd|' /C calc'!A0 case )" + std::to_string(i) +
                  R"(","parties":[{"kind":"person","id":)" + std::to_string(person) +
                  R"(,"role":"courier"}])");
  }
  auto xlsx = server_->Get("/api/v1/search?q=methamphetamine&format=xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.Header("X-Total-Count"), "30");
  auto csv = server_->Get("/api/v1/search?q=methamphetamine&format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF"
                           "id,date,",
                           0),
            0u);
  // A spreadsheet must not run a narrative as a formula.
  EXPECT_NE(csv.body.find("\"'=cmd|"), std::string::npos);
  auto js = server_->Get("/api/v1/search?q=methamphetamine&format=json");
  ASSERT_EQ(js.status, 200);
  EXPECT_EQ(Parse(js).at("items").as_array().size(), 30u);

  std::string dir = MakeTempDir();
  {
    std::ofstream out(dir + "/export.xlsx", std::ios::binary);
    out << xlsx.body;
  }
  std::string cmd = "cd " + dir + " && HOME=" + dir +
                    " libreoffice --headless --norestore --convert-to csv:\"Text - txt - csv "
                    "(StarCalc)\":44,34,76,1,,0,true,true,false,false export.xlsx "
                    ">/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "libreoffice must be installed (make deps)";
  std::string converted = ReadFile(dir + "/export.csv");
  std::vector<std::string> lines;
  std::stringstream in(converted);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  ASSERT_EQ(lines.size(), 32u) << converted;  // two header rows, then one per seizure
  EXPECT_EQ(lines[1].substr(0, 13), "\"ID\",\"Date\",\"");
  // Typed columns survive: the id and quantity are numbers, the date a date.
  int rows_checked = 0;
  for (size_t i = 2; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    EXPECT_NE(l.find(",2026-11-20,"), std::string::npos) << l;
    EXPECT_NE(l.find(",\"Methamphetamine in suitcase lining\","), std::string::npos) << l;
    EXPECT_EQ(l[0] >= '1' && l[0] <= '9', true) << l;  // unquoted: a number
    ++rows_checked;
  }
  EXPECT_EQ(rows_checked, 30);
}

TEST_F(EnforcementTest, AttachmentsAreStoredByTheirHashAndTypedByTheirBytes) {
  int64_t id = CreateSeizure("");
  std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
  png += std::string(100, 'x');
  std::string base = "/api/v1/seizures/" + std::to_string(id) + "/attachments";
  auto r = server_->Request("POST", base + "?kind=xray&fileName=scan.png", png,
                            "application/octet-stream");
  ASSERT_EQ(r.status, 201) << r.body;
  auto a = Parse(r);
  EXPECT_EQ(a.at("mediaType").as_string(), "image/png");
  EXPECT_EQ(a.at("sha256").as_string().size(), 64u);
  // Evidence is kept even when its pixels cannot be read; it just has no thumbnail.
  EXPECT_TRUE(a.at("thumbnail").is_null());
  auto again = server_->Request("POST", base, png, "image/png");
  EXPECT_EQ(Parse(again).at("sha256"), a.at("sha256"));
  auto got = server_->Get(std::string(a.at("href").as_string()));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, png);
  EXPECT_EQ(got.Header("Content-Type"), "image/png");
  auto seizure = Parse(server_->Get("/api/v1/seizures/" + std::to_string(id)));
  EXPECT_EQ(seizure.at("attachments").as_array().size(), 1u);
  // A page pretending to be a photo is refused whatever the client says it is.
  auto html = server_->Request("POST", base, "<html><script>alert(1)</script>", "image/jpeg");
  EXPECT_EQ(html.status, 422) << html.body;
  EXPECT_EQ(server_->Request("POST", base + "?kind=video", png, "image/png").status, 422);
  EXPECT_EQ(server_->Get(base + "/" + std::string(64, 'a')).status, 404);
}

TEST_F(EnforcementTest, ImagesGetAThumbnailWithoutTheirMetadataAndDocumentsNone) {
  int64_t id = CreateSeizure("");
  std::string base = "/api/v1/seizures/" + std::to_string(id) + "/attachments";
  std::string photo =
      ReadFile(std::string(HAIQUAN_SOURCE_DIR) + "/tests/data/images/seizure-photo-1600x1200.jpg");
  ASSERT_NE(photo.find("Haiquan test fixture"), std::string::npos);  // its EXIF Artist
  auto r = server_->Request("POST", base + "?kind=photo&fileName=suitcase.jpg", photo,
                            "application/octet-stream");
  ASSERT_EQ(r.status, 201) << r.body;
  auto a = Parse(r);
  EXPECT_EQ(a.at("width").as_int64(), 1600);
  EXPECT_EQ(a.at("height").as_int64(), 1200);
  std::string thumbnail(a.at("thumbnail").as_string());
  EXPECT_EQ(thumbnail, std::string(a.at("href").as_string()) + "/thumbnail");
  auto small = server_->Get(thumbnail);
  ASSERT_EQ(small.status, 200) << small.body;
  EXPECT_EQ(small.Header("Content-Type"), "image/jpeg");
  ASSERT_GT(small.body.size(), 3u);
  EXPECT_EQ(small.body.substr(0, 3), "\xFF\xD8\xFF");
  EXPECT_LT(small.body.size(), photo.size() / 4);
  // The camera's metadata (here the EXIF Artist; in the field, its position) is not copied.
  EXPECT_EQ(small.body.find("Haiquan test fixture"), std::string::npos);
  auto seizure = Parse(server_->Get("/api/v1/seizures/" + std::to_string(id)));
  EXPECT_EQ(seizure.at("attachments").as_array()[0].at("thumbnail").as_string(), thumbnail);

  const std::string pdf =
      "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
  auto doc = server_->Request("POST", base + "?kind=document", pdf, "application/pdf");
  ASSERT_EQ(doc.status, 201) << doc.body;
  EXPECT_TRUE(Parse(doc).at("thumbnail").is_null());
  EXPECT_TRUE(Parse(doc).at("width").is_null());
  EXPECT_EQ(server_->Get(std::string(Parse(doc).at("href").as_string()) + "/thumbnail").status,
            404);
  // Another seizure's address for the same bytes is not a way in.
  int64_t other = CreateSeizure("");
  EXPECT_EQ(server_
                ->Get("/api/v1/seizures/" + std::to_string(other) + "/attachments/" +
                      std::string(a.at("sha256").as_string()) + "/thumbnail")
                .status,
            404);
  server_->UseRole("supervisor");
  auto audit = server_->Get("/api/v1/audit?action=seizure.thumbnail.read");
  EXPECT_NE(audit.body.find(std::string(a.at("sha256").as_string())), std::string::npos)
      << audit.body;
}

TEST_F(EnforcementTest, OnlyMembersSeeAnInvestigationAndRefusalsAreAudited) {
  std::string lead = server_->CreateUser("investigator", "", "inv.lead");
  std::string outsider = server_->CreateUser("investigator", "", "inv.outsider");
  std::string helper = server_->CreateUser("investigator", "", "inv.helper");
  std::string boss = server_->CreateUser("supervisor", "", "sup.boss");
  auto as = [&](const std::string& token, const std::string& method, const std::string& target,
                const std::string& body = "") {
    return server_->RequestWith("Bearer " + token, method, target, body);
  };
  auto tip = as(lead, "POST", "/api/v1/suspicions",
                R"({"receivedOn":"2026-11-01","source":"informant","category":"drugs",)"
                R"("summary":"Courier route through Bangkok"})");
  ASSERT_EQ(tip.status, 201) << tip.body;
  int64_t tip_id = Parse(tip).at("id").as_int64();
  auto opened = as(lead, "POST", "/api/v1/investigations",
                   R"({"title":"Op. Golden Dragon","supervisor":"sup.boss",)"
                   R"("openedFrom":{"kind":"suspicion","id":)" +
                       std::to_string(tip_id) + "}}");
  ASSERT_EQ(opened.status, 201) << opened.body;
  int64_t id = Parse(opened).at("id").as_int64();
  std::string path = "/api/v1/investigations/" + std::to_string(id);
  EXPECT_EQ(Parse(as(lead, "GET", "/api/v1/suspicions/" + std::to_string(tip_id)))
                .at("status")
                .as_string(),
            "investigating");
  ASSERT_EQ(as(lead, "POST", path + "/notes", R"({"text":"Flight VN123 watched"})").status, 201);

  EXPECT_EQ(as(outsider, "GET", path).status, 404);
  EXPECT_EQ(as(outsider, "GET", path + "/notes").status, 404);
  EXPECT_EQ(as(outsider, "POST", path + "/notes", R"({"text":"x"})").status, 404);
  EXPECT_EQ(as(outsider, "GET", "/api/v1/investigations").body.find("Golden"), std::string::npos);
  EXPECT_EQ(as(boss, "GET", path).status, 200);
  server_->UseRole("administrator");
  EXPECT_EQ(server_->Get(path).status, 200);

  // A member added later sees the case and its timeline.
  EXPECT_EQ(as(helper, "GET", path).status, 404);
  auto added = as(lead, "PUT", path,
                  R"({"title":"Op. Golden Dragon","status":"open","supervisor":"sup.boss",)"
                  R"("members":["inv.helper"],"version":1})");
  ASSERT_EQ(added.status, 200) << added.body;
  auto seen = as(helper, "GET", path);
  ASSERT_EQ(seen.status, 200);
  // A member may not change who works on the case, nor learn a case's title through a link.
  EXPECT_EQ(as(helper, "PUT", path,
               R"({"title":"Op. Golden Dragon","lead":"inv.helper","members":["inv.helper"]})")
                .status,
            403);
  EXPECT_EQ(as(outsider, "POST", "/api/v1/suspicions",
               R"({"receivedOn":"2026-11-01","source":"officer","summary":"x",)"
               R"("links":[{"kind":"investigation","id":)" +
                   std::to_string(id) + "}]}")
                .status,
            422);
  EXPECT_EQ(Parse(seen).at("notes").at(0).at("text").as_string(), "Flight VN123 watched");
  auto task =
      as(lead, "POST", path + "/tasks", R"({"title":"Check manifests","assignee":"inv.helper"})");
  EXPECT_EQ(task.status, 201) << task.body;
  EXPECT_EQ(as(lead, "POST", path + "/tasks", R"({"title":"x","assignee":"inv.outsider"})").status,
            422);

  // Every refused read is in the audit trail, as denied.
  server_->UseRole("supervisor");
  auto audit = Parse(server_->Get("/api/v1/audit?actor=inv.outsider"));
  int denied = 0;
  for (const auto& e : audit.at("items").as_array()) {
    if (e.at("outcome").as_string() == "denied" &&
        e.at("recordId").as_string() == std::to_string(id)) {
      ++denied;
    }
  }
  EXPECT_EQ(denied, 3);
}

TEST_F(EnforcementTest, ACompanyIsLinkedToTheRegistryAndTheRegistryPersonStillAnswers) {
  server_->UseRole("supervisor");
  auto reg = server_->Post(
      "/api/v1/traders",
      R"({"taxId":"0312345678","name":"Cong ty Rong Vang","address":"1 Le Loi","registrationDate":"2015-03-01","status":"active",)"
      R"("owners":[{"idNumber":"001085012345","name":"Nguyễn Văn Hùng","nationality":"VN","share":100}]})");
  ASSERT_EQ(reg.status, 201) << reg.body;
  server_->UseRole("investigator");
  auto c = server_->Post("/api/v1/companies", R"({"name":"Rong Vang","taxId":"0312345678"})");
  ASSERT_EQ(c.status, 201) << c.body;
  EXPECT_TRUE(Parse(c).at("registered").as_bool());
  // A suspect holding the owner's identity card shows the enterprise.
  int64_t p = CreatePerson({"Nguyễn Văn Hùng"},
                           R"(,"documents":[{"type":"national_id","number":"001085012345"}])");
  auto view = Parse(server_->Get("/api/v1/persons/" + std::to_string(p)));
  EXPECT_EQ(view.at("enterprises").at(0).at("taxId").as_string(), "0312345678");
  // A seizure naming the company goes on the trader's compliance record, for customs staff.
  int64_t company_id = Parse(c).at("id").as_int64();
  int64_t seized = CreateSeizure(R"(,"category":"ipr","parties":[{"kind":"company","id":)" +
                                 std::to_string(company_id) + R"(,"role":"consignee"}])");
  auto profile = Parse(server_->Get("/api/v1/traders/0312345678/profile"));
  ASSERT_TRUE(profile.contains("offences")) << json::serialize(profile);
  EXPECT_EQ(profile.at("offences").at(0).at("seizureId").as_int64(), seized);
  EXPECT_EQ(profile.at("offences").at(0).at("category").as_string(), "ipr");
  // A company whose tax id is learnt later takes its earlier seizures to the trader's record.
  auto later = server_->Post("/api/v1/companies", R"({"name":"Rong Vang Logistics"})");
  ASSERT_EQ(later.status, 201) << later.body;
  int64_t later_id = Parse(later).at("id").as_int64();
  CreateSeizure(R"(,"parties":[{"kind":"company","id":)" + std::to_string(later_id) +
                R"(,"role":"carrier"}])");
  ASSERT_EQ(server_
                ->Request("PUT", "/api/v1/companies/" + std::to_string(later_id),
                          R"({"name":"Rong Vang Logistics","taxId":"0312345678"})")
                .status,
            200);
  profile = Parse(server_->Get("/api/v1/traders/0312345678/profile"));
  EXPECT_EQ(profile.at("offences").as_array().size(), 2u) << json::serialize(profile);
  std::string trader = "Bearer " + server_->CreateUser("trader", "0312345678");
  auto own = server_->RequestWith(trader, "GET", "/api/v1/traders/0312345678/profile");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_FALSE(Parse(own).contains("offences"));
  // The registry's own person is still found by the document number.
  auto registry = server_->Get("/api/v1/persons/001085012345");
  EXPECT_EQ(registry.status, 200) << registry.body;
}

}  // namespace
}  // namespace haiquan::testing
