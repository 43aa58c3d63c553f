#pragma once

#include <optional>

#include "app/ports/model_store.h"
#include "http/json_reader.h"

namespace haiquan::http {

// A registered model: its record, and whether it is the one in force.
json::object WriteModel(const app::ModelRecord& m, bool active);

// The model in force (version null: none) with its budget; with the live thresholds when the
// model is at work.
// `current`: the activation in force, which says whether its model is at work.
json::object WriteActivation(const app::ModelActivation& a,
                             const std::optional<risk::LiveModel::Thresholds>& live = {},
                             bool current = false);

// PUT /api/v1/risk/activation: {"version": 3 | null, "redBudget": 0.05, "yellowBudget": 0.15,
// "exploreShare": 0.1}; the budget's members are optional (the defaults above).
struct ActivationRequest {
  std::optional<int64_t> version;
  risk::SelectionBudget budget;
};
ActivationRequest ReadActivationRequest(const json::value& v, JsonReader& r);

}  // namespace haiquan::http
