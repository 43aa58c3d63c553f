#include "app/audit_trail.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <map>

namespace haiquan::app {

AuditSigner::AuditSigner(AuditStore& store, const Clock& clock, SigningKey key,
                         std::chrono::milliseconds interval)
    : store_(store), clock_(clock), key_(std::move(key)), interval_(interval) {
  // What was appended while no node signed (the command line, a stopped server) is signed now.
  if (auto c = CheckpointNow(); !c.ok()) {
    spdlog::error("audit: checkpoint failed: {}", c.error().message);
  }
  if (interval_.count() > 0)
    thread_ = std::thread([this] {
      pthread_setname_np(pthread_self(), "hq-audit-sign");
      Loop();
    });
}

AuditSigner::~AuditSigner() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
  if (auto c = CheckpointNow(); !c.ok()) {
    spdlog::error("audit: final checkpoint failed: {}", c.error().message);
  }
}

domain::Result<std::optional<domain::AuditCheckpoint>> AuditSigner::CheckpointNow() {
  return store_.Checkpoint(FormatTimestamp(clock_.Now()), key_.public_key_hex(),
                           [this](std::string_view message) { return key_.Sign(message); });
}

void AuditSigner::Loop() {
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    if (auto c = CheckpointNow(); !c.ok()) {
      spdlog::error("audit: checkpoint failed: {}", c.error().message);
    }
    lock.lock();
  }
}

AuditVerdict VerifyAudit(AuditStore& store, const std::set<std::string>& trusted_keys) {
  AuditVerdict v;
  auto checkpoints = store.Checkpoints();
  if (!checkpoints.ok()) {
    v.intact = false;
    v.problem = "cannot read the checkpoints: " + checkpoints.error().message;
    return v;
  }
  // Checkpoints are checked on their own first, then against the chain as it is walked.
  std::map<int64_t, const domain::AuditCheckpoint*> by_seq;
  std::string prev_signature;
  for (auto c : *checkpoints) {
    ++v.checkpoints;
    if (c.id != v.checkpoints) {
      v.intact = false;
      v.problem = "checkpoint " + std::to_string(v.checkpoints) + " is missing: removed (the " +
                  "next one present is " + std::to_string(c.id) + ")";
      return v;
    }
    c.prev_signature = prev_signature;
    if (!trusted_keys.count(c.public_key)) {
      v.intact = false;
      v.problem = "checkpoint " + std::to_string(c.id) + " (entry " + std::to_string(c.seq) +
                  ") is signed by a key that is not trusted: " + c.public_key;
      return v;
    }
    if (!VerifySignature(c.public_key, domain::CheckpointMessage(c), c.signature)) {
      v.intact = false;
      v.problem = "checkpoint " + std::to_string(c.id) + " (entry " + std::to_string(c.seq) +
                  ") has a signature that does not match: the checkpoint was altered";
      return v;
    }
    prev_signature = c.signature;
    by_seq[c.seq] = &(*checkpoints)[static_cast<size_t>(c.id - 1)];
  }

  int64_t expected = 1;
  std::string prev = domain::kAuditGenesis;
  int64_t last_good_checkpoint = 0;
  auto fail = [&](int64_t seq, std::string why) {
    v.intact = false;
    v.bad_seq = seq;
    v.problem = std::move(why);
    return false;
  };
  auto scanned = store.Scan([&](const domain::AuditEntry& e) {
    if (e.seq != expected) {
      if (e.seq > expected) {
        return fail(expected, "entry " + std::to_string(expected) +
                                  " is missing: removed (the next entry present is " +
                                  std::to_string(e.seq) + ")");
      }
      return fail(e.seq, "entry " + std::to_string(e.seq) + " is out of order");
    }
    if (e.prev_hash != prev) {
      return fail(e.seq, "entry " + std::to_string(e.seq) +
                             " does not link to the entry before it: entry " +
                             std::to_string(e.seq) + " or " + std::to_string(e.seq - 1) +
                             " was altered, removed or moved");
    }
    std::string hash = Sha256Hex(domain::CanonicalBytes(e));
    if (hash != e.hash) {
      return fail(e.seq, "entry " + std::to_string(e.seq) +
                             " was altered: its content does not match its hash");
    }
    if (auto it = by_seq.find(e.seq); it != by_seq.end()) {
      if (it->second->head_hash != hash) {
        return fail(last_good_checkpoint + 1,
                    "entries " + std::to_string(last_good_checkpoint + 1) + " to " +
                        std::to_string(e.seq) + " were rewritten: the chain no longer matches " +
                        "checkpoint " + std::to_string(it->second->id) + " signed at " +
                        it->second->at);
      }
      last_good_checkpoint = e.seq;
      v.last_signed_seq = e.seq;
    }
    prev = hash;
    ++expected;
    ++v.entries;
    return true;
  });
  if (!scanned.ok()) {
    v.intact = false;
    v.problem = "cannot read the trail: " + scanned.error().message;
    return v;
  }
  if (!v.intact) return v;
  if (v.entries > 0 && by_seq.empty()) {
    v.intact = false;
    v.bad_seq = 1;
    v.problem = "no signed checkpoint covers the trail: its checkpoints were removed, or no node " +
                std::string("has signed it yet (haiquan audit checkpoint)");
    return v;
  }
  if (!by_seq.empty() && by_seq.rbegin()->first >= expected) {
    const auto& c = *by_seq.rbegin()->second;
    v.intact = false;
    v.bad_seq = expected;
    v.problem = "entries from " + std::to_string(expected) + " on were removed: checkpoint " +
                std::to_string(c.id) + " signed at " + c.at + " covers entry " +
                std::to_string(c.seq);
  }
  return v;
}

domain::Result<std::vector<domain::AuditEntry>> ReadAudit::Execute(const Caller& caller,
                                                                   const AuditQuery& q) const {
  if (q.limit < 1 || q.limit > 1000) {
    return domain::Error::Invalid("bad page size",
                                  {{"/limit", "out_of_range", "must be between 1 and 1000"}});
  }
  auto page = store_.List(q);
  if (!page.ok()) return page;
  std::string detail = q.after_seq ? "after=" + std::to_string(*q.after_seq) : "";
  auto s = store_.AppendAndWait(
      caller.Event(FormatTimestamp(clock_.Now()), "audit.read", "audit", "", "ok", detail));
  if (!s.ok()) return s.error();
  return page;
}

}  // namespace haiquan::app
