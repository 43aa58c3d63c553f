#pragma once

#include <memory>
#include <string>

#include "app/clock.h"
#include "app/file_declaration.h"
#include "app/manage_rules.h"
#include "app/query_declarations.h"
#include "app/record_inspection.h"
#include "app/risk_engine.h"
#include "http/metrics.h"
#include "storage/sqlite/database.h"

namespace haiquan::cli {

struct ContextOptions {
  std::string db_path = "var/haiquan.db";
  std::string rules_file;  // loaded at first start; empty: the built-in defaults
  risk::SelectionSettings selection;
};

// The application as every command builds it: database, reference data, rules, use cases.
// Throws std::runtime_error if it cannot start.
class Context {
 public:
  explicit Context(const ContextOptions& options);

  std::shared_ptr<const domain::ReferenceData> reference;
  std::unique_ptr<storage::sqlite::Database> db;
  app::SystemClock clock;
  http::Metrics metrics;
  std::unique_ptr<app::RiskEngine> engine;
  std::unique_ptr<app::ManageRules> rules;
  std::unique_ptr<app::FileDeclaration> file;
  std::unique_ptr<app::QueryDeclarations> query;
  std::unique_ptr<app::RecordInspection> inspect;
};

// Reads rules in the API's JSON shape: an array of rule objects.
std::vector<risk::Rule> ParseRulesFile(std::string_view text, const std::string& origin);
std::string ReadFile(const std::string& path);

}  // namespace haiquan::cli
