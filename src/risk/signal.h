#pragma once

#include <optional>
#include <utility>

#include "domain/lane.h"

namespace haiquan::risk {

// A finding beside the analysts' rules: a profile anomaly adds to the risk score; the learned
// model, which selects by an inspection budget rather than by score, sets a lane.
struct Signal {
  Signal() = default;
  Signal(domain::Reason r, double w, std::optional<domain::Lane> l = std::nullopt)
      : reason(std::move(r)), weight(w), lane(l) {}

  domain::Reason reason;
  double weight = 0;
  // The least strict lane this signal allows; none: it only adds its weight.
  std::optional<domain::Lane> lane;
};

}  // namespace haiquan::risk
