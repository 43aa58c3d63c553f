#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/enforcement/records.h"
#include "domain/result.h"

namespace haiquan::app {

// Suspicion reports and investigations (N3). Access rules are the use case's; the store only
// keeps the records. Writes commit their audit entry with the change.
class CaseStore {
 public:
  virtual ~CaseStore() = default;

  virtual domain::Result<domain::Suspicion> CreateSuspicion(domain::Suspicion s,
                                                            domain::AuditEvent audit) = 0;
  virtual domain::Result<domain::Suspicion> UpdateSuspicion(domain::Suspicion s,
                                                            std::optional<int> expected_version,
                                                            domain::AuditEvent audit) = 0;
  virtual domain::Result<domain::Suspicion> GetSuspicion(int64_t id) = 0;
  virtual domain::Result<std::vector<domain::Suspicion>> ListSuspicions(const std::string& status,
                                                                        int64_t before_id,
                                                                        int limit) = 0;

  // Writes the investigation and, if it was opened from a suspicion, marks that one
  // "investigating" in the same transaction.
  virtual domain::Result<domain::Investigation> CreateInvestigation(domain::Investigation i,
                                                                    domain::AuditEvent audit) = 0;
  virtual domain::Result<domain::Investigation> UpdateInvestigation(
      domain::Investigation i, std::optional<int> expected_version, domain::AuditEvent audit) = 0;
  virtual domain::Result<domain::Investigation> GetInvestigation(int64_t id) = 0;
  // Investigations that `user` leads, supervises or belongs to; every one if `user` is empty.
  virtual domain::Result<std::vector<domain::Investigation>> ListInvestigations(
      const std::string& user, int64_t before_id, int limit) = 0;

  virtual domain::Result<domain::InvestigationNote> AddNote(domain::InvestigationNote n,
                                                            domain::AuditEvent audit) = 0;
  virtual domain::Result<std::vector<domain::InvestigationNote>> Notes(int64_t investigation) = 0;
  virtual domain::Result<domain::InvestigationTask> SaveTask(domain::InvestigationTask t,
                                                             std::optional<int> expected_version,
                                                             domain::AuditEvent audit) = 0;
  virtual domain::Result<std::vector<domain::InvestigationTask>> Tasks(int64_t investigation) = 0;
};

}  // namespace haiquan::app
