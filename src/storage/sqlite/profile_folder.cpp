#include "storage/sqlite/profile_folder.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>

namespace haiquan::embedded {
std::string_view profile_schema();
}

namespace haiquan::storage::sqlite {
namespace {

// Bump when profile_schema.sql changes: an older profile database is then rebuilt.
constexpr int kProfileSchemaVersion = 1;
constexpr auto kGather = std::chrono::milliseconds(100);

int UserVersion(Connection& db) {
  auto st = db.Prepare("PRAGMA user_version");
  return st.Step() == SQLITE_ROW ? static_cast<int>(st.Int(0)) : -1;
}

// Opens the profile database, rebuilding it when its schema is not this binary's.
std::string OpenOrRebuild(const std::string& path) {
  {
    Connection db(path);
    int version = UserVersion(db);
    if (version == kProfileSchemaVersion) return path;
    if (version != 0) spdlog::info("profile database {} is version {}: rebuilding", path, version);
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

ProfileFolder::ProfileFolder(const std::string& main_path, std::string profile_path)
    : path_(OpenOrRebuild(profile_path)), profiles_(path_), main_(main_path) {
  // Derived data: a commit lost in a power cut is folded again from the watermarks.
  profiles_.Exec("PRAGMA synchronous=NORMAL");
  // Each fold touches rows all over the profile tables: keep them in memory rather than read
  // them page by page through system calls.
  profiles_.Exec("PRAGMA mmap_size=8589934592");
  profiles_.Exec("PRAGMA cache_size=-262144");
  thread_ = std::thread([this] { Loop(); });
}

ProfileFolder::~ProfileFolder() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    pending_ = true;
  }
  wake_.notify_one();
  thread_.join();
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
  for (;;) {
    uint64_t tickets = 0;
    bool stop = false;
    {
      std::unique_lock lock(mu_);
      // A commit from another process (a CLI import, a second server) sends no notice: look
      // anyway every half second.
      wake_.wait_for(lock, std::chrono::milliseconds(500),
                     [this] { return pending_ || stopping_; });
      // Under load, gather a few group commits into one fold: one profile commit and one
      // histogram rewrite per key then serve hundreds of filings. A Sync does not wait.
      wake_.wait_for(lock, kGather, [this] { return stopping_ || requested_ > served_; });
      pending_ = false;
      tickets = requested_;
      stop = stopping_;
    }
    // Fold until caught up with what was committed before the notices just taken.
    domain::Status status = domain::Ok();
    for (;;) {
      auto moved = FoldOnce(profiles_, main_);
      if (!moved.ok()) {
        status = moved.error();
        spdlog::warn("{}", moved.error().message);
        break;
      }
      if (*moved == 0) break;
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
