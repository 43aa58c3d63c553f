#pragma once

#include "app/ports/identity_store.h"
#include "storage/sqlite/reader_pool.h"
#include "storage/sqlite/writer.h"

namespace haiquan::storage::sqlite {

class SqliteIdentityStore final : public app::IdentityStore {
 public:
  SqliteIdentityStore(Writer& writer, ReaderPool& readers) : writer_(writer), readers_(readers) {}

  domain::Result<app::User> CreateUser(const app::User& user,
                                       const std::optional<InitialToken>& token,
                                       const domain::AuditEvent& audit) override;
  domain::Result<app::User> FindUser(const std::string& name) override;
  domain::Result<std::vector<app::User>> ListUsers() override;
  domain::Status SetDisabled(const std::string& name, bool disabled,
                             const domain::AuditEvent& audit) override;
  domain::Status SetPassword(const std::string& name, const std::string& password_hash,
                             const domain::AuditEvent& audit) override;
  domain::Status AddSession(const std::string& token_hash, int64_t user_id,
                            const std::string& created_at, const std::string& expires_at,
                            const domain::AuditEvent& audit) override;
  domain::Status RevokeSession(const std::string& token_hash,
                               const domain::AuditEvent& audit) override;
  domain::Result<int64_t> AddApiKey(const std::string& token_hash, int64_t user_id,
                                    const std::string& label, const std::string& created_at,
                                    domain::AuditEvent audit) override;
  domain::Status RevokeApiKey(int64_t id, const std::string& revoked_at,
                              const domain::AuditEvent& audit) override;
  domain::Result<std::vector<app::ApiKey>> ListApiKeys() override;
  domain::Result<std::optional<app::Credential>> FindCredential(
      const std::string& token_hash) override;
  domain::Result<std::optional<std::string>> GetSetting(const std::string& key) override;
  domain::Status PutSetting(const std::string& key, const std::string& value) override;

 private:
  Writer& writer_;
  ReaderPool& readers_;
};

}  // namespace haiquan::storage::sqlite
