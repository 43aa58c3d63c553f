// The enforcement API's readers (seizure, suspect, company, suspicion report, investigation,
// task) and what search does with outside text: name folding, typo distances and scores, and
// the media type of an upload. The first byte picks the reader; the rest is the body.
#include <cstddef>
#include <cstdint>

#include "domain/enforcement/media_type.h"
#include "domain/enforcement/name_match.h"
#include "fuzz_support.h"
#include "http/enforcement_json.h"

namespace {

using namespace haiquan;
using namespace haiquan::fuzz;

template <typename T, typename Validate>
void Read(const http::json::value& v,
          T (*read)(const http::json::value&, http::JsonReader&, std::optional<int>*),
          Validate validate) {
  http::JsonReader reader;
  std::optional<int> version;
  T record = read(v, reader, &version);
  auto faults = validate(record);
  if (!reader.ok()) {
    CheckProblem(reader.ToError("the record", faults));
  } else if (!faults.empty()) {
    CheckProblem(domain::Error::Invalid("the record is not valid", faults));
  }
  Check(!version || *version > 0, "a version that is not positive");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

  // Search text: folded words are lower-case and never empty; scores stay in [0, 1].
  auto words = domain::NameTokens(text);
  for (const auto& w : words) {
    Check(!w.empty() && w.find(' ') == std::string::npos, "an empty or spaced word", w);
    for (char c : w) Check(!(c >= 'A' && c <= 'Z'), "a word with capitals", w);
    for (const auto& d : domain::OneDeletes(w)) Check(d.size() + 1 == w.size(), "a bad delete");
  }
  if (words.size() <= 8) {
    double self = domain::NameMatchScore(words, text);
    Check(self >= 0 && self <= 1.0000001, "a score out of range");
    if (!words.empty()) Check(self > 0.999, "a name does not match itself", text);
  }
  if (words.size() >= 2) {
    int d = domain::EditDistance(words[0], words[1], 3);
    Check(d >= 0 && d <= 4, "a distance beyond its limit");
    Check(d == domain::EditDistance(words[1], words[0], 3), "a distance that is not symmetric");
  }
  std::string type = domain::SniffMediaType(text);
  Check(type.empty() || type.find('/') != std::string::npos, "a media type without a slash");

  auto parsed = http::ParseJson(text);
  if (!parsed.ok()) return 0;
  const auto& ref = Reference();
  switch (data[0] % 6) {
    case 0:
      Read<domain::Seizure>(*parsed, http::ReadSeizure, [&](const domain::Seizure& s) {
        return domain::Validate(s, ref, {"none", "luggage"});
      });
      break;
    case 1:
      Read<domain::SuspectPerson>(*parsed, http::ReadPerson, [&](const domain::SuspectPerson& p) {
        return domain::Validate(p, ref);
      });
      break;
    case 2:
      Read<domain::OffendingCompany>(
          *parsed, http::ReadCompany,
          [&](const domain::OffendingCompany& c) { return domain::Validate(c, ref); });
      break;
    case 3:
      Read<domain::Suspicion>(*parsed, http::ReadSuspicion,
                              [](const domain::Suspicion& s) { return domain::Validate(s); });
      break;
    case 4:
      Read<domain::Investigation>(
          *parsed, http::ReadInvestigation,
          [](const domain::Investigation& i) { return domain::Validate(i); });
      break;
    default:
      Read<domain::InvestigationTask>(
          *parsed, http::ReadTask,
          [](const domain::InvestigationTask& t) { return domain::Validate(t); });
  }
  return 0;
}
