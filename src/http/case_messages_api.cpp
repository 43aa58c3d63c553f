// N3 over HTTP: the messages an investigation's members exchange, paged oldest first, and each
// one's read marker. Thin handlers: parse, call app::CaseMessages, answer.
#include <cstdint>
#include <limits>

#include "http/api.h"
#include "http/enforcement_json.h"
#include "http/handler_kit.h"

namespace haiquan::http {
namespace {

using domain::Role;

// As for the rest of an investigation; the use case then admits only its members.
const std::vector<Role> kCaseRoles = {Role::kInvestigator, Role::kSupervisor, Role::kAdministrator};

domain::InvestigationMessage ReadMessage(const json::value& v, JsonReader& r) {
  domain::InvestigationMessage m;
  const json::object* o = r.Object(v, "");
  if (!o) return m;
  r.NoOthers(*o, {"body", "replyTo", "links"}, "");
  // No cap here: the domain names a body that is too long together with the other faults.
  r.String(*o, "body", "/body", m.body, std::numeric_limits<size_t>::max());
  if (const json::value* to = JsonReader::Member(*o, "replyTo")) {
    if (to->is_int64()) {
      m.reply_to = to->get_int64();
    } else {
      r.Shape("/replyTo", "wrong_type", "must be a message's id");
    }
  }
  m.links = ReadRefs(*o, r);
  return m;
}

json::object WriteMessage(const domain::InvestigationMessage& m) {
  return {{"id", m.id},
          {"investigationId", m.investigation_id},
          {"sentAt", m.sent_at},
          {"author", m.author},
          {"body", m.body},
          {"replyTo", m.reply_to ? json::value(*m.reply_to) : json::value(nullptr)},
          {"links", WriteRefs(m.links)}};
}

json::object WriteState(const domain::MessageReadState& s) {
  return {{"readUpTo", s.read_up_to}, {"unread", s.unread}};
}

std::optional<int64_t> InvestigationId(const Request& req, const Respond& respond) {
  auto id = ParseId(req.params.at("id"));
  if (!id) respond(Problem(404, "", "no such investigation", req.instance));
  return id;
}

struct PageQuery {
  int64_t after = 0;
  int limit = 50;
};

std::optional<PageQuery> ParsePage(const Request& req, const Respond& respond) {
  PageQuery q;
  QueryFaults faults;
  for (const auto& [key, value] : req.query) {
    if (key == "after") {
      if (value == "0") {
        q.after = 0;
      } else if (auto id = ParseId(value)) {
        q.after = *id;
      } else {
        faults.Bad(key, "must be a message's id (0 or absent: from the first)");
      }
    } else if (key == "limit") {
      if (auto limit = faults.Int(key, value)) {
        if (*limit < 1 || *limit > app::CaseMessages::kMaxPage) {
          faults.Bad(key, "must be from 1 to 200");
        } else {
          q.limit = *limit;
        }
      }
    } else {
      faults.Unknown(key);
    }
  }
  if (faults.Answered(req, respond)) return std::nullopt;
  return q;
}

}  // namespace

void RegisterCaseMessages(Router& router, const ApiDeps& deps) {
  app::CaseMessages* messages = &deps.messages;
  router.Add({"GET", "/api/v1/investigations/{id}/messages", Access::Roles(kCaseRoles),
              [messages](const Request& req, Respond respond) {
                auto id = InvestigationId(req, respond);
                if (!id) return;
                auto q = ParsePage(req, respond);
                if (!q) return;
                messages->List(CallerOf(req), *id, q->after, q->limit,
                               [req, respond](domain::Result<app::MessagePage> page) {
                                 if (!page.ok())
                                   return respond(Problem(page.error(), req.instance));
                                 json::array items;
                                 for (const auto& m : page->items) items.push_back(WriteMessage(m));
                                 json::object out = WriteState(page->state);
                                 out["nextAfter"] = page->more ? json::value(page->items.back().id)
                                                               : json::value(nullptr);
                                 out["items"] = std::move(items);
                                 respond(Json(200, out));
                               });
              }});
  router.Add({"POST", "/api/v1/investigations/{id}/messages", Access::Roles(kCaseRoles),
              [messages](const Request& req, Respond respond) {
                auto id = InvestigationId(req, respond);
                if (!id) return;
                auto m =
                    Body<domain::InvestigationMessage>(req, respond, "the message", ReadMessage);
                if (!m) return;
                m->investigation_id = *id;
                auto sent = messages->Post(CallerOf(req), std::move(*m));
                if (!sent.ok()) return respond(Problem(sent.error(), req.instance));
                respond(Json(201, WriteMessage(*sent)));
              }});
  router.Add({"POST", "/api/v1/investigations/{id}/messages/read", Access::Roles(kCaseRoles),
              [messages](const Request& req, Respond respond) {
                auto id = InvestigationId(req, respond);
                if (!id) return;
                auto up_to =
                    Body<int64_t>(req, respond, "the read marker",
                                  [](const json::value& v, JsonReader& r) -> int64_t {
                                    const json::object* o = r.Object(v, "");
                                    if (!o) return 0;
                                    r.NoOthers(*o, {"upTo"}, "");
                                    const json::value* to = JsonReader::Member(*o, "upTo");
                                    if (!to) {
                                      r.Value("/upTo", "required", "is required");
                                    } else if (!to->is_int64() || to->get_int64() <= 0) {
                                      r.Shape("/upTo", "wrong_type", "must be a message's id");
                                    } else {
                                      return to->get_int64();
                                    }
                                    return 0;
                                  });
                if (!up_to) return;
                auto state = messages->MarkRead(CallerOf(req), *id, *up_to);
                if (!state.ok()) return respond(Problem(state.error(), req.instance));
                respond(Json(200, WriteState(*state)));
              }});
}

}  // namespace haiquan::http
