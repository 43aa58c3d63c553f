#pragma once

#include "domain/lane.h"

namespace haiquan::risk {

// A finding beside the analysts' rules that adds to the risk score: a profile anomaly,
// later a learned model's contribution.
struct Signal {
  domain::Reason reason;
  double weight = 0;
};

}  // namespace haiquan::risk
