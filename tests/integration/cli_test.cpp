// The command line: submit files one declaration against a database; every command has --help.
#include <gtest/gtest.h>

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
  for (const char* cmd : {"", "serve ", "submit ", "demo ", "version "}) {
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
  auto again = Exec("demo --db " + dir + "/h.db --count 300");
  EXPECT_NE(again.out.find("already has 300"), std::string::npos) << again.out;
  std::system(("rm -rf '" + dir + "'").c_str());
}

}  // namespace
}  // namespace haiquan::testing
