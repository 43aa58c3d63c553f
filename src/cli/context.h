#pragma once

#include <memory>
#include <string>

#include "app/audit_trail.h"
#include "app/authenticator.h"
#include "app/case_messages.h"
#include "app/clock.h"
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
#include "app/risk_engine.h"
#include "http/api.h"
#include "http/metrics.h"
#include "storage/sqlite/database.h"

namespace haiquan::cli {

struct ContextOptions {
  std::string db_path = "var/haiquan.db";
  std::string rules_file;  // loaded at first start; empty: the built-in defaults
  risk::SelectionSettings selection;
  // Secrets live outside the repository and the database; empty: "<db>.pepper" and
  // "<db>.signing-key", created on first use.
  std::string pepper_file;
  std::string signing_key_file;
  int session_hours = 12;
  int audit_checkpoint_seconds = 10;
  // Only the server and `audit checkpoint` sign the chain's head; other commands' entries are
  // signed by the server's next checkpoint, so they need no key.
  bool sign_audit = false;
  // The server: it loads the anomaly checks' baselines into memory at start (seconds at 10M
  // declarations); other commands load them only if they file a declaration.
  bool serving = false;
  // Put the active risk model to work (seconds: it replays the history). The server and
  // `submit`; other commands decide nothing, or file demo data before any model exists.
  bool load_model = false;

  std::string PepperPath() const { return pepper_file.empty() ? db_path + ".pepper" : pepper_file; }
  std::string SigningKeyPath() const {
    return signing_key_file.empty() ? db_path + ".signing-key" : signing_key_file;
  }
};

// The application as every command builds it: database, reference data, rules, use cases.
// Throws std::runtime_error if it cannot start.
class Context {
 public:
  explicit Context(const ContextOptions& options);
  // Lets queued writes commit and answer while everything they call back into still exists,
  // then signs the final head.
  ~Context();

  // What the HTTP API's handlers use.
  http::ApiDeps Api() {
    return {*file,    *query,        *inspect, *rules,       *models, *identity, *read_audit,
            *traders, *read_traders, metrics,  *enforcement, *cases,  *messages};
  }

  std::shared_ptr<const domain::ReferenceData> reference;
  // Before the database: its folder thread tells the directory of registry changes until the
  // database is gone.
  app::TraderDirectory trader_directory;
  std::unique_ptr<storage::sqlite::Database> db;
  app::SystemClock clock;
  http::Metrics metrics;
  std::unique_ptr<app::RiskEngine> engine;
  std::unique_ptr<app::ManageRules> rules;
  std::unique_ptr<app::ManageModels> models;
  std::unique_ptr<app::FileDeclaration> file;
  std::unique_ptr<app::QueryDeclarations> query;
  std::unique_ptr<app::RecordInspection> inspect;
  std::unique_ptr<app::Authenticator> auth;
  std::unique_ptr<app::ManageIdentity> identity;
  std::unique_ptr<app::ReadAudit> read_audit;
  std::unique_ptr<app::ManageTraders> traders;
  std::unique_ptr<app::ReadTraders> read_traders;
  std::unique_ptr<app::Thumbnailer> thumbnailer;
  std::unique_ptr<app::ManageEnforcement> enforcement;
  std::unique_ptr<app::ManageCases> cases;
  std::unique_ptr<app::CaseMessages> messages;
  std::unique_ptr<app::AuditSigner> signer;  // last: its final checkpoint needs the store
};

// Who the command line acts as in the audit trail: "cli:" and the operating-system user.
app::Caller CliCaller();

// Reads rules in the API's JSON shape: an array of rule objects.
std::vector<risk::Rule> ParseRulesFile(std::string_view text, const std::string& origin);
std::string ReadFile(const std::string& path);

}  // namespace haiquan::cli
