#include "app/manage_identity.h"

#include "app/crypto.h"
#include "domain/enterprise.h"

namespace haiquan::app {
namespace {

using domain::Error;
using domain::Role;

constexpr size_t kMinPassword = 10;
constexpr size_t kMaxPassword = 1024;

}  // namespace

domain::Status ManageIdentity::ValidateName(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 64;
  for (char c : name) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                c == '-' || c == '@');
  }
  if (!ok) {
    return Error::Invalid("bad user name",
                          {{"/name", "invalid_name",
                            "1 to 64 characters: lower-case letters, digits, '.', '_', '-', '@'"}});
  }
  return domain::Ok();
}

std::string ManageIdentity::PasswordInput(std::string_view password) const {
  return ToHex(KeyedHash(pepper_, password));
}

const std::string& ManageIdentity::DummyHash() {
  std::call_once(dummy_once_, [this] { dummy_hash_ = HashPassword(PasswordInput("no user")); });
  return dummy_hash_;
}

domain::Result<IssuedToken> ManageIdentity::CreateUser(const Caller& caller, NewUser n) {
  std::vector<domain::FieldError> faults;
  if (auto s = ValidateName(n.name); !s.ok()) faults.push_back(s.error().fields[0]);
  bool bound = n.role == Role::kTrader || n.role == Role::kApiClient;
  if (bound && !domain::IsTaxId(n.trader_tax_id)) {
    faults.push_back({"/traderTaxId", "invalid_tax_id",
                      "a trader user or API client needs the enterprise's tax id (10 digits, "
                      "or 10 digits, '-' and 3 for a branch)"});
  }
  if (!bound && !n.trader_tax_id.empty()) {
    faults.push_back({"/traderTaxId", "not_allowed", "only trader users and API clients have one"});
  }
  if (n.password && (n.password->size() < kMinPassword || n.password->size() > kMaxPassword)) {
    faults.push_back({"/password", "weak_password", "between 10 and 1024 characters"});
  }
  if (!faults.empty()) return Error::Invalid("the user is not valid", std::move(faults));

  auto now = clock_.Now();
  User u;
  u.name = n.name;
  u.role = n.role;
  u.trader_tax_id = n.trader_tax_id;
  if (n.password) u.password_hash = HashPassword(PasswordInput(*n.password));
  u.created_at = FormatTimestamp(now);
  bool api_key = n.role == Role::kApiClient;
  std::string token =
      RandomToken(api_key ? Authenticator::kApiKeyPrefix : Authenticator::kSessionPrefix);
  IdentityStore::InitialToken initial{auth_.TokenHash(token), api_key,
                                      api_key ? "" : FormatTimestamp(now + ttl_)};
  auto created = store_.CreateUser(
      u, initial,
      caller.Event(u.created_at, "user.create", "user", n.name, "ok",
                   "role=" + std::string(domain::ToString(n.role)) +
                       (n.trader_tax_id.empty() ? "" : " trader=" + n.trader_tax_id)));
  if (!created.ok()) return created.error();
  return IssuedToken{*created, token, initial.expires_at};
}

domain::Status ManageIdentity::SetDisabled(const Caller& caller, const std::string& name,
                                           bool disabled) {
  auto s =
      store_.SetDisabled(name, disabled,
                         caller.Event(FormatTimestamp(clock_.Now()),
                                      disabled ? "user.disable" : "user.enable", "user", name));
  if (s.ok()) auth_.ForgetAll();
  return s;
}

namespace {

domain::Status CheckNewPassword(const std::string& password) {
  if (password.size() < kMinPassword || password.size() > kMaxPassword) {
    return Error::Invalid("weak password",
                          {{"/newPassword", "weak_password", "between 10 and 1024 characters"}});
  }
  return domain::Ok();
}

}  // namespace

domain::Status ManageIdentity::ChangePassword(const Caller& caller, const std::string& current,
                                              const std::string& replacement) {
  if (auto s = CheckNewPassword(replacement); !s.ok()) return s;
  auto user = store_.FindUser(caller.principal.name);
  if (!user.ok()) return user.error();
  auto at = FormatTimestamp(clock_.Now());
  if (user->password_hash.empty() || current.size() > kMaxPassword ||
      !VerifyPassword(user->password_hash, PasswordInput(current))) {
    auto e = caller.Event(at, "user.password", "user", user->name, "denied", "wrong password");
    if (auto s = audit_.AppendAndWait(std::move(e)); !s.ok()) return s.error();
    return Error::Forbidden("the current password is wrong", {{"/currentPassword", "wrong_password",
                                                               "is not the current password"}});
  }
  return store_.SetPassword(user->name, HashPassword(PasswordInput(replacement)),
                            caller.Event(at, "user.password", "user", user->name));
}

