#include "app/authenticator.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <thread>

#include "app/crypto.h"

namespace haiquan::app {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

// Only FindCredential matters to the authenticator; the rest of the port is never called, and
// fails loudly if it is.
class FakeIdentityStore final : public IdentityStore {
 public:
  std::map<std::string, Credential> credentials;  // by token hash
  int lookups = 0;
  std::optional<domain::Error> failure;
  // Runs after the answer is read and before it is returned: another writer's moment.
  std::function<void()> after_read;

  domain::Result<std::optional<Credential>> FindCredential(const std::string& hash) override {
    ++lookups;
    if (failure) return *failure;
    auto it = credentials.find(hash);
    if (it == credentials.end()) return std::optional<Credential>();
    std::optional<Credential> found(it->second);
    if (after_read) after_read();
    return found;
  }

  domain::Result<User> CreateUser(const User&, const std::optional<InitialToken>&,
                                  const domain::AuditEvent&) override {
    return Unexpected();
  }
  domain::Result<User> FindUser(const std::string&) override { return Unexpected(); }
  domain::Result<std::vector<User>> ListUsers() override { return Unexpected(); }
  domain::Status SetDisabled(const std::string&, bool, const domain::AuditEvent&) override {
    return Unexpected();
  }
  domain::Status SetPassword(const std::string&, const std::string&,
                             const domain::AuditEvent&) override {
    return Unexpected();
  }
  domain::Status AddSession(const std::string&, int64_t, const std::string&, const std::string&,
                            const domain::AuditEvent&) override {
    return Unexpected();
  }
  domain::Status RevokeSession(const std::string&, const domain::AuditEvent&) override {
    return Unexpected();
  }
  domain::Result<int64_t> AddApiKey(const std::string&, int64_t, const std::string&,
                                    const std::string&, domain::AuditEvent) override {
    return Unexpected();
  }
  domain::Status RevokeApiKey(int64_t, const std::string&, const domain::AuditEvent&) override {
    return Unexpected();
  }
  domain::Result<std::vector<ApiKey>> ListApiKeys() override { return Unexpected(); }
  domain::Result<std::optional<std::string>> GetSetting(const std::string&) override {
    return Unexpected();
  }
  domain::Status PutSetting(const std::string&, const std::string&) override {
    return Unexpected();
  }

 private:
  static domain::Error Unexpected() {
    ADD_FAILURE() << "the authenticator used more of the identity store than FindCredential";
    return domain::Error::Unavailable("not faked");
  }
};

class AuthenticatorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitCrypto(); }

  // A session of `user` that expires an hour after the clock's start.
  Credential& AddSession(const std::string& token, const std::string& user = "an.nguyen",
                         domain::Role role = domain::Role::kOfficer,
                         const std::string& trader = "") {
    Credential c;
    c.user.id = static_cast<int64_t>(store_.credentials.size()) + 1;
    c.user.name = user;
    c.user.role = role;
    c.user.trader_tax_id = trader;
    c.kind = Credential::Kind::kSession;
    c.expires_at = FormatTimestamp(start_ + hours(1));
    return store_.credentials[Hash(token)] = c;
  }
  std::string Hash(const std::string& token) const {
    return Authenticator(store_, clock_, kPepper).TokenHash(token);
  }

  static constexpr const char* kPepper = "0123456789abcdef0123456789abcdef";
  const std::chrono::system_clock::time_point start_ =
      ParseTimestamp("2026-11-22T08:00:00.000Z").value();
  mutable FakeIdentityStore store_;
  ManualClock clock_{start_};
};

TEST_F(AuthenticatorTest, BadlyShapedTokensAreRefusedWithoutAStoreLookup) {
  Authenticator auth(store_, clock_, kPepper);
  for (std::string token : {std::string(""), std::string("hqs_"), std::string("garbage"),
                            std::string("hqx_abcdefghijkl"), std::string("HQS_abcdefghijkl"),
                            "hqs_" + std::string(125, 'a')}) {
    auto r = auth.Authenticate(token);
    ASSERT_FALSE(r.ok()) << token;
    EXPECT_EQ(r.error().code, domain::ErrorCode::kUnauthenticated) << token;
  }
  // Cheap refusals: a flood of junk must not reach the database.
  EXPECT_EQ(store_.lookups, 0);
}

