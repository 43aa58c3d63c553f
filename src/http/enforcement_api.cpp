// N1-N6 over HTTP: seizures, suspects, offending companies, search, exports, figures,
// suspicion reports and investigations. Thin handlers: parse, call the use case, answer.
#include <memory>

#include "domain/date.h"
#include "http/api.h"
#include "http/blocking_pool.h"
#include "http/enforcement_json.h"
#include "http/handler_kit.h"
#include "http/search_export.h"
#include "http/trader_json.h"
#include "http/xlsx_book.h"

namespace haiquan::http {
namespace {

using domain::Role;

const std::vector<Role> kSeizureWriters = {Role::kOfficer, Role::kInvestigator, Role::kSupervisor,
                                           Role::kAdministrator};
const std::vector<Role> kEnforcementReaders = {Role::kOfficer, Role::kAnalyst, Role::kInvestigator,
                                               Role::kSupervisor, Role::kAdministrator};
const std::vector<Role> kFigureReaders = {Role::kOfficer,    Role::kAnalyst, Role::kInvestigator,
                                          Role::kSupervisor, Role::kManager, Role::kAdministrator};
const std::vector<Role> kStaff = kFigureReaders;
const std::vector<Role> kSuspicionWriters = {Role::kOfficer, Role::kAnalyst, Role::kInvestigator,
                                             Role::kSupervisor, Role::kAdministrator};
const std::vector<Role> kSuspicionReaders = {Role::kAnalyst, Role::kInvestigator, Role::kSupervisor,
                                             Role::kAdministrator};
const std::vector<Role> kCaseRoles = {Role::kInvestigator, Role::kSupervisor, Role::kAdministrator};
const std::vector<Role> kVocabularyWriters = {Role::kSupervisor, Role::kAdministrator};

// Deeper pages cost a walk over every result before them: past this, narrow the search.
constexpr int64_t kMaxOffset = 10000;
// Exports through the API are answered whole from memory; larger ones: `haiquan export`.
constexpr int64_t kMaxHttpExport = 250000;

struct Deps {
  ApiDeps api;
  std::shared_ptr<BlockingPool> exports = std::make_shared<BlockingPool>(1, 8);
  // Attachments, one at a time: each holds up to 16 MiB and decodes an image.
  std::shared_ptr<BlockingPool> media = std::make_shared<BlockingPool>(1, 8);
};

template <typename T>
using Reader = T (*)(const json::value&, JsonReader&, std::optional<int>*);

// The body as T, with its faults and the domain's reported together.
template <typename T>
std::optional<T> ReadBody(const Request& req, const Respond& respond, const char* what,
                          Reader<T> read, std::optional<int>* version) {
  if (!JsonBody(req)) {
    respond(UnsupportedMedia(req));
    return std::nullopt;
  }
  auto parsed = ParseJson(req.body);
  if (!parsed.ok()) {
    respond(Problem(parsed.error(), req.instance));
    return std::nullopt;
  }
  JsonReader reader;
  T value = read(*parsed, reader, version);
  if (!reader.ok()) {
    respond(Problem(reader.ToError(what), req.instance));
    return std::nullopt;
  }
  return value;
}

template <typename T>
Response Created(const domain::Result<T>& r, const Request& req, const std::string& base,
                 json::object (*write)(const T&)) {
  if (!r.ok()) return Problem(r.error(), req.instance);
  Response res = Json(201, write(*r));
  res.headers.emplace_back("Location", base + "/" + std::to_string(r->id));
  return res;
}

template <typename T>
Response Written(const domain::Result<T>& r, const Request& req, json::object (*write)(const T&)) {
  if (!r.ok()) return Problem(r.error(), req.instance);
  return Json(200, write(*r));
}

// The filters, words, type, page and format of a search; nullopt (answered) if any is wrong.
struct ParsedSearch {
  app::SearchRequest request;
  std::optional<ExportFormat> format;
  bool limited = false;
};

std::optional<ParsedSearch> ParseSearch(const Request& req, const Respond& respond,
                                        std::string type, bool allow_type, bool paged) {
  ParsedSearch p;
  p.request.type = std::move(type);
  auto& f = p.request.filter;
  QueryFaults faults;
  auto code = [&](std::string_view key, const std::string& value, const auto& codes,
                  std::string& out) {
    if (!domain::IsOneOf(value, codes)) {
      faults.Bad(key, "is not a known code");
    } else {
      out = value;
    }
  };
  for (const auto& [key, value] : req.query) {
    if (key == "q") {
      if (value.size() > 500) {
        faults.Bad(key, "must be at most 500 bytes");
      } else if (!IsValidUtf8(value)) {
        faults.Bad(key, "must be UTF-8 text");
      } else {
        p.request.text = value;
      }
    } else if (key == "type" && allow_type) {
      if (value != "seizure" && value != "person" && value != "company") {
        faults.Bad(key, "must be seizure, person or company");
      } else {
        p.request.type = value;
      }
    } else if (key == "from" || key == "to") {
      if (value.size() != 10 || !domain::ParseDate(value) || value < "1900-01-01" ||
          value > "2100-12-31") {
        faults.Bad(key, "must be a date from 1900 to 2100 such as 2026-11-22");
      } else {
        (key == "from" ? f.from : f.to) = value;
      }
    } else if (key == "office") {
      if (value.empty() || value.size() > 16) {
        faults.Bad(key, "must be an office code");
      } else {
        f.office = value;
      }
    } else if (key == "category") {
      code(key, value, domain::kEnforcementCategories, f.category);
    } else if (key == "hs") {
      bool digits = !value.empty() && value.size() <= 10;
      for (char c : value) digits = digits && c >= '0' && c <= '9';
      if (!digits) {
        faults.Bad(key, "must be 1 to 10 digits of an HS code");
      } else {
        f.hs_prefix = value;
      }
    } else if (key == "concealment") {
      if (value.empty() || value.size() > 40) {
        faults.Bad(key, "must be a concealment code");
      } else {
        f.concealment = value;
      }
    } else if (key == "transport") {
      code(key, value, domain::kTransportModes, f.transport_mode);
    } else if (key == "detectionMethod") {
      code(key, value, domain::kDetectionMethods, f.detection_method);
    } else if (key == "country") {
      if (value.size() != 2 || value[0] < 'A' || value[0] > 'Z' || value[1] < 'A' ||
          value[1] > 'Z') {
        faults.Bad(key, "must be an ISO 3166-1 alpha-2 code such as TH");
      } else {
        f.route_country = value;
      }
    } else if (key == "limit" && paged) {
      if (auto limit = faults.Int(key, value)) {
        if (*limit < 1 || *limit > app::ManageEnforcement::kMaxPage) {
          faults.Bad(key, "must be from 1 to 200");
        } else {
          p.request.limit = *limit;
          p.limited = true;
        }
      }
    } else if (key == "cursor" && paged) {
      int64_t offset = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), offset);
      if (ec != std::errc() || end != value.data() + value.size() || offset < 0 ||
          offset > kMaxOffset) {
        faults.Bad(key,
                   "is not a cursor from a previous page (pages end after 10,000 results: "
                   "narrow the search, or export it)");
      } else {
        p.request.offset = offset;
      }
    } else if (key == "format" && paged) {
      if (!(p.format = ParseExportFormat(value))) faults.Bad(key, "must be json, csv or xlsx");
    } else {
      faults.Unknown(key);
    }
  }
  if (p.request.type != "seizure") {
    // Filters describe seizures; silently listing every person instead would mislead.
    for (const auto& [key, value] : req.query) {
      if (key != "q" && key != "type" && key != "limit" && key != "cursor" && key != "format") {
        faults.Bad(key, "filters seizures only, not " + p.request.type + " searches");
      }
    }
  }
  if (faults.Answered(req, respond)) return std::nullopt;
  return p;
}

