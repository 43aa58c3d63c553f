#include "storage/sqlite/page_cache.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>

#include "storage/sqlite/connection.h"

namespace haiquan::storage::sqlite {
namespace {

namespace fs = std::filesystem;

// The layer skips truncations it knows have nothing to drop, and only those. Page splits (which
// park a page at a temporary number) and rolled-back transactions that grew the file (whose pages
// past the end must go) in one connection must leave the database whole and every read right.
TEST(PageCache, SplitsAndRollbacksKeepTheDatabaseWhole) {
  fs::path dir = fs::temp_directory_path() / ("hq-pcache-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    Connection db((dir / "t.db").string());
    ASSERT_EQ(db.Exec("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER, pad TEXT) WITHOUT ROWID;"
                      "CREATE INDEX t_v ON t (v);"),
              SQLITE_OK);
    std::mt19937_64 rng(7);
    PageCacheCounts before = PageCacheCountsNow();
    int64_t committed = 0, sum = 0;
    for (int tx = 0; tx < 120; ++tx) {
      ASSERT_EQ(db.Exec("BEGIN IMMEDIATE"), SQLITE_OK);
      bool keep = tx % 4 != 3;
      int64_t tx_sum = 0;
      for (int i = 0; i < 150; ++i) {
        auto st = db.Prepare("INSERT INTO t (k, v, pad) VALUES (?1, ?2, ?3)");
        int64_t v = static_cast<int64_t>(rng() % 1000000);
        st.Bind(1, std::to_string(rng())).Bind(2, v).Bind(3, std::string(200, 'x'));
        ASSERT_EQ(st.Step(), SQLITE_DONE);
        tx_sum += v;
      }
      ASSERT_EQ(db.Exec(keep ? "COMMIT" : "ROLLBACK"), SQLITE_OK);
      if (keep) {
        committed += 150;
        sum += tx_sum;
      }
    }
    // Page splits renumber pages through the temporary number at every few commits; the layer
    // spares those commits pcache1's walk of the whole cache. The rollbacks (and the commits
    // whose truncation cannot tell) pass through.
    PageCacheCounts after = PageCacheCountsNow();
    EXPECT_GE(after.skipped - before.skipped, 90u);
    EXPECT_LE(after.truncated - before.truncated, 40u);
    auto count = db.Prepare("SELECT count(*), sum(v) FROM t");
    ASSERT_EQ(count.Step(), SQLITE_ROW);
    EXPECT_EQ(count.Int(0), committed);
    EXPECT_EQ(count.Int(1), sum);
    auto check = db.Prepare("PRAGMA integrity_check");
    ASSERT_EQ(check.Step(), SQLITE_ROW);
    EXPECT_EQ(check.Text(0), "ok");
  }
  // A fresh connection reads what the file holds, not what a cache remembers.
  {
    Connection db((dir / "t.db").string());
    auto by_index = db.Prepare("SELECT count(*) FROM t INDEXED BY t_v WHERE v >= 0");
    ASSERT_EQ(by_index.Step(), SQLITE_ROW);
    EXPECT_EQ(by_index.Int(0), 120 / 4 * 3 * 150);
  }
  // SQLite is initialised by now: too late to install the layer again.
  EXPECT_FALSE(InstallPageCache());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace haiquan::storage::sqlite
