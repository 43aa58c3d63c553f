#pragma once

namespace haiquan::app {

// Told how long each risk decision took; the HTTP layer turns it into a metric.
class FilingObserver {
 public:
  virtual ~FilingObserver() = default;
  virtual void Decided(double seconds) = 0;
};

}  // namespace haiquan::app