// Writes the export and answers it whole, or answers why not.
void RunExport(const app::ManageEnforcement& enforcement, const Request& req,
               const Respond& respond, const ParsedSearch& search) {
  auto temp = xlsx::MakeTempFile("haiquan-export");
  if (!temp.ok()) return respond(Problem(temp.error(), req.instance));
  xlsx::TempFile file(*temp);
  auto writer = ExportWriter::Open(*search.format, search.request.type, file.path());
  if (!writer.ok()) return respond(Problem(writer.error(), req.instance));
  int64_t cap = search.limited ? search.request.limit : kMaxHttpExport;
  bool more = false;
  auto done = enforcement.Export(CallerOf(req), search.request, [&](const app::SearchHit& hit) {
    if ((*writer)->rows() >= cap) {
      more = true;
      return false;
    }
    (*writer)->Add(hit);
    return true;
  });
  if (auto s = (*writer)->Finish(); done.ok() && !s.ok()) done = s;
  if (!done.ok()) return respond(Problem(done.error(), req.instance));
  if (more && !search.limited) {
    return respond(Problem(domain::Error{domain::ErrorCode::kTooLarge,
                                         "more than 250,000 results: narrow the search, or "
                                         "export it with haiquan export",
                                         {}},
                           req.instance));
  }
  auto bytes = xlsx::ReadBack(file.path());
  if (!bytes.ok()) return respond(Problem(bytes.error(), req.instance));
  Response res;
  res.content_type = std::string(MediaTypeOf(*search.format));
  res.body = std::move(bytes.value());
  res.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"haiquan-" + search.request.type + "s." +
                               std::string(ExtensionOf(*search.format)) + "\"");
  res.headers.emplace_back("X-Total-Count", std::to_string((*writer)->rows()));
  respond(std::move(res));
}

