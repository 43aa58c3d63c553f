#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/enterprise.h"
#include "domain/result.h"

namespace haiquan::app {

struct TraderQuery {
  std::optional<domain::EnterpriseStatus> status;
  std::optional<bool> provisional;
  std::optional<std::string> after_tax_id;  // keyset paging, by tax id
  int limit = 50;
};

// A person of the registry, every version of it, and the enterprises it owns or represents now.
struct PersonRecord {
  domain::Person person;
  std::vector<domain::Person> versions;  // oldest first, the current one included
  struct Role {
    std::string tax_id;
    std::string enterprise_name;
    domain::EnterpriseStatus status = domain::EnterpriseStatus::kActive;
    std::string role;  // owner | legal_representative
    std::optional<double> share;
  };
  std::vector<Role> roles;
};

// A seizure that named a registered enterprise (N3): its compliance record.
struct TraderOffence {
  int64_t seizure_id = 0;
  std::string day;
  std::string role;
  std::string category;
};

// The enterprise registry with every version kept: a change writes a new version and the old
// one stays, with who changed it and when. Writes commit their audit entry with the change.
class TraderStore {
 public:
  virtual ~TraderStore() = default;
  // Conflict if the tax id is registered, unless only provisionally: then this confirms it.
  virtual domain::Result<domain::Enterprise> Create(domain::Enterprise e,
                                                    const domain::AuditEvent& audit) = 0;
  // Conflict if `expected_version` is set and is not the current version.
  virtual domain::Result<domain::Enterprise> Update(domain::Enterprise e,
                                                    std::optional<int> expected_version,
                                                    const domain::AuditEvent& audit) = 0;
  // Registers or updates every enterprise of `batch` (a new version each) in one transaction,
  // each with its audit entry (`audit[i]` for `batch[i]`). Answers how many were new.
  virtual domain::Result<size_t> Import(std::vector<domain::Enterprise>& batch,
                                        const std::vector<domain::AuditEvent>& audit) = 0;
  virtual domain::Result<domain::Enterprise> Get(const std::string& tax_id) = 0;
  virtual domain::Result<std::vector<domain::Enterprise>> List(const TraderQuery& query) = 0;
  virtual domain::Result<std::vector<domain::Enterprise>> History(const std::string& tax_id) = 0;
  // NotFound if no enterprise has ever named this person.
  virtual domain::Result<PersonRecord> Person(const std::string& id_number) = 0;
  // Seizures naming this enterprise, newest first.
  virtual domain::Result<std::vector<TraderOffence>> Offences(const std::string& tax_id) = 0;
  // Every enterprise's tax id, status and provisional flag, for the in-memory directory.
  virtual domain::Status ScanStatuses(
      const std::function<void(const std::string& tax_id, domain::EnterpriseStatus status,
                               bool provisional)>& visit) = 0;
};

}  // namespace haiquan::app
