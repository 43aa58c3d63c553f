#include "app/case_messages.h"

#include <memory>

#include "app/manage_cases.h"

namespace haiquan::app {

CaseStore::Gate CaseMessages::MayWrite(const Caller& caller) const {
  return [principal = caller.principal](const domain::Investigation& i) {
    return ManageCases::MaySee(principal, i);
  };
}

domain::Result<domain::InvestigationMessage> CaseMessages::Post(const Caller& caller,
                                                                domain::InvestigationMessage m) {
  // Validated before the gate, but refused only after it: a non-member learns nothing about
  // the investigation, not even that its message would have been invalid there.
  auto faults = domain::Validate(m);
  m.sent_at = FormatTimestamp(clock_.Now());
  m.author = caller.principal.name;
  auto event = caller.Event(m.sent_at, "investigation.message", "investigation",
                            std::to_string(m.investigation_id));
  return store_.AddMessage(std::move(m), std::move(faults), MayWrite(caller), std::move(event));
}

void CaseMessages::List(const Caller& caller, int64_t investigation, int64_t after, int limit,
                        Done<MessagePage> done) const {
  auto i = store_.GetInvestigation(investigation);
  domain::Result<MessagePage> page = MessagePage{};
  std::string outcome = "ok";
  if (!i.ok()) {
    page = i.error();
    outcome = i.error().code == domain::ErrorCode::kNotFound ? "not_found" : "failed";
  } else if (!ManageCases::MaySee(caller.principal, *i)) {
    page = domain::Error::NotFound("no investigation " + std::to_string(investigation));
    outcome = "denied";
  } else {
    page = store_.Messages(investigation, caller.principal.name, after, limit);
    if (!page.ok()) outcome = "failed";
  }
  // Answered once the read's entry is durable (fail closed).
  auto shared = std::make_shared<domain::Result<MessagePage>>(std::move(page));
  audit_.Append(
      caller.Event(FormatTimestamp(clock_.Now()), "investigation.messages.read", "investigation",
                   std::to_string(investigation), outcome, "after=" + std::to_string(after)),
      [shared, done = std::move(done)](domain::Status s) {
        if (!s.ok()) return done(s.error());
        done(std::move(*shared));
      });
}

domain::Result<domain::MessageReadState> CaseMessages::MarkRead(const Caller& caller,
                                                                int64_t investigation,
                                                                int64_t up_to) {
  auto event = caller.Event(FormatTimestamp(clock_.Now()), "investigation.messages.mark_read",
                            "investigation", std::to_string(investigation));
  return store_.MarkRead(investigation, caller.principal.name, up_to, MayWrite(caller),
                         std::move(event));
}

}  // namespace haiquan::app
