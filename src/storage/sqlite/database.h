#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "storage/sqlite/audit_store.h"
#include "storage/sqlite/case_store.h"
#include "storage/sqlite/checkpointer.h"
#include "storage/sqlite/declaration_store.h"
#include "storage/sqlite/enforcement_store.h"
#include "storage/sqlite/identity_store.h"
#include "storage/sqlite/model_store.h"
#include "storage/sqlite/profile_folder.h"
#include "storage/sqlite/profile_store.h"
#include "storage/sqlite/reader_pool.h"
#include "storage/sqlite/rule_store.h"
#include "storage/sqlite/trader_store.h"
#include "storage/sqlite/writer.h"

namespace haiquan::storage::sqlite {

// A Haiquan database file: migrated on open, one writer, a pool of readers, and the stores.
// Throws std::runtime_error if the file cannot be opened or migrated.
class Database {
 public:
  // `serving`: a server, which loads the in-memory baselines at start; other commands load them
  // only if they file.
  explicit Database(const std::string& path, bool serving = false)
      : writer_(path),
        folder_(path, ProfileFolder::PathFor(path), &index_, serving),
        checkpointer_(path, std::chrono::milliseconds(10)),
        readers_(path, folder_.path()),
        declarations_(writer_, readers_, &folder_),
        rules_(writer_, readers_),
        models_(writer_, readers_),
        identity_(writer_, readers_),
        audit_(writer_, readers_),
        traders_(writer_, readers_, &index_),
        profiles_(readers_, index_),
        enforcement_(writer_, readers_, &index_),
        cases_(writer_, readers_) {
    if (auto s = traders_.FillAddressKeys(); !s.ok()) throw std::runtime_error(s.error().message);
  }

  // Queued writes commit first: their completions notify the profile folder.
  ~Database() { Flush(); }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  app::DeclarationStore& declarations() { return declarations_; }
  app::RuleStore& rules() { return rules_; }
  app::ModelStore& models() { return models_; }
  app::IdentityStore& identity() { return identity_; }
  app::AuditStore& audit() { return audit_; }
  app::TraderStore& traders() { return traders_; }
  app::ProfileStore& profiles() { return profiles_; }
  SqliteEnforcementStore& enforcement() { return enforcement_; }
  app::CaseStore& cases() { return cases_; }
  ProfileFolder& profile_folder() { return folder_; }
  BaselineIndex& baseline_index() { return index_; }
  // Returns once every write queued before it has committed and called back.
  void Flush() {
    (void)writer_.Run([](Connection&) { return domain::Ok(); });
  }

 private:
  Writer writer_;  // first: it migrates the schema
  BaselineIndex index_;
  ProfileFolder folder_;
  Checkpointer checkpointer_;
  ReaderPool readers_;
  SqliteDeclarationStore declarations_;
  SqliteRuleStore rules_;
  SqliteModelStore models_;
  SqliteIdentityStore identity_;
  SqliteAuditStore audit_;
  SqliteTraderStore traders_;
  SqliteProfileStore profiles_;
  SqliteEnforcementStore enforcement_;
  SqliteCaseStore cases_;
};

}  // namespace haiquan::storage::sqlite
