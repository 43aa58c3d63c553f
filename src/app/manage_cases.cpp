#include "app/manage_cases.h"

#include <algorithm>

namespace haiquan::app {
namespace {

domain::Error Invalid(const char* what, std::vector<domain::FieldError> faults) {
  return domain::Error::Invalid(std::string("the ") + what + " is not valid", std::move(faults));
}

std::string Outcome(const domain::Error& e) {
  return e.code == domain::ErrorCode::kNotFound ? "not_found" : "failed";
}

}  // namespace

bool ManageCases::MaySee(const domain::Principal& who, const domain::Investigation& i) {
  if (who.role == domain::Role::kAdministrator) return true;
  if (who.name == i.lead || (!i.supervisor.empty() && who.name == i.supervisor)) return true;
  return std::find(i.members.begin(), i.members.end(), who.name) != i.members.end();
}

template <typename T>
void ManageCases::Audited(const Caller& caller, const char* action, const char* type, int64_t id,
                          domain::Result<T> result, Done<T> done, std::string outcome) const {
  if (outcome.empty()) outcome = result.ok() ? "ok" : Outcome(result.error());
  auto shared = std::make_shared<domain::Result<T>>(std::move(result));
  audit_.Append(
      caller.Event(FormatTimestamp(clock_.Now()), action, type, std::to_string(id), outcome),
      [shared, done = std::move(done)](domain::Status s) {
        if (!s.ok()) return done(s.error());
        done(std::move(*shared));
      });
}

domain::Result<domain::Suspicion> ManageCases::CreateSuspicion(const Caller& caller,
                                                               domain::Suspicion s) {
  if (s.status.empty()) s.status = "open";
  if (auto f = domain::Validate(s); !f.empty()) return Invalid("suspicion report", f);
  s.created_at = s.updated_at = FormatTimestamp(clock_.Now());
  s.created_by = s.updated_by = caller.principal.name;
  auto event = caller.Event(s.created_at, "suspicion.create", "suspicion");
  return store_.CreateSuspicion(std::move(s), std::move(event));
}

domain::Result<domain::Suspicion> ManageCases::UpdateSuspicion(
    const Caller& caller, domain::Suspicion s, std::optional<int> expected_version) {
  if (auto f = domain::Validate(s); !f.empty()) return Invalid("suspicion report", f);
  s.updated_at = FormatTimestamp(clock_.Now());
  s.updated_by = caller.principal.name;
  auto event = caller.Event(s.updated_at, "suspicion.update", "suspicion", std::to_string(s.id));
  return store_.UpdateSuspicion(std::move(s), expected_version, std::move(event));
}

void ManageCases::GetSuspicion(const Caller& caller, int64_t id,
                               Done<domain::Suspicion> done) const {
  Audited(caller, "suspicion.read", "suspicion", id, store_.GetSuspicion(id), std::move(done));
}

void ManageCases::ListSuspicions(const Caller& caller, const std::string& status, int64_t before_id,
                                 int limit, Done<std::vector<domain::Suspicion>> done) const {
  Audited(caller, "suspicion.list", "suspicion", 0, store_.ListSuspicions(status, before_id, limit),
          std::move(done));
}

domain::Status ManageCases::CheckUsers(const domain::Investigation& i) const {
  std::vector<domain::FieldError> faults;
  auto check = [&](const std::string& name, const std::string& at, bool supervisor) {
    if (name.empty()) return;
    auto u = users_.FindUser(name);
    if (!u.ok()) {
      faults.push_back({at, "unknown_user", "no user " + name});
    } else if (u->role == domain::Role::kTrader || u->role == domain::Role::kApiClient) {
      faults.push_back({at, "not_staff", name + " is not a customs officer"});
    } else if (supervisor && u->role != domain::Role::kSupervisor &&
               u->role != domain::Role::kAdministrator) {
      faults.push_back({at, "not_supervisor", name + " is not a supervisor"});
    }
  };
  check(i.lead, "/lead", false);
  check(i.supervisor, "/supervisor", true);
  for (size_t k = 0; k < i.members.size(); ++k) {
    check(i.members[k], "/members/" + std::to_string(k), false);
  }
  if (!faults.empty()) return Invalid("investigation", std::move(faults));
  return domain::Ok();
}

domain::Result<domain::Investigation> ManageCases::Open(const Caller& caller,
                                                        domain::Investigation i) {
  if (i.lead.empty()) i.lead = caller.principal.name;
  if (i.status.empty()) i.status = "open";
  // The lead and the one who opens it are members: no one opens a case they cannot see.
  for (const std::string& m : {i.lead, caller.principal.name}) {
    if (caller.IsSystem() && m == caller.principal.name) continue;
    if (std::find(i.members.begin(), i.members.end(), m) == i.members.end()) i.members.push_back(m);
  }
  if (auto f = domain::Validate(i); !f.empty()) return Invalid("investigation", f);
  if (auto s = CheckUsers(i); !s.ok()) return s.error();
  i.created_at = i.updated_at = FormatTimestamp(clock_.Now());
  i.created_by = i.updated_by = caller.principal.name;
  auto event = caller.Event(i.created_at, "investigation.open", "investigation");
  return store_.CreateInvestigation(std::move(i), std::move(event));
}

domain::Result<domain::Investigation> ManageCases::Visible(const Caller& caller, int64_t id,
                                                           const char* action) const {
  auto i = store_.GetInvestigation(id);
  std::string at = FormatTimestamp(clock_.Now());
  if (i.ok() && !MaySee(caller.principal, *i)) {
    (void)audit_.AppendAndWait(
        caller.Event(at, action, "investigation", std::to_string(id), "denied"));
    return domain::Error::NotFound("no investigation " + std::to_string(id));
  }
  return i;
}

domain::Result<domain::Investigation> ManageCases::Update(const Caller& caller,
                                                          domain::Investigation i,
                                                          std::optional<int> expected_version) {
  auto current = Visible(caller, i.id, "investigation.update");
  if (!current.ok()) return current.error();
  if (i.lead.empty()) i.lead = current->lead;
  // Who works on a case is decided by its lead, its supervisor or an administrator; a member
  // may change what the case says, not who sees it.
  const auto& who = caller.principal;
  bool in_charge = who.role == domain::Role::kAdministrator || who.name == current->lead ||
                   (!current->supervisor.empty() && who.name == current->supervisor);
  if (!in_charge) {
    auto sorted = [](std::vector<std::string> v) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
      return v;
    };
    std::vector<std::string> members = i.members;
    if (std::find(members.begin(), members.end(), i.lead) == members.end()) {
      members.push_back(i.lead);
    }
    if (i.lead != current->lead || i.supervisor != current->supervisor ||
        sorted(members) != sorted(current->members)) {
      return domain::Error::Forbidden(
          "only the lead, the supervisor or an administrator changes who works on a case",
          {{"/members", "forbidden", "leave the lead, supervisor and members as they are"}});
    }
  }
  if (std::find(i.members.begin(), i.members.end(), i.lead) == i.members.end()) {
    i.members.push_back(i.lead);
  }
  if (auto f = domain::Validate(i); !f.empty()) return Invalid("investigation", f);
  if (auto s = CheckUsers(i); !s.ok()) return s.error();
  i.updated_at = FormatTimestamp(clock_.Now());
  i.updated_by = caller.principal.name;
  auto event =
      caller.Event(i.updated_at, "investigation.update", "investigation", std::to_string(i.id));
  return store_.UpdateInvestigation(std::move(i), expected_version, std::move(event));
}

