#include "http/metrics.h"

#include <cstdio>

namespace haiquan::http {

void Metrics::Histogram::Observe(double seconds) {
  size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

void Metrics::Histogram::Render(std::string& out, const std::string& name,
                                const std::string& help) const {
  out += "# HELP " + name + " " + help + "\n# TYPE " + name + " histogram\n";
  uint64_t cumulative = 0;
  char buf[160];
  for (size_t i = 0; i <= kBuckets.size(); ++i) {
    cumulative += counts_[i].load(std::memory_order_relaxed);
    if (i < kBuckets.size()) {
      std::snprintf(buf, sizeof buf, "%s_bucket{le=\"%g\"} %llu\n", name.c_str(), kBuckets[i],
                    static_cast<unsigned long long>(cumulative));
    } else {
      std::snprintf(buf, sizeof buf, "%s_bucket{le=\"+Inf\"} %llu\n", name.c_str(),
                    static_cast<unsigned long long>(cumulative));
    }
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "%s_sum %.6f\n%s_count %llu\n", name.c_str(),
                static_cast<double>(sum_micros_.load(std::memory_order_relaxed)) / 1e6,
                name.c_str(), static_cast<unsigned long long>(cumulative));
  out += buf;
}

void Metrics::Filed(domain::Lane lane, bool created, double seconds) {
  if (created) {
    filed_by_lane_[static_cast<size_t>(lane)].fetch_add(1, std::memory_order_relaxed);
  } else {
    duplicates_.fetch_add(1, std::memory_order_relaxed);
  }
  filing_.Observe(seconds);
}

void Metrics::Response(unsigned status) {
  size_t cls = status / 100;
  if (cls < responses_by_class_.size()) {
    responses_by_class_[cls].fetch_add(1, std::memory_order_relaxed);
  }
}

std::string Metrics::Render() const {
  std::string out;
  out += "# HELP haiquan_declarations_filed_total Declarations filed and committed, by lane.\n";
  out += "# TYPE haiquan_declarations_filed_total counter\n";
  for (domain::Lane lane : {domain::Lane::kGreen, domain::Lane::kYellow, domain::Lane::kRed}) {
    out += "haiquan_declarations_filed_total{lane=\"" + std::string(domain::ToString(lane)) +
           "\"} " + std::to_string(filed_by_lane_[static_cast<size_t>(lane)].load()) + "\n";
  }
  out += "# HELP haiquan_declarations_duplicate_total Filings answered with an earlier decision.\n";
  out += "# TYPE haiquan_declarations_duplicate_total counter\n";
  out += "haiquan_declarations_duplicate_total " + std::to_string(duplicates_.load()) + "\n";
  out += "# HELP haiquan_http_responses_total HTTP responses by status class.\n";
  out += "# TYPE haiquan_http_responses_total counter\n";
  for (size_t c = 1; c < responses_by_class_.size(); ++c) {
    out += "haiquan_http_responses_total{class=\"" + std::to_string(c) + "xx\"} " +
           std::to_string(responses_by_class_[c].load()) + "\n";
  }
  filing_.Render(out, "haiquan_filing_duration_seconds",
                 "From request received to decision committed, for filings.");
  decision_.Render(out, "haiquan_decision_duration_seconds",
                   "Time the risk engine takes to decide a lane.");
  return out;
}

}  // namespace haiquan::http
