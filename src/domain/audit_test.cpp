#include "domain/audit.h"

#include <gtest/gtest.h>

namespace haiquan::domain {
namespace {

TEST(Audit, EncodingSeparatesFields) {
  AuditEntry a, b;
  a.event.actor = "ab";
  a.event.role = "c";
  b.event.actor = "a";
  b.event.role = "bc";
  EXPECT_NE(CanonicalBytes(a), CanonicalBytes(b));
}

TEST(Audit, EncodingCoversSequenceAndLink) {
  AuditEntry a;
  a.seq = 1;
  a.prev_hash = kAuditGenesis;
  AuditEntry b = a;
  b.seq = 2;
  EXPECT_NE(CanonicalBytes(a), CanonicalBytes(b));
  b = a;
  b.prev_hash = "ff";
  EXPECT_NE(CanonicalBytes(a), CanonicalBytes(b));
  b = a;
  b.hash = "anything";  // the stored hash is not part of what it covers
  EXPECT_EQ(CanonicalBytes(a), CanonicalBytes(b));
}

TEST(Audit, CheckpointMessageCoversHeadAndKey) {
  AuditCheckpoint c{1, 10, "aa", "2026-11-22T00:00:00.000Z", "k1", "", ""};
  AuditCheckpoint d = c;
  d.prev_signature = "ab";  // checkpoints chain: the previous signature is covered
  EXPECT_NE(CheckpointMessage(c), CheckpointMessage(d));
  d = c;
  d.id = 2;
  EXPECT_NE(CheckpointMessage(c), CheckpointMessage(d));
  d = c;
  d.public_key = "k2";
  EXPECT_NE(CheckpointMessage(c), CheckpointMessage(d));
  d = c;
  d.seq = 11;
  EXPECT_NE(CheckpointMessage(c), CheckpointMessage(d));
}

}  // namespace
}  // namespace haiquan::domain
