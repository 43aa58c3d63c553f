// Bar of issue 3: altering the audit trail directly in the database (changing, deleting,
// swapping rows, cutting its end, rewriting the chain after a change) makes `haiquan audit
// verify` exit non-zero naming the entry; an untouched trail verifies.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "app/crypto.h"
#include "domain/audit.h"
#include "integration/server_process.h"

namespace haiquan::testing {
namespace {

namespace fs = std::filesystem;

class AuditTamperTest : public ::testing::Test {
 protected:
  // One trail for every case: users made, declarations filed and read, a refused read.
  static void SetUpTestSuite() {
    dir_ = new std::string(MakeTempDir());
    db_ = new std::string(*dir_ + "/origin.db");
    ServerProcess server({}, *db_);
    std::string other = server.CreateUser("trader", "0109999999");
    for (int i = 0; i < 6; ++i) {
      auto filed =
          server.Post("/api/v1/declarations", SampleDeclarationJson("TAMPER-" + std::to_string(i)));
      ASSERT_EQ(filed.status, 201) << filed.body;
      ASSERT_EQ(server.Get("/api/v1/declarations/" + std::to_string(i + 1)).status, 200);
    }
    ASSERT_EQ(server.RequestWith("Bearer " + other, "GET", "/api/v1/declarations/1").status, 404);
  }  // the server stops here and signs the head of the chain

  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete db_;
  }

  // A copy of the database to tamper with; the secrets stay with the original.
  std::string Copy(const std::string& name) {
    std::string path = *dir_ + "/" + name + ".db";
    fs::copy_file(*db_, path, fs::copy_options::overwrite_existing);
    return path;
  }

  static void Sql(const std::string& db, const std::string& sql) {
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "") << " in " << sql;
    sqlite3_free(err);
    sqlite3_close(h);
  }

  static int64_t Scalar(const std::string& db, const std::string& sql) {
    sqlite3* h = nullptr;
    sqlite3_open(db.c_str(), &h);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr);
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
  }

  struct Verdict {
    int exit_code;
    std::string out;
  };
  static Verdict Verify(const std::string& db, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {
        "audit",         "verify",        "--db", db, "--signing-key", *db_ + ".signing-key",
        "--pepper-file", *db_ + ".pepper"};
    for (auto& a : extra) args.push_back(a);
    Verdict v;
    v.exit_code = RunCli(args, &v.out);
    return v;
  }

  static std::string* dir_;
  static std::string* db_;
};
std::string* AuditTamperTest::dir_ = nullptr;
std::string* AuditTamperTest::db_ = nullptr;

TEST_F(AuditTamperTest, UntouchedTrailVerifies) {
  int64_t entries = Scalar(*db_, "SELECT count(*) FROM audit_log");
  EXPECT_GE(entries, 14 + 2 + 6 * 2 + 1);  // seeded rules, users, files and reads, refusal
  EXPECT_EQ(Scalar(*db_, "SELECT count(*) FROM audit_log WHERE outcome = 'denied'"), 1);
  auto v = Verify(Copy("untouched"));
  EXPECT_EQ(v.exit_code, 0) << v.out;
  EXPECT_NE(v.out.find("intact: " + std::to_string(entries) + " entries"), std::string::npos)
      << v.out;
}

