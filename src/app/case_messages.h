#pragma once

#include <functional>

#include "app/caller.h"
#include "app/clock.h"
#include "app/ports/audit_store.h"
#include "app/ports/case_store.h"

namespace haiquan::app {

// N3: the messages an investigation's members exchange, and each one's read marker. The same
// rule as for the rest of the investigation (ManageCases::MaySee): anyone else gets NotFound,
// and the attempt is recorded as denied. Messages are append-only evidence: there is no edit
// and no delete. Every read is audited; every write commits its audit entry with it.
class CaseMessages {
 public:
  static constexpr int kMaxPage = 200;

  CaseMessages(CaseStore& store, AuditStore& audit, const Clock& clock)
      : store_(store), audit_(audit), clock_(clock) {}

  template <typename T>
  using Done = std::function<void(domain::Result<T>)>;

  // Sends `m` (body, replyTo, links) to investigation `m.investigation_id` as the caller.
  domain::Result<domain::InvestigationMessage> Post(const Caller& caller,
                                                    domain::InvestigationMessage m);
  // Messages after `after` (oldest first: a conversation), with the caller's read state.
  void List(const Caller& caller, int64_t investigation, int64_t after, int limit,
            Done<MessagePage> done) const;
  // The caller has read up to message `up_to`; a marker never moves back.
  domain::Result<domain::MessageReadState> MarkRead(const Caller& caller, int64_t investigation,
                                                    int64_t up_to);

 private:
  CaseStore::Gate MayWrite(const Caller& caller) const;

  CaseStore& store_;
  AuditStore& audit_;
  const Clock& clock_;
};

}  // namespace haiquan::app
