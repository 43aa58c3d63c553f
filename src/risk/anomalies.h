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

// A seizure that names an enterprise (an offending company linked to it by tax id): part of
// the enterprise's compliance record, written by the enforcement databases.
struct Offence {
  int64_t seizure_id = 0;
  std::string day;       // YYYY-MM-DD, the seizure's
  std::string role;      // what the seizure names it as: "consignee", "owner and carrier"...
  std::string category;  // drugs, tobacco, ...
};

// The seizures naming an enterprise, newest first. The list may stop short of `total` (a
// carrier named in thousands): what is listed is what the checks can date.
struct Offences {
  std::vector<Offence> newest;
  int64_t total = 0;
};

// Another enterprise with a bad record linked to the trader (shared owner, representative or
// address), with the link in words: violations found at inspection, seizures naming it, or both.
struct LinkedViolator {
  std::string tax_id;
  int64_t violations = 0;  // inspection findings other than compliant
  std::string link;
  Offences offences;
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
  Offences offences;  // seizures naming the trader itself
};

struct AnomalySettings {
  int min_trader_values = 5;          // observations before a trader's band is trusted
  int min_national_values = 20;       // ... and the national band
  double trailing_value_factor = 10;  // declaration value above x times the 90-day mean
  double trailing_volume_factor = 5;  // today's filings above x times the 90-day daily mean
  int min_trailing_declarations = 5;
  int new_company_days = 180;
  double high_value_quantile = 0.9;  // "high value": above this national quantile
  // Seizures count for this long (before today), for the trader and for linked enterprises;
  // older ones stay on the record (the profile lists them) but no longer weigh.
  int offence_window_days = 730;
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
  double w_prior_offence = 45;  // alone: yellow; with a rule or another anomaly: often red
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
