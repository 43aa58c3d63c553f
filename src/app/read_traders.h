#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/clock.h"
#include "app/ports/audit_store.h"
#include "app/ports/profile_store.h"
#include "app/ports/trader_store.h"

namespace haiquan::app {

// Reads of the registry and of profiles. Each is recorded in the audit trail before it is
// answered: enterprises carry their owners' and representatives' identity, profiles the
// commercial history of a company. A trader-bound caller sees its own profile only; another
// enterprise's answers NotFound, and the attempt is recorded as denied.
class ReadTraders {
 public:
  ReadTraders(TraderStore& traders, ProfileStore& profiles, AuditStore& audit, const Clock& clock)
      : traders_(traders), profiles_(profiles), audit_(audit), clock_(clock) {}

  template <typename T>
  using Done = std::function<void(domain::Result<T>)>;

  struct ProfileView {
    TraderProfile profile;
    std::optional<domain::Enterprise> enterprise;  // absent if the trader is not registered
    // Seizures naming it; customs staff only (a trader does not learn what intelligence holds).
    std::vector<TraderOffence> offences;
  };

  void Get(const Caller& caller, const std::string& tax_id, Done<domain::Enterprise> done) const;
  void History(const Caller& caller, const std::string& tax_id,
               Done<std::vector<domain::Enterprise>> done) const;
  void Profile(const Caller& caller, const std::string& tax_id, Done<ProfileView> done) const;
  void Relations(const Caller& caller, const std::string& tax_id,
                 Done<std::vector<Relation>> done) const;
  // A person of the registry, for customs staff: personal data, always audited.
  void Person(const Caller& caller, const std::string& id_number, Done<PersonRecord> done) const;

 private:
  template <typename T>
  void Answer(const Caller& caller, const char* action, const std::string& tax_id,
              domain::Result<T> result, Done<T> done) const;

  TraderStore& traders_;
  ProfileStore& profiles_;
  AuditStore& audit_;
  const Clock& clock_;
};

}  // namespace haiquan::app
