#pragma once

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/sqlite/connection.h"

namespace haiquan::storage::sqlite {

// Read connections, one per concurrent reader; WAL lets them read beside the writer.
class ReaderPool {
 public:
  // `attach`, if not empty, is a database attached to every connection as "profile" (the
  // profile database): its tables are then visible by their plain names beside the main ones.
  explicit ReaderPool(std::string path, std::string attach = "")
      : path_(std::move(path)), attach_(std::move(attach)) {}

  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Connection> c) : pool_(pool), c_(std::move(c)) {}
    ~Lease() { pool_.Return(std::move(c_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() { return *c_; }
    Connection* operator->() { return c_.get(); }

   private:
    ReaderPool& pool_;
    std::unique_ptr<Connection> c_;
  };

  Lease Acquire() {
    {
      std::lock_guard lock(mu_);
      if (!idle_.empty()) {
        auto c = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(c));
      }
    }
    auto c = std::make_unique<Connection>(path_);
    if (!attach_.empty()) {
      auto st = c->Prepare("ATTACH DATABASE ?1 AS profile");
      st.Bind(1, attach_);
      if (st.Step() != SQLITE_DONE) {
        throw std::runtime_error("cannot attach " + attach_ + ": " + c->ErrorMessage());
      }
      // The anomaly checks make a dozen point reads per filing in the profile database:
      // memory-mapped, a page already in the OS cache costs no system call, and every reader
      // shares the same pages instead of each holding its own copy.
      c->Exec("PRAGMA profile.mmap_size=8589934592");
      c->Exec("PRAGMA profile.cache_size=-65536");
    }
    return Lease(*this, std::move(c));
  }

 private:
  void Return(std::unique_ptr<Connection> c) {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(c));
  }

  std::string path_;
  std::string attach_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace haiquan::storage::sqlite