// An export is built on a blocking thread into a temporary file, then answered whole.
void ExportHandler(std::shared_ptr<Deps> d, const Request& req, Respond respond,
                   ParsedSearch search) {
  // The job holds the use case, which outlives the routes, not `d`: the last reference to the
  // routes' state must never be dropped on the pool's own thread (it would join itself).
  const app::ManageEnforcement* enforcement = &d->api.enforcement;
  bool queued = d->exports->Post([enforcement, req, respond, search] {
    try {
      RunExport(*enforcement, req, respond, search);
    } catch (const std::exception&) {
      // Out of memory or disk: say so rather than leave the client waiting.
      respond(Problem(503, "", "the export could not be written; retry later", req.instance));
    }
  });
  if (!queued) {
    Response res = Problem(503, "", "too many exports at once; retry shortly", req.instance);
    res.headers.emplace_back("Retry-After", "5");
    respond(std::move(res));
  }
}

void SearchHandler(std::shared_ptr<Deps> d, const Request& req, Respond respond,
                   const std::string& type, bool allow_type) {
  auto search = ParseSearch(req, respond, type, allow_type, true);
  if (!search) return;
  if (search->format) return ExportHandler(d, req, std::move(respond), std::move(*search));
  d->api.enforcement.Search(CallerOf(req), search->request,
                            [req, respond](domain::Result<app::SearchPage> page) {
                              if (!page.ok()) return respond(Problem(page.error(), req.instance));
                              json::array items;
                              for (const auto& h : page->items) items.push_back(WriteHit(h));
                              std::optional<std::string> next;
                              if (page->next_offset) next = std::to_string(*page->next_offset);
                              respond(Page(std::move(items), next));
                            });
}

std::optional<int64_t> PathId(const Request& req, const Respond& respond, const char* what,
                              const char* param = "id") {
  auto id = ParseId(req.params.at(param));
  if (!id) respond(Problem(404, "", std::string("no such ") + what, req.instance));
  return id;
}