TEST_F(AuthenticatorTest, UnknownTokenIsRefusedWithTheSameAnswer) {
  AddSession("hqs_known-token-1");
  Authenticator auth(store_, clock_, kPepper);
  auto unknown = auth.Authenticate("hqs_unknown-token");
  auto junk = auth.Authenticate("junk");
  ASSERT_FALSE(unknown.ok());
  ASSERT_FALSE(junk.ok());
  EXPECT_EQ(unknown.error().code, domain::ErrorCode::kUnauthenticated);
  // Nothing tells a caller whether a token exists.
  EXPECT_EQ(unknown.error().message, junk.error().message);
}

TEST_F(AuthenticatorTest, ValidSessionGivesItsPrincipal) {
  AddSession("hqs_trader-session", "minh.phat", domain::Role::kTrader, "0101234567");
  Authenticator auth(store_, clock_, kPepper);
  auto who = auth.Authenticate("hqs_trader-session");
  ASSERT_TRUE(who.ok()) << who.error().message;
  EXPECT_EQ(who->name, "minh.phat");
  EXPECT_EQ(who->role, domain::Role::kTrader);
  EXPECT_EQ(who->trader_tax_id, "0101234567");
  EXPECT_EQ(who->user_id, 1);
  // The store is asked by keyed hash, never by the token itself.
  EXPECT_EQ(store_.credentials.count("hqs_trader-session"), 0u);
}

TEST_F(AuthenticatorTest, ApiKeyWithoutExpiryIsAccepted) {
  Credential& c =
      AddSession("hqk_system-key", "erp.minhphat", domain::Role::kApiClient, "0101234567");
  c.kind = Credential::Kind::kApiKey;
  c.expires_at.clear();
  Authenticator auth(store_, clock_, kPepper);
  clock_.Set(start_ + hours(24 * 365));
  auto who = auth.Authenticate("hqk_system-key");
  ASSERT_TRUE(who.ok()) << who.error().message;
  EXPECT_EQ(who->role, domain::Role::kApiClient);
}

TEST_F(AuthenticatorTest, ADifferentPepperFindsNothing) {
  AddSession("hqs_peppered");
  Authenticator other(store_, clock_, "another pepper, another database");
  EXPECT_FALSE(other.Authenticate("hqs_peppered").ok());
  EXPECT_NE(other.TokenHash("hqs_peppered"), Hash("hqs_peppered"));
}

TEST_F(AuthenticatorTest, ExpiredSessionIsRefused) {
  AddSession("hqs_expiring");
  Authenticator auth(store_, clock_, kPepper);
  clock_.Set(start_ + hours(1));  // expiry is exclusive
  EXPECT_FALSE(auth.Authenticate("hqs_expiring").ok());
}

TEST_F(AuthenticatorTest, CachedSessionIsRefusedOnceItExpires) {
  AddSession("hqs_cached-expiring");
  // The cache must not outlive the session, however long it is trusted.
  Authenticator auth(store_, clock_, kPepper, hours(1));
  ASSERT_TRUE(auth.Authenticate("hqs_cached-expiring").ok());
  clock_.Set(start_ + hours(1) + milliseconds(1));
  auto r = auth.Authenticate("hqs_cached-expiring");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, domain::ErrorCode::kUnauthenticated);
  EXPECT_EQ(store_.lookups, 1);
}

TEST_F(AuthenticatorTest, UnreadableExpiryIsRefused) {
  AddSession("hqs_bad-expiry").expires_at = "tomorrow";
  Authenticator auth(store_, clock_, kPepper);
  EXPECT_FALSE(auth.Authenticate("hqs_bad-expiry").ok());
}

TEST_F(AuthenticatorTest, RevokedTokenIsRefused) {
  AddSession("hqs_revoked").revoked = true;
  Authenticator auth(store_, clock_, kPepper);
  EXPECT_FALSE(auth.Authenticate("hqs_revoked").ok());
}

