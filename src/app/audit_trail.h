#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "app/caller.h"
#include "app/clock.h"
#include "app/crypto.h"
#include "app/ports/audit_store.h"

namespace haiquan::app {

// Signs the head of the audit chain with the node's Ed25519 key: when it starts, every
// `interval` on a background thread while it lives, and once more when it stops.
class AuditSigner {
 public:
  AuditSigner(AuditStore& store, const Clock& clock, SigningKey key,
              std::chrono::milliseconds interval);
  ~AuditSigner();
  AuditSigner(const AuditSigner&) = delete;
  AuditSigner& operator=(const AuditSigner&) = delete;

  domain::Result<std::optional<domain::AuditCheckpoint>> CheckpointNow();
  const std::string& public_key() const { return key_.public_key_hex(); }

 private:
  void Loop();

  AuditStore& store_;
  const Clock& clock_;
  SigningKey key_;
  std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

// The verdict of walking the whole chain. `problem` names the first entry (or checkpoint) that
// does not hold; empty when the trail is intact.
struct AuditVerdict {
  bool intact = true;
  int64_t entries = 0;
  int64_t checkpoints = 0;
  int64_t last_signed_seq = 0;
  int64_t bad_seq = 0;  // the entry named by `problem`, if it names one
  std::string problem;
};

// Recomputes every link and checks every checkpoint's signature against `trusted_keys` (hex
// Ed25519 public keys held outside the database: a key read from the database could be an
// attacker's).
AuditVerdict VerifyAudit(AuditStore& store, const std::set<std::string>& trusted_keys);

// A supervisor's page of the trail. Reading it is itself recorded.
class ReadAudit {
 public:
  ReadAudit(AuditStore& store, const Clock& clock) : store_(store), clock_(clock) {}
  domain::Result<std::vector<domain::AuditEntry>> Execute(const Caller& caller,
                                                          const AuditQuery& query) const;

 private:
  AuditStore& store_;
  const Clock& clock_;
};

}  // namespace haiquan::app
