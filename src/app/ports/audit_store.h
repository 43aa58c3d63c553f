#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/result.h"

namespace haiquan::app {

struct AuditQuery {
  std::optional<int64_t> after_seq;  // keyset paging, oldest first
  std::optional<std::string> actor;
  std::optional<std::string> action;
  std::optional<std::string> record_type;
  std::optional<std::string> record_id;
  int limit = 100;
};

// The tamper-evident trail. Writes of other records append their entries inside their own
// transactions; Append is for events with no change of their own (reads, refusals, logins).
class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // Appends in its own commit; `done` runs once the entry is durable, on a storage thread.
  virtual void Append(domain::AuditEvent event, std::function<void(domain::Status)> done) = 0;
  domain::Status AppendAndWait(domain::AuditEvent event) {
    std::promise<domain::Status> p;
    auto f = p.get_future();
    Append(std::move(event), [&p](domain::Status s) { p.set_value(std::move(s)); });
    return f.get();
  }

  virtual domain::Result<std::vector<domain::AuditEntry>> List(const AuditQuery& query) = 0;
  // Every entry in sequence order, as stored (for verification); stop by returning false.
  virtual domain::Status Scan(const std::function<bool(const domain::AuditEntry&)>& visit) = 0;
  virtual domain::Result<std::vector<domain::AuditCheckpoint>> Checkpoints() = 0;

  // Signs the head of the chain if it moved since the last checkpoint; the new checkpoint, or
  // nothing if there was nothing new to sign.
  using Signer = std::function<std::string(std::string_view message)>;
  virtual domain::Result<std::optional<domain::AuditCheckpoint>> Checkpoint(
      const std::string& at, const std::string& public_key, const Signer& sign) = 0;
};

}  // namespace haiquan::app
