#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/authenticator.h"
#include "app/caller.h"
#include "app/clock.h"
#include "app/login_throttle.h"
#include "app/ports/audit_store.h"
#include "app/ports/identity_store.h"

namespace haiquan::app {

struct IssuedToken {
  User user;
  std::string token;       // shown once, never stored
  std::string expires_at;  // empty for API keys
  int64_t api_key_id = 0;  // for API keys made with CreateApiKey: what revokes it
};

struct NewUser {
  std::string name;
  domain::Role role = domain::Role::kOfficer;
  std::string trader_tax_id;
  std::optional<std::string> password;
};

// P1: users, sign-in, sessions and API keys. Passwords and tokens are keyed with the pepper
// before they are hashed, so a copy of the database alone cannot be used to test guesses.
class ManageIdentity {
 public:
  ManageIdentity(IdentityStore& store, AuditStore& audit, const Authenticator& auth,
                 const Clock& clock, std::string pepper,
                 std::chrono::seconds session_ttl = std::chrono::hours(12))
      : store_(store),
        audit_(audit),
        auth_(auth),
        clock_(clock),
        pepper_(std::move(pepper)),
        ttl_(session_ttl) {}

  // Creates the user and, in the same commit, its first token: an API key for API clients,
  // a session for everyone else.
  domain::Result<IssuedToken> CreateUser(const Caller& caller, NewUser user);
  domain::Result<std::vector<User>> ListUsers() const { return store_.ListUsers(); }
  domain::Status SetDisabled(const Caller& caller, const std::string& name, bool disabled);
  // The caller's own password, proving the current one. Slow (Argon2id twice).
  domain::Status ChangePassword(const Caller& caller, const std::string& current,
                                const std::string& replacement);
  // Any user's, from the command line (an administrator with the database).
  domain::Status ResetPassword(const Caller& caller, const std::string& name,
                               const std::string& replacement);

  domain::Result<IssuedToken> CreateApiKey(const Caller& caller, const std::string& user_name,
                                           const std::string& label);
  domain::Status RevokeApiKey(const Caller& caller, int64_t id);
  domain::Result<std::vector<ApiKey>> ListApiKeys() const { return store_.ListApiKeys(); }

  // Slow on purpose (Argon2id): run it off the I/O threads.
  domain::Result<IssuedToken> Login(const std::string& name, const std::string& password,
                                    const std::string& remote);
  domain::Status Logout(const Caller& caller, const std::string& token);

  static domain::Status ValidateName(const std::string& name);

 private:
  std::string PasswordInput(std::string_view password) const;
  const std::string& DummyHash();

  IdentityStore& store_;
  AuditStore& audit_;
  const Authenticator& auth_;
  const Clock& clock_;
  std::string pepper_;
  std::chrono::seconds ttl_;
  LoginThrottle throttle_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace haiquan::app
