#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "domain/result.h"
#include "storage/sqlite/connection.h"

namespace haiquan::storage::sqlite {

// The database's only writer. Jobs queue up while a commit is in flight and then run together
// in one transaction (group commit); one job's failure undoes only that job. A job's `done` runs
// after the commit is durable, on the writer thread: it must be quick (post elsewhere for real
// work).
//
// Savepoints undo a failed job, but each costs two statements and a copy of every page the job
// changes (SQLite's sub-journal), for failures that almost never come. So a batch runs without
// them when that is safe: a batch of one job (its failure rolls back the transaction), or a
// batch whose every job may run again (Rerun::kSafe: it reads what it needs from the database
// and from state that the run does not change, and writes nothing outside it but its result).
// Should a job fail there, the transaction rolls back and the batch runs again with savepoints.
class Writer {
 public:
  using Work = std::function<domain::Status(Connection&)>;
  using Done = std::function<void(domain::Status)>;

  explicit Writer(const std::string& path, size_t max_batch = 1024);
  ~Writer();  // drains the queue, then stops
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  enum class Rerun { kUnsafe, kSafe };
  void Submit(Work work, Done done, Rerun rerun = Rerun::kUnsafe);
  // Runs `work` and waits until it is committed. For rare writes (inspections, rules).
  domain::Status Run(Work work);

 private:
  struct Job {
    Work work;
    Done done;
    Rerun rerun = Rerun::kUnsafe;
  };
  // The job's result; an exception from it fails the job alone.
  static domain::Status RunJob(Job& job, Connection& db);
  // The batch without savepoints: false (the transaction rolled back) if a job failed.
  bool RunTogether(std::deque<Job>& batch, std::vector<domain::Status>& results);
  void Loop();
  void CommitBatch(std::deque<Job>& batch);
  // Runs a cached transaction-control statement; SQLITE_OK or the error.
  int Control(const char* sql);
  static int OnWal(void* self, sqlite3*, const char*, int frames);

  Connection db_;
  size_t max_batch_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  static constexpr int kRestartFrames = 4000;
  int wal_frames_ = 0;  // after the last commit
  std::thread thread_;
};

}  // namespace haiquan::storage::sqlite
