#include "app/manage_enforcement.h"

#include <algorithm>
#include <mutex>

#include "app/crypto.h"
#include "domain/enforcement/media_type.h"
#include "domain/enforcement/name_match.h"
#include "domain/text.h"

namespace haiquan::app {
namespace {

// A name search scores this many candidates at most: enough for every spelling of a common
// name in a national database, few enough to answer in milliseconds.
constexpr int kNameCandidates = 500;

std::vector<std::string> Words(const std::string& text) { return domain::NameTokens(text); }

// What a search asked, for the audit trail: the whole words (at most 500 bytes of valid UTF-8
// through the API) and every filter.
std::string Describe(const std::string& type, const std::string& text, const SeizureFilter& f) {
  std::string out = "type=" + type + " q=" + text;
  const std::pair<const char*, const std::string*> kFilters[] = {
      {"from", &f.from},
      {"to", &f.to},
      {"office", &f.office},
      {"category", &f.category},
      {"hs", &f.hs_prefix},
      {"concealment", &f.concealment},
      {"transport", &f.transport_mode},
      {"country", &f.route_country},
      {"detectionMethod", &f.detection_method}};
  for (const auto& [name, value] : kFilters) {
    if (!value->empty()) out += std::string(" ") + name + "=" + *value;
  }
  return out;
}

domain::Error Invalid(const char* what, std::vector<domain::FieldError> faults) {
  return domain::Error::Invalid(std::string("the ") + what + " is not valid", std::move(faults));
}

}  // namespace

domain::AuditEvent ManageEnforcement::Event(const Caller& caller, const char* action,
                                            const char* type, std::string id,
                                            std::string detail) const {
  return caller.Event(FormatTimestamp(clock_.Now()), action, type, std::move(id), "ok",
                      std::move(detail));
}

template <typename T>
void ManageEnforcement::Audited(const Caller& caller, const char* action, const char* type,
                                std::string id, domain::Result<T> result, Done<T> done,
                                std::string detail) const {
  std::string outcome = "ok";
  if (!result.ok()) {
    outcome = result.error().code == domain::ErrorCode::kNotFound ? "not_found" : "failed";
  }
  auto shared = std::make_shared<domain::Result<T>>(std::move(result));
  audit_.Append(caller.Event(FormatTimestamp(clock_.Now()), action, type, std::move(id), outcome,
                             std::move(detail)),
                [shared, done = std::move(done)](domain::Status s) {
                  // Fail closed: a read that cannot be recorded is not answered.
                  if (!s.ok()) return done(s.error());
                  done(std::move(*shared));
                });
}

domain::Result<domain::Seizure> ManageEnforcement::CreateSeizure(const Caller& caller,
                                                                 domain::Seizure s) {
  auto concealments = store_.Concealments();
  if (!concealments.ok()) return concealments.error();
  if (auto f = domain::Validate(s, *reference_, *concealments); !f.empty()) {
    return Invalid("seizure", std::move(f));
  }
  s.created_at = s.updated_at = FormatTimestamp(clock_.Now());
  s.created_by = s.updated_by = caller.principal.name;
  // The event first: the record is moved into the call.
  auto event = Event(caller, "seizure.create", "seizure", "", s.category);
  return store_.CreateSeizure(std::move(s), std::move(event));
}

domain::Result<domain::Seizure> ManageEnforcement::UpdateSeizure(
    const Caller& caller, domain::Seizure s, std::optional<int> expected_version) {
  auto concealments = store_.Concealments();
  if (!concealments.ok()) return concealments.error();
  if (auto f = domain::Validate(s, *reference_, *concealments); !f.empty()) {
    return Invalid("seizure", std::move(f));
  }
  s.updated_at = FormatTimestamp(clock_.Now());
  s.updated_by = caller.principal.name;
  std::string id = std::to_string(s.id);
  return store_.UpdateSeizure(std::move(s), expected_version,
                              Event(caller, "seizure.update", "seizure", id));
}

void ManageEnforcement::GetSeizure(const Caller& caller, int64_t id,
                                   Done<domain::Seizure> done) const {
  Audited(caller, "seizure.read", "seizure", std::to_string(id), store_.GetSeizure(id),
          std::move(done));
}

domain::Result<domain::Attachment> ManageEnforcement::AddAttachment(const Caller& caller,
                                                                    int64_t seizure_id,
                                                                    std::string kind,
                                                                    std::string file_name,
                                                                    std::string content) {
  std::vector<domain::FieldError> faults;
  if (kind.empty()) kind = "photo";
  if (kind != "photo" && kind != "xray" && kind != "document") {
    faults.push_back({"/kind", "unknown_code", "must be photo, xray or document"});
  }
  if (file_name.size() > 255 || domain::HasControlCharacters(file_name) ||
      file_name.find('/') != std::string::npos || file_name.find('\\') != std::string::npos) {
    faults.push_back({"/fileName", "invalid_name", "a file name without a path, at most 255"});
  }
  std::string type = domain::SniffMediaType(content);
  if (content.empty()) {
    faults.push_back({"/content", "required", "send the file's bytes as the body"});
  } else if (content.size() > kMaxAttachment) {
    return domain::Error{domain::ErrorCode::kTooLarge, "the attachment is too large", {}};
  } else if (type.empty()) {
    faults.push_back({"/content", "unsupported_type",
                      "JPEG, PNG, WebP, GIF, TIFF, DICOM or PDF, recognised by its bytes"});
  }
  if (!faults.empty()) return Invalid("attachment", std::move(faults));
  domain::Attachment a;
  a.sha256 = Sha256Hex(content);
  a.media_type = type;
  a.size = static_cast<int64_t>(content.size());
  a.kind = kind;
  a.file_name = file_name;
  a.added_at = FormatTimestamp(clock_.Now());
  a.added_by = caller.principal.name;
  // Decoded here, before the writer's transaction, so that a slow image holds no lock.
  std::optional<Thumbnail> thumbnail;
  if (thumbnailer_ && type.starts_with("image/")) thumbnail = thumbnailer_->Make(content);
  return store_.AddAttachment(
      seizure_id, a, std::move(content), thumbnail,
      Event(caller, "seizure.attach", "seizure", std::to_string(seizure_id), a.sha256));
}

void ManageEnforcement::GetAttachment(const Caller& caller, int64_t seizure_id,
                                      const std::string& sha256,
                                      Done<std::pair<domain::Attachment, std::string>> done) const {
  Audited(caller, "seizure.attachment.read", "seizure", std::to_string(seizure_id),
          store_.GetAttachment(seizure_id, sha256), std::move(done), sha256);
}

void ManageEnforcement::GetThumbnail(const Caller& caller, int64_t seizure_id,
                                     const std::string& sha256, Done<std::string> done) const {
  Audited(caller, "seizure.thumbnail.read", "seizure", std::to_string(seizure_id),
          store_.GetThumbnail(seizure_id, sha256), std::move(done), sha256);
}

domain::Result<domain::SuspectPerson> ManageEnforcement::CreatePerson(const Caller& caller,
                                                                      domain::SuspectPerson p) {
  if (auto f = domain::Validate(p, *reference_); !f.empty()) return Invalid("person", f);
  p.created_at = p.updated_at = FormatTimestamp(clock_.Now());
  p.created_by = p.updated_by = caller.principal.name;
  return store_.CreatePerson(std::move(p), Event(caller, "suspect.create", "suspect"));
}

domain::Result<domain::SuspectPerson> ManageEnforcement::UpdatePerson(
    const Caller& caller, domain::SuspectPerson p, std::optional<int> expected_version) {
  if (auto f = domain::Validate(p, *reference_); !f.empty()) return Invalid("person", f);
  p.updated_at = FormatTimestamp(clock_.Now());
  p.updated_by = caller.principal.name;
  std::string id = std::to_string(p.id);
  return store_.UpdatePerson(std::move(p), expected_version,
                             Event(caller, "suspect.update", "suspect", id));
}

void ManageEnforcement::GetPerson(const Caller& caller, int64_t id, Done<PersonView> done) const {
  domain::Result<PersonView> view = PersonView{};
  auto p = store_.GetPerson(id);
  if (!p.ok()) {
    view = p.error();
  } else {
    view->person = std::move(p.value());
    auto seizures = store_.SeizuresOf("person", id);
    if (!seizures.ok()) return done(seizures.error());
    view->seizures = std::move(seizures.value());
    // One person registry: a suspect whose document is an owner's or representative's there
    // shows those enterprises.
    for (const auto& d : view->person.documents) {
      auto record = traders_.Person(d.number);
      if (!record.ok()) continue;
      for (auto& r : record->roles) view->enterprises.push_back(std::move(r));
    }
  }
  Audited(caller, "suspect.read", "suspect", std::to_string(id), std::move(view), std::move(done));
}

domain::Result<domain::OffendingCompany> ManageEnforcement::CreateCompany(
    const Caller& caller, domain::OffendingCompany c) {
  if (auto f = domain::Validate(c, *reference_); !f.empty()) return Invalid("company", f);
  c.created_at = c.updated_at = FormatTimestamp(clock_.Now());
  c.created_by = c.updated_by = caller.principal.name;
  return store_.CreateCompany(std::move(c), Event(caller, "company.create", "company"));
}

domain::Result<domain::OffendingCompany> ManageEnforcement::UpdateCompany(
    const Caller& caller, domain::OffendingCompany c, std::optional<int> expected_version) {
  if (auto f = domain::Validate(c, *reference_); !f.empty()) return Invalid("company", f);
  c.updated_at = FormatTimestamp(clock_.Now());
  c.updated_by = caller.principal.name;
  std::string id = std::to_string(c.id);
  return store_.UpdateCompany(std::move(c), expected_version,
                              Event(caller, "company.update", "company", id));
}

void ManageEnforcement::GetCompany(const Caller& caller, int64_t id, Done<CompanyView> done) const {
  domain::Result<CompanyView> view = CompanyView{};
  auto c = store_.GetCompany(id);
  if (!c.ok()) {
    view = c.error();
  } else {
    view->company = std::move(c.value());
    auto seizures = store_.SeizuresOf("company", id);
    if (!seizures.ok()) return done(seizures.error());
    view->seizures = std::move(seizures.value());
  }
  Audited(caller, "company.read", "company", std::to_string(id), std::move(view), std::move(done));
}

domain::Result<SearchPage> ManageEnforcement::RankNames(const SearchRequest& q, int64_t max) const {
  SearchPage page;
  auto words = Words(q.text);
  std::vector<SearchHit> hits;
  if (words.empty()) {
    auto list = store_.ListNames(q.type, q.offset, q.limit + 1);
    if (!list.ok()) return list.error();
    for (auto& c : *list) {
      SearchHit h;
      h.kind = c.kind;
      h.matched = c.names.empty() ? "" : c.names.front();
      h.name = std::move(c);
      page.items.push_back(std::move(h));
    }
    if (static_cast<int>(page.items.size()) > q.limit) {
      page.items.pop_back();
      page.next_offset = q.offset + q.limit;
    }
    return page;
  }
  auto candidates = store_.NameCandidates(
      words, q.type, static_cast<int>(std::max<int64_t>(kNameCandidates, max)));
  if (!candidates.ok()) return candidates.error();
  for (auto& c : *candidates) {
    SearchHit h;
    h.kind = c.kind;
    for (const auto& n : c.names) {
      double s = domain::NameMatchScore(words, n);
      if (s > h.score) {
        h.score = s;
        h.matched = n;
      }
    }
    if (h.score <= 0) continue;  // the words were spread over several aliases
    h.name = std::move(c);
    hits.push_back(std::move(h));
  }
  std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
    return a.score != b.score ? a.score > b.score : a.name->id > b.name->id;
  });
  auto from = std::min<size_t>(hits.size(), static_cast<size_t>(q.offset));
  auto to =
      std::min<size_t>(hits.size(), from + static_cast<size_t>(std::min<int64_t>(max, q.limit)));
  for (size_t i = from; i < to; ++i) page.items.push_back(std::move(hits[i]));
  if (to < hits.size()) page.next_offset = static_cast<int64_t>(to);
  return page;
}

