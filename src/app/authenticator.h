#pragma once

#include <atomic>
#include <chrono>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "app/clock.h"
#include "app/ports/identity_store.h"
#include "domain/principal.h"
#include "domain/result.h"

namespace haiquan::app {

// Turns a bearer token into a principal on every request. Tokens are looked up by their
// keyed hash; answers are cached so the hot path costs one HMAC and a map lookup, and
// re-checked against the store every `recheck`, so that a revocation or a disabled user made by
// another process (the command line) takes effect within that time.
class Authenticator {
 public:
  static constexpr std::string_view kSessionPrefix = "hqs_";
  static constexpr std::string_view kApiKeyPrefix = "hqk_";

  Authenticator(IdentityStore& store, const Clock& clock, std::string pepper,
                std::chrono::milliseconds recheck = std::chrono::seconds(5))
      : store_(store), clock_(clock), pepper_(std::move(pepper)), recheck_(recheck) {}

  domain::Result<domain::Principal> Authenticate(std::string_view token) const;

  // The stored form of a token: hex HMAC-SHA-256 keyed with the pepper.
  std::string TokenHash(std::string_view token) const;
  // Drops cached answers, after a logout, a revocation or a disabled user in this process.
  void Forget(const std::string& token_hash) const;
  void ForgetAll() const;

 private:
  struct Cached {
    domain::Principal principal;
    std::chrono::system_clock::time_point expires;
    std::chrono::steady_clock::time_point checked;
  };

  IdentityStore& store_;
  const Clock& clock_;
  std::string pepper_;
  std::chrono::milliseconds recheck_;
  // Bumped by Forget: an answer read from the store before a revocation must not be cached
  // after it.
  mutable std::atomic<uint64_t> generation_{0};
  mutable std::shared_mutex mu_;
  mutable std::unordered_map<std::string, Cached> cache_;
  static constexpr size_t kCacheLimit = 100000;
};

}  // namespace haiquan::app
