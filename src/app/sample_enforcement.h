#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "domain/enforcement/records.h"

namespace haiquan::app {

// Plausible enforcement records for the demo and the benchmarks: Vietnamese names in their
// national frequencies (four in ten are Nguyễn), foreign couriers, seizures whose category,
// goods, concealment, route and narrative fit together. Deterministic for a seed.
class SampleEnforcement {
 public:
  explicit SampleEnforcement(uint64_t seed) : rng_(seed) {}

  domain::SuspectPerson Person();
  domain::OffendingCompany Company();
  // Parties among persons 1..`persons` and companies 1..`companies` (none if 0); a day within
  // `days` before `last_day` (YYYY-MM-DD).
  domain::Seizure Seizure(int64_t persons, int64_t companies, const std::string& last_day,
                          int days);
  // A name as a searcher types it: marks dropped half the time, and one typo in one word.
  std::string Misspelled(const std::string& name);
  // A word that occurs in some seizures' texts, and a filter a searcher would add to it.
  std::string SearchWord();

  // A short exchange about the demo investigation between its lead and its supervisor, in
  // order: each message's author, its text and the earlier message it answers (-1: none).
  struct CaseMessage {
    const char* author;
    const char* body;
    int reply_to;
  };
  static const std::vector<CaseMessage>& CaseConversation();

  std::mt19937_64& rng() { return rng_; }

 private:
  size_t Pick(size_t n);
  template <typename T>
  const T& Any(const std::vector<T>& v) {
    return v[Pick(v.size())];
  }

  std::mt19937_64 rng_;
  int64_t document_serial_ = 0;
};

}  // namespace haiquan::app