void RegisterSeizures(Router& router, std::shared_ptr<Deps> d) {
  router.Add({"POST", "/api/v1/seizures", Access::Roles(kSeizureWriters),
              [d](const Request& req, Respond respond) {
                auto s =
                    ReadBody<domain::Seizure>(req, respond, "the seizure", ReadSeizure, nullptr);
                if (!s) return;
                auto r = d->api.enforcement.CreateSeizure(CallerOf(req), std::move(*s));
                respond(Created(
                    r, req, "/api/v1/seizures",
                    +[](const domain::Seizure& z) { return WriteSeizure(z); }));
              }});
  router.Add({"GET", "/api/v1/seizures", Access::Roles(kEnforcementReaders),
              [d](const Request& req, Respond respond) {
                SearchHandler(d, req, std::move(respond), "seizure", false);
              }});
  router.Add({"GET", "/api/v1/seizures/{id}", Access::Roles(kEnforcementReaders),
              [d](const Request& req, Respond respond) {
                auto id = PathId(req, respond, "seizure");
                if (!id) return;
                d->api.enforcement.GetSeizure(
                    CallerOf(req), *id, [req, respond](domain::Result<domain::Seizure> s) {
                      respond(Written(
                          s, req, +[](const domain::Seizure& z) { return WriteSeizure(z); }));
                    });
              }});
  router.Add({"PUT", "/api/v1/seizures/{id}", Access::Roles(kSeizureWriters),
              [d](const Request& req, Respond respond) {
                auto id = PathId(req, respond, "seizure");
                if (!id) return;
                std::optional<int> version;
                auto s =
                    ReadBody<domain::Seizure>(req, respond, "the seizure", ReadSeizure, &version);
                if (!s) return;
                s->id = *id;
                auto r = d->api.enforcement.UpdateSeizure(CallerOf(req), std::move(*s), version);
                respond(Written(
                    r, req, +[](const domain::Seizure& z) { return WriteSeizure(z); }));
              }});
  router.Add({"POST", "/api/v1/seizures/{id}/attachments", Access::Roles(kSeizureWriters),
              [d](const Request& req, Respond respond) {
                auto id = PathId(req, respond, "seizure");
                if (!id) return;
                std::string kind, file_name;
                QueryFaults faults;
                for (const auto& [key, value] : req.query) {
                  if (key == "kind") {
                    kind = value;
                  } else if (key == "fileName") {
                    if (!IsValidUtf8(value)) {
                      faults.Bad(key, "must be UTF-8 text");
                    } else {
                      file_name = value;
                    }
                  } else {
                    faults.Unknown(key);
                  }
                }
                if (faults.Answered(req, respond)) return;
                // Hashing and the thumbnail's decoding take milliseconds to a second: off the
                // I/O threads. The job holds the use case, not `d` (see ExportHandler).
                app::ManageEnforcement* enforcement = &d->api.enforcement;
                bool queued = d->media->Post([enforcement, req, respond, id = *id, kind,
                                              file_name]() mutable {
                  auto a = enforcement->AddAttachment(CallerOf(req), id, std::move(kind),
                                                      std::move(file_name), std::move(req.body));
                  if (!a.ok()) return respond(Problem(a.error(), req.instance));
                  json::object body = WriteAttachment(id, *a);
                  std::string href(body.at("href").as_string());
                  Response res = Json(201, std::move(body));
                  res.headers.emplace_back("Location", href);
                  respond(std::move(res));
                });
                if (!queued) {
                  Response res =
                      Problem(503, "", "too many attachments at once; retry shortly", req.instance);
                  res.headers.emplace_back("Retry-After", "2");
                  respond(std::move(res));
                }
              }});
  router.Add(
      {"GET", "/api/v1/seizures/{id}/attachments/{sha256}", Access::Roles(kEnforcementReaders),
       [d](const Request& req, Respond respond) {
         auto id = PathId(req, respond, "seizure");
         if (!id) return;
         d->api.enforcement.GetAttachment(
             CallerOf(req), *id, req.params.at("sha256"),
             [req, respond](domain::Result<std::pair<domain::Attachment, std::string>> file) {
               if (!file.ok()) return respond(Problem(file.error(), req.instance));
               Response res;
               res.content_type = file->first.media_type;
               res.body = std::move(file->second);
               // Stored bytes never change: the address is their hash.
               res.headers.emplace_back("Cache-Control", "private, max-age=31536000");
               res.headers.emplace_back("X-Content-Type-Options", "nosniff");
               res.headers.emplace_back("Content-Disposition", "inline");
               // A PDF or image viewer must not run what a file carries.
               res.headers.emplace_back("Content-Security-Policy", "sandbox; default-src 'none'");
               respond(std::move(res));
             });
       }});
  router.Add({"GET", "/api/v1/seizures/{id}/attachments/{sha256}/thumbnail",
              Access::Roles(kEnforcementReaders), [d](const Request& req, Respond respond) {
                auto id = PathId(req, respond, "seizure");
                if (!id) return;
                d->api.enforcement.GetThumbnail(
                    CallerOf(req), *id, req.params.at("sha256"),
                    [req, respond](domain::Result<std::string> jpeg) {
                      if (!jpeg.ok()) return respond(Problem(jpeg.error(), req.instance));
                      Response res;
                      res.content_type = "image/jpeg";
                      res.body = std::move(jpeg.value());
                      // Made once from bytes that never change.
                      res.headers.emplace_back("Cache-Control", "private, max-age=31536000");
                      res.headers.emplace_back("X-Content-Type-Options", "nosniff");
                      respond(std::move(res));
                    });
              }});
}

