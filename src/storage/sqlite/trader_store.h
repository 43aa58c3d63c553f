#pragma once

#include "app/ports/trader_store.h"
#include "storage/sqlite/baseline_index.h"
#include "storage/sqlite/reader_pool.h"
#include "storage/sqlite/writer.h"

namespace haiquan::storage::sqlite {

// Registers `e` provisionally (version 1) inside the caller's transaction if its tax id is not
// registered yet; does nothing otherwise. Filing calls it for parties the registry lacks.
domain::Status RegisterProvisionally(Connection& db, const domain::Enterprise& e);

class SqliteTraderStore final : public app::TraderStore {
 public:
  // With an index, tells it of every enterprise written, once committed.
  SqliteTraderStore(Writer& writer, ReaderPool& readers, BaselineIndex* index = nullptr)
      : writer_(writer), readers_(readers), index_(index) {}

  domain::Result<domain::Enterprise> Create(domain::Enterprise e,
                                            const domain::AuditEvent& audit) override;
  domain::Result<domain::Enterprise> Update(domain::Enterprise e,
                                            std::optional<int> expected_version,
                                            const domain::AuditEvent& audit) override;
  domain::Result<size_t> Import(std::vector<domain::Enterprise>& batch,
                                const std::vector<domain::AuditEvent>& audit) override;
  domain::Result<domain::Enterprise> Get(const std::string& tax_id) override;
  domain::Result<std::vector<domain::Enterprise>> List(const app::TraderQuery& query) override;
  domain::Result<std::vector<domain::Enterprise>> History(const std::string& tax_id) override;
  domain::Result<app::PersonRecord> Person(const std::string& id_number) override;
  domain::Result<std::vector<app::TraderOffence>> Offences(const std::string& tax_id) override;
  // Sets the address key of enterprises written before keys existed (V004). Idempotent.
  domain::Status FillAddressKeys();
  domain::Status ScanStatuses(const std::function<void(const std::string&, domain::EnterpriseStatus,
                                                       bool)>& visit) override;

 private:
  void Written(const std::vector<std::string>& tax_ids);

  Writer& writer_;
  ReaderPool& readers_;
  BaselineIndex* index_;
};

}  // namespace haiquan::storage::sqlite
