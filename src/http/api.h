#pragma once

#include <string_view>

#include "app/audit_trail.h"
#include "app/case_messages.h"
#include "app/file_declaration.h"
#include "app/manage_cases.h"
#include "app/manage_enforcement.h"
#include "app/manage_identity.h"
#include "app/manage_models.h"
#include "app/manage_rules.h"
#include "app/manage_traders.h"
#include "app/query_declarations.h"
#include "app/read_traders.h"
#include "app/record_inspection.h"
#include "http/metrics.h"
#include "http/router.h"

namespace haiquan::http {

struct ApiDeps {
  const app::FileDeclaration& file;
  const app::QueryDeclarations& query;
  const app::RecordInspection& inspect;
  app::ManageRules& rules;
  app::ManageModels& models;
  app::ManageIdentity& identity;
  const app::ReadAudit& audit;
  app::ManageTraders& traders;
  const app::ReadTraders& read_traders;
  Metrics& metrics;
  app::ManageEnforcement& enforcement;
  app::ManageCases& cases;
  app::CaseMessages& messages;
};

// Registers every route of the Open API, each with its access policy.
void RegisterApi(Router& router, ApiDeps deps);

// N1-N6: the enforcement routes (enforcement_api.cpp).
void RegisterEnforcement(Router& router, const ApiDeps& deps);
// N3: the messages within an investigation (case_messages_api.cpp).
void RegisterCaseMessages(Router& router, const ApiDeps& deps);

// The OpenAPI 3.1 document served at /api/v1/openapi.json.
std::string_view OpenApiDocument();

}  // namespace haiquan::http
