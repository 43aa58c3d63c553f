#pragma once

#include "app/ports/rule_store.h"
#include "storage/sqlite/reader_pool.h"
#include "storage/sqlite/writer.h"

namespace haiquan::storage::sqlite {

class SqliteRuleStore final : public app::RuleStore {
 public:
  SqliteRuleStore(Writer& writer, ReaderPool& readers) : writer_(writer), readers_(readers) {}

  domain::Result<std::vector<risk::Rule>> List() override;
  domain::Result<risk::Rule> Get(int64_t id) override;
  domain::Result<risk::Rule> Create(risk::Rule rule, domain::AuditEvent audit) override;
  domain::Result<risk::Rule> Update(int64_t id, risk::Rule rule,
                                    std::optional<int> expected_version,
                                    domain::AuditEvent audit) override;
  domain::Result<std::vector<risk::Rule>> History(int64_t id) override;

 private:
  Writer& writer_;
  ReaderPool& readers_;
};

}  // namespace haiquan::storage::sqlite