domain::Status ManageIdentity::ResetPassword(const Caller& caller, const std::string& name,
                                             const std::string& replacement) {
  if (auto s = CheckNewPassword(replacement); !s.ok()) return s;
  return store_.SetPassword(
      name, HashPassword(PasswordInput(replacement)),
      caller.Event(FormatTimestamp(clock_.Now()), "user.password.reset", "user", name));
}

domain::Result<IssuedToken> ManageIdentity::CreateApiKey(const Caller& caller,
                                                         const std::string& user_name,
                                                         const std::string& label) {
  auto user = store_.FindUser(user_name);
  if (!user.ok()) return user.error();
  if (user->role != Role::kApiClient) {
    return Error::Invalid("API keys are for API clients",
                          {{"/user", "not_api_client",
                            user_name + " is a " + std::string(domain::ToString(user->role)) +
                                "; create a user with role api_client for a system"}});
  }
  std::string token = RandomToken(Authenticator::kApiKeyPrefix);
  auto at = FormatTimestamp(clock_.Now());
  auto id = store_.AddApiKey(
      auth_.TokenHash(token), user->id, label, at,
      caller.Event(at, "apikey.create", "user", user_name, "ok",
                   "user=" + user_name + (label.empty() ? "" : " label=" + label)));
  if (!id.ok()) return id.error();
  return IssuedToken{*user, token, "", *id};
}

domain::Status ManageIdentity::RevokeApiKey(const Caller& caller, int64_t id) {
  auto at = FormatTimestamp(clock_.Now());
  auto s =
      store_.RevokeApiKey(id, at, caller.Event(at, "apikey.revoke", "apikey", std::to_string(id)));
  if (s.ok()) auth_.ForgetAll();
  return s;
}

domain::Result<IssuedToken> ManageIdentity::Login(const std::string& name,
                                                  const std::string& password,
                                                  const std::string& remote) {
  auto now = clock_.Now();
  auto at = FormatTimestamp(now);
  if (auto wait = throttle_.Blocked(name, remote, now)) {
    return Error::TooManyRequests("too many failed sign-ins; try again in " +
                                  std::to_string(*wait) + " seconds");
  }
  // A name no user can have is refused before it is counted or recorded: otherwise a flood of
  // made-up names would grow the throttle's memory and the trail.
  if (password.size() > kMaxPassword || !ValidateName(name).ok()) {
    return Error::Unauthenticated("wrong name or password");
  }
  auto user = store_.FindUser(name);
  bool known = user.ok();
  if (!known && user.error().code != domain::ErrorCode::kNotFound) return user.error();
  const std::string& stored =
      known && !user->password_hash.empty() ? user->password_hash : DummyHash();
  bool good = VerifyPassword(stored, PasswordInput(password)) && known &&
              !user->password_hash.empty() && !user->disabled;
  if (!good) {
    throttle_.Failed(name, remote, now);
    Caller claimed;
    claimed.principal.user_id = known ? user->id : -1;
    claimed.principal.name = name;
    claimed.remote = remote;
    auto e =
        claimed.Event(at, "auth.login", "user", name, "denied",
                      known ? (user->disabled ? "disabled" : "wrong password") : "no such user");
    e.role = known ? std::string(domain::ToString(user->role)) : "";
    if (auto s = audit_.AppendAndWait(std::move(e)); !s.ok()) return s.error();
    return Error::Unauthenticated("wrong name or password");
  }
  throttle_.Succeeded(name);
  std::string token = RandomToken(Authenticator::kSessionPrefix);
  std::string expires = FormatTimestamp(now + ttl_);
  Caller who;
  who.principal = {user->id, user->name, user->role, user->trader_tax_id};
  who.remote = remote;
  auto s = store_.AddSession(auth_.TokenHash(token), user->id, at, expires,
                             who.Event(at, "auth.login", "user", name));
  if (!s.ok()) return s.error();
  return IssuedToken{*user, token, expires};
}

domain::Status ManageIdentity::Logout(const Caller& caller, const std::string& token) {
  if (token.rfind(Authenticator::kApiKeyPrefix, 0) == 0) {
    return Error::Conflict("an API key is not a session: an administrator revokes it");
  }
  std::string hash = auth_.TokenHash(token);
  auto at = FormatTimestamp(clock_.Now());
  auto s =
      store_.RevokeSession(hash, caller.Event(at, "auth.logout", "user", caller.principal.name));
  auth_.Forget(hash);
  return s;
}

}  // namespace haiquan::app
