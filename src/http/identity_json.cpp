#include "http/identity_json.h"

namespace haiquan::http {
namespace {

json::value OrNull(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}

void Required(JsonReader& r, const json::object& o, std::string_view key, std::string& out) {
  if (!JsonReader::Member(o, key)) {
    r.Value("/" + std::string(key), "required", "is required");
    return;
  }
  r.String(o, key, "/" + std::string(key), out);
}

}  // namespace

json::object WriteUser(const app::User& u) {
  return {{"name", u.name},
          {"role", domain::ToString(u.role)},
          {"traderTaxId", OrNull(u.trader_tax_id)},
          {"disabled", u.disabled},
          {"canSignIn", !u.password_hash.empty()},
          {"createdAt", u.created_at}};
}

json::object WritePrincipal(const domain::Principal& p) {
  return {{"name", p.name},
          {"role", domain::ToString(p.role)},
          {"traderTaxId", OrNull(p.trader_tax_id)}};
}

json::object WriteApiKey(const app::ApiKey& k) {
  return {{"id", k.id},
          {"user", k.user_name},
          {"label", k.label},
          {"createdAt", k.created_at},
          {"revokedAt", OrNull(k.revoked_at)}};
}

json::object WriteIssued(const app::IssuedToken& t) {
  json::object o{
      {"token", t.token}, {"expiresAt", OrNull(t.expires_at)}, {"user", WriteUser(t.user)}};
  if (t.api_key_id) o["apiKeyId"] = t.api_key_id;
  return o;
}

json::object WriteAuditEntry(const domain::AuditEntry& e) {
  return {{"seq", e.seq},
          {"at", e.event.at},
          {"actor", e.event.actor},
          {"role", e.event.role},
          {"action", e.event.action},
          {"recordType", e.event.record_type},
          {"recordId", e.event.record_id},
          {"remote", e.event.remote},
          {"outcome", e.event.outcome},
          {"detail", e.event.detail},
          {"prevHash", e.prev_hash},
          {"hash", e.hash}};
}

LoginRequest ReadLogin(const json::value& v, JsonReader& r) {
  LoginRequest out;
  const json::object* o = r.Object(v, "");
  if (!o) return out;
  r.NoOthers(*o, {"name", "password"}, "");
  Required(r, *o, "name", out.name);
  Required(r, *o, "password", out.password);
  return out;
}

app::NewUser ReadNewUser(const json::value& v, JsonReader& r) {
  app::NewUser out;
  const json::object* o = r.Object(v, "");
  if (!o) return out;
  r.NoOthers(*o, {"name", "role", "traderTaxId", "password"}, "");
  Required(r, *o, "name", out.name);
  std::string role;
  Required(r, *o, "role", role);
  if (!role.empty()) {
    if (auto parsed = domain::ParseRole(role)) {
      out.role = *parsed;
    } else {
      r.Value("/role", "invalid_code",
              "must be officer, analyst, investigator, supervisor, manager, administrator, "
              "trader or api_client");
    }
  }
  r.String(*o, "traderTaxId", "/traderTaxId", out.trader_tax_id);
  out.password = r.OptionalString(*o, "password", "/password");
  return out;
}

}  // namespace haiquan::http