void ManageEnforcement::Search(const Caller& caller, const SearchRequest& q,
                               Done<SearchPage> done) const {
  // The entry records what was asked, so it is written while the search runs: the answer
  // waits for whichever finishes last, not for the two one after the other.
  struct Pending {
    std::mutex mu;
    int remaining = 2;
    domain::Status recorded = domain::Ok();
    domain::Result<SearchPage> result = SearchPage{};
    Done<SearchPage> done;
  };
  auto pending = std::make_shared<Pending>();
  pending->done = std::move(done);
  auto finish = [](const std::shared_ptr<Pending>& p) {
    {
      std::lock_guard lock(p->mu);
      if (--p->remaining > 0) return;
    }
    // Fail closed: a search that cannot be recorded is not answered.
    if (!p->recorded.ok()) return p->done(p->recorded.error());
    p->done(std::move(p->result));
  };
  audit_.Append(
      Event(caller, "enforcement.search", q.type.c_str(), "", Describe(q.type, q.text, q.filter)),
      [pending, finish](domain::Status s) {
        {
          std::lock_guard lock(pending->mu);
          pending->recorded = std::move(s);
        }
        finish(pending);
      });
  domain::Result<SearchPage> result = SearchPage{};
  if (q.type == "seizure") {
    SeizureSearch s{Words(q.text), q.filter, q.limit + 1, q.offset};
    auto found = store_.SearchSeizures(s);
    if (!found.ok()) {
      result = found.error();
    } else {
      for (auto& z : *found) {
        SearchHit h;
        h.kind = "seizure";
        h.seizure = std::move(z);
        result->items.push_back(std::move(h));
      }
      if (static_cast<int>(result->items.size()) > q.limit) {
        result->items.pop_back();
        result->next_offset = q.offset + q.limit;
      }
    }
  } else {
    result = RankNames(q, q.limit);
  }
  {
    std::lock_guard lock(pending->mu);
    pending->result = std::move(result);
  }
  finish(pending);
}

