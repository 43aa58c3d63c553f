#include "http/api.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <memory>

#include "http/blocking_pool.h"
#include "http/declaration_json.h"
#include "http/handler_kit.h"
#include "http/identity_json.h"
#include "http/json_reader.h"
#include "http/json_writer.h"
#include "http/model_json.h"
#include "http/problem.h"
#include "http/profile_xlsx.h"
#include "http/rule_json.h"
#include "http/trader_json.h"

namespace haiquan::embedded {
std::string_view openapi_json();
}

namespace haiquan::http {
namespace {

using domain::Role;

const std::vector<Role> kFilers = {Role::kTrader, Role::kApiClient, Role::kOfficer,
                                   Role::kAdministrator};
const std::vector<Role> kReaders = {Role::kOfficer,    Role::kAnalyst,  Role::kInvestigator,
                                    Role::kSupervisor, Role::kManager,  Role::kAdministrator,
                                    Role::kTrader,     Role::kApiClient};
const std::vector<Role> kInspectors = {Role::kOfficer, Role::kSupervisor};
const std::vector<Role> kRuleReaders = {Role::kAnalyst, Role::kSupervisor, Role::kManager,
                                        Role::kAdministrator};
const std::vector<Role> kRuleWriters = {Role::kAnalyst, Role::kAdministrator};
const std::vector<Role> kEveryone = {Role::kOfficer,    Role::kAnalyst,  Role::kInvestigator,
                                     Role::kSupervisor, Role::kManager,  Role::kAdministrator,
                                     Role::kTrader,     Role::kApiClient};
const std::vector<Role> kAdministrators = {Role::kAdministrator};
const std::vector<Role> kAuditReaders = {Role::kSupervisor};
const std::vector<Role> kStaff = {Role::kOfficer,    Role::kAnalyst, Role::kInvestigator,
                                  Role::kSupervisor, Role::kManager, Role::kAdministrator};
const std::vector<Role> kRegistrars = {Role::kSupervisor, Role::kAdministrator};

void FileHandler(const ApiDeps& deps, const Request& req, Respond respond) {
  auto started = std::chrono::steady_clock::now();
  if (!JsonBody(req)) return respond(UnsupportedMedia(req));
  auto filing = ParseFiling(req.body);
  if (!filing.ok()) return respond(Problem(filing.error(), req.instance));
  Metrics& metrics = deps.metrics;
  deps.file.Execute(
      CallerOf(req), std::move(filing->declaration),
      [respond = std::move(respond), instance = req.instance, started,
       &metrics](domain::Result<app::FilingOutcome> outcome) {
        if (!outcome.ok()) return respond(Problem(outcome.error(), instance));
        const auto& rec = outcome->record;
        metrics.Filed(
            rec.decision.lane, outcome->created,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        Response res = Json(outcome->created ? 201 : 200, WriteFilingAnswer(rec));
        res.headers.emplace_back("Location", "/api/v1/declarations/" + std::to_string(rec.id));
        respond(std::move(res));
      },
      std::move(filing->value_faults));
}

void ListHandler(const ApiDeps& deps, const Request& req, Respond respond) {
  app::DeclarationQuery q;
  QueryFaults faults;
  for (const auto& [key, value] : req.query) {
    if (key == "lane") {
      if (!(q.lane = domain::ParseLane(value))) faults.Bad("lane", "must be green, yellow or red");
    } else if (key == "status") {
      if (!(q.status = domain::ParseStatus(value))) faults.Bad("status", "is not a known status");
    } else if (key == "trader") {
      q.trader = value;
    } else if (key == "from" || key == "to") {
      if (!IsDateOrTimestamp(value)) {
        faults.Bad(key, "must be a date (2026-11-22) or an RFC 3339 UTC time");
      } else {
        (key == "from" ? q.from : q.to) = value;
      }
    } else if (key == "limit") {
      if (auto limit = faults.Int(key, value)) q.limit = *limit;
    } else if (key == "cursor") {
      if (!(q.before_id = ParseId(value))) {
        faults.Bad("cursor", "is not a cursor from a previous page");
      }
    } else {
      faults.Unknown(key);
    }
  }
  if (faults.Answered(req, respond)) return;
  deps.query.List(CallerOf(req), q,
                  [respond = std::move(respond),
                   instance = req.instance](domain::Result<app::DeclarationPage> page) {
                    if (!page.ok()) return respond(Problem(page.error(), instance));
                    json::array items;
                    for (const auto& s : page->items) items.push_back(WriteSummary(s));
                    std::optional<std::string> next;
                    if (page->next_before_id) next = std::to_string(*page->next_before_id);
                    respond(Page(std::move(items), next));
                  });
}

// Dashboard counts over the declarations filed in [from, to); the whole history without them.
void StatsHandler(const ApiDeps& deps, const Request& req, Respond respond) {
  std::string from, to = "9999";  // "9999" sorts after every RFC 3339 time
  int top = 10;
  QueryFaults faults;
  for (const auto& [key, value] : req.query) {
    if (key == "from" || key == "to") {
      if (!IsDateOrTimestamp(value)) {
        faults.Bad(key, "must be a date (2026-11-22) or an RFC 3339 UTC time");
      } else {
        (key == "from" ? from : to) = value;
      }
    } else if (key == "top") {
      if (auto n = faults.Int(key, value)) top = *n;
    } else {
      faults.Unknown(key);
    }
  }
  if (faults.Answered(req, respond)) return;
  auto stats = deps.query.Stats(from, to, top);
  if (!stats.ok()) return respond(Problem(stats.error(), req.instance));
  json::array days, hits, reasons;
  json::object queues;
  for (const auto& d : stats->days) {
    days.push_back(
        json::object{{"day", d.day}, {"green", d.green}, {"yellow", d.yellow}, {"red", d.red}});
  }
  for (const auto& h : stats->hit_rates) {
    hits.push_back(json::object{
        {"lane", domain::ToString(h.lane)},
        {"inspected", h.inspected},
        {"hits", h.hits},
        {"rate",
         h.inspected ? static_cast<double>(h.hits) / static_cast<double>(h.inspected) : 0.0}});
  }
  for (const auto& r : stats->top_reasons) {
    reasons.push_back(
        json::object{{"code", r.code}, {"declarations", r.declarations}, {"red", r.red}});
  }
  for (const auto& q : stats->queues) queues[domain::ToString(q.status)] = q.count;
  respond(Json(200, json::object{{"from", from.empty() ? json::value(nullptr) : json::value(from)},
                                 {"to", to == "9999" ? json::value(nullptr) : json::value(to)},
                                 {"days", std::move(days)},
                                 {"hitRates", std::move(hits)},
                                 {"topReasons", std::move(reasons)},
                                 {"queues", std::move(queues)}}));
}

void GetHandler(const ApiDeps& deps, const Request& req, Respond respond) {
  auto id = ParseId(req.params.at("id"));
  if (!id) return respond(Problem(404, "", "no such declaration", req.instance));
  deps.query.Get(CallerOf(req), *id,
                 [respond = std::move(respond),
                  instance = req.instance](domain::Result<app::StoredDeclaration> rec) {
                   if (!rec.ok()) return respond(Problem(rec.error(), instance));
                   respond(Json(200, WriteStored(*rec)));
                 });
}

void InspectionHandler(const ApiDeps& deps, const Request& req, Respond respond) {
  auto id = ParseId(req.params.at("id"));
  if (!id) return respond(Problem(404, "", "no such declaration", req.instance));
  if (!JsonBody(req)) return respond(UnsupportedMedia(req));
  auto parsed = ParseJson(req.body);
  if (!parsed.ok()) return respond(Problem(parsed.error(), req.instance));
  JsonReader reader;
  auto findings = ReadInspection(*parsed, reader);
  if (!reader.ok()) return respond(Problem(reader.ToError("the inspection"), req.instance));
  auto rec = deps.inspect.Execute(CallerOf(req), *id, findings);
  if (!rec.ok()) return respond(Problem(rec.error(), req.instance));
  respond(Json(200, WriteStored(*rec)));
}

void RuleWriteHandler(const ApiDeps& deps, const Request& req, Respond respond, bool create) {
  std::optional<int64_t> id;
  if (!create) {
    id = ParseId(req.params.at("id"));
    if (!id) return respond(Problem(404, "", "no such rule", req.instance));
  }
  if (!JsonBody(req)) return respond(UnsupportedMedia(req));
  auto parsed = ParseJson(req.body);
  if (!parsed.ok()) return respond(Problem(parsed.error(), req.instance));
  JsonReader reader;
  std::optional<int> expected;
  auto rule = ReadRule(*parsed, reader, &expected);
  if (!reader.ok()) {
    return respond(Problem(reader.ToError("the rule", risk::Validate(rule)), req.instance));
  }
  auto stored = create ? deps.rules.Create(std::move(rule), CallerOf(req))
                       : deps.rules.Update(*id, std::move(rule), expected, CallerOf(req));
  if (!stored.ok()) return respond(Problem(stored.error(), req.instance));
  Response res = Json(create ? 201 : 200, WriteRule(*stored));
  if (create)
    res.headers.emplace_back("Location", "/api/v1/risk/rules/" + std::to_string(stored->id));
  respond(std::move(res));
}

void LoginHandler(const ApiDeps& deps, BlockingPool& pool, const Request& req, Respond respond) {
  auto login = Body<LoginRequest>(req, respond, "the sign-in", ReadLogin);
  if (!login) return;
  app::ManageIdentity& identity = deps.identity;
  bool queued = pool.Post([&identity, login = std::move(*login), remote = req.remote,
                           instance = req.instance, respond] {
    domain::Result<app::IssuedToken> issued = domain::Error::Unavailable("sign-in failed");
    try {
      issued = identity.Login(login.name, login.password, remote);
    } catch (const std::exception&) {
      // Argon2id needs 64 MiB: out of memory is a reason to retry, not to stop the server.
      return respond(Problem(503, "", "the server is busy; retry shortly", instance));
    }
    if (!issued.ok()) {
      Response res = Problem(issued.error(), instance);
      if (issued.error().code == domain::ErrorCode::kTooManyRequests) {
        auto& m = issued.error().message;
        auto digits = m.find_first_of("0123456789");
        res.headers.emplace_back("Retry-After", m.substr(digits, m.find(' ', digits) - digits));
      } else if (issued.error().code == domain::ErrorCode::kUnauthenticated) {
        res.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"haiquan\"");
      }
      return respond(std::move(res));
    }
    respond(Json(200, WriteIssued(*issued)));
  });
  if (!queued) {
    Response res = Problem(503, "", "too many sign-ins at once; retry shortly", req.instance);
    res.headers.emplace_back("Retry-After", "1");
    respond(std::move(res));
  }
}

void CreateUserHandler(const ApiDeps& deps, BlockingPool& pool, const Request& req,
                       Respond respond) {
  auto user = Body<app::NewUser>(req, respond, "the user", ReadNewUser);
  if (!user) return;
  app::ManageIdentity& identity = deps.identity;
  bool queued = pool.Post([&identity, user = std::move(*user), caller = CallerOf(req),
                           instance = req.instance, respond]() mutable {
    domain::Result<app::IssuedToken> issued = domain::Error::Unavailable("busy");
    try {
      issued = identity.CreateUser(caller, std::move(user));
    } catch (const std::exception&) {
      return respond(Problem(503, "", "the server is busy; retry shortly", instance));
    }
    if (!issued.ok()) return respond(Problem(issued.error(), instance));
    respond(Json(201, WriteIssued(*issued)));
  });
  if (!queued) respond(Problem(503, "", "busy; retry shortly", req.instance));
}

void PasswordHandler(const ApiDeps& deps, BlockingPool& pool, const Request& req, Respond respond) {
  struct Change {
    std::string current, replacement;
  };
  auto change =
      Body<Change>(req, respond, "the password change", [](const json::value& v, JsonReader& r) {
        Change c;
        const json::object* o = r.Object(v, "");
        if (!o) return c;
        r.NoOthers(*o, {"currentPassword", "newPassword"}, "");
        for (const char* key : {"currentPassword", "newPassword"}) {
          if (!JsonReader::Member(*o, key)) {
            r.Value(std::string("/") + key, "required", "is required");
          }
        }
        r.String(*o, "currentPassword", "/currentPassword", c.current);
        r.String(*o, "newPassword", "/newPassword", c.replacement);
        return c;
      });
  if (!change) return;
  app::ManageIdentity& identity = deps.identity;
  bool queued =
      pool.Post([&identity, change = std::move(*change), caller = CallerOf(req), respond, req]() {
        domain::Status s = domain::Error::Unavailable("busy");
        try {
          s = identity.ChangePassword(caller, change.current, change.replacement);
        } catch (const std::exception&) {
          return respond(Problem(503, "", "the server is busy; retry shortly", req.instance));
        }
        respond(Answer(s, req));
      });
  if (!queued) respond(Problem(503, "", "busy; retry shortly", req.instance));
}

void AuditHandler(const ApiDeps& deps, const Request& req, Respond respond) {
  app::AuditQuery q;
  QueryFaults faults;
  for (const auto& [key, value] : req.query) {
    if (key == "after") {
      if (value == "0") {
        q.after_seq = 0;
      } else if (!(q.after_seq = ParseId(value))) {
        faults.Bad(key, "must be an entry's sequence number");
      }
    } else if (key == "limit") {
      if (auto limit = faults.Int(key, value)) q.limit = *limit;
    } else if (key == "actor") {
      q.actor = value;
    } else if (key == "action") {
      q.action = value;
    } else if (key == "recordType") {
      q.record_type = value;
    } else if (key == "recordId") {
      q.record_id = value;
    } else {
      faults.Unknown(key);
    }
  }
  if (faults.Answered(req, respond)) return;
  auto page = deps.audit.Execute(CallerOf(req), q);
  if (!page.ok()) return respond(Problem(page.error(), req.instance));
  json::array items;
  for (const auto& e : *page) items.push_back(WriteAuditEntry(e));
  std::optional<std::string> next;
  if (static_cast<int>(page->size()) == q.limit) next = std::to_string(page->back().seq);
  respond(Page(std::move(items), next));
}

void TraderWriteHandler(const ApiDeps& deps, const Request& req, Respond respond, bool create) {
  if (!JsonBody(req)) return respond(UnsupportedMedia(req));
  auto parsed = ParseJson(req.body);
  if (!parsed.ok()) return respond(Problem(parsed.error(), req.instance));
  JsonReader reader;
  std::optional<int> expected;
  auto e = std::make_optional(ReadEnterprise(*parsed, reader, create ? nullptr : &expected));
  if (!create && e->tax_id.empty()) e->tax_id = req.params.at("taxId");
  if (!reader.ok()) {
    // Every fault at once: the shape's and the registry rules'.
    return respond(Problem(reader.ToError("the enterprise", domain::Validate(*e)), req.instance));
  }
  if (!create) {
    const std::string& path_id = req.params.at("taxId");
    if (!e->tax_id.empty() && e->tax_id != path_id) {
      return respond(Problem(
          domain::Error::Invalid("the body names another enterprise",
                                 {{"/taxId", "mismatch", "must be " + path_id + " or absent"}}),
          req.instance));
    }
    e->tax_id = path_id;
  }
  auto stored = create ? deps.traders.Create(CallerOf(req), std::move(*e))
                       : deps.traders.Update(CallerOf(req), std::move(*e), expected);
  if (!stored.ok()) return respond(Problem(stored.error(), req.instance));
  Response res = Json(create ? 201 : 200, WriteEnterprise(*stored));
  if (create) res.headers.emplace_back("Location", "/api/v1/traders/" + stored->tax_id);
  respond(std::move(res));
}

void TraderListHandler(const ApiDeps& deps, const Request& req, Respond respond) {
  app::TraderQuery q;
  QueryFaults faults;
  for (const auto& [key, value] : req.query) {
    if (key == "status") {
      if (!(q.status = domain::ParseEnterpriseStatus(value))) {
        faults.Bad(key, "must be active, suspended, dissolved or tax_debt");
      }
    } else if (key == "provisional") {
      if (value == "true" || value == "false") {
        q.provisional = value == "true";
      } else {
        faults.Bad(key, "must be true or false");
      }
    } else if (key == "cursor") {
      q.after_tax_id = value;
    } else if (key == "limit") {
      if (auto limit = faults.Int(key, value)) q.limit = *limit;
    } else {
      faults.Unknown(key);
    }
  }
  if (faults.Answered(req, respond)) return;
  auto page = deps.traders.List(q);
  if (!page.ok()) return respond(Problem(page.error(), req.instance));
  json::array items;
  // The list does not load people: its items leave them out rather than show none.
  for (const auto& e : *page) items.push_back(WriteEnterprise(e, false));
  std::optional<std::string> next;
  if (static_cast<int>(page->size()) == q.limit) next = page->back().tax_id;
  respond(Page(std::move(items), next));
}

// JSON, or with ?format=xlsx the same profile as an Excel workbook for post-clearance audit.
// The answer is built on `pool`: the audit entry's callback runs on the storage writer's
// thread, which must not spend milliseconds on a workbook while filings wait.
void ProfileHandler(const ApiDeps& deps, std::shared_ptr<BlockingPool> pool, const Request& req,
                    Respond respond) {
  bool xlsx = false;
  QueryFaults faults;
  for (const auto& [key, value] : req.query) {
    if (key == "format") {
      if (value == "xlsx") {
        xlsx = true;
      } else if (value != "json") {
        faults.Bad(key, "must be json or xlsx");
      }
    } else {
      faults.Unknown(key);
    }
  }
  if (faults.Answered(req, respond)) return;
  deps.read_traders.Profile(
      CallerOf(req), req.params.at("taxId"),
      [req, respond, xlsx, pool](domain::Result<app::ReadTraders::ProfileView> v) {
        if (!v.ok()) return respond(Problem(v.error(), req.instance));
        auto view = std::make_shared<app::ReadTraders::ProfileView>(std::move(v.value()));
        bool posted = pool->Post([req, respond, xlsx, view] {
          const domain::Enterprise* e = view->enterprise ? &*view->enterprise : nullptr;
          if (!xlsx) {
            bool staff = !req.principal->ActsForTrader();
            return respond(
                Json(200, WriteProfile(view->profile, e, staff ? &view->offences : nullptr)));
          }
          auto book = ProfileWorkbook(view->profile, e,
                                      app::FormatTimestamp(std::chrono::system_clock::now()));
          if (!book.ok()) return respond(Problem(book.error(), req.instance));
          Response res;
          res.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
          res.body = std::move(book.value());
          res.headers.emplace_back("Content-Disposition", "attachment; filename=\"profile-" +
                                                              view->profile.tax_id + ".xlsx\"");
          respond(std::move(res));
        });
        if (!posted) {
          respond(Problem(domain::Error::Unavailable("too many profile exports at once; retry"),
                          req.instance));
        }
      });
}

void RegisterTraders(Router& router, std::shared_ptr<ApiDeps> d) {
  auto pool = std::make_shared<BlockingPool>(1, 64);
  router.Add(
      {"GET", "/api/v1/traders", Access::Roles(kStaff), [d](const Request& req, Respond respond) {
         TraderListHandler(*d, req, std::move(respond));
       }});
  router.Add({"POST", "/api/v1/traders", Access::Roles(kRegistrars),
              [d](const Request& req, Respond respond) {
                TraderWriteHandler(*d, req, std::move(respond), true);
              }});
  router.Add({"GET", "/api/v1/traders/{taxId}", Access::Roles(kStaff),
              [d](const Request& req, Respond respond) {
                d->read_traders.Get(CallerOf(req), req.params.at("taxId"),
                                    [req, respond](domain::Result<domain::Enterprise> e) {
                                      if (!e.ok()) return respond(Problem(e.error(), req.instance));
                                      respond(Json(200, WriteEnterprise(*e)));
                                    });
              }});
  router.Add({"GET", "/api/v1/traders/{taxId}/profile", Access::Roles(kReaders),
              [d, pool](const Request& req, Respond respond) {
                ProfileHandler(*d, pool, req, std::move(respond));
              }});
  router.Add({"GET", "/api/v1/traders/{taxId}/relations", Access::Roles(kStaff),
              [d](const Request& req, Respond respond) {
                std::string tax_id = req.params.at("taxId");
                d->read_traders.Relations(
                    CallerOf(req), tax_id,
                    [req, respond, tax_id](domain::Result<std::vector<app::Relation>> r) {
                      if (!r.ok()) return respond(Problem(r.error(), req.instance));
                      respond(Json(200, WriteRelations(tax_id, *r)));
                    });
              }});
  router.Add({"PUT", "/api/v1/traders/{taxId}", Access::Roles(kRegistrars),
              [d](const Request& req, Respond respond) {
                TraderWriteHandler(*d, req, std::move(respond), false);
              }});
  router.Add({"GET", "/api/v1/traders/{taxId}/history", Access::Roles(kStaff),
              [d](const Request& req, Respond respond) {
                d->read_traders.History(
                    CallerOf(req), req.params.at("taxId"),
                    [req, respond](domain::Result<std::vector<domain::Enterprise>> h) {
                      if (!h.ok()) return respond(Problem(h.error(), req.instance));
                      json::array out;
                      for (const auto& e : *h) out.push_back(WriteEnterprise(e));
                      respond(Json(200, json::object{{"items", std::move(out)}}));
                    });
              }});
}

// R2: the model registry. Activation builds the model's live state (seconds), so it runs on a
// blocking thread, never on the I/O threads that answer filings.
void RegisterModels(Router& router, std::shared_ptr<ApiDeps> d) {
  auto pool = std::make_shared<BlockingPool>(1, 4);
  router.Add({"GET", "/api/v1/risk/models", Access::Roles(kRuleReaders),
              [d](const Request& req, Respond respond) {
                auto models = d->models.List();
                if (!models.ok()) return respond(Problem(models.error(), req.instance));
                auto active = d->models.Active();
                if (!active.ok()) return respond(Problem(active.error(), req.instance));
                // 0 is no version: registry versions start at 1.
                int64_t in_force = *active ? (*active)->version.value_or(0) : 0;
                json::array out;
                for (const auto& m : *models) out.push_back(WriteModel(m, in_force == m.version));
                respond(Json(200, json::object{{"items", std::move(out)}}));
              }});
  router.Add({"GET", "/api/v1/risk/models/{version}", Access::Roles(kRuleReaders),
              [d](const Request& req, Respond respond) {
                auto version = ParseId(req.params.at("version"));
                if (!version) return respond(Problem(404, "", "no such model", req.instance));
                auto model = d->models.Get(*version);
                if (!model.ok()) return respond(Problem(model.error(), req.instance));
                auto active = d->models.Active();
                if (!active.ok()) return respond(Problem(active.error(), req.instance));
                bool in_force = *active && (*active)->version == model->version;
                respond(Json(200, WriteModel(*model, in_force)));
              }});
  router.Add({"GET", "/api/v1/risk/activation", Access::Roles(kRuleReaders),
              [d](const Request& req, Respond respond) {
                auto active = d->models.Active();
                if (!active.ok()) return respond(Problem(active.error(), req.instance));
                auto history = d->models.Activations();
                if (!history.ok()) return respond(Problem(history.error(), req.instance));
                json::object out = WriteActivation(active->value_or(app::ModelActivation{}),
                                                   d->models.LiveThresholds(), true);
                json::array past;
                for (const auto& a : *history) past.push_back(WriteActivation(a));
                out["history"] = std::move(past);
                respond(Json(200, out));
              }});
  router.Add({"PUT", "/api/v1/risk/activation", Access::Roles(kRuleWriters),
              [d, pool](const Request& req, Respond respond) {
                auto body =
                    Body<ActivationRequest>(req, respond, "the activation", ReadActivationRequest);
                if (!body) return;
                bool queued = pool->Post(
                    [d, body = *body, caller = CallerOf(req), instance = req.instance, respond] {
                      domain::Result<app::ModelActivation> done =
                          domain::Error::Unavailable("the activation failed");
                      try {
                        done = body.version ? d->models.Activate(*body.version, body.budget, caller)
                                            : d->models.Deactivate(caller);
                      } catch (const std::exception&) {
                        // Out of memory building the model's state: nothing changed; say so.
                        return respond(Problem(
                            503, "", "the model could not be loaded; retry later", instance));
                      }
                      if (!done.ok()) return respond(Problem(done.error(), instance));
                      respond(Json(200, WriteActivation(*done, d->models.LiveThresholds(), true)));
                    });
                if (!queued) {
                  Response res =
                      Problem(503, "", "an activation is under way; retry shortly", req.instance);
                  res.headers.emplace_back("Retry-After", "5");
                  respond(std::move(res));
                }
              }});
}

void RegisterIdentity(Router& router, std::shared_ptr<ApiDeps> d) {
  auto pool = std::make_shared<BlockingPool>();
  router.Add({"POST", "/api/v1/auth/login", Access::Public(),
              [d, pool](const Request& req, Respond respond) {
                LoginHandler(*d, *pool, req, std::move(respond));
              }});
  router.Add(
      {"POST", "/api/v1/auth/logout", Access::Roles(kEveryone),
       [d](const Request& req, Respond respond) {
         respond(Answer(
             d->identity.Logout(CallerOf(req), std::string(BearerToken(req.authorization))), req));
       }});
  router.Add(
      {"GET", "/api/v1/auth/me", Access::Roles(kEveryone), [](const Request& req, Respond respond) {
         respond(Json(200, WritePrincipal(*req.principal)));
       }});
  router.Add({"POST", "/api/v1/auth/password", Access::Roles(kEveryone),
              [d, pool](const Request& req, Respond respond) {
                PasswordHandler(*d, *pool, req, std::move(respond));
              }});
  router.Add({"GET", "/api/v1/users", Access::Roles(kAdministrators),
              [d](const Request& req, Respond respond) {
                auto users = d->identity.ListUsers();
                if (!users.ok()) return respond(Problem(users.error(), req.instance));
                json::array out;
                for (const auto& u : *users) out.push_back(WriteUser(u));
                respond(Json(200, json::object{{"items", std::move(out)}}));
              }});
  router.Add({"POST", "/api/v1/users", Access::Roles(kAdministrators),
              [d, pool](const Request& req, Respond respond) {
                CreateUserHandler(*d, *pool, req, std::move(respond));
              }});
  for (bool disable : {true, false}) {
    router.Add({"POST", disable ? "/api/v1/users/{name}/disable" : "/api/v1/users/{name}/enable",
                Access::Roles(kAdministrators), [d, disable](const Request& req, Respond respond) {
                  respond(Answer(
                      d->identity.SetDisabled(CallerOf(req), req.params.at("name"), disable), req));
                }});
  }
  router.Add({"GET", "/api/v1/apikeys", Access::Roles(kAdministrators),
              [d](const Request& req, Respond respond) {
                auto keys = d->identity.ListApiKeys();
                if (!keys.ok()) return respond(Problem(keys.error(), req.instance));
                json::array out;
                for (const auto& k : *keys) out.push_back(WriteApiKey(k));
                respond(Json(200, json::object{{"items", std::move(out)}}));
              }});
  router.Add({"POST", "/api/v1/apikeys", Access::Roles(kAdministrators),
              [d](const Request& req, Respond respond) {
                struct NewKey {
                  std::string user, label;
                };
                auto key = Body<NewKey>(req, respond, "the API key",
                                        [](const json::value& v, JsonReader& r) {
                                          NewKey k;
                                          const json::object* o = r.Object(v, "");
                                          if (!o) return k;
                                          r.NoOthers(*o, {"user", "label"}, "");
                                          if (!JsonReader::Member(*o, "user"))
                                            r.Value("/user", "required", "is required");
                                          r.String(*o, "user", "/user", k.user);
                                          r.String(*o, "label", "/label", k.label);
                                          return k;
                                        });
                if (!key) return;
                auto issued = d->identity.CreateApiKey(CallerOf(req), key->user, key->label);
                if (!issued.ok()) return respond(Problem(issued.error(), req.instance));
                respond(Json(201, WriteIssued(*issued)));
              }});
  router.Add({"POST", "/api/v1/apikeys/{id}/revoke", Access::Roles(kAdministrators),
              [d](const Request& req, Respond respond) {
                auto id = ParseId(req.params.at("id"));
                if (!id) return respond(Problem(404, "", "no such API key", req.instance));
                respond(Answer(d->identity.RevokeApiKey(CallerOf(req), *id), req));
              }});
  router.Add(
      {"GET", "/api/v1/audit", Access::Roles(kAuditReaders),
       [d](const Request& req, Respond respond) { AuditHandler(*d, req, std::move(respond)); }});
}

}  // namespace

std::string_view OpenApiDocument() { return embedded::openapi_json(); }

void RegisterApi(Router& router, ApiDeps deps) {
  // Handlers outlive this call: keep the dependencies in one shared block.
  auto d = std::make_shared<ApiDeps>(deps);

  router.Add({"GET", "/healthz", Access::Public(), [](const Request&, Respond respond) {
                respond(Json(200, json::object{{"status", "ok"}}));
              }});
  // Scraped by Prometheus from inside the network; lane counts only, no personal data.
  router.Add({"GET", "/metrics", Access::Public(), [d](const Request&, Respond respond) {
                Response r;
                r.content_type = "text/plain; version=0.0.4";
                r.body = d->metrics.Render();
                respond(std::move(r));
              }});
  router.Add({"GET", "/api/v1/openapi.json", Access::Public(), [](const Request&, Respond respond) {
                Response r;
                r.body = std::string(OpenApiDocument());
                respond(std::move(r));
              }});

  router.Add(
      {"POST", "/api/v1/declarations", Access::Roles(kFilers),
       [d](const Request& req, Respond respond) { FileHandler(*d, req, std::move(respond)); }});
  router.Add(
      {"GET", "/api/v1/declarations", Access::Roles(kReaders),
       [d](const Request& req, Respond respond) { ListHandler(*d, req, std::move(respond)); }});
  router.Add(
      {"GET", "/api/v1/declarations/{id}", Access::Roles(kReaders),
       [d](const Request& req, Respond respond) { GetHandler(*d, req, std::move(respond)); }});
  router.Add(
      {"GET", "/api/v1/stats/declarations", Access::Roles(kStaff),
       [d](const Request& req, Respond respond) { StatsHandler(*d, req, std::move(respond)); }});
  router.Add({"POST", "/api/v1/declarations/{id}/inspection", Access::Roles(kInspectors),
              [d](const Request& req, Respond respond) {
                InspectionHandler(*d, req, std::move(respond));
              }});

  router.Add({"GET", "/api/v1/risk/rules", Access::Roles(kRuleReaders),
              [d](const Request& req, Respond respond) {
                auto rules = d->rules.List();
                if (!rules.ok()) return respond(Problem(rules.error(), req.instance));
                json::array out;
                for (const auto& r : *rules) out.push_back(WriteRule(r));
                respond(Json(200, json::object{{"items", std::move(out)}}));
              }});
  router.Add({"POST", "/api/v1/risk/rules", Access::Roles(kRuleWriters),
              [d](const Request& req, Respond respond) {
                RuleWriteHandler(*d, req, std::move(respond), true);
              }});
  router.Add({"GET", "/api/v1/risk/rules/{id}", Access::Roles(kRuleReaders),
              [d](const Request& req, Respond respond) {
                auto id = ParseId(req.params.at("id"));
                if (!id) return respond(Problem(404, "", "no such rule", req.instance));
                auto rule = d->rules.Get(*id);
                if (!rule.ok()) return respond(Problem(rule.error(), req.instance));
                respond(Json(200, WriteRule(*rule)));
              }});
  router.Add({"PUT", "/api/v1/risk/rules/{id}", Access::Roles(kRuleWriters),
              [d](const Request& req, Respond respond) {
                RuleWriteHandler(*d, req, std::move(respond), false);
              }});
  router.Add({"GET", "/api/v1/risk/rules/{id}/history", Access::Roles(kRuleReaders),
              [d](const Request& req, Respond respond) {
                auto id = ParseId(req.params.at("id"));
                if (!id) return respond(Problem(404, "", "no such rule", req.instance));
                auto history = d->rules.History(*id);
                if (!history.ok()) return respond(Problem(history.error(), req.instance));
                json::array out;
                for (const auto& r : *history) out.push_back(WriteRule(r));
                respond(Json(200, json::object{{"items", std::move(out)}}));
              }});
  RegisterIdentity(router, d);
  RegisterTraders(router, d);
  RegisterModels(router, d);
  RegisterEnforcement(router, deps);
  RegisterCaseMessages(router, deps);
}

}  // namespace haiquan::http
