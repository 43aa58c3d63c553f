#pragma once

#include "app/ports/declaration_store.h"
#include "app/ports/profile_store.h"
#include "storage/sqlite/reader_pool.h"

namespace haiquan::storage::sqlite {

// Folds one new filing into its trader's profile and the national value histograms, inside the
// caller's transaction (InsertFiling calls it, so a profile always agrees with the declarations).
domain::Status FoldFiling(Connection& db, const app::NewFiling& filing);
// Folds inspection findings into the profile of the inspected declaration's trader.
domain::Status FoldInspection(Connection& db, int64_t declaration_id,
                              const domain::Inspection& findings);

// Enterprises with violations linked to `tax_id` through a shared person or address.
domain::Result<std::vector<risk::LinkedViolator>> LinkedViolators(Connection& db,
                                                                  const std::string& tax_id);

class SqliteProfileStore final : public app::ProfileStore {
 public:
  explicit SqliteProfileStore(ReaderPool& readers) : readers_(readers) {}

  domain::Result<app::TraderProfile> Profile(const std::string& tax_id) override;
  domain::Result<risk::TraderBaseline> Baseline(const domain::Declaration& d,
                                                const std::string& today) override;
  domain::Result<std::vector<app::Relation>> Relations(const std::string& tax_id) override;

 private:
  ReaderPool& readers_;
};

}  // namespace haiquan::storage::sqlite
