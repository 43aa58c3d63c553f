#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace haiquan::app {

// Limits password guessing: after `per_account` failures for one account, or `per_address`
// failures from one address, within `window`, further attempts are refused until the window
// since the first of them has passed. Kept in memory: a restart forgets, which costs an
// attacker a restart per window.
class LoginThrottle {
 public:
  struct Limits {
    int per_account = 5;
    int per_address = 20;
    std::chrono::seconds window{15 * 60};
  };
  LoginThrottle() : LoginThrottle(Limits{}) {}
  explicit LoginThrottle(Limits limits) : limits_(limits) {}

  using TimePoint = std::chrono::system_clock::time_point;
  // Seconds to wait before trying again, or nullopt if the attempt may go ahead.
  std::optional<int64_t> Blocked(const std::string& account, const std::string& address,
                                 TimePoint now);
  void Failed(const std::string& account, const std::string& address, TimePoint now);
  void Succeeded(const std::string& account);

 private:
  struct Window {
    TimePoint started;
    int failures = 0;
  };
  std::optional<int64_t> Check(std::unordered_map<std::string, Window>& m, const std::string& key,
                               int limit, TimePoint now);
  void Count(std::unordered_map<std::string, Window>& m, const std::string& key, TimePoint now);

  Limits limits_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> accounts_;
  std::unordered_map<std::string, Window> addresses_;
  static constexpr size_t kMaxTracked = 100000;
};

}  // namespace haiquan::app
