#include "risk/model/features.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string_view>

namespace haiquan::risk {
namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

// Entities whose earlier filings are counted (a new importer, or a pair never seen, is news).
constexpr EntityKind kCounted[] = {EntityKind::kImporter,
                                   EntityKind::kDeclarant,
                                   EntityKind::kSeller,
                                   EntityKind::kHs6,
                                   EntityKind::kTariffLine,
                                   EntityKind::kImporterHs6,
                                   EntityKind::kImporterOrigin,
                                   EntityKind::kImporterSeller,
                                   EntityKind::kDeclarantImporter,
                                   EntityKind::kDeclarantHs6,
                                   EntityKind::kHs6Origin};

// Parties whose tenure and recent activity are measured.
constexpr EntityKind kParties[] = {EntityKind::kImporter, EntityKind::kDeclarant,
                                   EntityKind::kSeller};

// Groups against whose usual unit value (geometric mean) the item's is compared.
constexpr EntityKind kValueGroups[] = {EntityKind::kHs6, EntityKind::kHs4, EntityKind::kImporterHs6,
                                       EntityKind::kHs6Origin, EntityKind::kImporter};

// Entities whose earlier findings give a fraud rate: the parties, the goods, the route, and the
// goods on each route (a product is risky from one origin or through one port of departure, or
// when it claims one tariff preference, not everywhere). The parties' pairs are counted above but
// not rated: their findings are too few to tell anything the single parties do not.
constexpr EntityKind kRated[] = {
    EntityKind::kImporter,     EntityKind::kDeclarant,  EntityKind::kSeller,
    EntityKind::kHs6,          EntityKind::kHs4,        EntityKind::kHs2,
    EntityKind::kTariffLine,   EntityKind::kOffice,     EntityKind::kOrigin,
    EntityKind::kDeparture,    EntityKind::kTaxType,    EntityKind::kHs6Origin,
    EntityKind::kHs6Departure, EntityKind::kHs6TaxType, EntityKind::kTariffLineOrigin,
    EntityKind::kOriginTaxType};

constexpr std::string_view kVocabNames[] = {
    "office_code",       "process_type_code",   "import_type_code", "import_use_code",
    "payment_type_code", "transport_mode_code", "tax_type_code",    "origin_indicator_code",
    "origin_code",       "departure_code"};

float LogOrMissing(double v) { return v > 0 ? static_cast<float>(std::log(v)) : kMissing; }

float Number(const std::string& s) {
  if (s.empty()) return kMissing;
  // Digits only (every HS code): the integer is exact in a double, which is what strtod returns
  // for it, without strtod's cost.
  if (s.size() <= 15) {
    int64_t n = 0;
    bool digits = true;
    for (char c : s) {
      if (c < '0' || c > '9') {
        digits = false;
        break;
      }
      n = 10 * n + (c - '0');
    }
    if (digits) return static_cast<float>(static_cast<double>(n));
  }
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() ? static_cast<float>(v) : kMissing;
}

// A feature's name: a fixed text, or an entity's name with text before or after it
// ("unit_value_vs_" + "hs6", "importer" + "_filings").
struct Name {
  std::string_view prefix;
  EntityKind entity = EntityKind::kCount;  // none
  std::string_view suffix = {};
};

struct NameSink {
  std::vector<std::string>* names;
  void operator()(Name name, float) {
    std::string n(name.prefix);
    if (name.entity != EntityKind::kCount) n += EntityName(name.entity);
    names->push_back(n += name.suffix);
  }
};

struct ValueSink {
  std::span<float> out;
  size_t next = 0;
  void operator()(Name, float v) { out[next++] = v; }
};

}  // namespace

const std::vector<std::string>& FeatureBuilder::Names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    NameSink sink{&n};
    FeatureBuilder b;
    b.Emit(KcsItem{}, b.findings_, sink);
    return n;
  }();
  return names;
}

std::array<const std::string*, FeatureBuilder::kVocabCount> FeatureBuilder::VocabFields(
    const KcsItem& item) {
  return {&item.office,         &item.process_type,     &item.import_type, &item.import_use,
          &item.payment_type,   &item.transport_mode,   &item.tax_type,    &item.origin_indicator,
          &item.origin_country, &item.departure_country};
}

float FeatureBuilder::Code(Vocab v, const std::string& value) const {
  const int* code = vocab_[v].Find(HashBytes(value));
  return code ? static_cast<float>(*code) : kMissing;
}

void FeatureBuilder::LearnFiling(const KcsItem& item) {
  filings_.Learn(item);
  if (frozen_) return;
  auto fields = VocabFields(item);
  for (int v = 0; v < kVocabCount; ++v) {
    bool inserted = false;
    int& code = vocab_[v].FindOrInsert(HashBytes(*fields[v]), &inserted);
    if (inserted) code = static_cast<int>(vocab_[v].size()) - 1;
  }
}

