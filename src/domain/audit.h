#pragma once

#include <cstdint>
#include <string>

namespace haiquan::domain {

// One thing that happened, as the audit trail records it: who, when, what, which record, from
// where, and how it ended ("ok", "denied", "not_found", "failed", "duplicate").
struct AuditEvent {
  std::string at;  // RFC 3339 UTC
  std::string actor;
  std::string role;
  std::string action;  // "declaration.file", "declaration.read", "auth.login", ...
  std::string record_type;
  std::string record_id;
  std::string remote;
  std::string outcome = "ok";
  std::string detail;
};

// An event's place in the hash chain: `hash` covers `seq`, the event and `prev_hash`, so that
// changing, removing or reordering any entry breaks every link after it.
struct AuditEntry {
  int64_t seq = 0;
  AuditEvent event;
  std::string prev_hash;  // hex; the genesis value for the first entry
  std::string hash;       // hex SHA-256 of CanonicalBytes
};

// What the node signs at intervals: the head of the chain at `seq`. Checkpoints are numbered
// 1, 2, 3... and each signature covers the previous checkpoint's, so that one cannot be removed
// from the middle or edited unnoticed.
struct AuditCheckpoint {
  int64_t id = 0;
  int64_t seq = 0;
  std::string head_hash;
  std::string at;
  std::string public_key;      // hex Ed25519
  std::string signature;       // hex
  std::string prev_signature;  // of checkpoint id - 1; empty for the first (not stored)
};

inline constexpr const char* kAuditGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The bytes an entry's hash covers: every field length-prefixed, so that no two different
// entries share an encoding. Changing this breaks every stored chain.
std::string CanonicalBytes(const AuditEntry& entry);
// The bytes a checkpoint's signature covers.
std::string CheckpointMessage(const AuditCheckpoint& checkpoint);

}  // namespace haiquan::domain
