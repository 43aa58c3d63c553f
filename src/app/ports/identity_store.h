#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/result.h"
#include "domain/role.h"

namespace haiquan::app {

struct User {
  int64_t id = 0;
  std::string name;
  domain::Role role = domain::Role::kOfficer;
  std::string trader_tax_id;
  std::string password_hash;  // empty: cannot sign in with a password
  bool disabled = false;
  std::string created_at;
};

// What a bearer token stands for. Tokens are stored only as keyed hashes.
struct Credential {
  User user;
  enum class Kind { kSession, kApiKey } kind = Kind::kSession;
  int64_t id = 0;          // api key id; 0 for sessions
  std::string expires_at;  // empty: no expiry (API keys)
  bool revoked = false;
};

struct ApiKey {
  int64_t id = 0;
  std::string user_name;
  std::string label;
  std::string created_at;
  std::string revoked_at;  // empty while valid
};

// Users, sessions and API keys. Every write records its audit event in the same transaction.
class IdentityStore {
 public:
  virtual ~IdentityStore() = default;

  // Conflict if the name is taken. With a token, also opens a session or an API key for the
  // new user, in the same transaction.
  struct InitialToken {
    std::string hash;
    bool api_key = false;
    std::string expires_at;  // sessions only
  };
  virtual domain::Result<User> CreateUser(const User& user,
                                          const std::optional<InitialToken>& token,
                                          const domain::AuditEvent& audit) = 0;
  virtual domain::Result<User> FindUser(const std::string& name) = 0;
  virtual domain::Result<std::vector<User>> ListUsers() = 0;
  virtual domain::Status SetDisabled(const std::string& name, bool disabled,
                                     const domain::AuditEvent& audit) = 0;
  virtual domain::Status SetPassword(const std::string& name, const std::string& password_hash,
                                     const domain::AuditEvent& audit) = 0;

  virtual domain::Status AddSession(const std::string& token_hash, int64_t user_id,
                                    const std::string& created_at, const std::string& expires_at,
                                    const domain::AuditEvent& audit) = 0;
  virtual domain::Status RevokeSession(const std::string& token_hash,
                                       const domain::AuditEvent& audit) = 0;

  virtual domain::Result<int64_t> AddApiKey(const std::string& token_hash, int64_t user_id,
                                            const std::string& label, const std::string& created_at,
                                            domain::AuditEvent audit) = 0;
  virtual domain::Status RevokeApiKey(int64_t id, const std::string& revoked_at,
                                      const domain::AuditEvent& audit) = 0;
  virtual domain::Result<std::vector<ApiKey>> ListApiKeys() = 0;

  // The session or API key with this token hash, if any (revoked and expired ones included).
  virtual domain::Result<std::optional<Credential>> FindCredential(
      const std::string& token_hash) = 0;

  // Small named values the node keeps about itself (the pepper's check value).
  virtual domain::Result<std::optional<std::string>> GetSetting(const std::string& key) = 0;
  virtual domain::Status PutSetting(const std::string& key, const std::string& value) = 0;
};

}  // namespace haiquan::app
