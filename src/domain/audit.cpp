#include "domain/audit.h"

namespace haiquan::domain {
namespace {

void Put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

}  // namespace

std::string CanonicalBytes(const AuditEntry& e) {
  std::string out = "haiquan-audit-v1;";
  Put(out, std::to_string(e.seq));
  Put(out, e.event.at);
  Put(out, e.event.actor);
  Put(out, e.event.role);
  Put(out, e.event.action);
  Put(out, e.event.record_type);
  Put(out, e.event.record_id);
  Put(out, e.event.remote);
  Put(out, e.event.outcome);
  Put(out, e.event.detail);
  Put(out, e.prev_hash);
  return out;
}

std::string CheckpointMessage(const AuditCheckpoint& c) {
  std::string out = "haiquan-audit-checkpoint-v1;";
  Put(out, std::to_string(c.id));
  Put(out, std::to_string(c.seq));
  Put(out, c.head_hash);
  Put(out, c.at);
  Put(out, c.public_key);
  Put(out, c.prev_signature);
  return out;
}

}  // namespace haiquan::domain
