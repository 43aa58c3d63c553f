#include "risk/model/features.h"

#include <cassert>
#include <chrono>
#include <cmath>
#include <limits>

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

constexpr const char* kVocabNames[] = {
    "office",         "process_type", "import_type",      "import_use", "payment_type",
    "transport_mode", "tax_type",     "origin_indicator", "origin",     "departure"};

float LogOrMissing(double v) { return v > 0 ? static_cast<float>(std::log(v)) : kMissing; }

float Number(const std::string& s) {
  if (s.empty()) return kMissing;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() ? static_cast<float>(v) : kMissing;
}

struct NameSink {
  std::vector<std::string>* names;
  void operator()(std::string name, float) { names->push_back(std::move(name)); }
};

struct ValueSink {
  std::span<float> out;
  size_t next = 0;
  void operator()(const std::string&, float v) { out[next++] = v; }
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
  auto it = vocab_[v].find(value);
  return it == vocab_[v].end() ? kMissing : static_cast<float>(it->second);
}

void FeatureBuilder::LearnFiling(const KcsItem& item) {
  filings_.Learn(item);
  if (frozen_) return;
  auto fields = VocabFields(item);
  for (int v = 0; v < kVocabCount; ++v) {
    vocab_[v].try_emplace(*fields[v], static_cast<int>(vocab_[v].size()));
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
  const double unit_value = UnitValue(item);
  const float log_unit_value = LogOrMissing(unit_value);
  const int day = DayNumber(item);

  // The declaration as filed.
  sink("log_net_mass", LogOrMissing(item.net_mass_kg));
  sink("log_customs_value", LogOrMissing(item.item_price));
  sink("log_unit_value", log_unit_value);
  sink("tax_rate", static_cast<float>(item.tax_rate));
  sink("fta_preference", !item.tax_type.empty() && item.tax_type[0] == 'F' ? 1.f : 0.f);
  sink("origin_differs_from_departure", item.origin_country != item.departure_country ? 1.f : 0.f);
  // HS codes are hierarchical: numeric order keeps a chapter's headings together.
  sink("hs6_code", Number(item.hs6));
  sink("seller_missing", item.seller.empty() ? 1.f : 0.f);
  sink("courier_present", item.courier.empty() ? 0.f : 1.f);
  sink("day_of_week", static_cast<float>(std::chrono::weekday(item.date).c_encoding()));
  auto fields = VocabFields(item);
  for (int v = 0; v < kVocabCount; ++v) {
    sink(std::string(kVocabNames[v]) + "_code", Code(static_cast<Vocab>(v), *fields[v]));
  }

  // Earlier filings.
  for (EntityKind k : kCounted) {
    const FilingStats* s = filings_.Find(k, EntityKey(item, k));
    sink(std::string(EntityName(k)) + "_filings", s ? static_cast<float>(s->count) : 0.f);
  }
  for (EntityKind k : kParties) {
    const FilingStats* s = filings_.Find(k, EntityKey(item, k));
    std::string n(EntityName(k));
    sink(n + "_days_since_first", s ? static_cast<float>(day - s->first_day) : kMissing);
    sink(n + "_days_since_last", s ? static_cast<float>(day - s->last_day) : kMissing);
    sink(n + "_filings_today",
         s && s->last_day == day ? static_cast<float>(s->last_day_count) : 0.f);
  }
  for (EntityKind k : kValueGroups) {
    const FilingStats* s = filings_.Find(k, EntityKey(item, k));
    std::string n(EntityName(k));
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
      mass_diff = static_cast<float>(std::log(item.net_mass_kg) - s->sum_log_mass / n_valued);
    }
    sink("unit_value_vs_" + n, diff);
    sink("unit_value_z_vs_" + n, z);
    sink("net_mass_vs_" + n, mass_diff);
  }

  // Earlier findings.
  const double prior = findings.OverallRate(settings_.default_fraud_rate);
  const double m = settings_.prior_strength;
  for (EntityKind k : kRated) {
    const FindingStats* s = findings.Find(k, EntityKey(item, k));
    std::string n(EntityName(k));
    double inspected = s ? s->inspected : 0;
    double frauds = s ? s->frauds : 0;
    sink(n + "_fraud_rate", static_cast<float>((frauds + prior * m) / (inspected + m)));
    sink(n + "_inspected", static_cast<float>(inspected));
  }
}

}  // namespace haiquan::risk
