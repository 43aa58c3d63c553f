#pragma once

#include "app/ports/enforcement_store.h"
#include "storage/sqlite/baseline_index.h"
#include "storage/sqlite/reader_pool.h"
#include "storage/sqlite/writer.h"

namespace haiquan::storage::sqlite {

class SqliteEnforcementStore final : public app::EnforcementStore {
 public:
  // With an index, tells it of the offences a write changed, once committed.
  SqliteEnforcementStore(Writer& writer, ReaderPool& readers, BaselineIndex* index = nullptr)
      : writer_(writer), readers_(readers), index_(index) {}

  domain::Result<domain::Seizure> CreateSeizure(domain::Seizure s,
                                                domain::AuditEvent audit) override;
  domain::Result<domain::Seizure> UpdateSeizure(domain::Seizure s,
                                                std::optional<int> expected_version,
                                                domain::AuditEvent audit) override;
  domain::Result<domain::Seizure> GetSeizure(int64_t id) override;
  domain::Result<std::vector<domain::Seizure>> SearchSeizures(const app::SeizureSearch& q) override;
  domain::Status ScanSeizures(const app::SeizureSearch& q,
                              const std::function<bool(const domain::Seizure&)>& visit) override;
  domain::Result<app::SeizureStats> Stats(const std::vector<std::string>& words,
                                          const app::SeizureFilter& filter) override;

  domain::Result<domain::Attachment> AddAttachment(int64_t seizure_id, domain::Attachment a,
                                                   std::string content,
                                                   const std::optional<app::Thumbnail>& thumbnail,
                                                   domain::AuditEvent audit) override;
  domain::Result<std::pair<domain::Attachment, std::string>> GetAttachment(
      int64_t seizure_id, const std::string& sha256) override;
  domain::Result<std::string> GetThumbnail(int64_t seizure_id, const std::string& sha256) override;

  domain::Result<domain::SuspectPerson> CreatePerson(domain::SuspectPerson p,
                                                     domain::AuditEvent audit) override;
  domain::Result<domain::SuspectPerson> UpdatePerson(domain::SuspectPerson p,
                                                     std::optional<int> expected_version,
                                                     domain::AuditEvent audit) override;
  domain::Result<domain::SuspectPerson> GetPerson(int64_t id) override;

  domain::Result<domain::OffendingCompany> CreateCompany(domain::OffendingCompany c,
                                                         domain::AuditEvent audit) override;
  domain::Result<domain::OffendingCompany> UpdateCompany(domain::OffendingCompany c,
                                                         std::optional<int> expected_version,
                                                         domain::AuditEvent audit) override;
  domain::Result<domain::OffendingCompany> GetCompany(int64_t id) override;

  domain::Result<std::vector<domain::Seizure>> SeizuresOf(const std::string& kind,
                                                          int64_t id) override;
  domain::Result<std::vector<app::NameCandidate>> NameCandidates(
      const std::vector<std::string>& words, const std::string& kind, int max) override;
  domain::Result<std::vector<app::NameCandidate>> ListNames(const std::string& kind, int64_t offset,
                                                            int limit) override;

  domain::Result<std::vector<std::string>> Concealments() override;
  domain::Status AddConcealment(const std::string& code, domain::AuditEvent audit) override;

  // Bulk loading for benchmarks and imports: many records in one transaction, no audit entry
  // per record (the caller audits the import as one event).
  domain::Status ImportPersons(std::vector<domain::SuspectPerson>& batch);
  domain::Status ImportSeizures(std::vector<domain::Seizure>& batch);
  domain::Status ImportCompanies(std::vector<domain::OffendingCompany>& batch);

 private:
  void OffencesWritten();

  Writer& writer_;
  ReaderPool& readers_;
  BaselineIndex* index_;
};

}  // namespace haiquan::storage::sqlite
