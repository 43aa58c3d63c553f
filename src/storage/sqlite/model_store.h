#pragma once

#include "app/ports/model_store.h"
#include "storage/sqlite/reader_pool.h"
#include "storage/sqlite/writer.h"

namespace haiquan::storage::sqlite {

class SqliteModelStore final : public app::ModelStore {
 public:
  SqliteModelStore(Writer& writer, ReaderPool& readers) : writer_(writer), readers_(readers) {}

  domain::Result<app::ModelRecord> Add(app::ModelRecord record, std::string content,
                                       domain::AuditEvent audit) override;
  domain::Result<std::vector<app::ModelRecord>> List() override;
  domain::Result<app::ModelRecord> Get(int64_t version) override;
  domain::Result<std::string> Content(int64_t version) override;
  domain::Result<app::ModelActivation> Activate(app::ModelActivation activation,
                                                domain::AuditEvent audit) override;
  domain::Result<std::optional<app::ModelActivation>> Active() override;
  domain::Result<std::vector<app::ModelActivation>> Activations() override;
  domain::Status ScanLaterFindings(int64_t after_inspection, int64_t through,
                                   const std::function<void(app::FiledForModel&&)>& each) override;
  domain::Result<int64_t> LastInspection() override;
  domain::Status ScanFilings(int64_t after_id,
                             const std::function<void(app::FiledForModel&&)>& each) override;

 private:
  Writer& writer_;
  ReaderPool& readers_;
};

}  // namespace haiquan::storage::sqlite
