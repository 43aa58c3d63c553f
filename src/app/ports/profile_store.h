#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/declaration.h"
#include "domain/enterprise.h"
#include "domain/result.h"
#include "risk/anomalies.h"

namespace haiquan::app {

// T2: a trader's profile as its filings and findings built it up. Values are per currency
// (hundredths): the platform holds no exchange rates, and a sum across currencies means nothing.
struct TraderProfile {
  struct Month {
    std::string month;  // YYYY-MM
    std::string lane;
    std::string currency;
    int64_t declarations = 0;
    int64_t value = 0;
  };
  struct Goods {  // per HS heading (4 digits); chapters are their first two digits
    std::string heading;
    std::string currency;
    int64_t items = 0;
    int64_t value = 0;
  };
  struct Origin {
    std::string country;
    std::string currency;
    int64_t items = 0;
    int64_t value = 0;
  };
  struct Partner {  // the other side: the seller of an import, the buyer of an export
    std::string name;
    std::string country;
    std::string currency;
    int64_t declarations = 0;
    int64_t value = 0;
  };
  struct UnitValue {  // per HS subheading, unit and currency
    std::string hs6;
    std::string unit;
    std::string currency;
    domain::ValueBand band;
  };
  struct Finding {
    std::string outcome;
    int64_t count = 0;
    int64_t revenue_adjustment = 0;  // hundredths
  };

  std::string tax_id;
  int64_t declarations = 0;
  std::string first_filed_at;
  std::string last_filed_at;
  int64_t inspections = 0;
  int64_t violations = 0;  // findings other than compliant
  std::vector<Month> months;
  std::vector<Goods> goods;
  std::vector<Origin> origins;
  std::vector<Partner> partners;
  std::vector<UnitValue> unit_values;
  std::vector<Finding> findings;
};

// An enterprise linked to another through a shared person or address.
struct Relation {
  domain::Enterprise enterprise;
  int64_t violations = 0;  // findings other than compliant
  int64_t offences = 0;    // seizures naming it (trader_offences)
  struct Link {
    std::string kind;       // "person" or "address"
    std::string person_id;  // the person's identity document number, for "person"
    std::string person_name;
    std::string role_here;  // owner / legal_representative
    std::string role_there;
    std::string address;  // for "address"
  };
  std::vector<Link> links;
};

// Profiles are folded in by the filing's own transaction (storage/sqlite/profile_fold.cpp);
// this port reads them.
class ProfileStore {
 public:
  virtual ~ProfileStore() = default;
  // NotFound if the trader has never filed and is not registered.
  virtual domain::Result<TraderProfile> Profile(const std::string& tax_id) = 0;
  // What the anomaly checks need to know about `d`'s trader before it is filed; `today` is
  // YYYY-MM-DD.
  virtual domain::Result<risk::TraderBaseline> Baseline(const domain::Declaration& d,
                                                        const std::string& today) = 0;
  virtual domain::Result<std::vector<Relation>> Relations(const std::string& tax_id) = 0;
};

}  // namespace haiquan::app
