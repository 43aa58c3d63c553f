#pragma once

#include "app/ports/declaration_store.h"
#include "app/ports/profile_store.h"
#include "storage/sqlite/baseline_index.h"
#include "storage/sqlite/reader_pool.h"

namespace haiquan::storage::sqlite {

// Reads profiles through reader connections that have the profile database attached
// (storage/sqlite/profile_folder.h keeps it), so that queries may join enterprises and profiles;
// the filing path's baselines come from memory (storage/sqlite/baseline_index.h).
class SqliteProfileStore final : public app::ProfileStore {
 public:
  SqliteProfileStore(ReaderPool& readers, BaselineIndex& index)
      : readers_(readers), index_(index) {}

  domain::Result<app::TraderProfile> Profile(const std::string& tax_id) override;
  domain::Result<risk::TraderBaseline> Baseline(const domain::Declaration& d,
                                                const std::string& today) override;
  domain::Result<std::vector<app::Relation>> Relations(const std::string& tax_id) override;

 private:
  ReaderPool& readers_;
  BaselineIndex& index_;
};

}  // namespace haiquan::storage::sqlite
