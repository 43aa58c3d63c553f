#pragma once

#include <optional>

#include "app/ports/profile_store.h"
#include "app/ports/trader_store.h"
#include "domain/enterprise.h"
#include "http/json_reader.h"

namespace haiquan::http {

json::object WriteEnterprise(const domain::Enterprise& e, bool with_people = true);
// The profile; money as decimal numbers of their currency, chapters summed from headings.
// `offences`: shown to customs staff only; null leaves the member out.
json::object WriteProfile(const app::TraderProfile& p, const domain::Enterprise* e,
                          const std::vector<app::TraderOffence>* offences = nullptr);
json::object WritePerson(const app::PersonRecord& p);
json::object WriteRelations(const std::string& tax_id, const std::vector<app::Relation>& r);
// `expected_version`, when given, receives the body's "version" (optimistic concurrency).
domain::Enterprise ReadEnterprise(const json::value& v, JsonReader& r,
                                  std::optional<int>* expected_version = nullptr);

}  // namespace haiquan::http
