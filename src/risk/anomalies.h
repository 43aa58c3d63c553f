#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/declaration.h"
#include "domain/lane.h"
#include "domain/value_histogram.h"
#include "risk/signal.h"

namespace haiquan::risk {

// What the trader's profile says about the goods items of one declaration.
struct ItemBaseline {
  bool chapter_seen = false;                       // the trader declared this HS chapter before
  bool origin_seen = false;                        // ... and this origin
  std::optional<domain::ValueBand> trader_band;    // unit value for (HS6, unit, currency)
  std::optional<domain::ValueBand> national_band;  // the same, every trader
};

// Another enterprise with violations linked to the trader (shared owner, representative or
// address), with the link in words.
struct LinkedViolator {
  std::string tax_id;
  int64_t violations = 0;
  std::string link;
};

// T3: what is known of the declaration's trader before this filing, read from its profile.
struct TraderBaseline {
  std::string tax_id;
  int64_t declarations = 0;         // filed before this one
  std::string first_filed_at;       // RFC 3339; empty if never
  std::string registration_date;    // YYYY-MM-DD; empty if not registered or provisional
  std::vector<ItemBaseline> items;  // one per goods item of the declaration
  // In the declaration's invoice currency, over the 90 days before today.
  int64_t trailing_declarations = 0;
  int64_t trailing_value = 0;  // hundredths
  int64_t today_declarations = 0;
  domain::ValueHistogram national_declaration_values;  // invoice amounts, same currency
  std::vector<LinkedViolator> linked_violators;
};

struct AnomalySettings {
  int min_trader_values = 5;          // observations before a trader's band is trusted
  int min_national_values = 20;       // ... and the national band
  double trailing_value_factor = 10;  // declaration value above x times the 90-day mean
  double trailing_volume_factor = 5;  // today's filings above x times the 90-day daily mean
  int min_trailing_declarations = 5;
  int new_company_days = 180;
  double high_value_quantile = 0.9;  // "high value": above this national quantile
  // Weights added to the risk score; the rule set's thresholds turn the score into a lane.
  double w_first_declaration = 10;
  double w_new_chapter = 10;
  double w_new_origin = 10;
  double w_unit_value_trader = 20;
  double w_unit_value_national = 25;
  double w_trailing_value = 20;
  double w_trailing_volume = 15;
  double w_new_company_high_value = 30;
  double w_linked_violator = 35;
};

// Compares one declaration with its trader's baseline; each anomaly is a signal whose reason
// code starts with "ANOMALY:" and whose message gives the evidence. A code found several times
// (three items out of band) weighs once. Pure; `today` is YYYY-MM-DD.
std::vector<Signal> DetectAnomalies(const domain::Declaration& d, const TraderBaseline& b,
                                    std::string_view today, const AnomalySettings& s = {});

// The party whose trade the declaration is: the importer of an import, the exporter of an
// export, else the declarant. Its profile is the one kept and checked.
const domain::Party& TraderOf(const domain::Declaration& d);
// The same rule on the tax ids alone (as stored); empty ids count as absent.
const std::string& TraderOf(domain::DeclarationType type, const std::string& declarant,
                            const std::string& importer, const std::string& exporter);

}  // namespace haiquan::risk
