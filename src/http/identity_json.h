#pragma once

#include "app/manage_identity.h"
#include "domain/audit.h"
#include "domain/principal.h"
#include "http/json_reader.h"

namespace haiquan::http {

json::object WriteUser(const app::User& user);
json::object WritePrincipal(const domain::Principal& principal);
json::object WriteApiKey(const app::ApiKey& key);
json::object WriteIssued(const app::IssuedToken& issued);
json::object WriteAuditEntry(const domain::AuditEntry& entry);

struct LoginRequest {
  std::string name;
  std::string password;
};
LoginRequest ReadLogin(const json::value& v, JsonReader& r);
app::NewUser ReadNewUser(const json::value& v, JsonReader& r);

}  // namespace haiquan::http
