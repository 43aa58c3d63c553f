#include "app/manage_models.h"

#include "app/crypto.h"

namespace haiquan::app {
namespace {

std::string Describe(const risk::SelectionBudget& b) {
  return "red=" + std::to_string(b.red) + " yellow=" + std::to_string(b.yellow) +
         " explore=" + std::to_string(b.explore);
}

}  // namespace

domain::Result<ModelRecord> ManageModels::Register(ModelRecord record, std::string content,
                                                   const Caller& caller) {
  if (auto built = loader_(0, content, risk::SelectionBudget{}); !built.ok()) {
    return built.error();
  }
  record.registered_at = FormatTimestamp(clock_.Now());
  record.registered_by = caller.principal.name;
  record.size_bytes = static_cast<int64_t>(content.size());
  record.sha256 = Sha256Hex(content);
  if (record.summary_json.empty()) record.summary_json = "{}";
  if (record.evaluation_json.empty()) record.evaluation_json = "{}";
  auto audit = caller.Event(record.registered_at, "model.register", "risk_model", "", "ok",
                            "sha256=" + record.sha256);
  return store_.Add(std::move(record), std::move(content), std::move(audit));
}

domain::Result<ModelActivation> ManageModels::Activate(int64_t version,
                                                       const risk::SelectionBudget& budget,
                                                       const Caller& caller) {
  if (auto faults = budget.Faults(); !faults.empty()) {
    std::vector<domain::FieldError> fields;
    for (auto& [name, why] : faults) fields.push_back({"/" + name, "out_of_range", why});
    return domain::Error::Invalid("the selection budget is not valid", std::move(fields));
  }
  auto content = store_.Content(version);
  if (!content.ok()) return content.error();
  auto live = loader_(version, *content, budget);
  if (!live.ok()) return live.error();
  ModelActivation a;
  a.version = version;
  a.budget = budget;
  a.at = FormatTimestamp(clock_.Now());
  a.by = caller.principal.name;
  auto stored = store_.Activate(a, caller.Event(a.at, "model.activate", "risk_model",
                                                std::to_string(version), "ok", Describe(budget)));
  if (!stored.ok()) return stored.error();
  engine_.SetModel(std::move(*live));
  return stored;
}

domain::Result<ModelActivation> ManageModels::Deactivate(const Caller& caller) {
  ModelActivation a;
  a.at = FormatTimestamp(clock_.Now());
  a.by = caller.principal.name;
  auto stored = store_.Activate(a, caller.Event(a.at, "model.deactivate", "risk_model"));
  if (!stored.ok()) return stored.error();
  engine_.SetModel(nullptr);
  return stored;
}

domain::Status ManageModels::LoadActive() {
  auto active = store_.Active();
  if (!active.ok()) return active.error();
  if (!*active || !(*active)->version) {
    engine_.SetModel(nullptr);
    return domain::Ok();
  }
  int64_t version = *(*active)->version;
  auto content = store_.Content(version);
  if (!content.ok()) return content.error();
  auto live = loader_(version, *content, (*active)->budget);
  if (!live.ok()) return live.error();
  engine_.SetModel(std::move(*live));
  return domain::Ok();
}

}  // namespace haiquan::app