domain::Status ManageEnforcement::Export(const Caller& caller, const SearchRequest& q,
                                         const std::function<bool(const SearchHit&)>& visit) const {
  auto recorded = audit_.AppendAndWait(
      Event(caller, "enforcement.export", q.type.c_str(), "", Describe(q.type, q.text, q.filter)));
  if (!recorded.ok()) return recorded;
  if (q.type == "seizure") {
    SeizureSearch s{Words(q.text), q.filter, static_cast<int>(kMaxExport), 0};
    SearchHit h;
    h.kind = "seizure";
    return store_.ScanSeizures(s, [&](const domain::Seizure& z) {
      h.seizure = z;
      return visit(h);
    });
  }
  SearchRequest all = q;
  all.offset = 0;
  all.limit = static_cast<int>(kMaxExport);
  auto page = RankNames(all, kMaxExport);
  if (!page.ok()) return page.error();
  for (const auto& h : page->items) {
    if (!visit(h)) break;
  }
  return domain::Ok();
}

domain::Result<SeizureStats> ManageEnforcement::Stats(const Caller& caller, const std::string& text,
                                                      const SeizureFilter& filter) const {
  auto recorded = audit_.AppendAndWait(
      Event(caller, "enforcement.stats", "seizure", "", Describe("seizure", text, filter)));
  if (!recorded.ok()) return recorded.error();
  return store_.Stats(Words(text), filter);
}

domain::Status ManageEnforcement::AddConcealment(const Caller& caller, const std::string& code) {
  bool ok = !code.empty() && code.size() <= 40;
  for (char c : code) ok = ok && ((c >= 'a' && c <= 'z') || c == '_' || (c >= '0' && c <= '9'));
  if (!ok) {
    return domain::Error::Invalid(
        "not a concealment code",
        {{"/code", "invalid_code", "lower-case letters, digits and _, at most 40"}});
  }
  return store_.AddConcealment(code, Event(caller, "concealment.add", "concealment", code));
}

}  // namespace haiquan::app
