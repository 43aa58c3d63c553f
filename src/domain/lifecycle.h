#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/amount.h"
#include "domain/lane.h"
#include "domain/result.h"

namespace haiquan::domain {

// received -> lane assigned -> released (green) | awaiting_documents (yellow)
// | awaiting_inspection (red) -> inspected with findings -> released | held.
enum class ClearanceStatus { kReceived, kReleased, kAwaitingDocuments, kAwaitingInspection, kHeld };

std::string_view ToString(ClearanceStatus s);
std::optional<ClearanceStatus> ParseStatus(std::string_view s);

// The status a declaration takes once its lane is assigned.
ClearanceStatus StatusAfterLane(Lane lane);

enum class Outcome { kCompliant, kDiscrepancy, kSeizure };
std::string_view ToString(Outcome o);
std::optional<Outcome> ParseOutcome(std::string_view s);

inline constexpr size_t kMaxInspectionDescription = 4000;

// An officer's findings: the labels that targeting learns from.
struct Inspection {
  Outcome outcome = Outcome::kCompliant;
  std::string description;
  Amount revenue_adjustment;  // additional duties and taxes assessed, invoice currency
  std::string officer;
  std::optional<bool> release;  // explicit release or hold; the outcome decides if absent
};

// Checks the findings themselves and that a declaration in `current` may be inspected;
// returns the status it moves to.
Result<ClearanceStatus> ApplyInspection(ClearanceStatus current, const Inspection& inspection);

}  // namespace haiquan::domain
