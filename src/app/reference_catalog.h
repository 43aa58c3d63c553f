#pragma once

#include <memory>

#include "domain/reference_data.h"

namespace haiquan::app {

// The code lists compiled into the binary from data/reference/ (HS 2022, ISO 3166, ISO 4217).
domain::Result<std::shared_ptr<const domain::ReferenceData>> LoadReferenceData();

}  // namespace haiquan::app
