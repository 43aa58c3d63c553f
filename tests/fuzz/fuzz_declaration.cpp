// A filing body from the outside: parsed, read, validated against the real code lists, decided
// by the rule engine, and, if accepted, written back and re-read as storage and replay do.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.h"
#include "http/json_writer.h"

namespace haiquan::fuzz {
namespace {

void CheckRoundTrip(const domain::Declaration& d) {
  std::string written = http::ToJson(http::WriteDeclaration(d));
  auto again = http::ParseJson(written);
  Check(again.ok(), "an accepted declaration writes invalid JSON", written);
  http::JsonReader reader;
  domain::Declaration back = http::ReadDeclaration(*again, reader);
  Check(reader.ok(), "an accepted declaration does not read back", written);
  auto faults = domain::Validate(back, Reference());
  Check(faults.empty(), "an accepted declaration is invalid once read back",
        faults.empty() ? written : faults.front().pointer + " " + faults.front().code);
  Check(http::ToJson(http::WriteDeclaration(back)) == written,
        "a declaration changes on a second write", written);
}

}  // namespace
}  // namespace haiquan::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace haiquan;
  using namespace haiquan::fuzz;
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto parsed = http::ParseJson(body);
  if (!parsed.ok()) {
    Check(parsed.error().code == domain::ErrorCode::kMalformed, "unreadable body is not a 400");
    CheckProblem(parsed.error());
    return 0;
  }
  http::JsonReader reader;
  domain::Declaration d = http::ReadDeclaration(*parsed, reader);
  auto faults = domain::Validate(d, Reference());
  // Filing decides only valid declarations, but the engine is pure and replays old rows: it
  // must cope with anything a reader can produce.
  CheckDecision(FixedRuleSet().Decide(d, kToday));
  if (!reader.ok()) {
    CheckProblem(reader.ToError("the declaration", faults));
    return 0;
  }
  if (!faults.empty()) {
    CheckProblem(domain::Error::Invalid("the declaration is not valid", faults));
    return 0;
  }
  CheckRoundTrip(d);
  return 0;
}
