#include "storage/sqlite/connection.h"

#include <mutex>
#include <stdexcept>

#include "storage/sqlite/page_cache.h"
#include "storage/sqlite/text_rank.h"

namespace haiquan::storage::sqlite {
namespace {

// Once, before SQLite's first use in the process. With memory statistics on (the default) every
// allocation SQLite makes, several per statement step, takes a process-wide mutex to count
// itself; nothing here reads the counts. The page cache layer: page_cache.h. (Both fail with
// SQLITE_MISUSE if something initialised SQLite first: then SQLite runs as it comes, which is
// only slower.)
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    InstallPageCache();
  });
}

}  // namespace

Connection::Connection(const std::string& path) {
  ConfigureSqliteOnce();
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("cannot open database " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  // WAL lets readers run beside the single writer; synchronous=FULL makes every commit
  // durable before it returns, which is what an acknowledgement promises.
  const char* pragmas =
      "PRAGMA journal_mode=WAL;"
      "PRAGMA synchronous=FULL;"
      "PRAGMA foreign_keys=ON;"
      "PRAGMA temp_store=MEMORY;"
      "PRAGMA cache_size=-65536;";
  char* err = nullptr;
  if (sqlite3_exec(db_, pragmas, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown";
    sqlite3_free(err);
    sqlite3_close(db_);
    throw std::runtime_error("cannot configure database " + path + ": " + msg);
  }
  RegisterTextRank(db_);
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  for (auto& [sql, stmt] : composed_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Statement Connection::Prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return Statement(it->second);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    // Our SQL is constant: a failure here is a programming error, caught by tests.
    throw std::logic_error(std::string("bad SQL: ") + sqlite3_errmsg(db_) + ": " + sql);
  }
  cache_.emplace(sql, stmt);
  return Statement(stmt);
}

Statement Connection::PrepareComposed(const std::string& sql) {
  auto it = composed_.find(sql);
  if (it != composed_.end()) return Statement(it->second);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
      SQLITE_OK) {
    throw std::logic_error(std::string("bad SQL: ") + sqlite3_errmsg(db_) + ": " + sql);
  }
  composed_.emplace(sql, stmt);
  return Statement(stmt);
}

int Connection::Exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }

}  // namespace haiquan::storage::sqlite
