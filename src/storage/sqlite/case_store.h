#pragma once

#include "app/ports/case_store.h"
#include "storage/sqlite/reader_pool.h"
#include "storage/sqlite/writer.h"

namespace haiquan::storage::sqlite {

// Appends an investigation's members, by name, to `members`: for its record, and for the
// messages' access check (case_messages.cpp).
void LoadMembers(Connection& db, int64_t investigation, std::vector<std::string>& members);

class SqliteCaseStore final : public app::CaseStore {
 public:
  SqliteCaseStore(Writer& writer, ReaderPool& readers) : writer_(writer), readers_(readers) {}

  domain::Result<domain::Suspicion> CreateSuspicion(domain::Suspicion s,
                                                    domain::AuditEvent audit) override;
  domain::Result<domain::Suspicion> UpdateSuspicion(domain::Suspicion s,
                                                    std::optional<int> expected_version,
                                                    domain::AuditEvent audit) override;
  domain::Result<domain::Suspicion> GetSuspicion(int64_t id) override;
  domain::Result<std::vector<domain::Suspicion>> ListSuspicions(const std::string& status,
                                                                int64_t before_id,
                                                                int limit) override;
  domain::Result<domain::Investigation> CreateInvestigation(domain::Investigation i,
                                                            domain::AuditEvent audit) override;
  domain::Result<domain::Investigation> UpdateInvestigation(domain::Investigation i,
                                                            std::optional<int> expected_version,
                                                            domain::AuditEvent audit) override;
  domain::Result<domain::Investigation> GetInvestigation(int64_t id) override;
  domain::Result<std::vector<domain::Investigation>> ListInvestigations(const std::string& user,
                                                                        int64_t before_id,
                                                                        int limit) override;
  domain::Result<domain::InvestigationNote> AddNote(domain::InvestigationNote n,
                                                    domain::AuditEvent audit) override;
  domain::Result<std::vector<domain::InvestigationNote>> Notes(int64_t investigation) override;
  domain::Result<domain::InvestigationTask> SaveTask(domain::InvestigationTask t,
                                                     std::optional<int> expected_version,
                                                     domain::AuditEvent audit) override;
  domain::Result<std::vector<domain::InvestigationTask>> Tasks(int64_t investigation) override;

  // Messages and read markers: case_messages.cpp.
  domain::Result<domain::InvestigationMessage> AddMessage(domain::InvestigationMessage m,
                                                          std::vector<domain::FieldError> faults,
                                                          const Gate& may_write,
                                                          domain::AuditEvent audit) override;
  domain::Result<app::MessagePage> Messages(int64_t investigation, const std::string& reader,
                                            int64_t after, int limit) override;
  domain::Result<domain::MessageReadState> MarkRead(int64_t investigation,
                                                    const std::string& reader, int64_t up_to,
                                                    const Gate& may_write,
                                                    domain::AuditEvent audit) override;
  domain::Result<std::vector<domain::MessageReadState>> ReadStates(
      const std::vector<int64_t>& investigations, const std::string& reader) override;

 private:
  Writer& writer_;
  ReaderPool& readers_;
};

}  // namespace haiquan::storage::sqlite
