#pragma once

#include "storage/sqlite/connection.h"

namespace haiquan::storage::sqlite {

// Brings the schema up to date, one transaction per migration (migrations/V*.sql).
// Throws std::runtime_error on failure: run at start-up only.
void Migrate(Connection& db);

// The newest migration version this binary knows.
int LatestSchemaVersion();

}  // namespace haiquan::storage::sqlite
