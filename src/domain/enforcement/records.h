#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/reference_data.h"
#include "domain/result.h"

namespace haiquan::domain {

// N1-N3: the national enforcement databases (after the WCO's nCEN). Codes are lower-case words
// so that they read the same in the API, the database and an export.

inline constexpr std::string_view kDetectionMethods[] = {"risk_profile", "xray",   "dog",
                                                         "intelligence", "random", "other"};
inline constexpr std::string_view kEnforcementCategories[] = {
    "drugs", "tobacco", "wildlife", "ipr", "weapons", "currency", "cultural_goods", "revenue"};
inline constexpr std::string_view kTransportModes[] = {"sea",  "air",        "road", "rail",
                                                       "post", "pedestrian", "other"};
// The party roles a person or company plays in a seizure.
inline constexpr std::string_view kPartyRoles[] = {"owner", "courier", "consignee", "carrier",
                                                   "organiser"};
inline constexpr std::string_view kDocumentTypes[] = {"passport", "national_id", "driving_licence",
                                                      "other"};
// Concealment methods are a controlled vocabulary that administrators extend (stored); these
// are the ones every installation starts with.
inline constexpr std::string_view kBaseConcealments[] = {
    "none",     "luggage",     "false_bottom",   "body_carry",          "swallowed",   "clothing",
    "in_goods", "misdeclared", "vehicle_cavity", "container_structure", "mail_parcel", "other"};

bool IsOneOf(std::string_view value, const auto& codes) {
  for (std::string_view c : codes) {
    if (c == value) return true;
  }
  return false;
}

// A record of another kind that a seizure, suspicion or investigation refers to.
struct RecordRef {
  std::string kind;  // seizure | person | company | suspicion | declaration
  int64_t id = 0;
  std::string label;  // read only: the record's name or description, for display
  bool operator==(const RecordRef& o) const { return kind == o.kind && id == o.id; }
};
// Investigations are not link targets: a link's label would show a case's title to people who
// are not its members.
inline constexpr std::string_view kRecordKinds[] = {"seizure", "person", "company", "suspicion",
                                                    "declaration"};

struct RouteLeg {
  std::string country;  // ISO 3166-1 alpha-2
  std::string place;    // a port, airport or town; free text
};

// A person or company of the enforcement databases involved in a seizure, and how.
struct SeizureParty {
  std::string kind;  // person | company
  int64_t id = 0;
  std::string role;  // one of kPartyRoles
  std::string name;  // read only
};

// A photo, X-ray image or document stored with a seizure, by the SHA-256 of its bytes.
struct Attachment {
  std::string sha256;
  std::string media_type;  // sniffed from the bytes, not taken from the client
  int64_t size = 0;
  std::string kind;  // photo | xray | document
  std::string file_name;
  std::string added_at;
  std::string added_by;
  // The image's size when it could be read as one; it then has a thumbnail.
  int width = 0;
  int height = 0;
  bool has_thumbnail = false;
};

// N1: a seizure or other offence detected by customs.
struct Seizure {
  int64_t id = 0;
  int version = 0;
  std::string occurred_at;  // YYYY-MM-DD or an RFC 3339 UTC time
  std::string office;       // customs office code
  std::string place;
  std::string detection_method;
  std::string category;
  std::string hs_code;  // optional, 4 to 10 digits
  std::string description;
  std::optional<double> quantity;
  std::string unit;
  std::optional<double> estimated_value;
  std::string currency;  // ISO 4217, with an estimated value
  std::string concealment;
  std::string transport_mode;
  std::string conveyance;  // vessel, flight number, vehicle plate
  std::string departure;   // ISO 3166-1 alpha-2
  std::string destination;
  std::vector<RouteLeg> route;  // in travel order
  std::optional<int64_t> declaration_id;
  std::string narrative;
  std::vector<SeizureParty> parties;
  std::vector<Attachment> attachments;  // read only: added through their own route
  std::string created_at, created_by, updated_at, updated_by;

