#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/clock.h"
#include "app/ports/audit_store.h"
#include "app/ports/case_store.h"
#include "app/ports/identity_store.h"

namespace haiquan::app {

// An investigation with its timeline and tasks, as its members see it.
struct InvestigationView {
  domain::Investigation investigation;
  std::vector<domain::InvestigationNote> notes;
  std::vector<domain::InvestigationTask> tasks;
  domain::MessageReadState messages;  // the caller's, in the conversation (CaseMessages)
};

// An investigation in a list, with the caller's unread messages in it.
struct InvestigationSummary {
  domain::Investigation investigation;
  domain::MessageReadState messages;
};

// N3: suspicion reports and investigations. An investigation is seen only by its members
// (the lead among them), its supervisor and administrators: anyone else gets NotFound, as if
// it did not exist, and the attempt is recorded as denied. Every read is audited.
class ManageCases {
 public:
  ManageCases(CaseStore& store, IdentityStore& users, AuditStore& audit, const Clock& clock)
      : store_(store), users_(users), audit_(audit), clock_(clock) {}

  template <typename T>
  using Done = std::function<void(domain::Result<T>)>;

  domain::Result<domain::Suspicion> CreateSuspicion(const Caller& caller, domain::Suspicion s);
  domain::Result<domain::Suspicion> UpdateSuspicion(const Caller& caller, domain::Suspicion s,
                                                    std::optional<int> expected_version);
  void GetSuspicion(const Caller& caller, int64_t id, Done<domain::Suspicion> done) const;
  void ListSuspicions(const Caller& caller, const std::string& status, int64_t before_id, int limit,
                      Done<std::vector<domain::Suspicion>> done) const;

  domain::Result<domain::Investigation> Open(const Caller& caller, domain::Investigation i);
  domain::Result<domain::Investigation> Update(const Caller& caller, domain::Investigation i,
                                               std::optional<int> expected_version);
  void Get(const Caller& caller, int64_t id, Done<InvestigationView> done) const;
  // The investigations the caller may see, newest first.
  void List(const Caller& caller, int64_t before_id, int limit,
            Done<std::vector<InvestigationSummary>> done) const;
  void Notes(const Caller& caller, int64_t id,
             Done<std::vector<domain::InvestigationNote>> done) const;
  domain::Result<domain::InvestigationNote> AddNote(const Caller& caller, int64_t id,
                                                    std::string text);
  domain::Result<domain::InvestigationTask> SaveTask(const Caller& caller,
                                                     domain::InvestigationTask t,
                                                     std::optional<int> expected_version);

  static bool MaySee(const domain::Principal& who, const domain::Investigation& i);

 private:
  // The investigation if the caller may see it; NotFound (recorded as denied) otherwise.
  domain::Result<domain::Investigation> Visible(const Caller& caller, int64_t id,
                                                const char* action) const;
  domain::Status CheckUsers(const domain::Investigation& i) const;
  // Answers `result` once its audit entry is durable; `outcome` overrides the one the result
  // implies ("denied" for a refusal that answers NotFound).
  template <typename T>
  void Audited(const Caller& caller, const char* action, const char* type, int64_t id,
               domain::Result<T> result, Done<T> done, std::string outcome = "") const;

  CaseStore& store_;
  IdentityStore& users_;
  AuditStore& audit_;
  const Clock& clock_;
};

}  // namespace haiquan::app