TEST_F(AuditTamperTest, ChangedRowIsNamed) {
  auto db = Copy("changed");
  Sql(db, "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 17");
  auto v = Verify(db);
  EXPECT_EQ(v.exit_code, 1) << v.out;
  EXPECT_NE(v.out.find("first bad entry: 17\n"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("altered"), std::string::npos) << v.out;
}

TEST_F(AuditTamperTest, ChangedOutcomeOfARefusedReadIsNamed) {
  auto db = Copy("outcome");
  int64_t seq = Scalar(db, "SELECT seq FROM audit_log WHERE outcome = 'denied'");
  Sql(db, "UPDATE audit_log SET outcome = 'ok' WHERE outcome = 'denied'");
  auto v = Verify(db);
  EXPECT_EQ(v.exit_code, 1) << v.out;
  EXPECT_NE(v.out.find("first bad entry: " + std::to_string(seq) + "\n"), std::string::npos)
      << v.out;
}

TEST_F(AuditTamperTest, DeletedRowIsNamed) {
  auto db = Copy("deleted");
  Sql(db, "DELETE FROM audit_log WHERE seq = 20");
  auto v = Verify(db);
  EXPECT_EQ(v.exit_code, 1) << v.out;
  EXPECT_NE(v.out.find("first bad entry: 20\n"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("missing"), std::string::npos) << v.out;
}

TEST_F(AuditTamperTest, SwappedRowsAreNamed) {
  auto db = Copy("swapped");
  // Exchange every column but the sequence number between entries 18 and 19.
  Sql(db,
      "CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE seq IN (18, 19);"
      "UPDATE audit_log SET (at, actor, role, action, record_type, record_id, remote, outcome,"
      " detail, prev_hash, hash) = (SELECT at, actor, role, action, record_type, record_id,"
      " remote, outcome, detail, prev_hash, hash FROM t WHERE t.seq = 37 - audit_log.seq)"
      " WHERE seq IN (18, 19);");
  auto v = Verify(db);
  EXPECT_EQ(v.exit_code, 1) << v.out;
  EXPECT_NE(v.out.find("first bad entry: 18\n"), std::string::npos) << v.out;
}

TEST_F(AuditTamperTest, SwappedSequenceNumbersAreNamed) {
  auto db = Copy("renumbered");
  Sql(db,
      "UPDATE audit_log SET seq = -1 WHERE seq = 21;"
      "UPDATE audit_log SET seq = 21 WHERE seq = 22;"
      "UPDATE audit_log SET seq = 22 WHERE seq = -1;");
  auto v = Verify(db);
  EXPECT_EQ(v.exit_code, 1) << v.out;
  EXPECT_NE(v.out.find("first bad entry: 21\n"), std::string::npos) << v.out;
}

TEST_F(AuditTamperTest, CutEndIsNamedAgainstTheSignedCheckpoint) {
  auto db = Copy("cut");
  int64_t last = Scalar(db, "SELECT max(seq) FROM audit_log");
  Sql(db, "DELETE FROM audit_log WHERE seq > " + std::to_string(last - 3));
  auto v = Verify(db);
  EXPECT_EQ(v.exit_code, 1) << v.out;
  EXPECT_NE(v.out.find("first bad entry: " + std::to_string(last - 2) + "\n"), std::string::npos)
      << v.out;
  EXPECT_NE(v.out.find("removed"), std::string::npos) << v.out;
}

TEST_F(AuditTamperTest, RewrittenChainIsCaughtByTheSignature) {
  // An attacker who knows the hash function changes entry 16 and recomputes every hash after
  // it, so that each link holds: only the signed checkpoints can tell.
  auto db = Copy("rewritten");
  Sql(db, "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 16");
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h,
                     "SELECT seq, at, actor, role, action, record_type, record_id, remote,"
                     " outcome, detail FROM audit_log ORDER BY seq",
                     -1, &st, nullptr);
  std::vector<domain::AuditEntry> entries;
  auto text = [&](int c) {
    return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, c)));
  };
  while (sqlite3_step(st) == SQLITE_ROW) {
    domain::AuditEntry e;
    e.seq = sqlite3_column_int64(st, 0);
    e.event = {text(1), text(2), text(3), text(4), text(5), text(6), text(7), text(8), text(9)};
    entries.push_back(e);
  }
  sqlite3_finalize(st);
  std::string prev = domain::kAuditGenesis;
  sqlite3_exec(h, "BEGIN", nullptr, nullptr, nullptr);
  for (auto& e : entries) {
    e.prev_hash = prev;
    e.hash = app::Sha256Hex(domain::CanonicalBytes(e));
    prev = e.hash;
    std::string sql = "UPDATE audit_log SET prev_hash = '" + e.prev_hash + "', hash = '" + e.hash +
                      "' WHERE seq = " + std::to_string(e.seq);
    ASSERT_EQ(sqlite3_exec(h, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  }
  sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(h);

  auto v = Verify(db);
  EXPECT_EQ(v.exit_code, 1) << v.out;
  EXPECT_NE(v.out.find("rewritten"), std::string::npos) << v.out;
  // The range named starts after the last checkpoint that still matches, at or before entry 16.
  auto pos = v.out.find("first bad entry: ");
  ASSERT_NE(pos, std::string::npos) << v.out;
  EXPECT_LE(std::stoll(v.out.substr(pos + 17)), 16) << v.out;
}

TEST_F(AuditTamperTest, AlteredCheckpointIsNamed) {
  auto db = Copy("checkpoint");
  Sql(db,
      "UPDATE audit_checkpoints SET seq = seq - 1 WHERE id = (SELECT max(id) FROM "
      "audit_checkpoints)");
  auto v = Verify(db);
  EXPECT_EQ(v.exit_code, 1) << v.out;
  EXPECT_NE(v.out.find("the checkpoint was altered"), std::string::npos) << v.out;
}

TEST_F(AuditTamperTest, RemovedCheckpointIsNamed) {
  auto db = Copy("nocheckpoint");
  ASSERT_GE(Scalar(db, "SELECT count(*) FROM audit_checkpoints"), 2);
  Sql(db, "DELETE FROM audit_checkpoints WHERE id = 1");
  auto v = Verify(db);
  EXPECT_EQ(v.exit_code, 1) << v.out;
  EXPECT_NE(v.out.find("checkpoint 1 is missing"), std::string::npos) << v.out;
}

TEST_F(AuditTamperTest, TrailWithEveryCheckpointRemovedIsRefused) {
  // Removing the signatures to rewrite the chain freely leaves a trail nobody signed.
  auto db = Copy("allcheckpoints");
  Sql(db, "DELETE FROM audit_checkpoints");
  auto v = Verify(db);
  EXPECT_EQ(v.exit_code, 1) << v.out;
  EXPECT_NE(v.out.find("no signed checkpoint"), std::string::npos) << v.out;
}

TEST_F(AuditTamperTest, VerifyNeedsOnlyTheDatabaseAndThePublicKey) {
  // An auditor gets a copy of the database and the node's public key, nothing else.
  std::string auditor = MakeTempDir();
  fs::copy_file(*db_, auditor + "/copy.db");
  std::string public_key;
  ASSERT_EQ(RunCli({"audit", "public-key", "--db", *db_}, &public_key), 0);
  public_key.pop_back();
  for (auto& c : public_key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string out;
  EXPECT_EQ(
      RunCli({"audit", "verify", "--db", auditor + "/copy.db", "--public-key", public_key}, &out),
      0)
      << out;
  EXPECT_FALSE(fs::exists(auditor + "/copy.db.pepper"));
  EXPECT_FALSE(fs::exists(auditor + "/copy.db.signing-key"));
  fs::remove_all(auditor);
}

TEST_F(AuditTamperTest, CheckpointsSignedByAnotherKeyAreRefused) {
  // Someone with the database but not the node's key cannot sign a rewritten history: verify
  // trusts only the key it is given.
  auto v = Verify(Copy("otherkey"), {"--public-key", std::string(64, 'a')});
  EXPECT_EQ(v.exit_code, 1) << v.out;
  EXPECT_NE(v.out.find("not trusted"), std::string::npos) << v.out;
}

}  // namespace
}  // namespace haiquan::testing
