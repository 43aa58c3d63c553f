#include "storage/sqlite/checkpointer.h"

#include <pthread.h>

namespace haiquan::storage::sqlite {

Checkpointer::Checkpointer(const std::string& path, std::chrono::milliseconds interval)
    : db_(path), interval_(interval) {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "hq-checkpoint");
    Loop();
  });
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
  db_.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

void Checkpointer::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, interval_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    db_.Exec("PRAGMA wal_checkpoint(PASSIVE)");
    lock.lock();
  }
}

}  // namespace haiquan::storage::sqlite
