#include "storage/sqlite/profile_folder.h"

#include <pthread.h>
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
// Under load (at least kBusy filings folded within kGather) a fold waits to gather what comes
// in kGather: one read and one index update then serve hundreds of filings, and the checks
// still see each filing within about kGather. A quiet node folds at once.
constexpr auto kGather = std::chrono::milliseconds(50);
constexpr int64_t kBusy = 50;
// A quiet node folds at once, but not more often than this: at a few hundred filings a second
// one fold then serves several commits instead of one each, and the checks still see each
// filing within milliseconds. The profile database is written once a look this long after a
// fold finds nothing new.
constexpr auto kQuietGap = std::chrono::milliseconds(10);
// While filings keep coming the profile database is written at least this often, or once this
// much is buffered.
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
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "hq-fold");
    Loop();
  });
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
  // Already pending: the folder has yet to look, and will see this commit too.
  if (pending_.exchange(true)) return;
  // Taking the lock orders this notice after a folder that found nothing pending and is about
  // to wait: it is then waiting, and gets the notification.
  { std::lock_guard lock(mu_); }
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
      // anyway every half second; with folds read but not written, after kQuietGap (a look that
      // finds nothing new writes them).
      auto look = buffer_.empty() ? std::chrono::milliseconds(500) : kQuietGap;
      wake_.wait_for(lock, look, [this] { return pending_ || stopping_; });
      // A Sync does not wait.
      auto sync_or_stop = [this] { return stopping_ || requested_ > served_; };
      if (busy_) {
        wake_.wait_for(lock, kGather, sync_or_stop);
      } else {
        wake_.wait_until(lock, last_fold_ + kQuietGap, sync_or_stop);
      }
      last_fold_ = std::chrono::steady_clock::now();
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
    // Busy: many filings within kGather, whether the folder kept up with each notice or had
    // fallen behind. Quiet again once a whole kGather brings fewer.
    auto rate = [&] {
      auto now = std::chrono::steady_clock::now();
      window_folded_ += moved_now;
      if (now - window_start_ >= kGather) {
        busy_ = window_folded_ >= kBusy;
        window_folded_ = 0;
        window_start_ = now;
      } else if (window_folded_ >= kBusy) {
        busy_ = true;
      }
    };
    // The profile database follows once filings pause (a fold finds nothing new, kQuietGap
    // after the last one), or at once when someone waits for it (Sync); while filings keep
    // coming, every few seconds: writing it after each fold cost a profile transaction and its
    // WAL pages for every few filings at 500/s.
    auto flush = [&]() -> domain::Status {
      bool caught_up = !busy_ && moved_now == 0;
      bool due = caught_up || tickets > served_ || stop ||
                 std::chrono::steady_clock::now() - buffer_.since() >= kFlushEvery;
      return due ? buffer_.Flush(profiles_) : domain::Ok();
    };
    load();
    domain::Status status = fold();
    rate();
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
      if (auto s = index_->FollowOffences(main_); !s.ok()) spdlog::warn("{}", s.error().message);
    }
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