  std::string Day() const { return occurred_at.substr(0, 10); }
};

struct IdentityDocument {
  std::string type;  // one of kDocumentTypes
  std::string number;
  std::string country;  // issuing country, ISO 3166-1 alpha-2
};

// N2: a suspected person. The first name is the one the person is known by; the others are
// aliases and spellings, all searched alike.
struct SuspectPerson {
  int64_t id = 0;
  int version = 0;
  std::vector<std::string> names;
  std::string date_of_birth;  // YYYY-MM-DD, or empty if unknown
  std::string nationality;
  std::vector<IdentityDocument> documents;
  std::string notes;
  std::string created_at, created_by, updated_at, updated_by;
};

// N3: an offending company; linked to the enterprise registry when it has a tax id there.
struct OffendingCompany {
  int64_t id = 0;
  int version = 0;
  std::string name;
  std::vector<std::string> aliases;
  std::string tax_id;  // empty for a company not registered here
  std::string country;
  std::string address;
  std::string notes;
  bool registered = false;  // read only: the tax id is in the enterprise registry
  std::string created_at, created_by, updated_at, updated_by;
};

inline constexpr std::string_view kSuspicionSources[] = {
    "officer", "informant", "risk_analysis", "partner_administration", "public", "other"};
inline constexpr std::string_view kSuspicionStatuses[] = {"open", "investigating", "dismissed",
                                                          "confirmed"};

// Intelligence not yet confirmed.
struct Suspicion {
  int64_t id = 0;
  int version = 0;
  std::string received_on;  // YYYY-MM-DD
  std::string source;
  std::string category;  // optional: one of kEnforcementCategories
  std::string summary;
  std::string narrative;
  std::string status = "open";
  std::vector<RecordRef> links;
  std::string created_at, created_by, updated_at, updated_by;
};

inline constexpr std::string_view kInvestigationStatuses[] = {"open", "suspended", "closed"};
inline constexpr std::string_view kTaskStatuses[] = {"open", "done", "cancelled"};

// An investigation gathers the records of a case. Only its members, its supervisor and
// administrators may see it (MaySeeInvestigation).
struct Investigation {
  int64_t id = 0;
  int version = 0;
  std::string title;
  std::string summary;
  std::string status = "open";
  std::string lead;        // a user name; always a member
  std::string supervisor;  // a user name
  std::vector<std::string> members;
  std::optional<RecordRef> opened_from;  // the suspicion or seizure it was opened from
  std::vector<RecordRef> links;
  std::string created_at, created_by, updated_at, updated_by;
};

struct InvestigationNote {
  int64_t id = 0;
  int64_t investigation_id = 0;
  std::string at;
  std::string author;
  std::string text;
};

struct InvestigationTask {
  int64_t id = 0;
  int64_t investigation_id = 0;
  int version = 0;
  std::string title;
  std::string assignee;  // a user name, or empty
  std::string due;       // YYYY-MM-DD, or empty
  std::string status = "open";
  std::string created_at, created_by, updated_at, updated_by;
};

// A message exchanged within an investigation, between its members. Append-only: messages
// are evidence, so none is ever edited or deleted.
struct InvestigationMessage {
  int64_t id = 0;
  int64_t investigation_id = 0;
  std::string sent_at;
  std::string author;
  std::string body;
  std::optional<int64_t> reply_to;  // a message of the same investigation
  std::vector<RecordRef> links;
};
inline constexpr size_t kMaxMessageBytes = 10000;
inline constexpr size_t kMaxMessageLinks = 20;

// Where one user stands in an investigation's conversation: the last message they marked read
// (0 for none) and how many messages of others came after it.
struct MessageReadState {
  int64_t read_up_to = 0;
  int64_t unread = 0;
};

// Faults by JSON pointer; empty when valid. `concealments` is the stored vocabulary.
std::vector<FieldError> Validate(const Seizure& s, const ReferenceData& ref,
                                 const std::vector<std::string>& concealments);
std::vector<FieldError> Validate(const SuspectPerson& p, const ReferenceData& ref);
std::vector<FieldError> Validate(const OffendingCompany& c, const ReferenceData& ref);
std::vector<FieldError> Validate(const Suspicion& s);
std::vector<FieldError> Validate(const Investigation& i);
std::vector<FieldError> Validate(const InvestigationTask& t);
std::vector<FieldError> ValidateNote(std::string_view text);
// The message's own faults; whether replyTo and the links exist is the store's to say.
std::vector<FieldError> Validate(const InvestigationMessage& m);

}  // namespace haiquan::domain
