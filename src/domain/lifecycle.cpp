#include "domain/lifecycle.h"

#include "domain/text.h"

namespace haiquan::domain {

std::string_view ToString(ClearanceStatus s) {
  switch (s) {
    case ClearanceStatus::kReceived:
      return "received";
    case ClearanceStatus::kReleased:
      return "released";
    case ClearanceStatus::kAwaitingDocuments:
      return "awaiting_documents";
    case ClearanceStatus::kAwaitingInspection:
      return "awaiting_inspection";
    case ClearanceStatus::kHeld:
      return "held";
  }
  return "received";
}

std::optional<ClearanceStatus> ParseStatus(std::string_view s) {
  for (ClearanceStatus st :
       {ClearanceStatus::kReceived, ClearanceStatus::kReleased, ClearanceStatus::kAwaitingDocuments,
        ClearanceStatus::kAwaitingInspection, ClearanceStatus::kHeld}) {
    if (ToString(st) == s) return st;
  }
  return std::nullopt;
}

ClearanceStatus StatusAfterLane(Lane lane) {
  switch (lane) {
    case Lane::kGreen:
      return ClearanceStatus::kReleased;
    case Lane::kYellow:
      return ClearanceStatus::kAwaitingDocuments;
    case Lane::kRed:
      return ClearanceStatus::kAwaitingInspection;
  }
  return ClearanceStatus::kReceived;
}

std::string_view ToString(Outcome o) {
  switch (o) {
    case Outcome::kCompliant:
      return "compliant";
    case Outcome::kDiscrepancy:
      return "discrepancy";
    case Outcome::kSeizure:
      return "seizure";
  }
  return "compliant";
}

std::optional<Outcome> ParseOutcome(std::string_view s) {
  for (Outcome o : {Outcome::kCompliant, Outcome::kDiscrepancy, Outcome::kSeizure}) {
    if (ToString(o) == s) return o;
  }
  return std::nullopt;
}

Result<ClearanceStatus> ApplyInspection(ClearanceStatus current, const Inspection& in) {
  std::vector<FieldError> faults;
  if (in.description.size() > kMaxInspectionDescription) {
    faults.push_back({"/description", "too_long",
                      "must be at most " + std::to_string(kMaxInspectionDescription) + " bytes"});
  } else if (HasControlCharacters(in.description, true)) {
    faults.push_back({"/description", "invalid_characters", "must not contain control characters"});
  }
  if (in.officer.size() > 64 || HasControlCharacters(in.officer)) {
    faults.push_back(
        {"/officer", "invalid_format", "must be at most 64 bytes without control characters"});
  }
  if (in.outcome != Outcome::kCompliant && in.description.empty()) {
    faults.push_back({"/description", "required", "a discrepancy or seizure needs a description"});
  }
  if (in.outcome == Outcome::kCompliant && in.revenue_adjustment.hundredths != 0) {
    faults.push_back(
        {"/revenueAdjustment", "not_allowed", "a compliant finding cannot adjust revenue"});
  }
  if (in.outcome == Outcome::kSeizure && in.release.value_or(false)) {
    faults.push_back({"/release", "not_allowed", "seized goods cannot be released"});
  }
  if (!faults.empty()) return Error::Invalid("the inspection findings are not valid", faults);
  if (current != ClearanceStatus::kAwaitingDocuments &&
      current != ClearanceStatus::kAwaitingInspection) {
    return Error::Conflict("declaration is " + std::string(ToString(current)) +
                           "; only declarations awaiting documents or inspection can be inspected");
  }
  bool release = in.release.value_or(in.outcome != Outcome::kSeizure);
  return release ? ClearanceStatus::kReleased : ClearanceStatus::kHeld;
}

}  // namespace haiquan::domain
