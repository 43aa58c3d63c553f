#pragma once

#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "app/ports/trader_store.h"
#include "domain/enterprise.h"

namespace haiquan::app {

// The registry's answer to "may this tax id trade, and is it known?" in memory, so that filing
// asks no database: loaded at start, kept current by every registry write in this process.
class TraderDirectory {
 public:
  struct Entry {
    domain::EnterpriseStatus status = domain::EnterpriseStatus::kActive;
    bool provisional = false;
  };

  domain::Status Load(TraderStore& store) {
    std::unordered_map<std::string, Entry> loaded;
    auto s = store.ScanStatuses(
        [&](const std::string& tax_id, domain::EnterpriseStatus status, bool provisional) {
          loaded[tax_id] = {status, provisional};
        });
    if (!s.ok()) return s;
    std::unique_lock lock(mu_);
    // An entry set meanwhile (a registry change another process made, told by the database's
    // change log) is newer than the scan: keep it.
    for (auto& [tax_id, entry] : loaded) entries_.try_emplace(tax_id, entry);
    return s;
  }

  std::optional<Entry> Find(const std::string& tax_id) const {
    std::shared_lock lock(mu_);
    auto it = entries_.find(tax_id);
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }

  void Set(const std::string& tax_id, Entry entry) {
    std::unique_lock lock(mu_);
    entries_[tax_id] = entry;
  }
  // Only if absent: a provisional registration never overrides a real one.
  void AddProvisional(const std::string& tax_id) {
    std::unique_lock lock(mu_);
    entries_.try_emplace(tax_id, Entry{domain::EnterpriseStatus::kActive, true});
  }

 private:
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace haiquan::app
