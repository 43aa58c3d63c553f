#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "risk/anomalies.h"
#include "storage/sqlite/connection.h"

namespace haiquan::storage::sqlite {

// The seizures that name each registered enterprise (`trader_offences`, written by the
// enforcement store with each seizure), in memory for the anomaly checks: a filing reads its
// trader's and its linked enterprises' records with no SQL. BaselineIndex holds one under its
// lock and keeps it current through the `offence_changes` log (V010). One entry per seizure
// (its roles joined: "consignee and owner"), newest first.
class OffenceRecords {
 public:
  using Rows = std::vector<std::pair<std::string, std::vector<risk::Offence>>>;

  // The whole table as the caller's snapshot of `main` holds it; answers the log's position in
  // that snapshot. Unavailable if SQLite fails or `stop` says so.
  domain::Result<int64_t> ReadAll(Connection& main, const std::function<bool()>& stop);

  // The enterprises the log names after `position` (at most a few thousand, in order), and
  // the log's position after them; none when nothing changed.
  struct Changes {
    std::vector<std::string> tax_ids;
    int64_t position = 0;
  };
  static domain::Result<Changes> ReadChanges(Connection& main, int64_t position);
  // The records of these enterprises as committed (empty for one with none left).
  static domain::Result<Rows> Read(Connection& main, const std::vector<std::string>& tax_ids);
  void Put(Rows rows);

  // The newest `n` seizures naming `tax_id`, and how many there are.
  risk::Offences Newest(const std::string& tax_id, size_t n) const;
  bool Has(const std::string& tax_id) const {
    return !by_trader_.empty() && by_trader_.contains(tax_id);
  }

 private:
  std::unordered_map<std::string, std::vector<risk::Offence>> by_trader_;
};

}  // namespace haiquan::storage::sqlite
