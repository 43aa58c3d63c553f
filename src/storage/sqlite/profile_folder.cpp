#include "storage/sqlite/profile_folder.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>

namespace haiquan::embedded {
std::string_view profile_schema();
}

namespace haiquan::storage::sqlite {
namespace {

// Bump when profile_schema.sql changes: an older profile database is then rebuilt.
constexpr int kProfileSchemaVersion = 2;
// Under load (the last fold took many filings) a fold waits to gather this much: one profile
// commit and one rewrite per key then serve thousands of filings. A quiet node folds at once.
constexpr auto kGather = std::chrono::milliseconds(200);
constexpr int64_t kBusy = 50;
// Under load the profile database is written at least this often, or once this much is buffered.
constexpr auto kFlushEvery = std::chrono::seconds(5);
constexpr int64_t kFlushAt = 50000;

int UserVersion(Connection& db) {
  auto st = db.Prepare("PRAGMA user_version");
  return st.Step() == SQLITE_ROW ? static_cast<int>(st.Int(0)) : -1;
}

// Opens the profile database, rebuilding it when its schema is not this binary's.
std::string OpenOrRebuild(const std::string& path) {
  {
    Connection db(path);
    int version = UserVersion(db);
    if (version == kProfileSchemaVersion) {
      // Written without fsync (below): after a stop that was not clean, check it, and rebuild
      // it if a power cut left it damaged.
      bool intact = false;
      {
        auto clean = db.Prepare("SELECT value FROM fold_state WHERE name = 'clean'");
        intact = clean.Step() == SQLITE_ROW && clean.Int(0) == 1;
      }
      if (!intact) {
        auto check = db.Prepare("PRAGMA quick_check");
        intact = check.Step() == SQLITE_ROW && check.Text(0) == "ok";
      }
      if (intact && db.Exec("UPDATE fold_state SET value = 0 WHERE name = 'clean'") == SQLITE_OK) {
        return path;
      }
      spdlog::warn("profile database {} is damaged: rebuilding", path);
    } else if (version != 0) {
      spdlog::info("profile database {} is version {}: rebuilding", path, version);
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  Connection db(path);
  std::string sql = "BEGIN;" + std::string(embedded::profile_schema()) +
                    "PRAGMA user_version=" + std::to_string(kProfileSchemaVersion) + ";COMMIT;";
  if (db.Exec(sql.c_str()) != SQLITE_OK) {
    throw std::runtime_error("cannot create the profile database " + path + ": " +
                             db.ErrorMessage());
  }
  return path;
}

}  // namespace

ProfileFolder::ProfileFolder(const std::string& main_path, std::string profile_path,
                             BaselineIndex* index, bool load_index)
    : path_(OpenOrRebuild(profile_path)),
      index_(index),
      index_wanted_(load_index),
      profiles_(path_),
      main_(main_path) {
  if (index_) {
    index_->SetLoadRequest([this] {
      index_wanted_ = true;
      Notify();
    });
  }
  // Derived data, written without fsync: the folder's fsyncs queued the main writer's behind
  // them on the same disk. A process crash loses nothing (the OS has the pages); a power cut
  // may, and the next start then checks the file and rebuilds it if need be.
  profiles_.Exec("PRAGMA synchronous=OFF");
  // Each fold touches rows all over the profile tables: keep them in memory rather than read
  // them page by page through system calls.
  profiles_.Exec("PRAGMA mmap_size=8589934592");
  profiles_.Exec("PRAGMA cache_size=-262144");
  // Checkpoints (the only fsyncs here) every 80 MiB of WAL rather than every 4 MiB: each fold
  // dirties pages all over the file, and a checkpoint per fold would stall the disk the main
  // writer commits on.
  profiles_.Exec("PRAGMA wal_autocheckpoint=20000");
  thread_ = std::thread([this] { Loop(); });
}

ProfileFolder::~ProfileFolder() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    pending_ = true;
  }
  stop_requested_ = true;
  if (index_) index_->SetLoadRequest(nullptr);
  wake_.notify_one();
  thread_.join();
  profiles_.Exec("UPDATE fold_state SET value = 1 WHERE name = 'clean'");
}

void ProfileFolder::Notify() {
  {
    std::lock_guard lock(mu_);
    pending_ = true;
  }
  wake_.notify_one();
}

domain::Status ProfileFolder::Sync() {
  std::unique_lock lock(mu_);
  uint64_t ticket = ++requested_;
  pending_ = true;
  wake_.notify_one();
  synced_.wait(lock, [&] { return served_ >= ticket; });
  return last_;
}

void ProfileFolder::Loop() {
  // Background work: filings and reads come first for the CPU and the disk; the profile folds
  // with what is left and catches up when the load falls.
  pid_t tid = static_cast<pid_t>(syscall(SYS_gettid));
  setpriority(PRIO_PROCESS, static_cast<id_t>(tid), 19);
  constexpr int kIoprioClassIdle = 3, kIoprioClassShift = 13, kIoprioWhoProcess = 1;
  syscall(SYS_ioprio_set, kIoprioWhoProcess, tid, kIoprioClassIdle << kIoprioClassShift);
  for (;;) {
    uint64_t tickets = 0;
    bool stop = false;
    {
      std::unique_lock lock(mu_);
      // A commit from another process (a CLI import, a second server) sends no notice: look
      // anyway every half second.
      wake_.wait_for(lock, std::chrono::milliseconds(500),
                     [this] { return pending_ || stopping_; });
      // A Sync does not wait.
      if (last_moved_ >= kBusy) {
        wake_.wait_for(lock, kGather, [this] { return stopping_ || requested_ > served_; });
      }
      pending_ = false;
      tickets = requested_;
      stop = stopping_;
    }
    auto load = [&] {
      if (!index_ || index_current_ || !index_wanted_) return;
      auto s = index_->Load(profiles_, main_, [this] { return stop_requested_.load(); });
      index_current_ = s.ok();
      if (!s.ok() && !stop_requested_) spdlog::warn("{}", s.error().message);
    };
    // Fold until caught up with what was committed before the notices just taken.
    int64_t moved_now = 0;
    auto fold = [&]() -> domain::Status {
      for (;;) {
        if (!index_ || !index_current_) {
          auto moved = FoldOnce(profiles_, main_, 5000, nullptr);
          if (!moved.ok()) return moved.error();
          if (*moved == 0) return domain::Ok();
          moved_now += *moved;
          continue;
        }
        ProfileDelta delta;
        auto moved = buffer_.Read(profiles_, main_, 5000, index_->Watermarks(), delta);
        if (!moved.ok()) return moved.error();
        if (*moved == 0) return domain::Ok();
        moved_now += *moved;
        index_->Post(std::move(delta));
        if (buffer_.buffered() >= kFlushAt) {
          if (auto s = buffer_.Flush(profiles_); !s.ok()) return s;
        }
      }
    };
    // The profile database follows at once when the node is quiet, when someone waits for it
    // (Sync), and at least every few seconds under load.
    auto flush = [&]() -> domain::Status {
      bool due = moved_now < kBusy || tickets > served_ || stop ||
                 std::chrono::steady_clock::now() - buffer_.since() >= kFlushEvery;
      return due ? buffer_.Flush(profiles_) : domain::Ok();
    };
    load();
    domain::Status status = fold();
    if (status.ok()) status = flush();
    if (!status.ok() && index_ && index_current_) {
      // Another process folded (a CLI command): our buffer is not written, and the index reads
      // what the file holds beyond it. If the index is ahead of the file (it holds buffered
      // folds the other process has not made), it loads again, while filings use the old one.
      buffer_ = FoldBuffer{};
      if (!CatchUpIndex(profiles_, main_, *index_).ok()) index_current_ = false;
      load();
      status = fold();
      if (status.ok()) status = flush();
    }
    if (!status.ok()) spdlog::warn("{}", status.error().message);
    if (index_ && index_current_) {
      if (auto s = index_->FollowRegistry(main_); !s.ok()) spdlog::warn("{}", s.error().message);
    }
    last_moved_ = moved_now;
    {
      std::lock_guard lock(mu_);
      served_ = tickets;
      last_ = status;
    }
    synced_.notify_all();
    if (stop) return;
  }
}

}  // namespace haiquan::storage::sqlite
