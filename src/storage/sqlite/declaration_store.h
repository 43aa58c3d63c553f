#pragma once

#include "app/ports/declaration_store.h"
#include "storage/sqlite/profile_folder.h"
#include "storage/sqlite/reader_pool.h"
#include "storage/sqlite/writer.h"

namespace haiquan::storage::sqlite {

// Writes one filing's rows inside the caller's transaction; a reference filed before leaves the
// original in `out` (created = false). The store's writer jobs call it; so does the raw SQLite
// benchmark, so that it measures exactly these statements.
domain::Status InsertFiling(Connection& db, const app::NewFiling& filing, app::FilingOutcome& out);

class SqliteDeclarationStore final : public app::DeclarationStore {
 public:
  // `folder`, if given, is told of every commit, so that profiles follow.
  SqliteDeclarationStore(Writer& writer, ReaderPool& readers, ProfileFolder* folder = nullptr)
      : writer_(writer), readers_(readers), folder_(folder) {}

  void File(app::NewFiling filing, FileCallback done) override;
  domain::Result<app::StoredDeclaration> Get(int64_t id) override;
  domain::Result<app::DeclarationPage> List(const app::DeclarationQuery& query) override;
  domain::Result<int64_t> Count() override;
  domain::Result<app::DeclarationStats> Stats(const std::string& from, const std::string& to,
                                              int top) override;
  domain::Result<app::StoredDeclaration> RecordInspection(int64_t id,
                                                          const domain::Inspection& findings,
                                                          const std::string& recorded_at,
                                                          const domain::AuditEvent& audit) override;

 private:
  Writer& writer_;
  ReaderPool& readers_;
  ProfileFolder* folder_;
};

}  // namespace haiquan::storage::sqlite
