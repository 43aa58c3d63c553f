#pragma once

#include <span>
#include <string_view>

namespace haiquan::risk {

// How a reason's sentence is chosen from its evidence.
enum class Wording {
  // `text`.
  kPlain,
  // The first feature is a count of earlier filings: `text` when it is 0 (news), else `alt`.
  kCount,
  // The item's value against the usual of several groups (`stem`_vs_G): the group whose features
  // weigh most is cited, as "{ratio} {reference}"; code gets _LOW or _HIGH. `alt` when no group
  // has earlier values.
  kRelative,
  // `stem`_fraud_rate and `stem`_inspected of an entity named by `text` (the subject).
  kFindings,
};

// One reason: the features it sums and how it reads. Texts are templates: {name} is an item
// field (hs6, hs4, hs2, origin, departure, tax_type, tax_rate, office, importer, declarant,
// seller, courier, transport_mode, process_type, import_type, import_use, payment_type,
// origin_indicator, unit_value, net_mass, customs_value, weekday) or else a feature's value.
struct ReasonSpec {
  std::string_view features;  // space-separated feature names
  Wording wording;
  std::string_view code;
  std::string_view text;
  std::string_view alt_code = {};
  std::string_view alt_text = {};
  // kRelative: the quantity (unit_value, net_mass); kCount, kFindings: the entity
  // (EntityName), whose key the item may lack (no seller): then `missing_code`, `missing_text`.
  std::string_view stem = {};
  std::string_view missing_code = {};
  std::string_view missing_text = {};
};

std::span<const ReasonSpec> ReasonTable();

// For kRelative: the groups an item's value is compared with, and how the usual reads.
struct ReferenceSpec {
  std::string_view group;  // the G of `stem`_vs_G
  std::string_view usual;  // template
};

std::span<const ReferenceSpec> ReferenceTable();

}  // namespace haiquan::risk
