#include "storage/sqlite/migrations.h"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace haiquan::embedded {
std::string_view migration_v001();
std::string_view migration_v002();
std::string_view migration_v003();
std::string_view migration_v004();
std::string_view migration_v005();
std::string_view migration_v006();
std::string_view migration_v007();
std::string_view migration_v008();
std::string_view migration_v009();
std::string_view migration_v010();
}  // namespace haiquan::embedded

namespace haiquan::storage::sqlite {
namespace {

struct Migration {
  int version;
  const char* name;
  std::string_view (*sql)();
};

const std::vector<Migration>& All() {
  static const std::vector<Migration> kAll = {
      {1, "clearance", embedded::migration_v001},
      {2, "identity_audit", embedded::migration_v002},
      {3, "traders", embedded::migration_v003},
      {4, "persons", embedded::migration_v004},
      {5, "registry_changes", embedded::migration_v005},
      {6, "risk_models", embedded::migration_v006},
      {7, "enforcement", embedded::migration_v007},
      {8, "attachment_thumbnails", embedded::migration_v008},
      {9, "investigation_messages", embedded::migration_v009},
      {10, "offence_changes", embedded::migration_v010},
  };
  return kAll;
}

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))";
constexpr const char* kCurrent = "SELECT coalesce(max(version), 0) FROM schema_migrations";
constexpr const char* kRecord = "INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)";

}  // namespace

int LatestSchemaVersion() { return All().back().version; }

void Migrate(Connection& db) {
  if (db.Exec(kCreateTable) != SQLITE_OK) {
    throw std::runtime_error("cannot create schema_migrations: " + db.ErrorMessage());
  }
  int64_t current = 0;
  {
    auto st = db.Prepare(kCurrent);
    if (st.Step() == SQLITE_ROW) current = st.Int(0);
  }
  if (current > LatestSchemaVersion()) {
    throw std::runtime_error("database schema version " + std::to_string(current) +
                             " is newer than this binary knows (" +
                             std::to_string(LatestSchemaVersion()) + ")");
  }
  for (const auto& m : All()) {
    if (m.version <= current) continue;
    std::string sql = "BEGIN IMMEDIATE;" + std::string(m.sql()) + ";";
    if (db.Exec(sql.c_str()) != SQLITE_OK) {
      std::string msg = db.ErrorMessage();
      db.Exec("ROLLBACK");
      throw std::runtime_error("migration V" + std::to_string(m.version) + " failed: " + msg);
    }
    {
      auto st = db.Prepare(kRecord);
      st.Bind(1, m.version).Bind(2, m.name);
      if (st.Step() != SQLITE_DONE) {
        db.Exec("ROLLBACK");
        throw std::runtime_error("cannot record migration: " + db.ErrorMessage());
      }
    }
    if (db.Exec("COMMIT") != SQLITE_OK) {
      throw std::runtime_error("cannot commit migration: " + db.ErrorMessage());
    }
  }
}

}  // namespace haiquan::storage::sqlite
