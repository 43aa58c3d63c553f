#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "domain/declaration.h"
#include "domain/result.h"
#include "risk/model/live_model.h"

namespace haiquan::app {

// A trained model as the registry keeps it (R2): numbered in the order registered, never
// changed or erased, so that every decision's "risk model vN" names exactly one model.
struct ModelRecord {
  int64_t version = 0;
  std::string description;
  std::string registered_at;
  std::string registered_by;
  std::string summary_json;     // training: rows, frauds, features, rounds, seconds, files
  std::string evaluation_json;  // figures on held-out data (`risk evaluate`'s), "{}" if none
  int64_t size_bytes = 0;
  std::string sha256;  // of the model file, hex
};

// Which model decides, with which budget. Every change is a new row; the last one is in force.
struct ModelActivation {
  int64_t id = 0;
  std::optional<int64_t> version;  // none: no model takes part in decisions
  risk::SelectionBudget budget;
  std::string at;
  std::string by;
};

// A declaration as the model replays it: what was filed, when, and what inspection found.
struct FiledForModel {
  int64_t id = 0;
  domain::Declaration declaration;
  std::string filed_at;
  int finding = -1;      // -1 not inspected, 0 compliant, 1 discrepancy or seizure
  std::string found_at;  // when the first inspection was recorded; empty if none
};

class ModelStore {
 public:
  virtual ~ModelStore() = default;
  // Stores the model file with its record (the version is assigned) and the audit event.
  virtual domain::Result<ModelRecord> Add(ModelRecord record, std::string content,
                                          domain::AuditEvent audit) = 0;
  virtual domain::Result<std::vector<ModelRecord>> List() = 0;  // newest first
  virtual domain::Result<ModelRecord> Get(int64_t version) = 0;
  virtual domain::Result<std::string> Content(int64_t version) = 0;
  // NotFound if the version is not registered.
  virtual domain::Result<ModelActivation> Activate(ModelActivation activation,
                                                   domain::AuditEvent audit) = 0;
  // The one in force; none if no activation was ever recorded.
  virtual domain::Result<std::optional<ModelActivation>> Active() = 0;
  virtual domain::Result<std::vector<ModelActivation>> Activations() = 0;  // newest first
  // Every declaration filed, in filing order, with its findings; for training on the system's
  // own history and for warming up a model that goes live.
  // Findings recorded after inspection `after_inspection` on declarations up to `through`
  // (those a model trained on the database carries already): what it has not learnt.
  virtual domain::Status ScanLaterFindings(int64_t after_inspection, int64_t through,
                                           const std::function<void(FiledForModel&&)>& each) = 0;
  // The highest inspection id so far (0: none).
  virtual domain::Result<int64_t> LastInspection() = 0;
  // Only those after `after_id` (0: all).
  virtual domain::Status ScanFilings(int64_t after_id,
                                     const std::function<void(FiledForModel&&)>& each) = 0;
};

}  // namespace haiquan::app
