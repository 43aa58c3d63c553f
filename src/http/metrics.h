#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "app/ports/filing_observer.h"
#include "domain/lane.h"

namespace haiquan::http {

// Prometheus counters and histograms, lock-free on the request path.
class Metrics final : public app::FilingObserver {
 public:
  static constexpr std::array<double, 14> kBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};

  class Histogram {
   public:
    void Observe(double seconds);
    void Render(std::string& out, const std::string& name, const std::string& help) const;

   private:
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> counts_{};
    std::atomic<uint64_t> sum_micros_{0};
  };

  void Filed(domain::Lane lane, bool created, double seconds);
  void Decided(double seconds) override { decision_.Observe(seconds); }
  void Response(unsigned status);
  std::string Render() const;

 private:
  std::array<std::atomic<uint64_t>, 3> filed_by_lane_{};
  std::atomic<uint64_t> duplicates_{0};
  std::array<std::atomic<uint64_t>, 6> responses_by_class_{};  // index status/100
  Histogram filing_;
  Histogram decision_;
};

}  // namespace haiquan::http
