#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace haiquan::http {

// A few threads for work that must not hold an I/O thread (Argon2id password checks take tens
// of milliseconds and 64 MiB each). The queue is bounded: past `max_queued`, Post refuses, so
// a flood of sign-ins cannot grow memory without limit.
class BlockingPool {
 public:
  explicit BlockingPool(size_t threads = 2, size_t max_queued = 256) : max_queued_(max_queued) {
    for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
  }
  ~BlockingPool() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  BlockingPool(const BlockingPool&) = delete;
  BlockingPool& operator=(const BlockingPool&) = delete;

  bool Post(std::function<void()> work) {
    {
      std::lock_guard lock(mu_);
      if (queue_.size() >= max_queued_) return false;
      queue_.push_back(std::move(work));
    }
    cv_.notify_one();
    return true;
  }

 private:
  void Loop() {
    for (;;) {
      std::function<void()> work;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and nothing left to run
        work = std::move(queue_.front());
        queue_.pop_front();
      }
      try {
        work();
      } catch (...) {
        // The work answers its own client; a failure it did not catch must not stop the server.
      }
    }
  }

  size_t max_queued_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace haiquan::http
