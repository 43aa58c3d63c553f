#include "app/authenticator.h"

#include <mutex>

#include "app/crypto.h"

namespace haiquan::app {
namespace {

using domain::Error;

Error Refused() {
  // One answer for every refusal, so that a caller learns nothing about which tokens exist.
  return Error::Unauthenticated("the bearer token is missing, unknown, expired or revoked");
}

}  // namespace

std::string Authenticator::TokenHash(std::string_view token) const {
  return ToHex(KeyedHash(pepper_, token));
}

void Authenticator::Forget(const std::string& token_hash) const {
  std::unique_lock lock(mu_);
  ++generation_;
  cache_.erase(token_hash);
}

void Authenticator::ForgetAll() const {
  std::unique_lock lock(mu_);
  ++generation_;
  cache_.clear();
}

domain::Result<domain::Principal> Authenticator::Authenticate(std::string_view token) const {
  bool shaped = token.size() > 4 && token.size() <= 128 &&
                (token.substr(0, 4) == kSessionPrefix || token.substr(0, 4) == kApiKeyPrefix);
  if (!shaped) return Refused();
  std::string hash = TokenHash(token);
  auto now = clock_.Now();
  auto steady = std::chrono::steady_clock::now();
  {
    std::shared_lock lock(mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && steady - it->second.checked < recheck_) {
      if (now >= it->second.expires) return Refused();
      return it->second.principal;
    }
  }
  uint64_t generation = generation_.load();
  auto found = store_.FindCredential(hash);
  if (!found.ok()) return found.error();
  if (!found->has_value()) return Refused();
  const Credential& c = **found;
  if (c.revoked || c.user.disabled) {
    Forget(hash);
    return Refused();
  }
  auto expires = std::chrono::system_clock::time_point::max();
  if (!c.expires_at.empty()) {
    auto parsed = ParseTimestamp(c.expires_at);
    if (!parsed) return Refused();
    expires = *parsed;
  }
  if (now >= expires) return Refused();
  domain::Principal p{c.user.id, c.user.name, c.user.role, c.user.trader_tax_id};
  {
    std::unique_lock lock(mu_);
    // A revocation while the store was read: answer this request as read, but do not keep it.
    if (generation_.load() == generation) {
      if (cache_.size() >= kCacheLimit) cache_.clear();
      cache_[hash] = Cached{p, expires, steady};
    }
  }
  return p;
}

}  // namespace haiquan::app
