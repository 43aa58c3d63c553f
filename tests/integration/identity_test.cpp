// Identity end to end: bearer tokens, roles, trader scoping, sign-in and its throttle, API keys,
// revocation from the API and from the command line, and the audit trail that records it all.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "integration/server_process.h"

namespace haiquan::testing {
namespace {

namespace json = boost::json;

constexpr const char* kTraderA = "0101234567";  // the sample's importer
constexpr const char* kTraderB = "0109999999";  // named by no sample

json::object Parse(const std::string& body) { return json::parse(body).as_object(); }

// A page's items, by value: a range-for over a temporary's member would dangle.
json::array Items(const std::string& body) { return Parse(body)["items"].as_array(); }

std::string Bearer(const std::string& token) { return "Bearer " + token; }

// The sample declaration with the importer replaced, so that it names `tax_id` and neither
// the sample's importer nor trader A.
std::string DeclarationForImporter(const std::string& reference, const std::string& tax_id,
                                   const std::string& hs = "42021100") {
  std::string body = SampleDeclarationJson(reference, hs);
  auto at = body.find(kTraderA);
  body.replace(at, std::string(kTraderA).size(), tax_id);
  return body;
}

// The sample filed by `tax_id` for itself: declarant and importer. A trader files only as the
// declarant.
std::string FiledBy(const std::string& tax_id, const std::string& reference,
                    const std::string& hs = "42021100") {
  std::string body = DeclarationForImporter(reference, tax_id, hs);
  const std::string sample_declarant = "0312345678";
  body.replace(body.find(sample_declarant), sample_declarant.size(), tax_id);
  return body;
}

std::string FirstPointer(const std::string& problem_body) {
  auto p = Parse(problem_body);
  if (!p.contains("errors") || p["errors"].as_array().empty()) return "";
  return std::string(p["errors"].as_array()[0].as_object().at("pointer").as_string());
}

void ExpectUnauthorized(const HttpResult& res, const std::string& what) {
  EXPECT_EQ(res.status, 401) << what << ": " << res.body;
  EXPECT_EQ(res.Header("Content-Type"), "application/problem+json") << what;
  EXPECT_EQ(res.Header("WWW-Authenticate").rfind("Bearer", 0), 0u) << what;
  if (res.status == 401) {
    EXPECT_EQ(Parse(res.body)["status"].as_int64(), 401) << what;
  }
}

void ExpectForbidden(const HttpResult& res, const std::string& what) {
  EXPECT_EQ(res.status, 403) << what << ": " << res.body;
  EXPECT_EQ(res.Header("Content-Type"), "application/problem+json") << what;
}

class IdentityTest : public ::testing::Test {
 protected:
  // A fresh server for each test: the sign-in throttle and the audit trail are per server, and
  // one takes about 50 ms to start.
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--random-red", "0", "--random-yellow", "0"});
  }
  void TearDown() override { server_.reset(); }

  HttpResult As(const std::string& token, const std::string& method, const std::string& target,
                const std::string& body = "") const {
    return server_->RequestWith(Bearer(token), method, target, body);
  }
  // Files as `token`; the new declaration's id, or -1 (and a failure) if it was not created.
  int64_t File(const std::string& token, const std::string& body) const {
    auto res = As(token, "POST", "/api/v1/declarations", body);
    EXPECT_EQ(res.status, 201) << res.body;
    return res.status == 201 ? Parse(res.body)["id"].as_int64() : -1;
  }
  std::string WritePasswordFile(const std::string& password) const {
    std::string path = server_->dir() + "/password";
    std::ofstream(path) << password << "\n";
    return path;
  }
  // `haiquan user create` with a password; the user's first token.
  std::string CreateUserWithPassword(const std::string& name, const std::string& role,
                                     const std::string& password,
                                     const std::string& trader = "") const {
    std::vector<std::string> args = {"user",
                                     "create",
                                     name,
                                     "--role",
                                     role,
                                     "--password-file",
                                     WritePasswordFile(password),
                                     "--db",
                                     server_->db_path()};
    if (!trader.empty()) {
      args.push_back("--trader");
      args.push_back(trader);
    }
    std::string out;
    EXPECT_EQ(RunCli(args, &out), 0) << out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out.substr(out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1);
  }
  HttpResult Login(const std::string& name, const std::string& password) const {
    return server_->RequestWith(
        "", "POST", "/api/v1/auth/login",
        json::serialize(json::object{{"name", name}, {"password", password}}));
  }
  // Every audit entry matching `query` (a query string without limit and after).
  std::vector<json::object> Audit(const std::string& query = "") {
    if (supervisor_.empty()) supervisor_ = server_->CreateUser("supervisor", "", "it.supervisor");
    std::vector<json::object> out;
    std::string after = "0";
    for (;;) {
      auto res = As(supervisor_, "GET",
                    "/api/v1/audit?limit=1000&after=" + after + (query.empty() ? "" : "&") + query);
      EXPECT_EQ(res.status, 200) << res.body;
      if (res.status != 200) return out;
      auto page = Parse(res.body);
      for (auto& e : page["items"].as_array()) out.push_back(e.as_object());
      if (!page["nextCursor"].is_string()) return out;
      after = std::string(page["nextCursor"].as_string());
    }
  }
  // The entries with this action (and record id, if given).
  static std::vector<json::object> Having(const std::vector<json::object>& entries,
                                          const std::string& action,
                                          const std::string& record_id = "") {
    std::vector<json::object> out;
    for (const auto& e : entries) {
      if (e.at("action").as_string() == action &&
          (record_id.empty() || e.at("recordId").as_string() == record_id)) {
        out.push_back(e);
      }
    }
    return out;
  }

