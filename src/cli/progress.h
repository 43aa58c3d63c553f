#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace haiquan::cli {

// A one-line progress bar on stderr, redrawn at most ten times a second; a plain final line
// when stderr is not a terminal.
class Progress {
 public:
  Progress(std::string label, size_t total)
      : label_(std::move(label)), total_(total), tty_(isatty(2)) {}

  void Update(size_t done) {
    auto now = std::chrono::steady_clock::now();
    if (done < total_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    if (!tty_) return;
    int width = 30;
    int filled = total_ ? static_cast<int>(width * done / total_) : width;
    std::fprintf(stderr, "\r%s [%s%s] %zu/%zu", label_.c_str(), std::string(filled, '#').c_str(),
                 std::string(width - filled, '.').c_str(), done, total_);
    std::fflush(stderr);
  }

  void Finish() {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (tty_) std::fprintf(stderr, "\n");
    std::fprintf(stderr, "%s: %zu done in %.1f s\n", label_.c_str(), total_, s);
  }

 private:
  std::string label_;
  size_t total_;
  bool tty_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace haiquan::cli
