#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "domain/result.h"
#include "storage/sqlite/connection.h"

namespace haiquan::storage::sqlite {

// The database's only writer. Jobs queue up while a commit is in flight and then run together
// in one transaction (group commit), each inside its own savepoint so that one job's failure
// undoes only that job. A job's `done` runs after the commit is durable, on the writer thread:
// it must be quick (post elsewhere for real work).
class Writer {
 public:
  using Work = std::function<domain::Status(Connection&)>;
  using Done = std::function<void(domain::Status)>;

  explicit Writer(const std::string& path, size_t max_batch = 1024);
  ~Writer();  // drains the queue, then stops
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void Submit(Work work, Done done);
  // Runs `work` and waits until it is committed. For rare writes (inspections, rules).
  domain::Status Run(Work work);

 private:
  struct Job {
    Work work;
    Done done;
  };
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