// Out of line: GCC 12 sees the error of an inlined Result as maybe uninitialized.
[[gnu::noinline]] bool IsNotFound(const domain::Result<app::PersonView>& v) {
  return !v.ok() && v.error().code == domain::ErrorCode::kNotFound;
}

void RegisterParties(Router& router, std::shared_ptr<Deps> d) {
  router.Add({"POST", "/api/v1/persons", Access::Roles(kSeizureWriters),
              [d](const Request& req, Respond respond) {
                auto p = ReadBody<domain::SuspectPerson>(req, respond, "the person", ReadPerson,
                                                         nullptr);
                if (!p) return;
                auto r = d->api.enforcement.CreatePerson(CallerOf(req), std::move(*p));
                respond(Created(r, req, "/api/v1/persons", &WritePerson));
              }});
  router.Add({"GET", "/api/v1/persons", Access::Roles(kEnforcementReaders),
              [d](const Request& req, Respond respond) {
                SearchHandler(d, req, std::move(respond), "person", false);
              }});
  // One person resource: a suspect by its number, or a person of the enterprise registry by
  // identity document (longer numbers, or letters).
  router.Add({"GET", "/api/v1/persons/{id}", Access::Roles(kStaff),
              [d](const Request& req, Respond respond) {
                const std::string& key = req.params.at("id");
                // Managers look registry persons up; suspects are for enforcement staff.
                bool suspects = req.principal->role != domain::Role::kManager;
                auto id = suspects && key.size() <= 8 ? ParseId(key) : std::nullopt;
                auto registry = [d, req, respond, key] {
                  d->api.read_traders.Person(CallerOf(req), key,
                                             [req, respond](domain::Result<app::PersonRecord> p) {
                                               if (!p.ok())
                                                 return respond(Problem(p.error(), req.instance));
                                               respond(Json(200, WritePerson(*p)));
                                             });
                };
                if (!id) return registry();
                d->api.enforcement.GetPerson(
                    CallerOf(req), *id,
                    [req, respond, registry](domain::Result<app::PersonView> v) {
                      if (IsNotFound(v)) return registry();
                      respond(Written(v, req, &WritePersonView));
                    });
              }});
  router.Add(
      {"PUT", "/api/v1/persons/{id}", Access::Roles(kSeizureWriters),
       [d](const Request& req, Respond respond) {
         auto id = PathId(req, respond, "person");
         if (!id) return;
         std::optional<int> version;
         auto p = ReadBody<domain::SuspectPerson>(req, respond, "the person", ReadPerson, &version);
         if (!p) return;
         p->id = *id;
         respond(Written(d->api.enforcement.UpdatePerson(CallerOf(req), std::move(*p), version),
                         req, &WritePerson));
       }});
  router.Add({"POST", "/api/v1/companies", Access::Roles(kSeizureWriters),
              [d](const Request& req, Respond respond) {
                auto c = ReadBody<domain::OffendingCompany>(req, respond, "the company",
                                                            ReadCompany, nullptr);
                if (!c) return;
                auto r = d->api.enforcement.CreateCompany(CallerOf(req), std::move(*c));
                respond(Created(r, req, "/api/v1/companies", &WriteCompany));
              }});
  router.Add({"GET", "/api/v1/companies", Access::Roles(kEnforcementReaders),
              [d](const Request& req, Respond respond) {
                SearchHandler(d, req, std::move(respond), "company", false);
              }});
  router.Add({"GET", "/api/v1/companies/{id}", Access::Roles(kEnforcementReaders),
              [d](const Request& req, Respond respond) {
                auto id = PathId(req, respond, "company");
                if (!id) return;
                d->api.enforcement.GetCompany(CallerOf(req), *id,
                                              [req, respond](domain::Result<app::CompanyView> v) {
                                                respond(Written(v, req, &WriteCompanyView));
                                              });
              }});
  router.Add(
      {"PUT", "/api/v1/companies/{id}", Access::Roles(kSeizureWriters),
       [d](const Request& req, Respond respond) {
         auto id = PathId(req, respond, "company");
         if (!id) return;
         std::optional<int> version;
         auto c =
             ReadBody<domain::OffendingCompany>(req, respond, "the company", ReadCompany, &version);
         if (!c) return;
         c->id = *id;
         respond(Written(d->api.enforcement.UpdateCompany(CallerOf(req), std::move(*c), version),
                         req, &WriteCompany));
       }});
}

