#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace haiquan::app {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now();
  }
};

// A clock that reads what it was set to: demo data in the past, tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::chrono::system_clock::time_point t) : now_(t) {}
  std::chrono::system_clock::time_point Now() const override { return now_; }
  void Set(std::chrono::system_clock::time_point t) { now_ = t; }

 private:
  std::chrono::system_clock::time_point now_;
};

// RFC 3339 UTC with milliseconds: "2026-11-22T17:25:54.123Z". Sorts as it reads.
std::string FormatTimestamp(std::chrono::system_clock::time_point t);
// "2026-11-22"
std::string FormatDate(std::chrono::system_clock::time_point t);
// Reads what FormatTimestamp writes; nullopt for anything else.
std::optional<std::chrono::system_clock::time_point> ParseTimestamp(std::string_view s);

}  // namespace haiquan::app
