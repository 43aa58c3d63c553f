#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/ports/declaration_store.h"
#include "domain/declaration.h"
#include "domain/reference_data.h"
#include "risk/rule_engine.h"

namespace haiquan::bench {

// The date every benchmark decides on, so that dated rules behave the same in every run.
inline constexpr const char* kToday = "2026-11-22";
inline constexpr const char* kFiledAt = "2026-11-22T12:00:00.000Z";

// The reference data compiled into the binary; throws if it does not load.
std::shared_ptr<const domain::ReferenceData> Reference();

// config/default_rules.json with the server's default selection settings, as `serve` starts
// on an empty database.
std::shared_ptr<const risk::RuleSet> DefaultRuleSet();

// `n` generated declarations of `items` goods items each (0: 1 to 5 at random), each with a
// unique declarantReference.
std::vector<domain::Declaration> Corpus(size_t n, int items, uint64_t seed);

// What the filing use case hands to storage for `d`: decision, status, timestamp and the
// audit entry of an officer's filing.
app::NewFiling ToFiling(const domain::Declaration& d, const risk::RuleSet& rules);

}  // namespace haiquan::bench