void RegisterSearch(Router& router, std::shared_ptr<Deps> d) {
  router.Add({"GET", "/api/v1/search", Access::Roles(kEnforcementReaders),
              [d](const Request& req, Respond respond) {
                SearchHandler(d, req, std::move(respond), "seizure", true);
              }});
  router.Add({"GET", "/api/v1/enforcement/stats", Access::Roles(kFigureReaders),
              [d](const Request& req, Respond respond) {
                auto search = ParseSearch(req, respond, "seizure", false, false);
                if (!search) return;
                if (!search->request.text.empty() &&
                    req.principal->role == domain::Role::kManager) {
                  // Managers see figures; words would search narratives and names.
                  return respond(Problem(
                      domain::Error::Forbidden("managers see figures by filters, not by words",
                                               {{"/q", "forbidden", "leave out q"}}),
                      req.instance));
                }
                // Four groupings over up to every seizure: not on an I/O thread.
                // As for exports: the job holds the use case, not the routes' state.
                const app::ManageEnforcement* enforcement = &d->api.enforcement;
                bool queued = d->exports->Post([enforcement, req, respond, search = *search] {
                  auto stats =
                      enforcement->Stats(CallerOf(req), search.request.text, search.request.filter);
                  if (!stats.ok()) return respond(Problem(stats.error(), req.instance));
                  respond(Json(200, WriteStats(*stats)));
                });
                if (!queued) {
                  respond(Problem(503, "", "too many at once; retry shortly", req.instance));
                }
              }});
  router.Add({"GET", "/api/v1/enforcement/concealments", Access::Roles(kStaff),
              [d](const Request& req, Respond respond) {
                auto codes = d->api.enforcement.Concealments();
                if (!codes.ok()) return respond(Problem(codes.error(), req.instance));
                json::array out;
                for (const auto& c : *codes) out.push_back(json::value(c));
                respond(Json(200, json::object{{"items", std::move(out)}}));
              }});
  router.Add({"POST", "/api/v1/enforcement/concealments", Access::Roles(kVocabularyWriters),
              [d](const Request& req, Respond respond) {
                struct Code {
                  std::string code;
                };
                auto body = Body<Code>(req, respond, "the concealment method",
                                       [](const json::value& v, JsonReader& r) {
                                         Code c;
                                         const json::object* o = r.Object(v, "");
                                         if (!o) return c;
                                         r.NoOthers(*o, {"code"}, "");
                                         r.String(*o, "code", "/code", c.code);
                                         return c;
                                       });
                if (!body) return;
                auto s = d->api.enforcement.AddConcealment(CallerOf(req), body->code);
                if (!s.ok()) return respond(Problem(s.error(), req.instance));
                respond(Json(201, json::object{{"code", body->code}}));
              }});
}

// Lists of suspicions and investigations: newest first, by id cursor.
struct ListQuery {
  std::string status;
  int64_t before = 0;
  int limit = 50;
};

std::optional<ListQuery> ParseList(const Request& req, const Respond& respond, bool with_status) {
  ListQuery q;
  QueryFaults faults;
  for (const auto& [key, value] : req.query) {
    if (key == "status" && with_status) {
      if (!domain::IsOneOf(value, domain::kSuspicionStatuses)) {
        faults.Bad(key, "must be open, investigating, dismissed or confirmed");
      } else {
        q.status = value;
      }
    } else if (key == "limit") {
      if (auto limit = faults.Int(key, value)) {
        if (*limit < 1 || *limit > 200) {
          faults.Bad(key, "must be from 1 to 200");
        } else {
          q.limit = *limit;
        }
      }
    } else if (key == "cursor") {
      if (auto id = ParseId(value)) {
        q.before = *id;
      } else {
        faults.Bad(key, "is not a cursor from a previous page");
      }
    } else {
      faults.Unknown(key);
    }
  }
  if (faults.Answered(req, respond)) return std::nullopt;
  return q;
}