std::vector<float> FeatureBuilder::Compute(const KcsItem& item) const {
  std::vector<float> out(Names().size());
  Compute(item, out);
  return out;
}

void FeatureBuilder::Compute(const KcsItem& item, std::span<float> out) const {
  Compute(item, findings_, out);
}

void FeatureBuilder::Compute(const KcsItem& item, const FindingHistory& findings,
                             std::span<float> out) const {
  assert(out.size() == Names().size());
  ValueSink sink{out};
  Emit(item, findings, sink);
  assert(sink.next == out.size());
}

template <typename Sink>
void FeatureBuilder::Emit(const KcsItem& item, const FindingHistory& findings, Sink& sink) const {
  // Each entity's key hashed once, for all its look-ups.
  const EntityIds ids = ItemEntityIds(item);
  // The histories are large and mostly out of cache: every look-up of the item starts loading
  // now, so that they wait for memory together, while the item's own features are computed.
  for (EntityKind k : kCounted) filings_.Prefetch(ids[k]);  // the parties among them
  for (EntityKind k : kValueGroups) filings_.Prefetch(ids[k]);
  for (EntityKind k : kRated) findings.Prefetch(ids[k]);

  const double unit_value = UnitValue(item);
  const float log_unit_value = LogOrMissing(unit_value);
  const int day = DayNumber(item);

  // The declaration as filed.
  sink(Name{"log_net_mass"}, LogOrMissing(item.net_mass_kg));
  sink(Name{"log_customs_value"}, LogOrMissing(item.item_price));
  sink(Name{"log_unit_value"}, log_unit_value);
  sink(Name{"tax_rate"}, static_cast<float>(item.tax_rate));
  sink(Name{"fta_preference"}, !item.tax_type.empty() && item.tax_type[0] == 'F' ? 1.f : 0.f);
  sink(Name{"origin_differs_from_departure"},
       item.origin_country != item.departure_country ? 1.f : 0.f);
  // HS codes are hierarchical: numeric order keeps a chapter's headings together.
  sink(Name{"hs6_code"}, Number(item.hs6));
  sink(Name{"seller_missing"}, item.seller.empty() ? 1.f : 0.f);
  sink(Name{"courier_present"}, item.courier.empty() ? 0.f : 1.f);
  sink(Name{"day_of_week"}, static_cast<float>(std::chrono::weekday(item.date).c_encoding()));
  auto fields = VocabFields(item);
  for (int v = 0; v < kVocabCount; ++v) {
    sink(Name{kVocabNames[v]}, Code(static_cast<Vocab>(v), *fields[v]));
  }

  // Earlier filings.
  for (EntityKind k : kCounted) {
    const FilingStats* s = filings_.Find(ids[k]);
    sink(Name{{}, k, "_filings"}, s ? static_cast<float>(s->count) : 0.f);
  }
  for (EntityKind k : kParties) {
    const FilingStats* s = filings_.Find(ids[k]);
    sink(Name{{}, k, "_days_since_first"}, s ? static_cast<float>(day - s->first_day) : kMissing);
    sink(Name{{}, k, "_days_since_last"}, s ? static_cast<float>(day - s->last_day) : kMissing);
    sink(Name{{}, k, "_filings_today"},
         s && s->last_day == day ? static_cast<float>(s->last_day_count) : 0.f);
  }
  // Only read when the item has a unit value, hence a positive mass.
  const double log_mass = unit_value > 0 ? std::log(item.net_mass_kg) : 0;
  for (EntityKind k : kValueGroups) {
    const FilingStats* s = filings_.Find(ids[k]);
    float diff = kMissing;
    float z = kMissing;
    float mass_diff = kMissing;
    if (s && s->valued > 0 && unit_value > 0) {
      double n_valued = static_cast<double>(s->valued);
      double mean = s->sum_log_unit_value / n_valued;
      double var = s->sum_sq_log_unit_value / n_valued - mean * mean;
      diff = static_cast<float>(log_unit_value - mean);
      // A floor on the spread keeps a group of identical prices from making every change huge.
      z = static_cast<float>((log_unit_value - mean) / std::sqrt(std::max(var, 0.0) + 0.01));
      mass_diff = static_cast<float>(log_mass - s->sum_log_mass / n_valued);
    }
    sink(Name{"unit_value_vs_", k}, diff);
    sink(Name{"unit_value_z_vs_", k}, z);
    sink(Name{"net_mass_vs_", k}, mass_diff);
  }

  // Earlier findings.
  const double prior = findings.OverallRate(settings_.default_fraud_rate);
  const double m = settings_.prior_strength;
  for (EntityKind k : kRated) {
    const FindingStats* s = findings.Find(ids[k]);
    double inspected = s ? s->inspected : 0;
    double frauds = s ? s->frauds : 0;
    sink(Name{{}, k, "_fraud_rate"}, static_cast<float>((frauds + prior * m) / (inspected + m)));
    sink(Name{{}, k, "_inspected"}, static_cast<float>(inspected));
  }
}

}  // namespace haiquan::risk
