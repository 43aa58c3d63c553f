#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/clock.h"
#include "app/ports/trader_store.h"
#include "app/trader_directory.h"

namespace haiquan::app {

// T1: the enterprise registry. Entered once, referenced everywhere; every change versioned.
class ManageTraders {
 public:
  static constexpr int kMaxPageSize = 500;

  ManageTraders(TraderStore& store, TraderDirectory& directory, const Clock& clock)
      : store_(store), directory_(directory), clock_(clock) {}

  domain::Result<domain::Enterprise> Create(const Caller& caller, domain::Enterprise e);
  domain::Result<domain::Enterprise> Update(const Caller& caller, domain::Enterprise e,
                                            std::optional<int> expected_version);
  domain::Result<std::vector<domain::Enterprise>> List(const TraderQuery& q) const;

  // Bulk registration (`haiquan traders import`): rows already validated, written in batches.
  struct ImportResult {
    size_t created = 0;
    size_t updated = 0;
  };
  domain::Result<ImportResult> Import(const Caller& caller, std::vector<domain::Enterprise> batch);

 private:
  TraderStore& store_;
  TraderDirectory& directory_;
  const Clock& clock_;
};

}  // namespace haiquan::app
