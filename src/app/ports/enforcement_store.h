#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/ports/thumbnailer.h"
#include "domain/audit.h"
#include "domain/enforcement/records.h"
#include "domain/result.h"

namespace haiquan::app {

// Filters over seizures shared by search, export and the figures (N4, N6). Empty: any.
struct SeizureFilter {
  std::string from, to;  // days, inclusive
  std::string office;
  std::string category;
  std::string hs_prefix;  // digits
  std::string concealment;
  std::string transport_mode;
  std::string route_country;  // departure, any leg or destination
  std::string detection_method;
};

struct SeizureSearch {
  std::vector<std::string> words;  // folded (domain::NameTokens); all must occur; empty: any
  SeizureFilter filter;
  int limit = 50;
  int64_t offset = 0;
};

// A suspect or company whose names hold every query word, or a near spelling of it.
struct NameCandidate {
  std::string kind;  // person | company
  int64_t id = 0;
  std::vector<std::string> names;  // the name, then aliases
  std::string date_of_birth;       // persons
  std::string nationality;         // persons; the country for companies
  std::string tax_id;              // companies
};

// One group of the enforcement figures: how many seizures, their quantities per unit and
// their estimated values per currency.
struct SeizureGroup {
  std::string key;
  int64_t seizures = 0;
  std::vector<std::pair<std::string, double>> quantities;  // unit, total
  std::vector<std::pair<std::string, double>> values;      // currency, total
};

struct SeizureStats {
  int64_t seizures = 0;
  std::vector<SeizureGroup> by_category, by_concealment, by_route_country, by_month;
};

// The seizure, suspect and company databases (N1-N3) and their search (N4). Writes commit
// their audit entry with the change.
class EnforcementStore {
 public:
  virtual ~EnforcementStore() = default;

  // NotFound naming the first party or declaration that does not exist.
  virtual domain::Result<domain::Seizure> CreateSeizure(domain::Seizure s,
                                                        domain::AuditEvent audit) = 0;
  // Conflict if `expected_version` is set and is not the current version.
  virtual domain::Result<domain::Seizure> UpdateSeizure(domain::Seizure s,
                                                        std::optional<int> expected_version,
                                                        domain::AuditEvent audit) = 0;
  virtual domain::Result<domain::Seizure> GetSeizure(int64_t id) = 0;
  // Seizures in rank order (by text relevance, else newest first).
  virtual domain::Result<std::vector<domain::Seizure>> SearchSeizures(const SeizureSearch& q) = 0;
  // Every matching seizure, newest first (or by relevance), for exports: stop by returning false.
  virtual domain::Status ScanSeizures(const SeizureSearch& q,
                                      const std::function<bool(const domain::Seizure&)>& visit) = 0;
  virtual domain::Result<SeizureStats> Stats(const std::vector<std::string>& words,
                                             const SeizureFilter& filter) = 0;

  // Stores the bytes once under their SHA-256, with their thumbnail if there is one, and links
  // them to the seizure.
  virtual domain::Result<domain::Attachment> AddAttachment(
      int64_t seizure_id, domain::Attachment a, std::string content,
      const std::optional<Thumbnail>& thumbnail, domain::AuditEvent audit) = 0;
  // The bytes and their type, if the seizure has this attachment.
  virtual domain::Result<std::pair<domain::Attachment, std::string>> GetAttachment(
      int64_t seizure_id, const std::string& sha256) = 0;
  // The thumbnail's JPEG bytes, if the seizure has this attachment and it has one.
  virtual domain::Result<std::string> GetThumbnail(int64_t seizure_id,
                                                   const std::string& sha256) = 0;

  virtual domain::Result<domain::SuspectPerson> CreatePerson(domain::SuspectPerson p,
                                                             domain::AuditEvent audit) = 0;
  virtual domain::Result<domain::SuspectPerson> UpdatePerson(domain::SuspectPerson p,
                                                             std::optional<int> expected_version,
                                                             domain::AuditEvent audit) = 0;
  virtual domain::Result<domain::SuspectPerson> GetPerson(int64_t id) = 0;

  virtual domain::Result<domain::OffendingCompany> CreateCompany(domain::OffendingCompany c,
                                                                 domain::AuditEvent audit) = 0;
  virtual domain::Result<domain::OffendingCompany> UpdateCompany(
      domain::OffendingCompany c, std::optional<int> expected_version,
      domain::AuditEvent audit) = 0;
  virtual domain::Result<domain::OffendingCompany> GetCompany(int64_t id) = 0;

  // The seizures a person or company took part in, newest first.
  virtual domain::Result<std::vector<domain::Seizure>> SeizuresOf(const std::string& kind,
                                                                  int64_t id) = 0;

  // Names holding every word of `words` or a spelling within its typo budget, best first by
  // text rank, at most `max` of them. `kind`: person, company, or empty for both.
  virtual domain::Result<std::vector<NameCandidate>> NameCandidates(
      const std::vector<std::string>& words, const std::string& kind, int max) = 0;

  // A page of persons or companies by id, newest first (the lists without a query).
  virtual domain::Result<std::vector<NameCandidate>> ListNames(const std::string& kind,
                                                               int64_t offset, int limit) = 0;

  virtual domain::Result<std::vector<std::string>> Concealments() = 0;
  virtual domain::Status AddConcealment(const std::string& code, domain::AuditEvent audit) = 0;
};

}  // namespace haiquan::app
