#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/clock.h"
#include "app/ports/audit_store.h"
#include "app/ports/enforcement_store.h"
#include "app/ports/thumbnailer.h"
#include "app/ports/trader_store.h"
#include "domain/reference_data.h"

namespace haiquan::app {

// What a search asks (N4): words, the kind of record, filters over seizures, a page.
struct SearchRequest {
  std::string text;
  std::string type = "seizure";  // seizure | person | company
  SeizureFilter filter;
  int limit = 50;
  int64_t offset = 0;
};

struct SearchHit {
  std::string kind;
  double score = 0;  // name matches: 0..1; seizures: in rank order, no score
  std::optional<domain::Seizure> seizure;
  std::optional<NameCandidate> name;
  std::string matched;  // the name or alias that matched best
};

struct SearchPage {
  std::vector<SearchHit> items;
  std::optional<int64_t> next_offset;
};

// A suspect with what is known about them elsewhere: their seizures, and the enterprises they
// own or represent when one of their documents is in the registry.
struct PersonView {
  domain::SuspectPerson person;
  std::vector<domain::Seizure> seizures;
  std::vector<PersonRecord::Role> enterprises;
};

struct CompanyView {
  domain::OffendingCompany company;
  std::vector<domain::Seizure> seizures;
};

// N1-N6: seizures, suspects and offending companies, their search, figures and attachments.
// Every read names people, so every read is recorded in the audit trail before it is answered.
class ManageEnforcement {
 public:
  // Without a thumbnailer, attachments are stored without thumbnails.
  ManageEnforcement(EnforcementStore& store, TraderStore& traders, AuditStore& audit,
                    const Clock& clock, std::shared_ptr<const domain::ReferenceData> reference,
                    const Thumbnailer* thumbnailer = nullptr)
      : store_(store),
        traders_(traders),
        audit_(audit),
        clock_(clock),
        reference_(std::move(reference)),
        thumbnailer_(thumbnailer) {}

  template <typename T>
  using Done = std::function<void(domain::Result<T>)>;

  // Attachments larger than this are refused (the HTTP layer's limit may be lower).
  static constexpr size_t kMaxAttachment = 16 << 20;
  static constexpr int kMaxPage = 200;
  static constexpr int64_t kMaxExport = 1'000'000;

  domain::Result<domain::Seizure> CreateSeizure(const Caller& caller, domain::Seizure s);
  domain::Result<domain::Seizure> UpdateSeizure(const Caller& caller, domain::Seizure s,
                                                std::optional<int> expected_version);
  void GetSeizure(const Caller& caller, int64_t id, Done<domain::Seizure> done) const;
  domain::Result<domain::Attachment> AddAttachment(const Caller& caller, int64_t seizure_id,
                                                   std::string kind, std::string file_name,
                                                   std::string content);
  void GetAttachment(const Caller& caller, int64_t seizure_id, const std::string& sha256,
                     Done<std::pair<domain::Attachment, std::string>> done) const;
  // The JPEG thumbnail of an attached image.
  void GetThumbnail(const Caller& caller, int64_t seizure_id, const std::string& sha256,
                    Done<std::string> done) const;

  domain::Result<domain::SuspectPerson> CreatePerson(const Caller& caller, domain::SuspectPerson p);
  domain::Result<domain::SuspectPerson> UpdatePerson(const Caller& caller, domain::SuspectPerson p,
                                                     std::optional<int> expected_version);
  void GetPerson(const Caller& caller, int64_t id, Done<PersonView> done) const;

  domain::Result<domain::OffendingCompany> CreateCompany(const Caller& caller,
                                                         domain::OffendingCompany c);
  domain::Result<domain::OffendingCompany> UpdateCompany(const Caller& caller,
                                                         domain::OffendingCompany c,
                                                         std::optional<int> expected_version);
  void GetCompany(const Caller& caller, int64_t id, Done<CompanyView> done) const;

  // A ranked page; the search is recorded (what was asked, how many answered).
  void Search(const Caller& caller, const SearchRequest& q, Done<SearchPage> done) const;
  // Every seizure of a search up to kMaxExport, for exports; audited like a search. Runs
  // `visit` on the calling thread: call it from a blocking pool.
  domain::Status Export(const Caller& caller, const SearchRequest& q,
                        const std::function<bool(const SearchHit&)>& visit) const;
  // Recorded in the audit trail (the words and filters) before it is answered.
  domain::Result<SeizureStats> Stats(const Caller& caller, const std::string& text,
                                     const SeizureFilter& filter) const;

  domain::Result<std::vector<std::string>> Concealments() const { return store_.Concealments(); }
  domain::Status AddConcealment(const Caller& caller, const std::string& code);

 private:
  domain::Result<SearchPage> RankNames(const SearchRequest& q, int64_t max) const;
  template <typename T>
  void Audited(const Caller& caller, const char* action, const char* type, std::string id,
               domain::Result<T> result, Done<T> done, std::string detail = "") const;
  domain::AuditEvent Event(const Caller& caller, const char* action, const char* type,
                           std::string id = "", std::string detail = "") const;

  EnforcementStore& store_;
  TraderStore& traders_;
  AuditStore& audit_;
  const Clock& clock_;
  std::shared_ptr<const domain::ReferenceData> reference_;
  const Thumbnailer* thumbnailer_;
};

}  // namespace haiquan::app
