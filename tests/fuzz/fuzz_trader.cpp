// An enterprise as the registry's API reads it, then the registry's own rules, its owners and
// representatives, and the address key relations compare (any bytes, malformed UTF-8 too).
#include <cstddef>
#include <cstdint>

#include "domain/enterprise.h"
#include "fuzz_support.h"
#include "http/trader_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace haiquan;
  using namespace haiquan::fuzz;
  auto parsed = http::ParseJson(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed.ok()) return 0;
  http::JsonReader reader;
  std::optional<int> version;
  domain::Enterprise e = http::ReadEnterprise(*parsed, reader, &version);
  auto faults = domain::Validate(e);
  if (!reader.ok()) {
    CheckProblem(reader.ToError("the enterprise", faults));
  } else if (!faults.empty()) {
    CheckProblem(domain::Error::Invalid("the enterprise is not valid", faults));
  } else {
    Check(domain::IsTaxId(e.tax_id), "an accepted enterprise has a malformed tax id");
    Check(!e.name.empty() && e.name.size() <= 256, "an accepted enterprise has a bad name");
  }
  Check(!version || *version > 0, "a version that is not positive");
  std::string key = domain::AddressKey(std::string_view(reinterpret_cast<const char*>(data), size));
  Check(key.size() <= size, "an address key longer than the address");
  Check(key.empty() || (key.front() != ' ' && key.back() != ' '), "an address key with spaces at an end");
  Check(domain::AddressKey(key) == key, "an address key that changes when keyed again");
  for (const auto& p : e.owners) {
    if (faults.empty() && reader.ok()) Check(domain::IsPersonId(p.id_number), "a bad owner id");
  }
  return 0;
}
