#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace haiquan::domain {

// Ordered by strictness: a stricter lane wins when signals disagree.
enum class Lane { kGreen = 0, kYellow = 1, kRed = 2 };

std::string_view ToString(Lane lane);
std::optional<Lane> ParseLane(std::string_view s);
inline Lane Stricter(Lane a, Lane b) { return a < b ? b : a; }

// Why a declaration got its lane: a rule that hit, the random selection, a profile warning...
struct Reason {
  std::string code;     // stable, machine-readable (e.g. "RULE:R-ORIGIN-NARCO", "RANDOM")
  std::string message;  // for the officer
};

struct Decision {
  Lane lane = Lane::kGreen;
  double score = 0;  // 0..100, sum of weighted signals, capped
  std::vector<Reason> reasons;
};

}  // namespace haiquan::domain
