#include "app/manage_traders.h"

namespace haiquan::app {

domain::Result<domain::Enterprise> ManageTraders::Create(const Caller& caller,
                                                         domain::Enterprise e) {
  e.provisional = false;
  if (auto faults = domain::Validate(e); !faults.empty()) {
    return domain::Error::Invalid("the enterprise is not valid", std::move(faults));
  }
  e.updated_at = FormatTimestamp(clock_.Now());
  e.updated_by = caller.principal.name;
  auto created =
      store_.Create(e, caller.Event(e.updated_at, "trader.create", "trader", e.tax_id, "ok",
                                    "status=" + std::string(domain::ToString(e.status))));
  if (created.ok()) directory_.Set(created->tax_id, {created->status, false});
  return created;
}

domain::Result<domain::Enterprise> ManageTraders::Update(const Caller& caller, domain::Enterprise e,
                                                         std::optional<int> expected_version) {
  e.provisional = false;  // a person has now checked it
  if (auto faults = domain::Validate(e); !faults.empty()) {
    return domain::Error::Invalid("the enterprise is not valid", std::move(faults));
  }
  e.updated_at = FormatTimestamp(clock_.Now());
  e.updated_by = caller.principal.name;
  auto updated = store_.Update(e, expected_version,
                               caller.Event(e.updated_at, "trader.update", "trader", e.tax_id, "ok",
                                            "status=" + std::string(domain::ToString(e.status))));
  if (updated.ok()) directory_.Set(updated->tax_id, {updated->status, false});
  return updated;
}

domain::Result<ManageTraders::ImportResult> ManageTraders::Import(
    const Caller& caller, std::vector<domain::Enterprise> batch) {
  auto at = FormatTimestamp(clock_.Now());
  std::vector<domain::AuditEvent> audit;
  for (auto& e : batch) {
    e.provisional = false;
    e.updated_at = at;
    e.updated_by = caller.principal.name;
    audit.push_back(caller.Event(at, "trader.import", "trader", e.tax_id, "ok",
                                 "status=" + std::string(domain::ToString(e.status))));
  }
  auto created = store_.Import(batch, audit);
  if (!created.ok()) return created.error();
  for (const auto& e : batch) directory_.Set(e.tax_id, {e.status, false});
  return ImportResult{*created, batch.size() - *created};
}

domain::Result<std::vector<domain::Enterprise>> ManageTraders::List(const TraderQuery& q) const {
  if (q.limit < 1 || q.limit > kMaxPageSize) {
    return domain::Error::Invalid(
        "bad page size",
        {{"/limit", "out_of_range", "must be between 1 and " + std::to_string(kMaxPageSize)}});
  }
  return store_.List(q);
}

}  // namespace haiquan::app
