#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/enforcement/records.h"
#include "domain/result.h"
#include "storage/sqlite/audit_store.h"
#include "storage/sqlite/connection.h"

namespace haiquan::storage::sqlite {

// Lists inside one column: elements joined by U+001E, an element's fields by U+001F.
inline constexpr char kUnitSeparator = '\x1f';
inline constexpr char kRecordSeparator = '\x1e';

std::string JoinList(const std::vector<std::string>& items, char separator = kRecordSeparator);
std::vector<std::string> SplitList(const std::string& s, char separator = kRecordSeparator);

// Whether the record exists; with its label (a name, a description) for display.
domain::Result<std::optional<std::string>> RecordLabel(Connection& db,
                                                       const domain::RecordRef& ref);
// Fills each reference's label; a fault at `pointer`/i for each one that does not exist.
// Malformed ones (an unknown kind, an id below 1) are left to the record's own validation.
domain::Status RefFaults(Connection& db, std::vector<domain::RecordRef>& refs,
                         const std::string& pointer, std::vector<domain::FieldError>& faults);
// Invalid naming every reference that does not exist; fills each one's label.
domain::Status ResolveRefs(Connection& db, std::vector<domain::RecordRef>& refs,
                           const std::string& pointer);

// Links from an owner (a suspicion, investigation or message) to records, in record_links.
// ReplaceLinks writes them as given (resolve them first); LoadLinks reads them with labels.
domain::Status ReplaceLinks(Connection& db, const char* owner_kind, int64_t owner_id,
                            const std::vector<domain::RecordRef>& links);
domain::Result<std::vector<domain::RecordRef>> LoadLinks(Connection& db, const char* owner_kind,
                                                         int64_t owner_id);

// The word every name of a kind carries in the name index ("zzkindperson", "zzkindcompany").
inline std::string_view KindWord(std::string_view kind) {
  return kind == "company" ? "zzkindcompany" : "zzkindperson";
}

// Conflict unless `expected` is absent or the record's current version (optimistic edits).
domain::Status CheckVersion(int current, std::optional<int> expected, const std::string& what);

domain::Error ReadFailed(Connection& db);

// Reads back what a write stored, then appends its audit entry in the same transaction: a
// creation's entry names the new id, an edit's the version it made.
template <typename T>
domain::Status ReloadAndAudit(Connection& db, domain::Result<T> (*load)(Connection&, int64_t),
                              int64_t id, bool created, domain::AuditEvent& audit, T& stored) {
  auto loaded = load(db, id);
  if (!loaded.ok()) return loaded.error();
  stored = std::move(loaded.value());
  if (created) {
    audit.record_id = std::to_string(id);
  } else {
    audit.detail += " version=" + std::to_string(stored.version);
  }
  return AppendAudit(db, audit);
}
domain::Error WriteFailed(Connection& db);

}  // namespace haiquan::storage::sqlite
