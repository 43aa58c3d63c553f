#pragma once

#include "app/ports/declaration_store.h"
#include "storage/sqlite/reader_pool.h"
#include "storage/sqlite/writer.h"

namespace haiquan::storage::sqlite {

class SqliteDeclarationStore final : public app::DeclarationStore {
 public:
  SqliteDeclarationStore(Writer& writer, ReaderPool& readers)
      : writer_(writer), readers_(readers) {}

  void File(app::NewFiling filing, FileCallback done) override;
  domain::Result<app::StoredDeclaration> Get(int64_t id) override;
  domain::Result<app::DeclarationPage> List(const app::DeclarationQuery& query) override;
  domain::Result<int64_t> Count() override;
  domain::Result<app::StoredDeclaration> RecordInspection(int64_t id,
                                                          const domain::Inspection& findings,
                                                          const std::string& recorded_at) override;

 private:
  Writer& writer_;
  ReaderPool& readers_;
};

}  // namespace haiquan::storage::sqlite
