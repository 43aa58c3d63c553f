#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace haiquan::storage::sqlite {

// A prepared statement borrowed from a connection's cache; reset and unbound when it goes out
// of scope. Bind indexes are 1-based, column indexes 0-based, as in SQLite.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* s) : s_(s) {}
  ~Statement() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  // Binds without a copy: `v`'s bytes must stay as they are until this Statement is gone (it
  // resets the statement). For the filing's inserts on the writer thread, whose values live in
  // the filing: Bind's SQLITE_TRANSIENT costs a malloc and a copy per value.
  Statement& BindStatic(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    return *this;
  }
  Statement& BindOptionalStatic(int i, std::string_view v) {
    return v.empty() ? BindNull(i) : BindStatic(i, v);
  }
  Statement& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Statement& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Statement& Bind(int i, double v) {
    sqlite3_bind_double(s_, i, v);
    return *this;
  }
  Statement& BindBlob(int i, std::string_view v) {
    sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& BindNull(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
  }
  // Binds NULL for an empty string, so optional text stays absent rather than "".
  Statement& BindOptional(int i, std::string_view v) {
    return v.empty() ? BindNull(i) : Bind(i, v);
  }

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(s_); }

  int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }
  double Real(int col) const { return sqlite3_column_double(s_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  bool IsBlob(int col) const { return sqlite3_column_type(s_, col) == SQLITE_BLOB; }
  int Columns() const { return sqlite3_column_count(s_); }
  std::string Blob(int col) const {
    auto* p = static_cast<const char*>(sqlite3_column_blob(s_, col));
    return p ? std::string(p, sqlite3_column_bytes(s_, col)) : std::string();
  }
  std::string Text(int col) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p ? std::string(p, sqlite3_column_bytes(s_, col)) : std::string();
  }

 private:
  sqlite3_stmt* s_;
};

// One SQLite connection with its own cache of prepared statements, keyed by the address of the
// SQL constant. Not thread-safe: one thread at a time.
class Connection {
 public:
  // Opens (creating if needed) and applies the pragmas every connection needs.
  // Throws std::runtime_error: only used at start-up.
  explicit Connection(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Statement Prepare(const char* sql);
  // For SQL put together from constant pieces (a search's filters): cached by its text, so a
  // query built the same way twice is parsed once. Values are still bound, never spliced in.
  Statement PrepareComposed(const std::string& sql);
  // Runs one or more statements without results; returns the SQLite code.
  int Exec(const char* sql);
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  std::string ErrorMessage() const { return sqlite3_errmsg(db_); }
  sqlite3* raw() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
  std::unordered_map<std::string, sqlite3_stmt*> composed_;
};

// One read transaction for its scope, so that several statements answer from one snapshot.
// BEGIN and COMMIT are cached prepared statements: parsing them per read showed on hot paths.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Connection& db) : db_(db) { db_.Prepare(kBegin).Step(); }
  ~ReadSnapshot() { db_.Prepare(kCommit).Step(); }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  static constexpr const char* kBegin = "BEGIN";
  static constexpr const char* kCommit = "COMMIT";
  Connection& db_;
};

}  // namespace haiquan::storage::sqlite
