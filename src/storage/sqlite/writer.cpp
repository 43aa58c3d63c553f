#include "storage/sqlite/writer.h"

#include <pthread.h>

#include <algorithm>
#include <future>

#include "storage/sqlite/migrations.h"

namespace haiquan::storage::sqlite {

Writer::Writer(const std::string& path, size_t max_batch) : db_(path), max_batch_(max_batch) {
  Migrate(db_);
  // The Checkpointer copies the WAL back off the commit path, but under sustained load it never
  // catches up and SQLite never starts the WAL over. Loop bounds it between batches, after
  // their answers, copying only what the Checkpointer has not: this hook replaces SQLite's
  // checkpoint inside COMMIT.
  sqlite3_wal_hook(db_.raw(), &Writer::OnWal, this);
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "hq-writer");
    Loop();
  });
}

Writer::~Writer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void Writer::Submit(Work work, Done done, Rerun rerun) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back({std::move(work), std::move(done), rerun});
  }
  cv_.notify_one();
}

domain::Status Writer::Run(Work work) {
  std::promise<domain::Status> promise;
  auto future = promise.get_future();
  Submit(std::move(work), [&promise](domain::Status s) { promise.set_value(std::move(s)); });
  return future.get();
}

int Writer::OnWal(void* self, sqlite3*, const char*, int frames) {
  static_cast<Writer*>(self)->wal_frames_ = frames;
  return SQLITE_OK;
}

void Writer::Loop() {
  std::deque<Job> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    CommitBatch(batch);
    batch.clear();
    if (wal_frames_ >= kRestartFrames) {
      sqlite3_wal_checkpoint_v2(db_.raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
      wal_frames_ = 0;
    }
  }
}

// Transaction control as cached prepared statements: sqlite3_exec parsed each of them again,
// twice per filing and twice per batch.
constexpr const char* kBegin = "BEGIN IMMEDIATE";
constexpr const char* kSavepoint = "SAVEPOINT job";
constexpr const char* kRollbackTo = "ROLLBACK TO job";
constexpr const char* kRelease = "RELEASE job";
constexpr const char* kCommit = "COMMIT";

int Writer::Control(const char* sql) {
  int rc = db_.Prepare(sql).Step();
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

domain::Status Writer::RunJob(Job& job, Connection& db) {
  try {
    return job.work(db);
  } catch (const std::exception& e) {
    // The writer thread must survive anything one job does; the job alone fails.
    return domain::Error::Unavailable(std::string("storage job failed: ") + e.what());
  }
}

bool Writer::RunTogether(std::deque<Job>& batch, std::vector<domain::Status>& results) {
  for (auto& job : batch) {
    domain::Status s = RunJob(job, db_);
    if (!s.ok()) {
      db_.Exec("ROLLBACK");
      if (batch.size() == 1) {
        results.push_back(std::move(s));
        return true;  // nothing to run again: the job failed, and nothing is committed
      }
      results.clear();
      return false;
    }
    results.push_back(std::move(s));
  }
  return true;
}

void Writer::CommitBatch(std::deque<Job>& batch) {
  std::vector<domain::Status> results;
  results.reserve(batch.size());
  bool began = Control(kBegin) == SQLITE_OK;
  bool together = batch.size() == 1 || std::all_of(batch.begin(), batch.end(), [](const Job& j) {
                    return j.rerun == Rerun::kSafe;
                  });
  if (began && together) {
    if (RunTogether(batch, results)) {
      // Committed below; or, a lone job having failed, rolled back already.
      if (!results.front().ok()) {
        for (size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
        return;
      }
    } else {
      began = Control(kBegin) == SQLITE_OK;
      together = false;
    }
  }
  if (began && !together) {
    for (auto& job : batch) {
      Control(kSavepoint);
      domain::Status s = RunJob(job, db_);
      if (!s.ok()) Control(kRollbackTo);
      Control(kRelease);
      results.push_back(std::move(s));
    }
  }
  bool committed = began && Control(kCommit) == SQLITE_OK;
  if (!committed) {
    std::string why = db_.ErrorMessage();
    if (began) db_.Exec("ROLLBACK");
    for (auto& job : batch) job.done(domain::Error::Unavailable("storage failed: " + why));
    return;
  }
  for (size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
}

}  // namespace haiquan::storage::sqlite
