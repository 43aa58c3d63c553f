#include "domain/enforcement/records.h"

#include <chrono>
#include <cmath>

#include "domain/date.h"
#include "domain/enterprise.h"
#include "domain/text.h"

namespace haiquan::domain {
namespace {

using Faults = std::vector<FieldError>;

void Text(Faults& out, const std::string& at, std::string_view v, size_t max, bool required,
          bool multiline = false) {
  if (v.empty()) {
    if (required) out.push_back({at, "required", "is required"});
  } else if (v.size() > max) {
    out.push_back({at, "too_long", "must be at most " + std::to_string(max) + " bytes"});
  } else if (HasControlCharacters(v, multiline)) {
    out.push_back({at, "invalid_characters", "must not contain control characters"});
  }
}

std::string List(const auto& codes) {
  std::string out;
  for (std::string_view c : codes) {
    if (!out.empty()) out += ", ";
    out += c;
  }
  return out;
}

void Code(Faults& out, const std::string& at, std::string_view v, const auto& codes,
          bool required) {
  if (v.empty()) {
    if (required) out.push_back({at, "required", "is required (" + List(codes) + ")"});
  } else if (!IsOneOf(v, codes)) {
    out.push_back({at, "unknown_code", "must be one of " + List(codes)});
  }
}

void Country(Faults& out, const std::string& at, std::string_view v, const ReferenceData& ref,
             bool required) {
  if (v.empty()) {
    if (required) out.push_back({at, "required", "is required"});
  } else if (!ref.IsCountry(v)) {
    out.push_back({at, "unknown_country", "must be an ISO 3166-1 alpha-2 code such as VN"});
  }
}

bool IsPastDay(std::string_view s, bool allow_time) {
  if (s.size() != 10 &&
      !(allow_time && s.size() >= 20 && s.size() <= 24 && s[10] == 'T' && s.back() == 'Z')) {
    return false;
  }
  auto day = ParseDate(s.substr(0, 10));
  if (!day || std::chrono::year_month_day(*day).year() < std::chrono::year(1900)) return false;
  if (s.size() > 10) {
    for (char c : s.substr(11, s.size() - 12)) {
      if (!((c >= '0' && c <= '9') || c == ':' || c == '.')) return false;
    }
  }
  // A day after tomorrow is a typing error (time zones allow one day ahead).
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return *day <= today + std::chrono::days(1);
}

void Date(Faults& out, const std::string& at, std::string_view v, bool required,
          bool allow_time = false) {
  if (v.empty()) {
    if (required) out.push_back({at, "required", "is required"});
  } else if (!IsPastDay(v, allow_time)) {
    out.push_back({at, "invalid_date",
                   allow_time ? "must be a past date (2026-05-17) or RFC 3339 UTC time"
                              : "must be a past date such as 2026-05-17"});
  }
}

void FutureDate(Faults& out, const std::string& at, std::string_view v) {
  if (v.empty()) return;
  auto day = ParseDate(v);
  if (v.size() != 10 || !day) out.push_back({at, "invalid_date", "must be a date (2026-12-31)"});
}

void Amount(Faults& out, const std::string& at, const std::optional<double>& v) {
  if (v && (!std::isfinite(*v) || *v < 0 || *v > 1e15)) {
    out.push_back({at, "out_of_range", "must be a number from 0 to 10^15"});
  }
}

void UserName(Faults& out, const std::string& at, std::string_view v, bool required) {
  Text(out, at, v, 64, required);
}

void Refs(Faults& out, const std::string& at, const std::vector<RecordRef>& refs) {
  if (refs.size() > 500) out.push_back({at, "too_many", "at most 500"});
  for (size_t i = 0; i < refs.size(); ++i) {
    std::string base = at + "/" + std::to_string(i);
    Code(out, base + "/kind", refs[i].kind, kRecordKinds, true);
    if (refs[i].id <= 0) out.push_back({base + "/id", "invalid_id", "must be a record's id"});
    for (size_t j = 0; j < i; ++j) {
      if (refs[j] == refs[i]) {
        out.push_back({base, "duplicate", "this record is linked twice"});
        break;
      }
    }
  }
}

void Names(Faults& out, const std::string& at, const std::vector<std::string>& names,
           bool required) {
  if (names.empty() && required) out.push_back({at, "required", "at least one name"});
  if (names.size() > 50) out.push_back({at, "too_many", "at most 50"});
  for (size_t i = 0; i < names.size(); ++i) {
    Text(out, at + "/" + std::to_string(i), names[i], 256, true);
  }
}

}  // namespace

Faults Validate(const Seizure& s, const ReferenceData& ref,
                const std::vector<std::string>& concealments) {
  Faults out;
  Date(out, "/date", s.occurred_at, true, true);
  Text(out, "/office", s.office, 16, true);
  Text(out, "/place", s.place, 256, false);
  Code(out, "/detectionMethod", s.detection_method, kDetectionMethods, true);
  Code(out, "/category", s.category, kEnforcementCategories, true);
  if (!s.hs_code.empty()) {
    bool digits = s.hs_code.size() >= 4 && s.hs_code.size() <= 10 && s.hs_code.size() % 2 == 0;
    for (char c : s.hs_code) digits = digits && c >= '0' && c <= '9';
    if (!digits) {
      out.push_back({"/hsCode", "invalid_hs_code", "4, 6, 8 or 10 digits"});
    } else if (s.hs_code.size() >= 6 && !ref.IsHsSubheading(s.hs_code.substr(0, 6))) {
      out.push_back({"/hsCode", "unknown_hs_code", "not an HS 2022 subheading"});
    }
  }
  Text(out, "/description", s.description, 1024, true);
  Amount(out, "/quantity", s.quantity);
  Text(out, "/unit", s.unit, 16, s.quantity.has_value());
  Amount(out, "/estimatedValue", s.estimated_value);
  if (s.estimated_value) {
    if (s.currency.empty()) {
      out.push_back({"/currency", "required", "is required with an estimated value"});
    } else if (!ref.IsCurrency(s.currency)) {
      out.push_back({"/currency", "unknown_currency", "must be an ISO 4217 code such as VND"});
    }
  } else if (!s.currency.empty()) {
    out.push_back({"/currency", "unexpected", "only with an estimated value"});
  }
  if (!s.concealment.empty() && !IsOneOf(s.concealment, concealments)) {
    out.push_back({"/concealment", "unknown_code", "must be one of " + List(concealments)});
  }
  Code(out, "/transport/mode", s.transport_mode, kTransportModes, false);
  Text(out, "/transport/identifier", s.conveyance, 64, false);
  Country(out, "/route/departure", s.departure, ref, false);
  Country(out, "/route/destination", s.destination, ref, false);
  if (s.route.size() > 20) out.push_back({"/route/legs", "too_many", "at most 20 legs"});
  for (size_t i = 0; i < s.route.size(); ++i) {
    std::string base = "/route/legs/" + std::to_string(i);
    Country(out, base + "/country", s.route[i].country, ref, true);
    Text(out, base + "/place", s.route[i].place, 128, false);
  }
  if (s.declaration_id && *s.declaration_id <= 0) {
    out.push_back({"/declarationId", "invalid_id", "must be a declaration's id"});
  }
  Text(out, "/narrative", s.narrative, 20000, false, true);
  if (s.parties.size() > 100) out.push_back({"/parties", "too_many", "at most 100"});
  for (size_t i = 0; i < s.parties.size(); ++i) {
    std::string base = "/parties/" + std::to_string(i);
    const auto& p = s.parties[i];
    if (p.kind != "person" && p.kind != "company") {
      out.push_back({base + "/kind", "unknown_code", "must be person or company"});
    }
    if (p.id <= 0)
      out.push_back({base + "/id", "invalid_id", "must be a person's or company's id"});
    Code(out, base + "/role", p.role, kPartyRoles, true);
  }
  return out;
}

Faults Validate(const SuspectPerson& p, const ReferenceData& ref) {
  Faults out;
  Names(out, "/names", p.names, true);
  Date(out, "/dateOfBirth", p.date_of_birth, false);
  Country(out, "/nationality", p.nationality, ref, false);
  if (p.documents.size() > 20) out.push_back({"/documents", "too_many", "at most 20"});
  for (size_t i = 0; i < p.documents.size(); ++i) {
    std::string base = "/documents/" + std::to_string(i);
    const auto& d = p.documents[i];
    Code(out, base + "/type", d.type, kDocumentTypes, true);
    if (!IsPersonId(d.number)) {
      out.push_back({base + "/number", "invalid_number",
                     "6 to 20 digits or capital letters, without spaces"});
    }
    Country(out, base + "/country", d.country, ref, false);
  }
  Text(out, "/notes", p.notes, 20000, false, true);
  return out;
}

Faults Validate(const OffendingCompany& c, const ReferenceData& ref) {
  Faults out;
  Text(out, "/name", c.name, 256, true);
  Names(out, "/aliases", c.aliases, false);
  if (!c.tax_id.empty() && !IsTaxId(c.tax_id)) {
    out.push_back({"/taxId", "invalid_tax_id", "10 digits, or 10 digits, '-' and 3 for a branch"});
  }
  Country(out, "/country", c.country, ref, false);
  Text(out, "/address", c.address, 512, false);
  Text(out, "/notes", c.notes, 20000, false, true);
  return out;
}

Faults Validate(const Suspicion& s) {
  Faults out;
  Date(out, "/receivedOn", s.received_on, true);
  Code(out, "/source", s.source, kSuspicionSources, true);
  Code(out, "/category", s.category, kEnforcementCategories, false);
  Text(out, "/summary", s.summary, 512, true);
  Text(out, "/narrative", s.narrative, 20000, false, true);
  Code(out, "/status", s.status, kSuspicionStatuses, true);
  Refs(out, "/links", s.links);
  return out;
}

Faults Validate(const Investigation& i) {
  Faults out;
  Text(out, "/title", i.title, 256, true);
  Text(out, "/summary", i.summary, 20000, false, true);
  Code(out, "/status", i.status, kInvestigationStatuses, true);
  UserName(out, "/lead", i.lead, true);
  UserName(out, "/supervisor", i.supervisor, false);
  if (i.members.size() > 100) out.push_back({"/members", "too_many", "at most 100"});
  for (size_t k = 0; k < i.members.size(); ++k) {
    UserName(out, "/members/" + std::to_string(k), i.members[k], true);
  }
  Refs(out, "/links", i.links);
  return out;
}

Faults Validate(const InvestigationTask& t) {
  Faults out;
  Text(out, "/title", t.title, 512, true);
  UserName(out, "/assignee", t.assignee, false);
  FutureDate(out, "/due", t.due);
  Code(out, "/status", t.status, kTaskStatuses, true);
  return out;
}

Faults ValidateNote(std::string_view text) {
  Faults out;
  Text(out, "/text", text, 20000, true, true);
  return out;
}

Faults Validate(const InvestigationMessage& m) {
  Faults out;
  // A body of blanks says nothing, and a message cannot be edited afterwards to say more.
  if (m.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    out.push_back({"/body", "required", "is required"});
  } else {
    Text(out, "/body", m.body, kMaxMessageBytes, true, true);
  }
  if (m.reply_to && *m.reply_to <= 0) {
    out.push_back({"/replyTo", "invalid_id", "must be a message's id"});
  }
  if (m.links.size() > kMaxMessageLinks) {
    out.push_back({"/links", "too_many", "at most " + std::to_string(kMaxMessageLinks)});
  }
  Refs(out, "/links", m.links);
  return out;
}

}  // namespace haiquan::domain