TEST_F(AuthenticatorTest, RevocationByAnotherProcessTakesEffectAfterTheRecheck) {
  Credential& c = AddSession("hqs_revoked-elsewhere");
  Authenticator auth(store_, clock_, kPepper, milliseconds(20));
  ASSERT_TRUE(auth.Authenticate("hqs_revoked-elsewhere").ok());
  c.revoked = true;  // the command line writes the database; this process is not told
  std::this_thread::sleep_for(milliseconds(40));
  auto r = auth.Authenticate("hqs_revoked-elsewhere");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, domain::ErrorCode::kUnauthenticated);
  EXPECT_EQ(store_.lookups, 2);
  // And it stays refused: the refusal is not cached as the old answer.
  EXPECT_FALSE(auth.Authenticate("hqs_revoked-elsewhere").ok());
}

TEST_F(AuthenticatorTest, DisabledUserIsRefused) {
  AddSession("hqs_disabled").user.disabled = true;
  Authenticator auth(store_, clock_, kPepper);
  EXPECT_FALSE(auth.Authenticate("hqs_disabled").ok());
}

TEST_F(AuthenticatorTest, DisabledUserIsRefusedAtOnceAfterForgetAll) {
  Credential& c = AddSession("hqs_disabled-here");
  Authenticator auth(store_, clock_, kPepper, hours(1));
  ASSERT_TRUE(auth.Authenticate("hqs_disabled-here").ok());
  c.user.disabled = true;
  auth.ForgetAll();  // what disabling through this process does
  EXPECT_FALSE(auth.Authenticate("hqs_disabled-here").ok());
}

// Disabling through the API promises an immediate effect. A lookup that read the user just
// before the change must not put its stale answer back into the cache after ForgetAll.
TEST_F(AuthenticatorTest, DisableDuringALookupIsNotUndoneByItsCache) {
  Credential& c = AddSession("hqs_racing");
  Authenticator auth(store_, clock_, kPepper, hours(1));
  store_.after_read = [&] {
    if (c.user.disabled) return;
    c.user.disabled = true;  // an administrator's request on another thread commits...
    auth.ForgetAll();        // ...and clears the cache, while this lookup is in flight
  };
  EXPECT_TRUE(auth.Authenticate("hqs_racing").ok());  // began before the change: fine
  EXPECT_FALSE(auth.Authenticate("hqs_racing").ok());
}

TEST_F(AuthenticatorTest, LogoutIsRefusedAtOnceAfterForget) {
  Credential& c = AddSession("hqs_logged-out");
  Authenticator auth(store_, clock_, kPepper, hours(1));
  ASSERT_TRUE(auth.Authenticate("hqs_logged-out").ok());
  c.revoked = true;
  auth.Forget(auth.TokenHash("hqs_logged-out"));
  EXPECT_FALSE(auth.Authenticate("hqs_logged-out").ok());
}

TEST_F(AuthenticatorTest, CacheHitDoesNotAskTheStoreWithinTheRecheck) {
  AddSession("hqs_hot-path");
  AddSession("hqs_other", "other.user");
  Authenticator auth(store_, clock_, kPepper, hours(1));
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(auth.Authenticate("hqs_hot-path").ok());
  EXPECT_EQ(store_.lookups, 1);
  // Each token has its own entry.
  auto other = auth.Authenticate("hqs_other");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->name, "other.user");
  EXPECT_EQ(store_.lookups, 2);
}

TEST_F(AuthenticatorTest, UnknownTokensAreAskedForEveryTime) {
  Authenticator auth(store_, clock_, kPepper, hours(1));
  EXPECT_FALSE(auth.Authenticate("hqs_not-yet").ok());
  // A token created by another process a moment later must work at once.
  AddSession("hqs_not-yet");
  EXPECT_TRUE(auth.Authenticate("hqs_not-yet").ok());
}

TEST_F(AuthenticatorTest, StorageFailureIsNotARefusal) {
  AddSession("hqs_storage-down");
  store_.failure = domain::Error::Unavailable("disk on fire");
  Authenticator auth(store_, clock_, kPepper);
  auto r = auth.Authenticate("hqs_storage-down");
  ASSERT_FALSE(r.ok());
  // 503 and retry, not 401: the client's token is fine.
  EXPECT_EQ(r.error().code, domain::ErrorCode::kUnavailable);
  store_.failure.reset();
  EXPECT_TRUE(auth.Authenticate("hqs_storage-down").ok());
}

}  // namespace
}  // namespace haiquan::app
