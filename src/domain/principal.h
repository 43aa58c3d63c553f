#pragma once

#include <cstdint>
#include <string>

#include "domain/declaration.h"
#include "domain/lane.h"
#include "domain/role.h"

namespace haiquan::domain {

// Who is calling, once authenticated. Trader users and API clients act for one enterprise.
struct Principal {
  int64_t user_id = 0;
  std::string name;
  Role role = Role::kOfficer;
  std::string trader_tax_id;  // set for trader users and API clients only

  bool ActsForTrader() const { return role == Role::kTrader || role == Role::kApiClient; }
};

// The record-level rule for declarations: a trader-bound principal sees only those where its tax
// id is declarant, importer or exporter; customs staff see all (their routes already limit what
// they may do).
bool MaySee(const Principal& who, const Declaration& declaration);

// A trader-bound principal sees the reasons for its lane, but not evidence about other
// enterprises (a linked violator's tax id, its violations, a shared owner's name): those
// messages are replaced by a generic one.
void RedactFor(const Principal& who, Decision& decision);
// And files only as the declarant: references are unique per declarant, so filing in another
// declarant's name would take that declarant's reference (and answer its original to it later).
bool MayFile(const Principal& who, const Declaration& declaration);
bool MaySee(const Principal& who, const std::string& declarant_tax_id,
            const std::string& importer_tax_id, const std::string& exporter_tax_id);

}  // namespace haiquan::domain
