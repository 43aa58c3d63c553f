#include "cli/context.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "app/crypto.h"
#include "app/reference_catalog.h"
#include "cli/model_loader.h"
#include "cli/secrets.h"
#include "http/json_reader.h"
#include "http/rule_json.h"
#include "media/vips_thumbnailer.h"

namespace haiquan::embedded {
std::string_view default_rules_json();
}

namespace haiquan::cli {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<risk::Rule> ParseRulesFile(std::string_view text, const std::string& origin) {
  auto parsed = http::ParseJson(text);
  if (!parsed.ok()) throw std::runtime_error(origin + ": " + parsed.error().fields[0].message);
  if (!parsed->is_array()) throw std::runtime_error(origin + ": expected an array of rules");
  std::vector<risk::Rule> rules;
  const auto& arr = parsed->get_array();
  for (size_t i = 0; i < arr.size(); ++i) {
    http::JsonReader reader;
    auto rule = http::ReadRule(arr[i], reader);
    auto faults = risk::Validate(rule);
    if (!reader.ok() || !faults.empty()) {
      auto e = reader.ToError("rule", faults);
      throw std::runtime_error(origin + ": rule " + std::to_string(i) + " " + e.fields[0].pointer +
                               " " + e.fields[0].message);
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

app::Caller CliCaller() {
  const char* user = std::getenv("USER");
  return app::Caller::System(std::string("cli:") + (user && *user ? user : "unknown"));
}

Context::Context(const ContextOptions& o) {
  app::InitCrypto();
  auto ref = app::LoadReferenceData();
  if (!ref.ok()) throw std::runtime_error(ref.error().message);
  reference = ref.value();

  auto parent = std::filesystem::path(o.db_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  db = std::make_unique<storage::sqlite::Database>(o.db_path, o.serving);

  std::string pepper = LoadSecret(o.PepperPath(), "HAIQUAN_PEPPER", true, "pepper");
  // A different pepper would silently lock every user out: refuse to start instead.
  std::string check = app::ToHex(app::KeyedHash(pepper, "haiquan pepper check"));
  auto stored = db->identity().GetSetting("pepper_check");
  if (!stored.ok()) throw std::runtime_error(stored.error().message);
  if (!stored->has_value()) {
    if (auto s = db->identity().PutSetting("pepper_check", check); !s.ok()) {
      throw std::runtime_error(s.error().message);
    }
  } else if (**stored != check) {
    throw std::runtime_error("the pepper (" + o.PepperPath() +
                             " or $HAIQUAN_PEPPER) is not the one this database was set up with");
  }
  auth = std::make_unique<app::Authenticator>(db->identity(), clock, pepper);
  identity = std::make_unique<app::ManageIdentity>(db->identity(), db->audit(), *auth, clock,
                                                   pepper, std::chrono::hours(o.session_hours));
  read_audit = std::make_unique<app::ReadAudit>(db->audit(), clock);

  engine = std::make_unique<app::RiskEngine>(
      std::make_shared<const risk::RuleSet>(std::vector<risk::Rule>{}, o.selection));
  rules = std::make_unique<app::ManageRules>(db->rules(), *engine, clock, o.selection);
  std::vector<risk::Rule> seed =
      o.rules_file.empty() ? ParseRulesFile(embedded::default_rules_json(), "built-in rules")
                           : ParseRulesFile(ReadFile(o.rules_file), o.rules_file);
  if (auto seeded = rules->SeedIfEmpty(seed, app::Caller::System("system")); !seeded.ok()) {
    throw std::runtime_error("cannot store the initial rules: " + seeded.error().message);
  }
  if (auto s = rules->Reload(); !s.ok()) throw std::runtime_error(s.error().message);
  models = std::make_unique<app::ManageModels>(db->models(), *engine, clock,
                                               MakeModelLoader(db->models(), pepper));
  if (o.load_model) {
    // Clearance must go on without the model: the rules still decide, and the log says why.
    if (auto s = models->LoadActive(); !s.ok()) {
      spdlog::error("the active risk model cannot be loaded; deciding by the rules alone: {}",
                    s.error().message);
    }
  }

  // Registry changes made by other processes (a CLI import while the server runs) reach the
  // directory through the database's change log; set before loading, so none falls between.
  db->baseline_index().SetRegistryListener(
      [this](const std::string& tax_id, domain::EnterpriseStatus status, bool provisional) {
        trader_directory.Set(tax_id, {status, provisional});
      });
  if (auto s = trader_directory.Load(db->traders()); !s.ok()) {
    throw std::runtime_error("cannot load the trader registry: " + s.error().message);
  }
  traders = std::make_unique<app::ManageTraders>(db->traders(), trader_directory, clock);
  read_traders =
      std::make_unique<app::ReadTraders>(db->traders(), db->profiles(), db->audit(), clock);
  thumbnailer = std::make_unique<media::VipsThumbnailer>();
  enforcement = std::make_unique<app::ManageEnforcement>(
      db->enforcement(), db->traders(), db->audit(), clock, reference, thumbnailer.get());
  cases = std::make_unique<app::ManageCases>(db->cases(), db->identity(), db->audit(), clock);
  messages = std::make_unique<app::CaseMessages>(db->cases(), db->audit(), clock);
  file = std::make_unique<app::FileDeclaration>(reference, *engine, db->declarations(), clock,
                                                &metrics, &trader_directory, &db->profiles());
  query = std::make_unique<app::QueryDeclarations>(db->declarations(), db->audit(), clock);
  inspect = std::make_unique<app::RecordInspection>(db->declarations(), clock, engine.get());
  if (o.sign_audit) {
    auto key = app::SigningKey::FromSeed(
        LoadSecret(o.SigningKeyPath(), "HAIQUAN_SIGNING_KEY", true, "audit signing key"));
    // Another key would sign checkpoints that verify then rejects as untrusted: refuse instead.
    auto known = db->identity().GetSetting("audit_public_key");
    if (!known.ok()) throw std::runtime_error(known.error().message);
    if (!known->has_value()) {
      if (auto s = db->identity().PutSetting("audit_public_key", key.public_key_hex()); !s.ok()) {
        throw std::runtime_error(s.error().message);
      }
    } else if (**known != key.public_key_hex()) {
      throw std::runtime_error("the audit signing key (" + o.SigningKeyPath() +
                               " or $HAIQUAN_SIGNING_KEY) is not the one this database's trail " +
                               "is signed with (public key " + **known + ")");
    }
    signer = std::make_unique<app::AuditSigner>(db->audit(), clock, std::move(key),
                                                std::chrono::seconds(o.audit_checkpoint_seconds));
  }
}

Context::~Context() {
  if (db) db->Flush();
  signer.reset();
}

}  // namespace haiquan::cli
