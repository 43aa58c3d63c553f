#include "http/trader_json.h"

#include <map>

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

json::object WriteEnterprise(const domain::Enterprise& e, bool with_people) {
  json::object o{
      {"taxId", e.tax_id},
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
  if (with_people) {
    o["owners"] = WritePeople(e.owners);
    o["legalRepresentatives"] = WritePeople(e.representatives);
  }
  return o;
}

namespace {

double Money(int64_t hundredths) { return static_cast<double>(hundredths) / 100.0; }

}  // namespace

json::object WriteProfile(const app::TraderProfile& p, const domain::Enterprise* e,
                          const std::vector<app::TraderOffence>* offences) {
  json::array months, chapters, headings, origins, partners, unit_values, findings;
  for (const auto& m : p.months) {
    months.push_back({{"month", m.month},
                      {"lane", m.lane},
                      {"currency", m.currency},
                      {"declarations", m.declarations},
                      {"value", Money(m.value)}});
  }
  std::map<std::pair<std::string, std::string>, std::pair<int64_t, int64_t>> by_chapter;
  for (const auto& g : p.goods) {
    auto& c = by_chapter[{g.heading.substr(0, 2), g.currency}];
    c.first += g.items;
    c.second += g.value;
    headings.push_back({{"heading", g.heading},
                        {"currency", g.currency},
                        {"items", g.items},
                        {"value", Money(g.value)}});
  }
  for (const auto& [key, totals] : by_chapter) {
    chapters.push_back({{"chapter", key.first},
                        {"currency", key.second},
                        {"items", totals.first},
                        {"value", Money(totals.second)}});
  }
  for (const auto& o : p.origins) {
    origins.push_back({{"country", o.country},
                       {"currency", o.currency},
                       {"items", o.items},
                       {"value", Money(o.value)}});
  }
  for (const auto& x : p.partners) {
    partners.push_back({{"name", x.name},
                        {"country", x.country},
                        {"currency", x.currency},
                        {"declarations", x.declarations},
                        {"value", Money(x.value)}});
  }
  for (const auto& u : p.unit_values) {
    unit_values.push_back({{"hsCode", u.hs6},
                           {"unit", u.unit},
                           {"currency", u.currency},
                           {"count", u.band.count},
                           {"median", u.band.median},
                           {"q1", u.band.q1},
                           {"q3", u.band.q3},
                           {"usualLow", u.band.low},
                           {"usualHigh", u.band.high}});
  }
  for (const auto& f : p.findings) {
    findings.push_back({{"outcome", f.outcome},
                        {"count", f.count},
                        {"revenueAdjustment", Money(f.revenue_adjustment)}});
  }
  auto opt = [](const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); };
  json::object out{{"taxId", p.tax_id},
                   {"enterprise", e ? json::value(WriteEnterprise(*e)) : json::value(nullptr)},
                   {"declarations", p.declarations},
                   {"firstFiledAt", opt(p.first_filed_at)},
                   {"lastFiledAt", opt(p.last_filed_at)},
                   {"inspections", p.inspections},
                   {"violations", p.violations},
                   {"months", std::move(months)},
                   {"chapters", std::move(chapters)},
                   {"headings", std::move(headings)},
                   {"origins", std::move(origins)},
                   {"partners", std::move(partners)},
                   {"unitValues", std::move(unit_values)},
                   {"findings", std::move(findings)}};
  if (offences) {
    json::array list;
    for (const auto& o : *offences) {
      list.push_back({{"seizureId", o.seizure_id},
                      {"day", o.day},
                      {"role", o.role},
                      {"category", o.category}});
    }
    out["offences"] = std::move(list);
  }
  return out;
}

json::object WritePerson(const app::PersonRecord& p) {
  auto one = [](const domain::Person& v) {
    return json::object{{"idNumber", v.id_number},      {"name", v.name},
                        {"nationality", v.nationality}, {"version", v.version},
                        {"updatedAt", v.updated_at},    {"updatedBy", v.updated_by}};
  };
  json::object out = one(p.person);
  json::array versions, roles;
  for (const auto& v : p.versions) versions.push_back(one(v));
  for (const auto& r : p.roles) {
    json::object o{{"taxId", r.tax_id},
                   {"name", r.enterprise_name},
                   {"status", domain::ToString(r.status)},
                   {"role", r.role}};
    if (r.share) o["share"] = *r.share;
    roles.push_back(std::move(o));
  }
  out["enterprises"] = std::move(roles);
  out["versions"] = std::move(versions);
  return out;
}

json::object WriteRelations(const std::string& tax_id, const std::vector<app::Relation>& rs) {
  json::array items;
  for (const auto& r : rs) {
    json::array links;
    for (const auto& l : r.links) {
      if (l.kind == "address") {
        links.push_back({{"kind", "address"}, {"address", l.address}});
      } else {
        links.push_back({{"kind", "person"},
                         {"person", {{"idNumber", l.person_id}, {"name", l.person_name}}},
                         {"roleHere", l.role_here},
                         {"roleThere", l.role_there}});
      }
    }
    items.push_back({{"taxId", r.enterprise.tax_id},
                     {"name", r.enterprise.name},
                     {"address", r.enterprise.address},
                     {"status", domain::ToString(r.enterprise.status)},
                     {"provisional", r.enterprise.provisional},
                     {"violations", r.violations},
                     {"offences", r.offences},
                     {"links", std::move(links)}});
  }
  return {{"taxId", tax_id}, {"items", std::move(items)}};
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
  // Absent: keep them as they are (a PUT of the other members must not drop them).
  e.owners_given = JsonReader::Member(*o, "owners") != nullptr;
  e.representatives_given = JsonReader::Member(*o, "legalRepresentatives") != nullptr;
  ReadPeople(*o, "owners", r, e.owners);
  ReadPeople(*o, "legalRepresentatives", r, e.representatives);
  if (expected_version) *expected_version = r.Version(*o);
  return e;
}

}  // namespace haiquan::http
