#include "http/trader_json.h"

namespace haiquan::http {
namespace {

json::array WritePeople(const std::vector<domain::PersonLink>& people) {
  json::array out;
  for (const auto& p : people) {
    json::object o{{"idNumber", p.id_number}, {"name", p.name}, {"nationality", p.nationality}};
    if (p.share) o["share"] = *p.share;
    out.push_back(std::move(o));
  }
  return out;
}

void ReadPeople(const json::object& o, std::string_view key, JsonReader& r,
                std::vector<domain::PersonLink>& out) {
  const json::value* v = JsonReader::Member(o, key);
  if (!v) return;
  std::string at = "/" + std::string(key);
  if (!v->is_array()) return r.Shape(at, "wrong_type", "must be an array");
  const auto& arr = v->get_array();
  if (arr.size() > 50) return r.Value(at, "too_many", "at most 50");
  for (size_t i = 0; i < arr.size(); ++i) {
    std::string ptr = at + "/" + std::to_string(i);
    const json::object* p = r.Object(arr[i], ptr);
    if (!p) continue;
    r.NoOthers(*p, {"idNumber", "name", "nationality", "share"}, ptr);
    domain::PersonLink link;
    r.String(*p, "idNumber", ptr + "/idNumber", link.id_number);
    r.String(*p, "name", ptr + "/name", link.name);
    link.nationality = r.OptionalString(*p, "nationality", ptr + "/nationality").value_or("VN");
    if (JsonReader::Member(*p, "share")) {
      double share = 0;
      r.Number(*p, "share", ptr + "/share", share);
      link.share = share;
    }
    out.push_back(std::move(link));
  }
}

}  // namespace

json::object WriteEnterprise(const domain::Enterprise& e) {
  return {{"taxId", e.tax_id},
          {"name", e.name},
          {"address", e.address},
          {"registrationDate",
           e.registration_date.empty() ? json::value(nullptr) : json::value(e.registration_date)},
          {"status", domain::ToString(e.status)},
          {"aeo", e.aeo},
          {"provisional", e.provisional},
          {"owners", WritePeople(e.owners)},
          {"legalRepresentatives", WritePeople(e.representatives)},
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
              "owners", "legalRepresentatives", "version", "updatedAt", "updatedBy"},
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
  ReadPeople(*o, "owners", r, e.owners);
  ReadPeople(*o, "legalRepresentatives", r, e.representatives);
  if (expected_version) *expected_version = r.Version(*o);
  return e;
}

}  // namespace haiquan::http