void ManageCases::Get(const Caller& caller, int64_t id, Done<InvestigationView> done) const {
  auto i = store_.GetInvestigation(id);
  domain::Result<InvestigationView> view = InvestigationView{};
  std::string outcome = "ok";
  if (!i.ok()) {
    view = i.error();
    outcome = Outcome(i.error());
  } else if (!MaySee(caller.principal, *i)) {
    view = domain::Error::NotFound("no investigation " + std::to_string(id));
    outcome = "denied";
  } else {
    view->investigation = std::move(i.value());
    auto notes = store_.Notes(id);
    auto tasks = store_.Tasks(id);
    auto messages = store_.ReadStates({id}, caller.principal.name);
    if (!notes.ok()) {
      view = notes.error();
    } else if (!tasks.ok()) {
      view = tasks.error();
    } else if (!messages.ok()) {
      view = messages.error();
    } else {
      view->notes = std::move(notes.value());
      view->tasks = std::move(tasks.value());
      view->messages = messages->front();
    }
  }
  Audited(caller, "investigation.read", "investigation", id, std::move(view), std::move(done),
          outcome);
}

void ManageCases::List(const Caller& caller, int64_t before_id, int limit,
                       Done<std::vector<InvestigationSummary>> done) const {
  bool all = caller.principal.role == domain::Role::kAdministrator;
  auto list = store_.ListInvestigations(all ? "" : caller.principal.name, before_id, limit);
  domain::Result<std::vector<InvestigationSummary>> summaries = std::vector<InvestigationSummary>{};
  if (!list.ok()) {
    summaries = list.error();
  } else {
    std::vector<int64_t> ids;
    for (const auto& i : *list) ids.push_back(i.id);
    auto states = store_.ReadStates(ids, caller.principal.name);
    if (!states.ok()) {
      summaries = states.error();
    } else {
      for (size_t k = 0; k < list->size(); ++k) {
        summaries->push_back({std::move((*list)[k]), (*states)[k]});
      }
    }
  }
  Audited(caller, "investigation.list", "investigation", 0, std::move(summaries), std::move(done));
}

