#include "app/login_throttle.h"

#include <gtest/gtest.h>

namespace haiquan::app {
namespace {

using std::chrono::seconds;

class LoginThrottleTest : public ::testing::Test {
 protected:
  // Small limits keep the sequences readable; the defaults are checked on their own.
  LoginThrottle throttle_{LoginThrottle::Limits{3, 5, seconds(60)}};
  const LoginThrottle::TimePoint t0_{std::chrono::system_clock::from_time_t(1795000000)};
};

TEST_F(LoginThrottleTest, NothingIsBlockedAtFirst) {
  EXPECT_FALSE(throttle_.Blocked("alice", "10.0.0.1", t0_));
}

TEST_F(LoginThrottleTest, AccountIsBlockedAfterItsLimitFromAnyAddress) {
  throttle_.Failed("alice", "10.0.0.1", t0_);
  throttle_.Failed("alice", "10.0.0.2", t0_);
  EXPECT_FALSE(throttle_.Blocked("alice", "10.0.0.1", t0_ + seconds(1)));
  throttle_.Failed("alice", "10.0.0.3", t0_ + seconds(10));
  // Spreading guesses over addresses does not get around the account's limit.
  auto wait = throttle_.Blocked("alice", "10.0.0.9", t0_ + seconds(10));
  ASSERT_TRUE(wait);
  // The window runs from the first failure: 50 s left, rounded up.
  EXPECT_EQ(*wait, 51);
  // Other accounts from the same addresses are not affected.
  EXPECT_FALSE(throttle_.Blocked("bob", "10.0.0.1", t0_ + seconds(10)));
}

TEST_F(LoginThrottleTest, AddressIsBlockedAfterItsLimitForEveryAccount) {
  for (const char* account : {"a1", "a2", "a3", "a4"}) {
    throttle_.Failed(account, "10.0.0.1", t0_);
  }
  EXPECT_FALSE(throttle_.Blocked("a5", "10.0.0.1", t0_));
  throttle_.Failed("a5", "10.0.0.1", t0_ + seconds(30));
  // One address trying many accounts (password spraying) is stopped, even for an account it
  // has not tried yet.
  auto wait = throttle_.Blocked("fresh", "10.0.0.1", t0_ + seconds(30));
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 31);
  EXPECT_FALSE(throttle_.Blocked("fresh", "10.0.0.2", t0_ + seconds(30)));
}

TEST_F(LoginThrottleTest, TheLongerOfTwoBlocksIsAnswered) {
  for (int i = 0; i < 5; ++i) throttle_.Failed("x" + std::to_string(i), "10.0.0.1", t0_);
  for (int i = 0; i < 3; ++i) throttle_.Failed("alice", "10.0.0.2", t0_ + seconds(20));
  auto wait = throttle_.Blocked("alice", "10.0.0.1", t0_ + seconds(20));
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 61);  // the account's window started later and ends later
}

TEST_F(LoginThrottleTest, BlockEndsWhenTheWindowHasPassed) {
  for (int i = 0; i < 3; ++i) throttle_.Failed("alice", "10.0.0.1", t0_ + seconds(i));
  EXPECT_TRUE(throttle_.Blocked("alice", "10.0.0.1", t0_ + seconds(59)));
  EXPECT_FALSE(throttle_.Blocked("alice", "10.0.0.1", t0_ + seconds(60)));
  // A fresh window: one more failure does not block again.
  throttle_.Failed("alice", "10.0.0.1", t0_ + seconds(61));
  EXPECT_FALSE(throttle_.Blocked("alice", "10.0.0.1", t0_ + seconds(62)));
}

TEST_F(LoginThrottleTest, FailuresOutsideTheWindowDoNotAddUp) {
  throttle_.Failed("alice", "10.0.0.1", t0_);
  throttle_.Failed("alice", "10.0.0.1", t0_ + seconds(10));
  // Without a check in between, the stale window must still be restarted by the next failure.
  throttle_.Failed("alice", "10.0.0.1", t0_ + seconds(70));
  EXPECT_FALSE(throttle_.Blocked("alice", "10.0.0.1", t0_ + seconds(71)));
}

TEST_F(LoginThrottleTest, SuccessClearsTheAccountButNotTheAddress) {
  throttle_.Failed("alice", "10.0.0.1", t0_);
  throttle_.Failed("alice", "10.0.0.1", t0_);
  throttle_.Succeeded("alice");
  throttle_.Failed("alice", "10.0.0.1", t0_ + seconds(1));
  throttle_.Failed("alice", "10.0.0.1", t0_ + seconds(1));
  // Four failures in the window, but only two since the success.
  EXPECT_FALSE(throttle_.Blocked("alice", "10.0.0.1", t0_ + seconds(2)));
  // The address keeps counting: one good account of its own must not reset an attacker's
  // budget for guessing others.
  throttle_.Failed("bob", "10.0.0.1", t0_ + seconds(2));
  EXPECT_TRUE(throttle_.Blocked("carol", "10.0.0.1", t0_ + seconds(3)));
}

TEST(LoginThrottleDefaults, FiveFailuresLockAnAccountForFifteenMinutes) {
  LoginThrottle throttle;
  auto t0 = std::chrono::system_clock::from_time_t(1795000000);
  for (int i = 0; i < 4; ++i) throttle.Failed("alice", "10.0.0.1", t0);
  EXPECT_FALSE(throttle.Blocked("alice", "10.0.0.1", t0));
  throttle.Failed("alice", "10.0.0.1", t0);
  auto wait = throttle.Blocked("alice", "10.0.0.1", t0);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 15 * 60 + 1);
  EXPECT_FALSE(throttle.Blocked("alice", "10.0.0.1", t0 + seconds(15 * 60)));
}

}  // namespace
}  // namespace haiquan::app
