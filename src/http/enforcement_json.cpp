#include "http/enforcement_json.h"

namespace haiquan::http {
namespace {

constexpr size_t kLongText = 20000;

json::value OrNull(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}
json::value OrNull(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

void Stamp(json::object& o, int64_t id, int version, const std::string& created_at,
           const std::string& created_by, const std::string& updated_at,
           const std::string& updated_by) {
  o["id"] = id;
  o["version"] = version;
  o["createdAt"] = created_at;
  o["createdBy"] = created_by;
  o["updatedAt"] = updated_at;
  o["updatedBy"] = updated_by;
}

std::vector<std::string> Strings(const json::object& o, std::string_view key, JsonReader& r,
                                 size_t max_items) {
  std::vector<std::string> out;
  const json::value* v = JsonReader::Member(o, key);
  if (!v) return out;
  std::string at = "/" + std::string(key);
  if (!v->is_array()) {
    r.Shape(at, "wrong_type", "must be an array of strings");
    return out;
  }
  const auto& arr = v->get_array();
  if (arr.size() > max_items) {
    r.Value(at, "too_many", "at most " + std::to_string(max_items));
    return out;
  }
  for (size_t i = 0; i < arr.size(); ++i) {
    if (!arr[i].is_string()) {
      r.Shape(at + "/" + std::to_string(i), "wrong_type", "must be a string");
      continue;
    }
    out.emplace_back(arr[i].get_string());
  }
  return out;
}

json::array StringArray(const std::vector<std::string>& v) {
  json::array out;
  for (const auto& s : v) out.push_back(json::value(s));
  return out;
}

int64_t Id(const json::object& o, std::string_view key, const std::string& at, JsonReader& r) {
  const json::value* v = JsonReader::Member(o, key);
  if (!v) {
    r.Value(at, "required", "is required");
    return 0;
  }
  if (!v->is_int64() || v->get_int64() <= 0) {
    r.Shape(at, "wrong_type", "must be a positive integer id");
    return 0;
  }
  return v->get_int64();
}

domain::RecordRef ReadRef(const json::value& v, const std::string& at, JsonReader& r) {
  domain::RecordRef ref;
  const json::object* o = r.Object(v, at);
  if (!o) return ref;
  r.NoOthers(*o, {"kind", "id", "label"}, at);
  r.String(*o, "kind", at + "/kind", ref.kind);
  ref.id = Id(*o, "id", at + "/id", r);
  return ref;
}

json::object WriteRef(const domain::RecordRef& ref) {
  return {{"kind", ref.kind}, {"id", ref.id}, {"label", ref.label}};
}

// The members every record's body may carry; the server-set ones are refused.
const json::object* Begin(const json::value& v, JsonReader& r, std::optional<int>* version) {
  const json::object* o = r.Object(v, "");
  if (o && version) *version = r.Version(*o);
  return o;
}

json::array Totals(const std::vector<std::pair<std::string, double>>& totals, const char* key_name,
                   const char* value_name) {
  json::array out;
  for (const auto& [k, v] : totals) out.push_back({{key_name, k}, {value_name, v}});
  return out;
}

json::array Groups(const std::vector<app::SeizureGroup>& groups) {
  json::array out;
  for (const auto& g : groups) {
    out.push_back({{"key", g.key},
                   {"seizures", g.seizures},
                   {"quantities", Totals(g.quantities, "unit", "quantity")},
                   {"estimatedValues", Totals(g.values, "currency", "amount")}});
  }
  return out;
}

}  // namespace

std::vector<domain::RecordRef> ReadRefs(const json::object& o, JsonReader& r) {
  std::vector<domain::RecordRef> out;
  const json::value* v = JsonReader::Member(o, "links");
  if (!v) return out;
  if (!v->is_array()) {
    r.Shape("/links", "wrong_type", "must be an array of {kind, id}");
    return out;
  }
  const auto& arr = v->get_array();
  if (arr.size() > 500) {
    r.Value("/links", "too_many", "at most 500");
    return out;
  }
  for (size_t i = 0; i < arr.size(); ++i) {
    out.push_back(ReadRef(arr[i], "/links/" + std::to_string(i), r));
  }
  return out;
}

json::array WriteRefs(const std::vector<domain::RecordRef>& refs) {
  json::array out;
  for (const auto& ref : refs) out.push_back(WriteRef(ref));
  return out;
}

domain::Seizure ReadSeizure(const json::value& v, JsonReader& r, std::optional<int>* version) {
  domain::Seizure s;
  const json::object* o = Begin(v, r, version);
  if (!o) return s;
  r.NoOthers(*o,
             {"date", "office", "place", "detectionMethod", "category", "hsCode", "description",
              "quantity", "unit", "estimatedValue", "currency", "concealment", "transport", "route",
              "declarationId", "narrative", "parties", "version"},
             "");
  r.String(*o, "date", "/date", s.occurred_at);
  r.String(*o, "office", "/office", s.office);
  r.String(*o, "place", "/place", s.place);
  r.String(*o, "detectionMethod", "/detectionMethod", s.detection_method);
  r.String(*o, "category", "/category", s.category);
  r.String(*o, "hsCode", "/hsCode", s.hs_code);
  r.String(*o, "description", "/description", s.description);
  if (JsonReader::Member(*o, "quantity")) {
    double q = 0;
    r.Number(*o, "quantity", "/quantity", q);
    s.quantity = q;
  }
  r.String(*o, "unit", "/unit", s.unit);
  if (JsonReader::Member(*o, "estimatedValue")) {
    double q = 0;
    r.Number(*o, "estimatedValue", "/estimatedValue", q);
    s.estimated_value = q;
  }
  r.String(*o, "currency", "/currency", s.currency);
  r.String(*o, "concealment", "/concealment", s.concealment);
  if (const json::value* t = JsonReader::Member(*o, "transport")) {
    if (const json::object* to = r.Object(*t, "/transport")) {
      r.NoOthers(*to, {"mode", "identifier"}, "/transport");
      r.String(*to, "mode", "/transport/mode", s.transport_mode);
      r.String(*to, "identifier", "/transport/identifier", s.conveyance);
    }
  }
  if (const json::value* rv = JsonReader::Member(*o, "route")) {
    if (const json::object* ro = r.Object(*rv, "/route")) {
      r.NoOthers(*ro, {"departure", "destination", "legs"}, "/route");
      r.String(*ro, "departure", "/route/departure", s.departure);
      r.String(*ro, "destination", "/route/destination", s.destination);
      if (const json::value* legs = JsonReader::Member(*ro, "legs")) {
        if (!legs->is_array()) {
          r.Shape("/route/legs", "wrong_type", "must be an array of {country, place}");
        } else if (legs->get_array().size() > 20) {
          r.Value("/route/legs", "too_many", "at most 20 legs");
        } else {
          const auto& arr = legs->get_array();
          for (size_t i = 0; i < arr.size(); ++i) {
            std::string at = "/route/legs/" + std::to_string(i);
            domain::RouteLeg leg;
            if (const json::object* lo = r.Object(arr[i], at)) {
              r.NoOthers(*lo, {"country", "place"}, at);
              r.String(*lo, "country", at + "/country", leg.country);
              r.String(*lo, "place", at + "/place", leg.place);
            }
            s.route.push_back(std::move(leg));
          }
        }
      }
    }
  }
  if (JsonReader::Member(*o, "declarationId")) {
    s.declaration_id = Id(*o, "declarationId", "/declarationId", r);
  }
  r.String(*o, "narrative", "/narrative", s.narrative, kLongText);
  if (const json::value* pv = JsonReader::Member(*o, "parties")) {
    if (!pv->is_array()) {
      r.Shape("/parties", "wrong_type", "must be an array of {kind, id, role}");
    } else if (pv->get_array().size() > 100) {
      r.Value("/parties", "too_many", "at most 100");
    } else {
      const auto& arr = pv->get_array();
      for (size_t i = 0; i < arr.size(); ++i) {
        std::string at = "/parties/" + std::to_string(i);
        domain::SeizureParty p;
        if (const json::object* po = r.Object(arr[i], at)) {
          r.NoOthers(*po, {"kind", "id", "role", "name"}, at);
          r.String(*po, "kind", at + "/kind", p.kind);
          p.id = Id(*po, "id", at + "/id", r);
          r.String(*po, "role", at + "/role", p.role);
        }
        s.parties.push_back(std::move(p));
      }
    }
  }
  return s;
}

json::object WriteAttachment(int64_t seizure_id, const domain::Attachment& a) {
  std::string href = "/api/v1/seizures/" + std::to_string(seizure_id) + "/attachments/" + a.sha256;
  json::value unknown(nullptr);
  return {{"sha256", a.sha256},
          {"mediaType", a.media_type},
          {"size", a.size},
          {"kind", a.kind},
          {"fileName", a.file_name},
          {"addedAt", a.added_at},
          {"addedBy", a.added_by},
          {"width", a.width > 0 ? json::value(a.width) : unknown},
          {"height", a.height > 0 ? json::value(a.height) : unknown},
          {"href", href},
          {"thumbnail", a.has_thumbnail ? json::value(href + "/thumbnail") : unknown}};
}

json::object WriteSeizure(const domain::Seizure& s, bool details) {
  json::array legs;
  for (const auto& l : s.route) legs.push_back({{"country", l.country}, {"place", l.place}});
  json::object o{
      {"date", s.occurred_at},
      {"office", s.office},
      {"place", s.place},
      {"detectionMethod", s.detection_method},
      {"category", s.category},
      {"hsCode", OrNull(s.hs_code)},
      {"description", s.description},
      {"quantity", OrNull(s.quantity)},
      {"unit", OrNull(s.unit)},
      {"estimatedValue", OrNull(s.estimated_value)},
      {"currency", OrNull(s.currency)},
      {"concealment", OrNull(s.concealment)},
      {"transport", {{"mode", OrNull(s.transport_mode)}, {"identifier", OrNull(s.conveyance)}}},
      {"route",
       {{"departure", OrNull(s.departure)},
        {"destination", OrNull(s.destination)},
        {"legs", std::move(legs)}}},
      {"declarationId", s.declaration_id ? json::value(*s.declaration_id) : json::value(nullptr)},
      {"narrative", s.narrative}};
  Stamp(o, s.id, s.version, s.created_at, s.created_by, s.updated_at, s.updated_by);
  if (details) {
    json::array parties, files;
    for (const auto& p : s.parties) {
      parties.push_back({{"kind", p.kind}, {"id", p.id}, {"role", p.role}, {"name", p.name}});
    }
    for (const auto& a : s.attachments) files.push_back(WriteAttachment(s.id, a));
    o["parties"] = std::move(parties);
    o["attachments"] = std::move(files);
  }
  return o;
}

domain::SuspectPerson ReadPerson(const json::value& v, JsonReader& r, std::optional<int>* version) {
  domain::SuspectPerson p;
  const json::object* o = Begin(v, r, version);
  if (!o) return p;
  r.NoOthers(*o, {"names", "dateOfBirth", "nationality", "documents", "notes", "version"}, "");
  p.names = Strings(*o, "names", r, 50);
  r.String(*o, "dateOfBirth", "/dateOfBirth", p.date_of_birth);
  r.String(*o, "nationality", "/nationality", p.nationality);
  if (const json::value* dv = JsonReader::Member(*o, "documents")) {
    if (!dv->is_array()) {
      r.Shape("/documents", "wrong_type", "must be an array of {type, number, country}");
    } else if (dv->get_array().size() > 20) {
      r.Value("/documents", "too_many", "at most 20");
    } else {
      const auto& arr = dv->get_array();
      for (size_t i = 0; i < arr.size(); ++i) {
        std::string at = "/documents/" + std::to_string(i);
        domain::IdentityDocument d;
        if (const json::object* d_o = r.Object(arr[i], at)) {
          r.NoOthers(*d_o, {"type", "number", "country"}, at);
          r.String(*d_o, "type", at + "/type", d.type);
          r.String(*d_o, "number", at + "/number", d.number);
          r.String(*d_o, "country", at + "/country", d.country);
        }
        p.documents.push_back(std::move(d));
      }
    }
  }
  r.String(*o, "notes", "/notes", p.notes, kLongText);
  return p;
}

json::object WritePerson(const domain::SuspectPerson& p) {
  json::array docs;
  for (const auto& d : p.documents) {
    docs.push_back({{"type", d.type}, {"number", d.number}, {"country", OrNull(d.country)}});
  }
  json::object o{{"names", StringArray(p.names)},
                 {"dateOfBirth", OrNull(p.date_of_birth)},
                 {"nationality", OrNull(p.nationality)},
                 {"documents", std::move(docs)},
                 {"notes", p.notes}};
  Stamp(o, p.id, p.version, p.created_at, p.created_by, p.updated_at, p.updated_by);
  return o;
}

json::object WritePersonView(const app::PersonView& v) {
  json::object o = WritePerson(v.person);
  json::array seizures, enterprises;
  for (const auto& s : v.seizures) seizures.push_back(WriteSeizure(s, false));
  for (const auto& e : v.enterprises) {
    json::object eo{{"taxId", e.tax_id}, {"name", e.enterprise_name}, {"role", e.role}};
    if (e.share) eo["share"] = *e.share;
    enterprises.push_back(std::move(eo));
  }
  o["seizures"] = std::move(seizures);
  o["enterprises"] = std::move(enterprises);
  return o;
}

domain::OffendingCompany ReadCompany(const json::value& v, JsonReader& r,
                                     std::optional<int>* version) {
  domain::OffendingCompany c;
  const json::object* o = Begin(v, r, version);
  if (!o) return c;
  r.NoOthers(*o, {"name", "aliases", "taxId", "country", "address", "notes", "version"}, "");
  r.String(*o, "name", "/name", c.name);
  c.aliases = Strings(*o, "aliases", r, 50);
  r.String(*o, "taxId", "/taxId", c.tax_id);
  r.String(*o, "country", "/country", c.country);
  r.String(*o, "address", "/address", c.address);
  r.String(*o, "notes", "/notes", c.notes, kLongText);
  return c;
}

json::object WriteCompany(const domain::OffendingCompany& c) {
  json::object o{{"name", c.name},
                 {"aliases", StringArray(c.aliases)},
                 {"taxId", OrNull(c.tax_id)},
                 {"registered", c.registered},
                 {"country", OrNull(c.country)},
                 {"address", c.address},
                 {"notes", c.notes}};
  Stamp(o, c.id, c.version, c.created_at, c.created_by, c.updated_at, c.updated_by);
  return o;
}

json::object WriteCompanyView(const app::CompanyView& v) {
  json::object o = WriteCompany(v.company);
  json::array seizures;
  for (const auto& s : v.seizures) seizures.push_back(WriteSeizure(s, false));
  o["seizures"] = std::move(seizures);
  return o;
}

json::object WriteHit(const app::SearchHit& h) {
  if (h.seizure) {
    json::object o = WriteSeizure(*h.seizure, false);
    o["kind"] = "seizure";
    return o;
  }
  const auto& c = *h.name;
  json::object o{{"kind", c.kind},
                 {"id", c.id},
                 {"name", c.names.empty() ? std::string() : c.names.front()},
                 {"names", StringArray(c.names)},
                 {"matched", h.matched},
                 {"score", h.score}};
  if (c.kind == "person") {
    o["dateOfBirth"] = OrNull(c.date_of_birth);
    o["nationality"] = OrNull(c.nationality);
  } else {
    o["taxId"] = OrNull(c.tax_id);
    o["country"] = OrNull(c.nationality);
  }
  return o;
}

json::object WriteStats(const app::SeizureStats& s) {
  return {{"seizures", s.seizures},
          {"byCategory", Groups(s.by_category)},
          {"byConcealment", Groups(s.by_concealment)},
          {"byRouteCountry", Groups(s.by_route_country)},
          {"byMonth", Groups(s.by_month)}};
}

domain::Suspicion ReadSuspicion(const json::value& v, JsonReader& r, std::optional<int>* version) {
  domain::Suspicion s;
  s.status = "";
  const json::object* o = Begin(v, r, version);
  if (!o) return s;
  r.NoOthers(
      *o,
      {"receivedOn", "source", "category", "summary", "narrative", "status", "links", "version"},
      "");
  r.String(*o, "receivedOn", "/receivedOn", s.received_on);
  r.String(*o, "source", "/source", s.source);
  r.String(*o, "category", "/category", s.category);
  r.String(*o, "summary", "/summary", s.summary);
  r.String(*o, "narrative", "/narrative", s.narrative, kLongText);
  r.String(*o, "status", "/status", s.status);
  s.links = ReadRefs(*o, r);
  return s;
}

json::object WriteSuspicion(const domain::Suspicion& s) {
  json::object o{{"receivedOn", s.received_on},    {"source", s.source},
                 {"category", OrNull(s.category)}, {"summary", s.summary},
                 {"narrative", s.narrative},       {"status", s.status},
                 {"links", WriteRefs(s.links)}};
  Stamp(o, s.id, s.version, s.created_at, s.created_by, s.updated_at, s.updated_by);
  return o;
}

domain::Investigation ReadInvestigation(const json::value& v, JsonReader& r,
                                        std::optional<int>* version) {
  domain::Investigation i;
  i.status = "";
  const json::object* o = Begin(v, r, version);
  if (!o) return i;
  r.NoOthers(*o,
             {"title", "summary", "status", "lead", "supervisor", "members", "openedFrom", "links",
              "version"},
             "");
  r.String(*o, "title", "/title", i.title);
  r.String(*o, "summary", "/summary", i.summary, kLongText);
  r.String(*o, "status", "/status", i.status);
  r.String(*o, "lead", "/lead", i.lead);
  r.String(*o, "supervisor", "/supervisor", i.supervisor);
  i.members = Strings(*o, "members", r, 100);
  if (const json::value* from = JsonReader::Member(*o, "openedFrom")) {
    i.opened_from = ReadRef(*from, "/openedFrom", r);
    if (i.opened_from->kind != "suspicion" && i.opened_from->kind != "seizure") {
      r.Value("/openedFrom/kind", "unknown_code", "must be suspicion or seizure");
    }
  }
  i.links = ReadRefs(*o, r);
  return i;
}

json::object WriteInvestigation(const domain::Investigation& i) {
  json::object o{
      {"title", i.title},
      {"summary", i.summary},
      {"status", i.status},
      {"lead", i.lead},
      {"supervisor", OrNull(i.supervisor)},
      {"members", StringArray(i.members)},
      {"openedFrom", i.opened_from ? json::value(WriteRef(*i.opened_from)) : json::value(nullptr)},
      {"links", WriteRefs(i.links)}};
  Stamp(o, i.id, i.version, i.created_at, i.created_by, i.updated_at, i.updated_by);
  return o;
}

json::object WriteNote(const domain::InvestigationNote& n) {
  return {{"id", n.id}, {"at", n.at}, {"author", n.author}, {"text", n.text}};
}

json::object WriteInvestigationView(const app::InvestigationView& v) {
  json::object o = WriteInvestigation(v.investigation);
  json::array notes, tasks;
  for (const auto& n : v.notes) notes.push_back(WriteNote(n));
  for (const auto& t : v.tasks) tasks.push_back(WriteTask(t));
  o["notes"] = std::move(notes);
  o["tasks"] = std::move(tasks);
  o["unreadMessages"] = v.messages.unread;
  return o;
}

json::object WriteInvestigationSummary(const app::InvestigationSummary& s) {
  json::object o = WriteInvestigation(s.investigation);
  o["unreadMessages"] = s.messages.unread;
  return o;
}

domain::InvestigationTask ReadTask(const json::value& v, JsonReader& r,
                                   std::optional<int>* version) {
  domain::InvestigationTask t;
  t.status = "";
  const json::object* o = Begin(v, r, version);
  if (!o) return t;
  r.NoOthers(*o, {"title", "assignee", "due", "status", "version"}, "");
  r.String(*o, "title", "/title", t.title);
  r.String(*o, "assignee", "/assignee", t.assignee);
  r.String(*o, "due", "/due", t.due);
  r.String(*o, "status", "/status", t.status);
  return t;
}

json::object WriteTask(const domain::InvestigationTask& t) {
  json::object o{{"investigationId", t.investigation_id},
                 {"title", t.title},
                 {"assignee", OrNull(t.assignee)},
                 {"due", OrNull(t.due)},
                 {"status", t.status}};
  Stamp(o, t.id, t.version, t.created_at, t.created_by, t.updated_at, t.updated_by);
  return o;
}

}  // namespace haiquan::http
