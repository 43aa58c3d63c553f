#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/enforcement/records.h"
#include "domain/result.h"

namespace haiquan::app {

// A page of an investigation's conversation, oldest first, with where the reader stands in it.
struct MessagePage {
  std::vector<domain::InvestigationMessage> items;
  bool more = false;  // messages follow the last one of the page
  domain::MessageReadState state;
};

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

  // Who may write to an investigation, decided on the investigation (its lead, supervisor and
  // members) as it stands inside the write's own transaction, so that a member removed a moment
  // before cannot still write.
  using Gate = std::function<bool(const domain::Investigation&)>;

  // Appends a message and its links. `faults` are those the use case found in the message
  // itself; the store adds its references' (a replyTo that is not a message of this
  // investigation, links to records that do not exist) and refuses them all together. If
  // `may_write` refuses, nothing but `audit` is written, as denied, and the answer is NotFound.
  virtual domain::Result<domain::InvestigationMessage> AddMessage(
      domain::InvestigationMessage m, std::vector<domain::FieldError> faults, const Gate& may_write,
      domain::AuditEvent audit) = 0;
  // Messages after `after`, oldest first, and `reader`'s read state, from one snapshot.
  virtual domain::Result<MessagePage> Messages(int64_t investigation, const std::string& reader,
                                               int64_t after, int limit) = 0;
  // Moves `reader`'s marker forward to `up_to`, a message of the investigation (never back);
  // refusals as for AddMessage.
  virtual domain::Result<domain::MessageReadState> MarkRead(int64_t investigation,
                                                            const std::string& reader,
                                                            int64_t up_to, const Gate& may_write,
                                                            domain::AuditEvent audit) = 0;
  // `reader`'s read state in each investigation, in the order given.
  virtual domain::Result<std::vector<domain::MessageReadState>> ReadStates(
      const std::vector<int64_t>& investigations, const std::string& reader) = 0;
};

}  // namespace haiquan::app
