#include "http/trader_json.h"

namespace haiquan::http {

json::object WriteEnterprise(const domain::Enterprise& e) {
  return {{"taxId", e.tax_id},
          {"name", e.name},
          {"address", e.address},
          {"registrationDate",
           e.registration_date.empty() ? json::value(nullptr) : json::value(e.registration_date)},
          {"status", domain::ToString(e.status)},
          {"aeo", e.aeo},
          {"provisional", e.provisional},
          {"version", e.version},
          {"updatedAt", e.updated_at},
          {"updatedBy", e.updated_by}};
}

domain::Enterprise ReadEnterprise(const json::value& v, JsonReader& r,
                                  std::optional<int>* expected_version) {
  domain::Enterprise e;
  const json::object* o = r.Object(v, "");
  if (!o) return e;
  r.NoOthers(*o,
             {"taxId", "name", "address", "registrationDate", "status", "aeo", "provisional",
              "version", "updatedAt", "updatedBy"},
             "");
  r.String(*o, "taxId", "/taxId", e.tax_id);
  r.String(*o, "name", "/name", e.name);
  r.String(*o, "address", "/address", e.address);
  r.String(*o, "registrationDate", "/registrationDate", e.registration_date);
  if (auto status = r.OptionalString(*o, "status", "/status")) {
    if (auto parsed = domain::ParseEnterpriseStatus(*status)) {
      e.status = *parsed;
    } else {
      r.Value("/status", "invalid_code", "must be active, suspended, dissolved or tax_debt");
    }
  } else if (!JsonReader::Member(*o, "status")) {
    r.Value("/status", "required", "is required");
  }
  e.aeo = r.Bool(*o, "aeo", "/aeo").value_or(false);
  if (expected_version) *expected_version = r.Version(*o);
  return e;
}

}  // namespace haiquan::http
