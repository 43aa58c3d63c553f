#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "storage/sqlite/connection.h"

namespace haiquan::storage::sqlite {

// Copies the WAL back into the database from its own thread and connection. SQLite would
// otherwise checkpoint inside whichever commit crosses the threshold: the writer would stall
// for milliseconds with every queued filing behind it. A passive checkpoint never blocks the
// writer; the WAL is reused from the start once a checkpoint has caught up.
class Checkpointer {
 public:
  explicit Checkpointer(const std::string& path,
                        std::chrono::milliseconds interval = std::chrono::milliseconds(100));
  ~Checkpointer();  // stops, then checkpoints fully and truncates the WAL
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

 private:
  void Loop();

  Connection db_;
  std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace haiquan::storage::sqlite
