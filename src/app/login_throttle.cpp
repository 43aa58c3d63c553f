#include "app/login_throttle.h"

namespace haiquan::app {

std::optional<int64_t> LoginThrottle::Check(std::unordered_map<std::string, Window>& m,
                                            const std::string& key, int limit, TimePoint now) {
  auto it = m.find(key);
  if (it == m.end()) return std::nullopt;
  auto ends = it->second.started + limits_.window;
  if (now >= ends) {
    m.erase(it);
    return std::nullopt;
  }
  if (it->second.failures < limit) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::seconds>(ends - now).count() + 1;
}

void LoginThrottle::Count(std::unordered_map<std::string, Window>& m, const std::string& key,
                          TimePoint now) {
  if (m.size() >= kMaxTracked) {
    for (auto it = m.begin(); it != m.end();) {
      it = now >= it->second.started + limits_.window ? m.erase(it) : std::next(it);
    }
  }
  auto [it, inserted] = m.try_emplace(key, Window{now, 0});
  if (now >= it->second.started + limits_.window) it->second = Window{now, 0};
  ++it->second.failures;
}

std::optional<int64_t> LoginThrottle::Blocked(const std::string& account,
                                              const std::string& address, TimePoint now) {
  std::lock_guard lock(mu_);
  auto a = Check(accounts_, account, limits_.per_account, now);
  auto b = Check(addresses_, address, limits_.per_address, now);
  if (a && b) return std::max(*a, *b);
  return a ? a : b;
}

void LoginThrottle::Failed(const std::string& account, const std::string& address, TimePoint now) {
  std::lock_guard lock(mu_);
  Count(accounts_, account, now);
  Count(addresses_, address, now);
}

void LoginThrottle::Succeeded(const std::string& account) {
  std::lock_guard lock(mu_);
  accounts_.erase(account);
}

}  // namespace haiquan::app
