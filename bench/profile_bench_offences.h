#pragma once

#include <cstdint>
#include <string>

namespace haiquan::bench {

// `profile_bench offences`: seizures naming registered traders, so that `measure` times the
// checks with a compliance record to read (ANOMALY:PRIOR_OFFENCE, LINKED_VIOLATOR).
struct OffenceOptions {
  std::string db;
  double share = 0.02;  // of the registered enterprises, named in seizures
  int most = 4;         // seizures each, 1 to this many
  int days = 1095;      // seizure dates within this many days before the latest filing
  uint64_t seed = 1;
};

int SeedOffences(const OffenceOptions& o);

}  // namespace haiquan::bench