template <typename T>
Response ListPage(const std::vector<T>& items, int limit, json::object (*write)(const T&)) {
  json::array out;
  for (const auto& i : items) out.push_back(write(i));
  std::optional<std::string> next;
  if (static_cast<int>(items.size()) == limit) next = std::to_string(items.back().id);
  return Page(std::move(out), next);
}

void RegisterCases(Router& router, std::shared_ptr<Deps> d) {
  router.Add({"POST", "/api/v1/suspicions", Access::Roles(kSuspicionWriters),
              [d](const Request& req, Respond respond) {
                auto s = ReadBody<domain::Suspicion>(req, respond, "the suspicion report",
                                                     ReadSuspicion, nullptr);
                if (!s) return;
                auto r = d->api.cases.CreateSuspicion(CallerOf(req), std::move(*s));
                respond(Created(r, req, "/api/v1/suspicions", &WriteSuspicion));
              }});
  router.Add(
      {"GET", "/api/v1/suspicions", Access::Roles(kSuspicionReaders),
       [d](const Request& req, Respond respond) {
         auto q = ParseList(req, respond, true);
         if (!q) return;
         d->api.cases.ListSuspicions(
             CallerOf(req), q->status, q->before, q->limit,
             [req, respond, limit = q->limit](domain::Result<std::vector<domain::Suspicion>> list) {
               if (!list.ok()) return respond(Problem(list.error(), req.instance));
               respond(ListPage(*list, limit, &WriteSuspicion));
             });
       }});
  router.Add({"GET", "/api/v1/suspicions/{id}", Access::Roles(kSuspicionReaders),
              [d](const Request& req, Respond respond) {
                auto id = PathId(req, respond, "suspicion report");
                if (!id) return;
                d->api.cases.GetSuspicion(CallerOf(req), *id,
                                          [req, respond](domain::Result<domain::Suspicion> s) {
                                            respond(Written(s, req, &WriteSuspicion));
                                          });
              }});
  // Officers file reports but do not read them, so they do not edit them either: an edit without
  // a version would overwrite what they cannot see.
  router.Add({"PUT", "/api/v1/suspicions/{id}", Access::Roles(kSuspicionReaders),
              [d](const Request& req, Respond respond) {
                auto id = PathId(req, respond, "suspicion report");
                if (!id) return;
                std::optional<int> version;
                auto s = ReadBody<domain::Suspicion>(req, respond, "the suspicion report",
                                                     ReadSuspicion, &version);
                if (!s) return;
                s->id = *id;
                respond(Written(d->api.cases.UpdateSuspicion(CallerOf(req), std::move(*s), version),
                                req, &WriteSuspicion));
              }});
  router.Add({"POST", "/api/v1/investigations", Access::Roles(kCaseRoles),
              [d](const Request& req, Respond respond) {
                auto i = ReadBody<domain::Investigation>(req, respond, "the investigation",
                                                         ReadInvestigation, nullptr);
                if (!i) return;
                auto r = d->api.cases.Open(CallerOf(req), std::move(*i));
                respond(Created(r, req, "/api/v1/investigations", &WriteInvestigation));
              }});
  router.Add({"GET", "/api/v1/investigations", Access::Roles(kCaseRoles),
              [d](const Request& req, Respond respond) {
                auto q = ParseList(req, respond, false);
                if (!q) return;
                d->api.cases.List(CallerOf(req), q->before, q->limit,
                                  [req, respond, limit = q->limit](
                                      domain::Result<std::vector<app::InvestigationSummary>> list) {
                                    if (!list.ok())
                                      return respond(Problem(list.error(), req.instance));
                                    json::array out;
                                    for (const auto& i : *list)
                                      out.push_back(WriteInvestigationSummary(i));
                                    std::optional<std::string> next;
                                    if (static_cast<int>(list->size()) == limit) {
                                      next = std::to_string(list->back().investigation.id);
                                    }
                                    respond(Page(std::move(out), next));
                                  });
              }});
  router.Add({"GET", "/api/v1/investigations/{id}", Access::Roles(kCaseRoles),
              [d](const Request& req, Respond respond) {
                auto id = PathId(req, respond, "investigation");
                if (!id) return;
                d->api.cases.Get(CallerOf(req), *id,
                                 [req, respond](domain::Result<app::InvestigationView> v) {
                                   respond(Written(v, req, &WriteInvestigationView));
                                 });
              }});
  router.Add({"PUT", "/api/v1/investigations/{id}", Access::Roles(kCaseRoles),
              [d](const Request& req, Respond respond) {
                auto id = PathId(req, respond, "investigation");
                if (!id) return;
                std::optional<int> version;
                auto i = ReadBody<domain::Investigation>(req, respond, "the investigation",
                                                         ReadInvestigation, &version);
                if (!i) return;
                i->id = *id;
                respond(Written(d->api.cases.Update(CallerOf(req), std::move(*i), version), req,
                                &WriteInvestigation));
              }});
  router.Add({"GET", "/api/v1/investigations/{id}/notes", Access::Roles(kCaseRoles),
              [d](const Request& req, Respond respond) {
                auto id = PathId(req, respond, "investigation");
                if (!id) return;
                d->api.cases.Notes(
                    CallerOf(req), *id,
                    [req, respond](domain::Result<std::vector<domain::InvestigationNote>> n) {
                      if (!n.ok()) return respond(Problem(n.error(), req.instance));
                      json::array out;
                      for (const auto& note : *n) out.push_back(WriteNote(note));
                      respond(Json(200, json::object{{"items", std::move(out)}}));
                    });
              }});
  router.Add({"POST", "/api/v1/investigations/{id}/notes", Access::Roles(kCaseRoles),
              [d](const Request& req, Respond respond) {
                auto id = PathId(req, respond, "investigation");
                if (!id) return;
                struct Note {
                  std::string text;
                };
                auto body =
                    Body<Note>(req, respond, "the note", [](const json::value& v, JsonReader& r) {
                      Note n;
                      const json::object* o = r.Object(v, "");
                      if (!o) return n;
                      r.NoOthers(*o, {"text"}, "");
                      r.String(*o, "text", "/text", n.text, 20000);
                      return n;
                    });
                if (!body) return;
                auto n = d->api.cases.AddNote(CallerOf(req), *id, std::move(body->text));
                if (!n.ok()) return respond(Problem(n.error(), req.instance));
                respond(Json(201, WriteNote(*n)));
              }});
  router.Add({"POST", "/api/v1/investigations/{id}/tasks", Access::Roles(kCaseRoles),
              [d](const Request& req, Respond respond) {
                auto id = PathId(req, respond, "investigation");
                if (!id) return;
                auto t = ReadBody<domain::InvestigationTask>(req, respond, "the task", ReadTask,
                                                             nullptr);
                if (!t) return;
                t->investigation_id = *id;
                auto r = d->api.cases.SaveTask(CallerOf(req), std::move(*t), std::nullopt);
                if (!r.ok()) return respond(Problem(r.error(), req.instance));
                respond(Json(201, WriteTask(*r)));
              }});
  router.Add({"PUT", "/api/v1/investigations/{id}/tasks/{taskId}", Access::Roles(kCaseRoles),
              [d](const Request& req, Respond respond) {
                auto id = PathId(req, respond, "investigation");
                if (!id) return;
                auto task = PathId(req, respond, "task", "taskId");
                if (!task) return;
                std::optional<int> version;
                auto t = ReadBody<domain::InvestigationTask>(req, respond, "the task", ReadTask,
                                                             &version);
                if (!t) return;
                t->investigation_id = *id;
                t->id = *task;
                respond(Written(d->api.cases.SaveTask(CallerOf(req), std::move(*t), version), req,
                                &WriteTask));
              }});
}

}  // namespace

void RegisterEnforcement(Router& router, const ApiDeps& deps) {
  auto d = std::make_shared<Deps>(Deps{deps});
  RegisterSeizures(router, d);
  RegisterParties(router, d);
  RegisterSearch(router, d);
  RegisterCases(router, d);
}

}  // namespace haiquan::http