void ManageCases::Notes(const Caller& caller, int64_t id,
                        Done<std::vector<domain::InvestigationNote>> done) const {
  auto i = store_.GetInvestigation(id);
  domain::Result<std::vector<domain::InvestigationNote>> notes =
      std::vector<domain::InvestigationNote>{};
  std::string outcome = "ok";
  if (!i.ok()) {
    notes = i.error();
    outcome = Outcome(i.error());
  } else if (!MaySee(caller.principal, *i)) {
    notes = domain::Error::NotFound("no investigation " + std::to_string(id));
    outcome = "denied";
  } else {
    notes = store_.Notes(id);
  }
  Audited(caller, "investigation.notes.read", "investigation", id, std::move(notes),
          std::move(done), outcome);
}

domain::Result<domain::InvestigationNote> ManageCases::AddNote(const Caller& caller, int64_t id,
                                                               std::string text) {
  auto i = Visible(caller, id, "investigation.note");
  if (!i.ok()) return i.error();
  if (auto f = domain::ValidateNote(text); !f.empty()) return Invalid("note", f);
  domain::InvestigationNote n;
  n.investigation_id = id;
  n.at = FormatTimestamp(clock_.Now());
  n.author = caller.principal.name;
  n.text = std::move(text);
  return store_.AddNote(std::move(n),
                        caller.Event(FormatTimestamp(clock_.Now()), "investigation.note",
                                     "investigation", std::to_string(id)));
}

domain::Result<domain::InvestigationTask> ManageCases::SaveTask(
    const Caller& caller, domain::InvestigationTask t, std::optional<int> expected_version) {
  auto i = Visible(caller, t.investigation_id, "investigation.task");
  if (!i.ok()) return i.error();
  if (t.status.empty()) t.status = "open";
  if (auto f = domain::Validate(t); !f.empty()) return Invalid("task", f);
  if (!t.assignee.empty()) {
    domain::Investigation as_members = *i;
    if (!MaySee(domain::Principal{0, t.assignee, domain::Role::kInvestigator, ""}, as_members)) {
      return Invalid("task", {{"/assignee", "not_member", t.assignee + " is not a member"}});
    }
  }
  t.updated_at = FormatTimestamp(clock_.Now());
  t.updated_by = caller.principal.name;
  if (t.id == 0) {
    t.created_at = t.updated_at;
    t.created_by = t.updated_by;
  }
  auto event = caller.Event(t.updated_at, "investigation.task", "investigation",
                            std::to_string(t.investigation_id));
  return store_.SaveTask(std::move(t), expected_version, std::move(event));
}

}  // namespace haiquan::app
