#include "domain/lane.h"

namespace haiquan::domain {

std::string_view ToString(Lane lane) {
  switch (lane) {
    case Lane::kGreen:
      return "green";
    case Lane::kYellow:
      return "yellow";
    case Lane::kRed:
      return "red";
  }
  return "green";
}

std::optional<Lane> ParseLane(std::string_view s) {
  if (s == "green") return Lane::kGreen;
  if (s == "yellow") return Lane::kYellow;
  if (s == "red") return Lane::kRed;
  return std::nullopt;
}

}  // namespace haiquan::domain
