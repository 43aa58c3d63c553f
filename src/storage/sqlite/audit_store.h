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
// The chain's last entry (seq 0 and the genesis hash when empty). A filing reads it first so
// that its row carries its entry's number (head.seq + 1) when inserted, rather than being
// updated after the entry is appended (a second write of the whole row).
struct AuditHead {
  int64_t seq = 0;
  std::string hash;
};
domain::Result<AuditHead> ReadAuditHead(Connection& db);
// AppendAuditSeq after `head`, read by this same writer job with nothing appended since.
domain::Result<int64_t> AppendAuditAfter(Connection& db, const domain::AuditEvent& event,
                                         const AuditHead& head);

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
