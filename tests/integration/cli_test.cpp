// The command line: submit files one declaration against a database; every command has --help.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "integration/server_process.h"

namespace haiquan::testing {
namespace {

struct Run {
  int code;
  std::string out;
};

Run Exec(const std::string& args) {
  std::string cmd = BinaryPath() + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = pclose(p);
  return {WEXITSTATUS(status), out};
}

TEST(Cli, SubmitPrintsTheDecision) {
  std::string dir = MakeTempDir();
  std::ofstream(dir + "/d.json") << SampleDeclarationJson("CLI-1", "93019000");
  auto r = Exec("submit " + dir + "/d.json --db " + dir + "/h.db --random-red 0 --random-yellow 0");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("\"lane\":\"red\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("RULE:R-HS-WEAPONS"), std::string::npos) << r.out;

  std::ofstream(dir + "/bad.json") << SampleDeclarationJson("CLI-2", "99999900");
  auto bad = Exec("submit " + dir + "/bad.json --db " + dir + "/h.db");
  EXPECT_EQ(bad.code, 1) << bad.out;
  EXPECT_NE(bad.out.find("/items/0/hsCode"), std::string::npos) << bad.out;
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST(Cli, EveryCommandHasHelp) {
  for (const char* cmd : {"",
                          "serve ",
                          "submit ",
                          "demo ",
                          "version ",
                          "user ",
                          "user create ",
                          "user list ",
                          "user disable ",
                          "user enable ",
                          "user password ",
                          "apikey ",
                          "apikey create ",
                          "apikey revoke ",
                          "apikey list ",
                          "audit ",
                          "audit verify ",
                          "audit checkpoint ",
                          "audit public-key ",
                          "traders ",
                          "traders import ",
                          "risk ",
                          "risk train ",
                          "risk evaluate "}) {
    auto r = Exec(std::string(cmd) + "--help");
    EXPECT_EQ(r.code, 0) << cmd << r.out;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd << r.out;
  }
  auto v = Exec("version");
  EXPECT_EQ(v.code, 0);
  EXPECT_NE(v.out.find("haiquan "), std::string::npos);
  EXPECT_NE(Exec("no-such-command").code, 0);
}

TEST(Cli, DemoLoadsOnceWithFindings) {
  std::string dir = MakeTempDir();
  auto r = Exec("demo --db " + dir + "/h.db --count 300");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("300 declarations filed"), std::string::npos) << r.out;
  // One demo user per role, passwords kept beside the database for its owner only.
  for (const char* user : {"demo.officer", "demo.trader", "demo.api", "demo.supervisor"}) {
    EXPECT_NE(r.out.find(user), std::string::npos) << r.out;
  }
  struct stat st {};
  ASSERT_EQ(stat((dir + "/h.db.demo-users").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = Exec("demo --db " + dir + "/h.db --count 300");
  EXPECT_NE(again.out.find("already has 300"), std::string::npos) << again.out;
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST(Cli, UsersAreManagedAndAudited) {
  std::string dir = MakeTempDir();
  std::string db = " --db " + dir + "/h.db";
  auto created = Exec("user create ana --role analyst" + db);
  ASSERT_EQ(created.code, 0) << created.out;
  std::string token = created.out.substr(created.out.rfind('\n', created.out.size() - 2) + 1);
  EXPECT_EQ(token.rfind("hqs_", 0), 0u) << created.out;            // a session token, last line
  EXPECT_EQ(Exec("user create ana --role analyst" + db).code, 3);  // the name is taken
  EXPECT_NE(Exec("user create bob --role pirate" + db).code, 0);
  // A trader user needs a well-formed tax id; an API client gets an API key.
  EXPECT_NE(Exec("user create tr --role trader" + db).code, 0);
  auto api = Exec("user create sys --role api_client --trader 0101234567" + db);
  ASSERT_EQ(api.code, 0) << api.out;
  EXPECT_NE(api.out.find("hqk_"), std::string::npos) << api.out;
  auto key = Exec("apikey create --user sys --label erp" + db);
  EXPECT_EQ(key.code, 0) << key.out;
  EXPECT_EQ(Exec("apikey create --user ana" + db).code, 2);  // not an API client
  auto keys = Exec("apikey list" + db);
  EXPECT_NE(keys.out.find("erp"), std::string::npos) << keys.out;
  EXPECT_EQ(Exec("apikey revoke 2" + db).code, 0);
  EXPECT_EQ(Exec("apikey revoke 99" + db).code, 4);
  EXPECT_EQ(Exec("user disable ana" + db).code, 0);
  EXPECT_EQ(Exec("user disable nobody" + db).code, 4);
  auto list = Exec("user list" + db);
  EXPECT_NE(list.out.find("disabled"), std::string::npos) << list.out;
  // Each of those writes is in the chain; until a node signs its head, verify says so.
  // The first call makes the node's key (no command above needed it), and says so.
  EXPECT_EQ(Exec("audit public-key" + db).code, 0);
  auto pk = Exec("audit public-key" + db);
  EXPECT_EQ(pk.out.size(), 65u) << pk.out;
  auto unsigned_trail = Exec("audit verify" + db);
  EXPECT_EQ(unsigned_trail.code, 1) << unsigned_trail.out;
  EXPECT_NE(unsigned_trail.out.find("no signed checkpoint"), std::string::npos);
  EXPECT_EQ(Exec("audit checkpoint" + db).code, 0);
  auto verify = Exec("audit verify" + db);
  EXPECT_EQ(verify.code, 0) << verify.out;
  EXPECT_NE(verify.out.find("intact"), std::string::npos) << verify.out;
  EXPECT_EQ(Exec("audit verify --public-key " + std::string(64, 'b') + db).code, 1);
  std::system(("rm -rf '" + dir + "'").c_str());
}

}  // namespace
}  // namespace haiquan::testing
