// An officer's findings: read, then applied to a declaration in every status.
#include <cstddef>
#include <cstdint>

#include "domain/lifecycle.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace haiquan;
  using namespace haiquan::fuzz;
  using domain::ClearanceStatus;
  auto parsed = http::ParseJson(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed.ok()) return 0;
  http::JsonReader reader;
  domain::Inspection findings = http::ReadInspection(*parsed, reader);
  if (!reader.ok()) CheckProblem(reader.ToError("the inspection"));
  for (ClearanceStatus s :
       {ClearanceStatus::kReceived, ClearanceStatus::kReleased, ClearanceStatus::kAwaitingDocuments,
        ClearanceStatus::kAwaitingInspection, ClearanceStatus::kHeld}) {
    auto next = domain::ApplyInspection(s, findings);
    if (!next.ok()) {
      CheckProblem(next.error());
      continue;
    }
    Check(s == ClearanceStatus::kAwaitingDocuments || s == ClearanceStatus::kAwaitingInspection,
          "a declaration not awaiting inspection was inspected");
    Check(*next == ClearanceStatus::kReleased || *next == ClearanceStatus::kHeld,
          "an inspection ends neither released nor held");
    Check(findings.outcome != domain::Outcome::kSeizure || *next == ClearanceStatus::kHeld,
          "seized goods released");
  }
  return 0;
}
