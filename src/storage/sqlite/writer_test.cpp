#include "storage/sqlite/writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <string>
#include <vector>

namespace haiquan::storage::sqlite {
namespace {

namespace fs = std::filesystem;

class WriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("hq-writer-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "w.db").string();
    writer_ = std::make_unique<Writer>(path_);
    ASSERT_TRUE(writer_
                    ->Run([](Connection& db) -> domain::Status {
                      if (db.Exec("CREATE TABLE t (n INTEGER)") != SQLITE_OK) {
                        return domain::Error::Unavailable(db.ErrorMessage());
                      }
                      return domain::Ok();
                    })
                    .ok());
  }
  void TearDown() override {
    writer_.reset();
    fs::remove_all(dir_);
  }

  // Jobs 1..5 in one batch (queued behind a job that holds the writer until they are all in);
  // job 3 inserts its row and then fails. Returns each job's result and how often each ran.
  void RunBatch(Writer::Rerun rerun, std::vector<domain::Status>& results, std::vector<int>& runs) {
    std::promise<void> started, queued;
    auto wait = queued.get_future().share();
    writer_->Submit(
        [&started, wait](Connection&) -> domain::Status {
          started.set_value();
          wait.wait();
          return domain::Ok();
        },
        [](domain::Status) {});
    started.get_future().wait();  // the writer holds this job alone: the next five queue up
    results.assign(6, domain::Ok());
    runs_ = std::vector<std::atomic<int>>(6);
    std::vector<std::promise<void>> done(6);
    for (int n = 1; n <= 5; ++n) {
      writer_->Submit(
          [this, n](Connection& db) -> domain::Status {
            ++runs_[n];
            auto st = db.Prepare("INSERT INTO t (n) VALUES (?1)");
            st.Bind(1, int64_t{n});
            if (st.Step() != SQLITE_DONE) return domain::Error::Unavailable("insert");
            if (n == 3) return domain::Error::Conflict("job 3 fails");
            return domain::Ok();
          },
          [&results, &done, n](domain::Status s) {
            results[n] = std::move(s);
            done[n].set_value();
          },
          rerun);
    }
    queued.set_value();
    for (int n = 1; n <= 5; ++n) done[n].get_future().wait();
    runs.clear();
    for (auto& r : runs_) runs.push_back(r.load());
  }

  std::vector<int64_t> Rows() {
    std::vector<int64_t> rows;
    Connection db(path_);
    auto st = db.Prepare("SELECT n FROM t ORDER BY n");
    while (st.Step() == SQLITE_ROW) rows.push_back(st.Int(0));
    return rows;
  }

  fs::path dir_;
  std::string path_;
  std::unique_ptr<Writer> writer_;
  std::vector<std::atomic<int>> runs_;
};

// Jobs that may run again go without savepoints; one failing sends the batch round again with
// them, and only the failed job's writes are undone.
TEST_F(WriterTest, AFailedJobInABatchUndoesOnlyItself) {
  std::vector<domain::Status> results;
  std::vector<int> runs;
  RunBatch(Writer::Rerun::kSafe, results, runs);
  for (int n : {1, 2, 4, 5}) EXPECT_TRUE(results[n].ok()) << n;
  EXPECT_FALSE(results[3].ok());
  EXPECT_EQ(Rows(), (std::vector<int64_t>{1, 2, 4, 5}));
  // Once together without savepoints (1, 2, 3 ran, 3 failed), then all five with them.
  EXPECT_EQ(runs, (std::vector<int>{0, 2, 2, 2, 1, 1}));
}

TEST_F(WriterTest, JobsThatMustNotRunAgainRunOnce) {
  std::vector<domain::Status> results;
  std::vector<int> runs;
  RunBatch(Writer::Rerun::kUnsafe, results, runs);
  EXPECT_FALSE(results[3].ok());
  EXPECT_TRUE(results[5].ok());
  EXPECT_EQ(Rows(), (std::vector<int64_t>{1, 2, 4, 5}));
  EXPECT_EQ(runs, (std::vector<int>{0, 1, 1, 1, 1, 1}));
}

TEST_F(WriterTest, ALoneFailedJobLeavesNothing) {
  auto s = writer_->Run([](Connection& db) -> domain::Status {
    db.Exec("INSERT INTO t (n) VALUES (9)");
    return domain::Error::Conflict("no");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(writer_
                  ->Run([](Connection& db) -> domain::Status {
                    db.Exec("INSERT INTO t (n) VALUES (10)");
                    return domain::Ok();
                  })
                  .ok());
  EXPECT_EQ(Rows(), (std::vector<int64_t>{10}));
}

}  // namespace
}  // namespace haiquan::storage::sqlite