  std::unique_ptr<ServerProcess> server_;
  std::string supervisor_;
};

TEST_F(IdentityTest, NoTokenIsUnauthorizedWithAChallenge) {
  ExpectUnauthorized(server_->RequestWith("", "GET", "/api/v1/declarations"), "list");
  ExpectUnauthorized(server_->RequestWith("", "GET", "/api/v1/declarations/1"), "get");
  ExpectUnauthorized(server_->RequestWith("", "GET", "/api/v1/audit"), "audit");
  ExpectUnauthorized(server_->RequestWith("", "GET", "/api/v1/auth/me"), "me");
  // Authentication comes before the body is looked at: an anonymous caller learns nothing
  // about what would be accepted.
  ExpectUnauthorized(server_->RequestWith("", "POST", "/api/v1/declarations", "{not json"), "file");
  ExpectUnauthorized(server_->RequestWith("", "POST", "/api/v1/risk/rules", "{}"), "rule");
  // What must stay open.
  EXPECT_EQ(server_->RequestWith("", "GET", "/healthz").status, 200);
  EXPECT_EQ(server_->RequestWith("", "GET", "/api/v1/openapi.json").status, 200);
  EXPECT_EQ(server_->RequestWith("", "GET", "/metrics").status, 200);
}

TEST_F(IdentityTest, GarbageTokensAreUnauthorizedAlike) {
  std::string unknown_session = "hqs_" + std::string(43, 'A');
  std::vector<std::string> headers = {"Bearer garbage", Bearer(unknown_session),
                                      "Bearer hqk_" + std::string(43, 'z'), "Bearer", "Bearer    ",
                                      "Basic dXNlcjpwYXNzd29yZA==",
                                      // A real token sent with another scheme is not a bearer.
                                      "Token " + server_->token()};
  std::set<std::string> details;
  for (const auto& h : headers) {
    auto res = server_->RequestWith(h, "GET", "/api/v1/declarations");
    ExpectUnauthorized(res, h);
    if (res.status == 401 && h.rfind("Bearer h", 0) == 0) {
      details.insert(std::string(Parse(res.body)["detail"].as_string()));
    }
  }
  // Unknown sessions and unknown keys get the same words: no oracle for valid tokens.
  EXPECT_EQ(details.size(), 1u);
  // The same endpoint with the real token, so that the refusals above were about the token.
  EXPECT_EQ(server_->Request("GET", "/api/v1/declarations").status, 200);
}

TEST_F(IdentityTest, WrongRoleIsForbidden) {
  std::string trader = server_->CreateUser("trader", kTraderA);
  std::string officer = server_->CreateUser("officer");
  std::string analyst = server_->CreateUser("analyst");
  std::string client = server_->CreateUser("api_client", kTraderA);

  auto rules = As(trader, "GET", "/api/v1/risk/rules");
  ExpectForbidden(rules, "trader reads rules");
  EXPECT_NE(Parse(rules.body)["detail"].as_string().find("trader"), std::string::npos)
      << rules.body;
  ExpectForbidden(As(officer, "GET", "/api/v1/audit"), "officer reads the audit trail");
  ExpectForbidden(As(analyst, "POST", "/api/v1/declarations", SampleDeclarationJson("ID-ROLE-1")),
                  "analyst files");
  ExpectForbidden(
      As(client, "POST", "/api/v1/declarations/1/inspection", R"({"outcome": "compliant"})"),
      "api client inspects");
  ExpectForbidden(As(trader, "POST", "/api/v1/users",
                     R"({"name": "evil", "role": "administrator", "password": "0123456789ab"})"),
                  "trader creates an administrator");
  ExpectForbidden(As(officer, "GET", "/api/v1/apikeys"), "officer lists API keys");
  ExpectForbidden(As(officer, "POST", "/api/v1/risk/rules", "{}"), "officer writes a rule");
  // Nobody but supervisors reads the trail, administrators included.
  ExpectForbidden(As(server_->CreateUser("administrator"), "GET", "/api/v1/audit"),
                  "administrator reads the audit trail");
  // The right role on the same routes.
  EXPECT_EQ(As(analyst, "GET", "/api/v1/risk/rules").status, 200);
  EXPECT_EQ(As(server_->CreateUser("supervisor"), "GET", "/api/v1/audit").status, 200);
}

TEST_F(IdentityTest, TraderSeesAndFilesOnlyItsOwnDeclarations) {
  std::string a = server_->CreateUser("trader", kTraderA);
  std::string b = server_->CreateUser("trader", kTraderB);

  int64_t mine = File(a, FiledBy(kTraderA, "ID-SCOPE-A1"));
  std::string mine_path = "/api/v1/declarations/" + std::to_string(mine);
  auto own = As(a, "GET", mine_path);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(Parse(own.body)["declarantReference"].as_string(), "ID-SCOPE-A1");

  // Another trader: as if it did not exist, the same answer as a missing id.
  auto theirs = As(b, "GET", mine_path);
  EXPECT_EQ(theirs.status, 404) << theirs.body;
  EXPECT_EQ(theirs.body.find("ID-SCOPE-A1"), std::string::npos);
  EXPECT_EQ(As(b, "GET", "/api/v1/declarations/999999").status, 404);

  auto list = As(b, "GET", "/api/v1/declarations");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(Parse(list.body)["items"].as_array().empty()) << list.body;
  // Asking for another enterprise's declarations by name finds none of them.
  auto asked = As(b, "GET", std::string("/api/v1/declarations?trader=") + kTraderA);
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_TRUE(Parse(asked.body)["items"].as_array().empty()) << asked.body;

  // Filing for an enterprise that is not its own.
  auto forged = As(b, "POST", "/api/v1/declarations", SampleDeclarationJson("ID-SCOPE-B1"));
  ExpectForbidden(forged, "trader B files for A");
  EXPECT_EQ(FirstPointer(forged.body), "/declarant/taxId") << forged.body;

  // Its own filing works, and A cannot see it.
  int64_t b_own = File(b, FiledBy(kTraderB, "ID-SCOPE-B2"));
  EXPECT_EQ(As(a, "GET", "/api/v1/declarations/" + std::to_string(b_own)).status, 404);
  EXPECT_EQ(As(b, "GET", "/api/v1/declarations/" + std::to_string(b_own)).status, 200);

  // A's list holds its declaration and nothing of B's.
  auto a_list = Parse(As(a, "GET", "/api/v1/declarations").body);
  std::set<int64_t> ids;
  for (const auto& item : a_list["items"].as_array()) ids.insert(item.at("id").as_int64());
  EXPECT_EQ(ids, std::set<int64_t>{mine});

  // A's reference in A's name is A's: B cannot take it, even naming itself as importer.
  auto squat =
      As(b, "POST", "/api/v1/declarations", DeclarationForImporter("ID-SCOPE-A9", kTraderB));
  ExpectForbidden(squat, "trader B files with A's declarant");
  // The same reference in B's own name is B's own declaration, not A's.
  auto reused = As(b, "POST", "/api/v1/declarations", FiledBy(kTraderB, "ID-SCOPE-A1"));
  ASSERT_EQ(reused.status, 201) << reused.body;
  EXPECT_NE(Parse(reused.body)["id"].as_int64(), mine);

  // Customs staff see both.
  EXPECT_EQ(server_->Get(mine_path).status, 200);
  EXPECT_EQ(server_->Get("/api/v1/declarations/" + std::to_string(b_own)).status, 200);
}

TEST_F(IdentityTest, ApiClientIsBoundToItsEnterprise) {
  std::string client = server_->CreateUser("api_client", kTraderA);
  EXPECT_EQ(client.rfind("hqk_", 0), 0u) << "an API client's first token is an API key";
  auto me = Parse(As(client, "GET", "/api/v1/auth/me").body);
  EXPECT_EQ(me["role"].as_string(), "api_client");
  EXPECT_EQ(me["traderTaxId"].as_string(), kTraderA);

  int64_t own = File(client, FiledBy(kTraderA, "ID-CLIENT-1"));
  // Filed by an officer, naming A as importer: A's client sees it too.
  int64_t by_officer = File(server_->token(), SampleDeclarationJson("ID-CLIENT-2"));
  int64_t other = File(server_->token(), DeclarationForImporter("ID-CLIENT-3", kTraderB));
  EXPECT_EQ(As(client, "GET", "/api/v1/declarations/" + std::to_string(own)).status, 200);
  EXPECT_EQ(As(client, "GET", "/api/v1/declarations/" + std::to_string(by_officer)).status, 200);
  EXPECT_EQ(As(client, "GET", "/api/v1/declarations/" + std::to_string(other)).status, 404);

  auto list = As(client, "GET", "/api/v1/declarations");
  ASSERT_EQ(list.status, 200) << list.body;
  std::set<int64_t> ids;
  for (const auto& item : Items(list.body)) ids.insert(item.at("id").as_int64());
  EXPECT_EQ(ids, (std::set<int64_t>{own, by_officer}));

  auto forged =
      As(client, "POST", "/api/v1/declarations", DeclarationForImporter("ID-CLIENT-4", kTraderB));
  ExpectForbidden(forged, "client files for B");
  EXPECT_EQ(FirstPointer(forged.body), "/declarant/taxId") << forged.body;
}

TEST_F(IdentityTest, PasswordsAreChangedWithTheCurrentOneOrResetOnTheCommandLine) {
  const std::string first = "first password 1";
  const std::string second = "second password 2";
  std::string token = CreateUserWithPassword("it.changer", "officer", first);
  auto change = [&](const std::string& current, const std::string& replacement) {
    return As(
        token, "POST", "/api/v1/auth/password",
        json::serialize(json::object{{"currentPassword", current}, {"newPassword", replacement}}));
  };
  auto wrong = change("not the password", second);
  EXPECT_EQ(wrong.status, 403) << wrong.body;
  EXPECT_EQ(FirstPointer(wrong.body), "/currentPassword") << wrong.body;
  auto weak = change(first, "short");
  EXPECT_EQ(weak.status, 422) << weak.body;
  EXPECT_EQ(FirstPointer(weak.body), "/newPassword") << weak.body;
  EXPECT_EQ(As(token, "POST", "/api/v1/auth/password", R"({"newPassword": "x"})").status, 422);
  EXPECT_EQ(Login("it.changer", first).status, 200) << "refusals change nothing";

  auto changed = change(first, second);
  EXPECT_EQ(changed.status, 204) << changed.body;
  ExpectUnauthorized(Login("it.changer", first), "the old password");
  EXPECT_EQ(Login("it.changer", second).status, 200);

  // A forgotten password is set again by an administrator on the server's machine.
  const std::string third = "third password 3";
  ASSERT_EQ(RunCli({"user", "password", "it.changer", "--password-file", WritePasswordFile(third),
                    "--db", server_->db_path()}),
            0);
  EXPECT_EQ(Login("it.changer", third).status, 200);
  EXPECT_EQ(RunCli({"user", "password", "it.nobody", "--password-file", WritePasswordFile(third),
                    "--db", server_->db_path()}),
            4);

  auto entries = Audit("recordType=user&recordId=it.changer");
  std::vector<std::string> seen;
  for (const auto& e : entries) {
    seen.push_back(std::string(e.at("action").as_string()) + ":" +
                   std::string(e.at("outcome").as_string()));
  }
  for (const char* expected :
       {"user.password:denied", "user.password:ok", "user.password.reset:ok"}) {
    EXPECT_NE(std::find(seen.begin(), seen.end(), expected), seen.end()) << expected;
  }
}

TEST_F(IdentityTest, PasswordSignInUseAndSignOut) {
  const std::string password = "correct horse battery staple";
  std::string initial = CreateUserWithPassword("it.minhphat", "trader", password, kTraderA);
  EXPECT_EQ(initial.rfind("hqs_", 0), 0u) << initial;

  auto login = Login("it.minhphat", password);
  ASSERT_EQ(login.status, 200) << login.body;
  auto issued = Parse(login.body);
  std::string token(issued["token"].as_string());
  EXPECT_EQ(token.rfind("hqs_", 0), 0u);
  EXPECT_NE(token, initial);
  EXPECT_TRUE(issued["expiresAt"].is_string());
  EXPECT_EQ(issued["user"].as_object().at("name").as_string(), "it.minhphat");
  EXPECT_EQ(issued["user"].as_object().at("role").as_string(), "trader");
  EXPECT_EQ(issued["user"].as_object().at("canSignIn").as_bool(), true);
  EXPECT_EQ(login.body.find("argon2"), std::string::npos) << "no password hash in the answer";

  auto me = As(token, "GET", "/api/v1/auth/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(Parse(me.body)["name"].as_string(), "it.minhphat");
  EXPECT_EQ(Parse(me.body)["traderTaxId"].as_string(), kTraderA);
  EXPECT_EQ(As(token, "GET", "/api/v1/declarations").status, 200);

  auto out = As(token, "POST", "/api/v1/auth/logout");
  EXPECT_EQ(out.status, 204) << out.body;
  ExpectUnauthorized(As(token, "GET", "/api/v1/auth/me"), "after logout");
  ExpectUnauthorized(As(token, "POST", "/api/v1/auth/logout"), "logout twice");
  // Signing out ends that session only.
  EXPECT_EQ(As(initial, "GET", "/api/v1/auth/me").status, 200);

  auto wrong = Login("it.minhphat", "not the password");
  ExpectUnauthorized(wrong, "wrong password");
  auto nobody = Login("it.nobody", password);
  ExpectUnauthorized(nobody, "unknown user");
  // The same words either way: a sign-in does not tell which names exist.
  EXPECT_EQ(Parse(wrong.body)["detail"], Parse(nobody.body)["detail"]);
  // A user made without a password cannot sign in with any.
  server_->CreateUser("officer", "", "it.nopassword");
  ExpectUnauthorized(Login("it.nopassword", ""), "no password set");

  auto malformed = server_->RequestWith("", "POST", "/api/v1/auth/login", R"({"name": 5})");
  EXPECT_EQ(malformed.status, 400) << malformed.body;
}

TEST_F(IdentityTest, RepeatedWrongPasswordsLockTheAccount) {
  const std::string password = "a long enough password";
  CreateUserWithPassword("it.target", "officer", password);
  CreateUserWithPassword("it.bystander", "officer", password);
  for (int i = 0; i < 5; ++i) {
    ExpectUnauthorized(Login("it.target", "guess " + std::to_string(i)), "guess");
  }
  auto locked = Login("it.target", "guess 5");
  ASSERT_EQ(locked.status, 429) << locked.body;
  EXPECT_EQ(locked.Header("Content-Type"), "application/problem+json");
  std::string retry = locked.Header("Retry-After");
  ASSERT_FALSE(retry.empty());
  ASSERT_EQ(retry.find_first_not_of("0123456789"), std::string::npos) << retry;
  EXPECT_GE(std::stoi(retry), 1);
  EXPECT_LE(std::stoi(retry), 15 * 60 + 1);
  // While locked even the right password is refused: a guess that happens to be right must
  // not be confirmed.
  auto right = Login("it.target", password);
  EXPECT_EQ(right.status, 429) << right.body;
  EXPECT_FALSE(right.Header("Retry-After").empty());
  // Another account from the same address is not locked out.
  EXPECT_EQ(Login("it.bystander", password).status, 200);

  auto denied = Audit("actor=it.target&action=auth.login");
  ASSERT_GE(denied.size(), 5u);
  for (const auto& e : denied) {
    EXPECT_EQ(e.at("outcome").as_string(), "denied") << json::serialize(e);
    EXPECT_EQ(e.at("detail").as_string(), "wrong password") << json::serialize(e);
  }
}

TEST_F(IdentityTest, DisablingThroughTheApiIsImmediate) {
  std::string admin = server_->CreateUser("administrator");
  std::string officer = server_->CreateUser("officer", "", "it.officer");
  ASSERT_EQ(As(officer, "GET", "/api/v1/auth/me").status, 200);  // now cached

  auto disabled = As(admin, "POST", "/api/v1/users/it.officer/disable");
  ASSERT_EQ(disabled.status, 204) << disabled.body;
  ExpectUnauthorized(As(officer, "GET", "/api/v1/auth/me"), "disabled");
  ExpectUnauthorized(As(officer, "GET", "/api/v1/declarations"), "disabled");
  bool listed = false;
  for (const auto& u : Items(As(admin, "GET", "/api/v1/users").body)) {
    if (u.at("name").as_string() != "it.officer") continue;
    listed = true;
    EXPECT_TRUE(u.at("disabled").as_bool());
  }
  EXPECT_TRUE(listed);
  EXPECT_EQ(As(admin, "GET", "/api/v1/users").body.find("argon2"), std::string::npos)
      << "no password hashes in the user list";

  ASSERT_EQ(As(admin, "POST", "/api/v1/users/it.officer/enable").status, 204);
  EXPECT_EQ(As(officer, "GET", "/api/v1/auth/me").status, 200);

  EXPECT_EQ(As(admin, "POST", "/api/v1/users/it.nobody/disable").status, 404);
  ExpectForbidden(As(officer, "POST", "/api/v1/users/it.officer/disable"), "officer disables");
}

TEST_F(IdentityTest, ApiKeysAreCreatedUsedAndRevoked) {
  std::string admin = server_->CreateUser("administrator");
  auto made = As(admin, "POST", "/api/v1/users",
                 json::serialize(json::object{
                     {"name", "it.erp"}, {"role", "api_client"}, {"traderTaxId", kTraderA}}));
  ASSERT_EQ(made.status, 201) << made.body;
  std::string first(Parse(made.body)["token"].as_string());
  EXPECT_EQ(first.rfind("hqk_", 0), 0u);

  auto created = As(admin, "POST", "/api/v1/apikeys", R"({"user": "it.erp", "label": "erp-2"})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string key(Parse(created.body)["token"].as_string());
  EXPECT_EQ(key.rfind("hqk_", 0), 0u);
  EXPECT_NE(key, first);
  ASSERT_EQ(As(key, "GET", "/api/v1/declarations").status, 200);

  int64_t id = 0;
  auto keys = As(admin, "GET", "/api/v1/apikeys");
  ASSERT_EQ(keys.status, 200) << keys.body;
  EXPECT_EQ(keys.body.find(key), std::string::npos) << "keys are shown once, never listed";
  for (const auto& k : Items(keys.body)) {
    if (k.at("label").as_string() != "erp-2") continue;
    EXPECT_EQ(k.at("user").as_string(), "it.erp");
    EXPECT_TRUE(k.at("revokedAt").is_null());
    id = k.at("id").as_int64();
  }
  ASSERT_GT(id, 0) << keys.body;

  auto revoked = As(admin, "POST", "/api/v1/apikeys/" + std::to_string(id) + "/revoke");
  ASSERT_EQ(revoked.status, 204) << revoked.body;
  ExpectUnauthorized(As(key, "GET", "/api/v1/declarations"), "revoked key");
  // The client's other key is untouched.
  EXPECT_EQ(As(first, "GET", "/api/v1/declarations").status, 200);
  for (const auto& k : Items(As(admin, "GET", "/api/v1/apikeys").body)) {
    if (k.at("id").as_int64() == id) {
      EXPECT_TRUE(k.at("revokedAt").is_string());
    }
  }

  // A disabled client's keys stop working with it.
  ASSERT_EQ(As(admin, "POST", "/api/v1/users/it.erp/disable").status, 204);
  ExpectUnauthorized(As(first, "GET", "/api/v1/declarations"), "key of a disabled client");

  server_->CreateUser("officer", "", "it.person");
  auto for_person = As(admin, "POST", "/api/v1/apikeys", R"({"user": "it.person"})");
  EXPECT_EQ(for_person.status, 422) << for_person.body;
  EXPECT_EQ(FirstPointer(for_person.body), "/user");
  EXPECT_EQ(As(admin, "POST", "/api/v1/apikeys", R"({"user": "it.nobody"})").status, 404);
  EXPECT_EQ(As(admin, "POST", "/api/v1/apikeys/999999/revoke").status, 404);
}

TEST_F(IdentityTest, UsersAreValidatedWhenCreated) {
  std::string admin = server_->CreateUser("administrator");
  auto create = [&](const json::object& user) {
    return As(admin, "POST", "/api/v1/users", json::serialize(user));
  };
  // Trader-bound roles need the enterprise; customs roles must not have one.
  auto unbound = create({{"name", "it.unbound"}, {"role", "trader"}});
  EXPECT_EQ(unbound.status, 422) << unbound.body;
  EXPECT_EQ(FirstPointer(unbound.body), "/traderTaxId");
  auto bound = create({{"name", "it.bound"}, {"role", "officer"}, {"traderTaxId", kTraderA}});
  EXPECT_EQ(bound.status, 422) << bound.body;
  EXPECT_EQ(FirstPointer(bound.body), "/traderTaxId");
  auto name = create({{"name", "Not A Name"}, {"role", "officer"}});
  EXPECT_EQ(name.status, 422) << name.body;
  EXPECT_EQ(FirstPointer(name.body), "/name");
  auto weak = create({{"name", "it.weak"}, {"role", "officer"}, {"password", "short"}});
  EXPECT_EQ(weak.status, 422) << weak.body;
  EXPECT_EQ(FirstPointer(weak.body), "/password");
  EXPECT_EQ(create({{"name", "it.king"}, {"role", "king"}}).status, 422);

  auto made = create({{"name", "it.pw-officer"},
                      {"role", "officer"},
                      {"password", "a password made over the API"}});
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(create({{"name", "it.pw-officer"}, {"role", "analyst"}}).status, 409);
  // The first holder of a name keeps it, role included.
  auto login = Login("it.pw-officer", "a password made over the API");
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(Parse(login.body)["user"].as_object().at("role").as_string(), "officer");
}

// Which client a key was made for must be on the trail itself: the key's own row can be
// deleted or altered, the chained entry cannot.
TEST_F(IdentityTest, ApiKeyAuditNamesItsUser) {
  std::string admin = server_->CreateUser("administrator");
  server_->CreateUser("api_client", kTraderA, "it.keyed-client");
  ASSERT_EQ(As(admin, "POST", "/api/v1/apikeys", R"({"user": "it.keyed-client"})").status, 201);
  auto created = Having(Audit("action=apikey.create"), "apikey.create");
  ASSERT_EQ(created.size(), 1u);
  EXPECT_NE(json::serialize(created[0]).find("it.keyed-client"), std::string::npos)
      << json::serialize(created[0]);
}

// The documented promise of logout is that the token used stops working. An API key must not
// get a 204 "signed out" and go on working; either it is refused or it is revoked.
TEST_F(IdentityTest, LogoutWithAnApiKeyDoesNotPretend) {
  std::string client = server_->CreateUser("api_client", kTraderA);
  auto out = As(client, "POST", "/api/v1/auth/logout");
  if (out.status == 204) {
    ExpectUnauthorized(As(client, "GET", "/api/v1/auth/me"), "after a 204 logout");
  } else {
    EXPECT_GE(out.status, 400) << out.body;
    EXPECT_EQ(As(client, "GET", "/api/v1/auth/me").status, 200);
  }
}

TEST_F(IdentityTest, CommandLineChangesReachTheServerWithinSeconds) {
  std::string officer = server_->CreateUser("officer", "", "it.cli-officer");
  std::string client = server_->CreateUser("api_client", kTraderA, "it.cli-client");
  std::string admin = server_->CreateUser("administrator");
  ASSERT_EQ(As(officer, "GET", "/api/v1/auth/me").status, 200);  // cached by the server
  ASSERT_EQ(As(client, "GET", "/api/v1/auth/me").status, 200);
  int64_t key_id = 0;
  for (const auto& k : Items(As(admin, "GET", "/api/v1/apikeys").body)) {
    if (k.at("user").as_string() == "it.cli-client") key_id = k.at("id").as_int64();
  }
  ASSERT_GT(key_id, 0);

  auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(RunCli({"user", "disable", "it.cli-officer", "--db", server_->db_path()}), 0);
  ASSERT_EQ(RunCli({"apikey", "revoke", std::to_string(key_id), "--db", server_->db_path()}), 0);
  int officer_status = 0, client_status = 0;
  while (std::chrono::steady_clock::now() - started < std::chrono::seconds(8)) {
    officer_status = As(officer, "GET", "/api/v1/auth/me").status;
    client_status = As(client, "GET", "/api/v1/auth/me").status;
    if (officer_status == 401 && client_status == 401) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(officer_status, 401);
  EXPECT_EQ(client_status, 401);
  // Five seconds of cache, plus the poll and the two commands.
  EXPECT_LT(took, std::chrono::milliseconds(6500));

  ASSERT_EQ(RunCli({"user", "enable", "it.cli-officer", "--db", server_->db_path()}), 0);
  // Nothing was cached for a refused token: enabling is seen at once.
  EXPECT_EQ(As(officer, "GET", "/api/v1/auth/me").status, 200);
}

TEST_F(IdentityTest, AuditRecordsDeclarationFilingsAndReadsWithTheirActor) {
  std::string a = server_->CreateUser("trader", kTraderA, "it.trader-a");
  std::string b = server_->CreateUser("trader", kTraderB, "it.trader-b");
  int64_t id = File(a, FiledBy(kTraderA, "ID-AUDIT-1"));
  std::string path = "/api/v1/declarations/" + std::to_string(id);
  ASSERT_EQ(As(a, "GET", path).status, 200);
  ASSERT_EQ(As(b, "GET", path).status, 404);

  auto entries = Audit("recordType=declaration&recordId=" + std::to_string(id));
  auto filed = Having(entries, "declaration.file");
  ASSERT_EQ(filed.size(), 1u);
  EXPECT_EQ(filed[0].at("actor").as_string(), "it.trader-a");
  EXPECT_EQ(filed[0].at("role").as_string(), "trader");
  EXPECT_EQ(filed[0].at("outcome").as_string(), "ok");
  EXPECT_EQ(filed[0].at("detail").as_string(), "ID-AUDIT-1");
  EXPECT_EQ(filed[0].at("remote").as_string(), "127.0.0.1");

  auto reads = Having(entries, "declaration.read");
  ASSERT_EQ(reads.size(), 2u);
  std::map<std::string, std::string> outcome_by_actor;
  for (const auto& r : reads) {
    outcome_by_actor[std::string(r.at("actor").as_string())] = r.at("outcome").as_string();
  }
  EXPECT_EQ(outcome_by_actor["it.trader-a"], "ok");
  // The refused attempt is on record even though B was told nothing exists.
  EXPECT_EQ(outcome_by_actor["it.trader-b"], "denied");

  // The filters combine, and reading the trail is itself recorded.
  auto by_b = Audit("actor=it.trader-b&action=declaration.read");
  ASSERT_EQ(by_b.size(), 1u);
  EXPECT_EQ(by_b[0].at("recordId").as_string(), std::to_string(id));
  EXPECT_FALSE(Audit("actor=it.supervisor&action=audit.read").empty());

  // Paging: a cursor continues where the page ended.
  auto page = Parse(As(supervisor_, "GET", "/api/v1/audit?limit=1").body);
  ASSERT_EQ(page["items"].as_array().size(), 1u);
  ASSERT_TRUE(page["nextCursor"].is_string());
  auto next = Parse(As(supervisor_, "GET",
                       "/api/v1/audit?limit=1&after=" + std::string(page["nextCursor"].as_string()))
                        .body);
  ASSERT_EQ(next["items"].as_array().size(), 1u);
  EXPECT_EQ(next["items"].as_array()[0].at("seq").as_int64(),
            page["items"].as_array()[0].at("seq").as_int64() + 1);
  EXPECT_EQ(As(supervisor_, "GET", "/api/v1/audit?limit=0").status, 422);
  EXPECT_EQ(As(supervisor_, "GET", "/api/v1/audit?colour=red").status, 400);
}

TEST_F(IdentityTest, EveryWriteRecordsAnAuditEntry) {
  std::string officer = server_->CreateUser("officer", "", "it.writer-officer");
  std::string analyst = server_->CreateUser("analyst", "", "it.writer-analyst");
  std::string admin = server_->CreateUser("administrator", "", "it.writer-admin");

  // HS 93 (arms) always goes red with random selection off: it can be inspected.
  int64_t id = File(officer, SampleDeclarationJson("ID-WRITE-1", "93019000"));
  auto inspected = As(officer, "POST", "/api/v1/declarations/" + std::to_string(id) + "/inspection",
                      R"({"outcome": "compliant", "officer": "it.writer-officer"})");
  ASSERT_EQ(inspected.status, 200) << inspected.body;
  auto rule = As(analyst, "POST", "/api/v1/risk/rules", R"({"code": "R-IT-AUDIT",
      "description": "audited rule", "field": "items.hsCode", "operator": "prefix",
      "values": ["4202"], "lane": "yellow"})");
  ASSERT_EQ(rule.status, 201) << rule.body;
  std::string rule_id = std::to_string(Parse(rule.body)["id"].as_int64());
  auto user = As(admin, "POST", "/api/v1/users",
                 R"({"name": "it.new-client", "role": "api_client", "traderTaxId": "0101234567"})");
  ASSERT_EQ(user.status, 201) << user.body;
  ASSERT_EQ(As(admin, "POST", "/api/v1/users/it.new-client/disable").status, 204);
  ASSERT_EQ(As(admin, "POST", "/api/v1/users/it.new-client/enable").status, 204);
  ASSERT_EQ(As(admin, "POST", "/api/v1/apikeys", R"({"user": "it.new-client"})").status, 201);
  int64_t key_id = 0;
  for (const auto& k : Items(As(admin, "GET", "/api/v1/apikeys").body)) {
    key_id = std::max(key_id, k.at("id").as_int64());
  }
  ASSERT_EQ(As(admin, "POST", "/api/v1/apikeys/" + std::to_string(key_id) + "/revoke").status, 204);
  ASSERT_EQ(As(officer, "POST", "/api/v1/auth/logout").status, 204);

  auto all = Audit();
  struct Expected {
    const char* action;
    std::string record_id;
    const char* actor;
    const char* detail;  // nullptr: not checked
  };
  for (const auto& x : std::vector<Expected>{
           {"declaration.file", std::to_string(id), "it.writer-officer", "ID-WRITE-1"},
           {"declaration.inspect", std::to_string(id), "it.writer-officer", "compliant"},
           {"rule.create", rule_id, "it.writer-analyst", "R-IT-AUDIT"},
           {"user.create", "it.new-client", "it.writer-admin", nullptr},
           {"user.disable", "it.new-client", "it.writer-admin", nullptr},
           {"user.enable", "it.new-client", "it.writer-admin", nullptr},
           {"apikey.create", std::to_string(key_id), "it.writer-admin", nullptr},
           {"apikey.revoke", std::to_string(key_id), "it.writer-admin", nullptr},
           {"auth.logout", "it.writer-officer", "it.writer-officer", nullptr}}) {
    auto found = Having(all, x.action, x.record_id);
    ASSERT_EQ(found.size(), 1u) << x.action << " " << x.record_id;
    EXPECT_EQ(found[0].at("actor").as_string(), x.actor) << x.action;
    EXPECT_EQ(found[0].at("outcome").as_string(), "ok") << x.action;
    EXPECT_EQ(found[0].at("remote").as_string(), "127.0.0.1") << x.action;
    if (x.detail) {
      EXPECT_EQ(found[0].at("detail").as_string(), x.detail) << x.action;
    }
  }
  // Users made at the command line are on record as the operator's.
  auto cli_made = Having(all, "user.create", "it.writer-officer");
  ASSERT_EQ(cli_made.size(), 1u);
  EXPECT_EQ(cli_made[0].at("role").as_string(), "system");
  EXPECT_EQ(cli_made[0].at("remote").as_string(), "local");

  // One unbroken chain, the command line's entries and the server's interleaved.
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.front().at("seq").as_int64(), 1);
  for (size_t i = 1; i < all.size(); ++i) {
    EXPECT_EQ(all[i].at("seq").as_int64(), all[i - 1].at("seq").as_int64() + 1);
    EXPECT_EQ(all[i].at("prevHash"), all[i - 1].at("hash")) << "entry " << i;
  }
}

}  // namespace
}  // namespace haiquan::testing
