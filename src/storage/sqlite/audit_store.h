#pragma once

#include "app/ports/audit_store.h"
#include "storage/sqlite/reader_pool.h"
#include "storage/sqlite/writer.h"

namespace haiquan::storage::sqlite {

// Appends one entry to the chain inside the caller's transaction: every writer job that
// changes a record calls it, so the change and its entry commit or vanish together. Only the
// writer thread appends, so reading the head and inserting after it cannot interleave.
domain::Status AppendAudit(Connection& db, const domain::AuditEvent& event);
// The same, answering the new entry's sequence number.
domain::Result<int64_t> AppendAuditSeq(Connection& db, const domain::AuditEvent& event);

class SqliteAuditStore final : public app::AuditStore {
 public:
  SqliteAuditStore(Writer& writer, ReaderPool& readers) : writer_(&writer), readers_(readers) {}
  // Read-only, for verifying a copy of a database: no migration, no writer, no secrets.
  explicit SqliteAuditStore(ReaderPool& readers) : writer_(nullptr), readers_(readers) {}

  void Append(domain::AuditEvent event, std::function<void(domain::Status)> done) override;
  domain::Result<std::vector<domain::AuditEntry>> List(const app::AuditQuery& query) override;
  domain::Status Scan(const std::function<bool(const domain::AuditEntry&)>& visit) override;
  domain::Result<std::vector<domain::AuditCheckpoint>> Checkpoints() override;
  domain::Result<std::optional<domain::AuditCheckpoint>> Checkpoint(const std::string& at,
                                                                    const std::string& public_key,
                                                                    const Signer& sign) override;

 private:
  Writer* writer_;
  ReaderPool& readers_;
};

}  // namespace haiquan::storage::sqlite
