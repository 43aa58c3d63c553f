#include "app/sample_declarations.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace haiquan::app {
namespace {

struct Origin {
  const char* country;
  const char* port;
  double weight;
};
constexpr std::array<Origin, 14> kOrigins = {{
    {"CN", "CNSHA", 34},
    {"KR", "KRPUS", 14},
    {"JP", "JPTYO", 8},
    {"US", "USLAX", 6},
    {"TH", "THBKK", 6},
    {"TW", "TWKHH", 6},
    {"DE", "DEHAM", 4},
    {"SG", "SGSIN", 4},
    {"IN", "INNSA", 4},
    {"MY", "MYPKG", 3},
    {"ID", "IDJKT", 3},
    {"AU", "AUSYD", 2},
    {"HK", "HKHKG", 4},
    {"AF", "AFKBL", 0.2},
}};
constexpr std::array<const char*, 8> kOffices = {"01B1", "01AB", "02CI", "03CE",
                                                 "03CC", "34CE", "47NB", "15BB"};
constexpr std::array<const char*, 5> kDischarge = {"VNHPH", "VNSGN", "VNCLI", "VNDAD", "VNHAN"};
constexpr std::array<const char*, 6> kUnits = {"PCE", "KGM", "SET", "MTR", "LTR", "PCE"};
constexpr std::array<const char*, 6> kIncoterms = {"CIF", "FOB", "CFR", "EXW", "DAP", "FCA"};
constexpr std::array<const char*, 10> kSurnames = {
    "Minh Phat", "Hoang Long", "Thanh Cong", "An Khang",  "Viet Tien",
    "Phu Thai",  "Dai Nam",    "Hai Au",     "Tan Phong", "Sao Mai"};
constexpr std::array<const char*, 6> kCities = {"Ha Noi",         "Hai Phong", "Da Nang",
                                                "TP Ho Chi Minh", "Bac Ninh",  "Binh Duong"};
constexpr std::array<const char*, 8> kGoods = {"Parts and accessories",
                                               "Finished goods",
                                               "Raw materials for production",
                                               "Consumer goods",
                                               "Machinery components",
                                               "Spare parts",
                                               "Packaged goods",
                                               "Samples"};

}  // namespace

SampleDeclarations::SampleDeclarations(const domain::ReferenceData& ref, uint64_t seed, int traders)
    : rng_(seed), seed_(seed) {
  auto all = ref.HsSubheadings();
  std::shuffle(all.begin(), all.end(), rng_);
  all.resize(std::min<size_t>(all.size(), 1500));
  hs_ = std::move(all);
  char buf[64];
  for (int i = 0; i < traders; ++i) {
    std::snprintf(buf, sizeof buf, "0%09llu", static_cast<unsigned long long>(rng_() % 1000000000));
    Trader t;
    t.tax_id = buf;
    t.name =
        std::string("Cong ty TNHH ") + kSurnames[i % kSurnames.size()] + " " + std::to_string(i);
    t.address = std::to_string(1 + rng_() % 300) + " Le Loi, " + kCities[rng_() % kCities.size()];
    traders_.push_back(std::move(t));
  }
  for (int i = 0; i < traders; ++i) {
    const Origin& o = kOrigins[rng_() % (kOrigins.size() - 1)];
    sellers_.push_back({std::string("Trading Co ") + o.country + " " + std::to_string(i),
                        std::string("Industrial Park ") + std::to_string(i % 97), o.country});
  }
  // Habits come from their own stream, so that the traders and their tax ids stay what they
  // were for a given seed.
  std::mt19937_64 habits(seed ^ 0x68616269747300ULL);
  std::swap(rng_, habits);
  for (auto& t : traders_) {
    size_t n = 2 + rng_() % 5;
    for (size_t k = 0; k < n; ++k) t.specialty.push_back(PickHsIndex());
    t.home_origin = rng_() % (kOrigins.size() - 1);
  }
  std::swap(rng_, habits);
  for (int i = 0; i < std::max(1, traders / 20); ++i) {
    std::snprintf(buf, sizeof buf, "03%08llu", static_cast<unsigned long long>(rng_() % 100000000));
    declarants_.push_back({buf, std::string("Dai ly hai quan ") + std::to_string(i), "", {}, 0});
  }
}

size_t SampleDeclarations::PickHsIndex() {
  // Skewed towards the front: a few codes are common, most are rare, as in real trade.
  double u = std::uniform_real_distribution<double>(0, 1)(rng_);
  size_t idx = static_cast<size_t>(std::pow(u, 3.0) * static_cast<double>(hs_.size()));
  return std::min(idx, hs_.size() - 1);
}

const std::string& SampleDeclarations::PickHs() { return hs_[PickHsIndex()]; }

double SampleDeclarations::TypicalPrice(const std::string& hs6) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (char c : hs6) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  double frac = static_cast<double>(h % 10000) / 10000.0;
  return 0.5 * std::pow(10.0, 3.0 * frac);
}

domain::Declaration SampleDeclarations::Next(int items) {
  domain::Declaration d;
  char ref[48];
  std::snprintf(ref, sizeof ref, "S%llX-%08llu", static_cast<unsigned long long>(seed_ & 0xffff),
                static_cast<unsigned long long>(++counter_));
  d.declarant_reference = ref;
  d.type = domain::DeclarationType::kImport;
  d.office = kOffices[rng_() % kOffices.size()];

  // Traders file in proportion to their size: skew the pick too.
  double u = std::uniform_real_distribution<double>(0, 1)(rng_);
  const Trader& imp = traders_[static_cast<size_t>(u * u * static_cast<double>(traders_.size()))];
  const Seller& seller = sellers_[rng_() % sellers_.size()];
  bool self_filed = rng_() % 3 == 0;
  d.declarant.tax_id = self_filed ? imp.tax_id : declarants_[rng_() % declarants_.size()].tax_id;
  d.importer = domain::Party{imp.tax_id, imp.name, imp.address, "VN"};
  d.exporter = domain::Party{"", seller.name, seller.address, seller.country};

  std::vector<double> weights;
  for (const auto& o : kOrigins) weights.push_back(o.weight);
  std::discrete_distribution<size_t> pick_origin(weights.begin(), weights.end());
  const Origin& origin = kOrigins[pick_origin(rng_)];
  int mode_roll = static_cast<int>(rng_() % 10);
  d.transport.mode = mode_roll < 6 ? "1" : mode_roll < 9 ? "4" : "3";
  d.transport.conveyance_id = d.transport.mode == "4"
                                  ? "VN" + std::to_string(100 + rng_() % 900)
                                  : "VESSEL " + std::to_string(rng_() % 500) + "N";
  d.transport.departure_country = rng_() % 10 == 0 ? "SG" : origin.country;
  d.transport.loading_place = d.transport.departure_country == "SG" ? "SGSIN" : origin.port;
  d.transport.discharge_place = kDischarge[rng_() % kDischarge.size()];

  d.invoice.currency = rng_() % 8 == 0 ? "EUR" : "USD";
  d.invoice.incoterm = kIncoterms[rng_() % kIncoterms.size()];

  int n = items > 0 ? items : static_cast<int>(1 + rng_() % 5);
  // Prices scatter about 25% around each code's typical price; one item in fifty is mispriced
  // five times over either way, as undervaluation and transfer pricing look.
  std::lognormal_distribution<double> noise(0, 0.25);
  int64_t total = 0;
  for (int i = 0; i < n; ++i) {
    domain::GoodsItem item;
    // Traders mostly import what they always import, from where they always buy it.
    const std::string& hs =
        rng_() % 10 < 8 ? hs_[imp.specialty[rng_() % imp.specialty.size()]] : PickHs();
    item.hs_code = rng_() % 2 ? hs : hs + std::to_string(10 + rng_() % 90);
    item.description = std::string(kGoods[rng_() % kGoods.size()]) + ", HS " + hs;
    item.origin_country = rng_() % 8 == 0   ? seller.country
                          : rng_() % 10 < 8 ? kOrigins[imp.home_origin].country
                                            : origin.country;
    // The unit follows the goods, so that unit values compare like with like.
    item.unit = kUnits[std::hash<std::string>{}(hs) % kUnits.size()];
    item.quantity = static_cast<double>(1 + rng_() % 2000);
    item.net_mass_kg = std::round(item.quantity * (0.05 + (rng_() % 1000) / 100.0) * 10) / 10 + 0.1;
    item.gross_mass_kg = std::round(item.net_mass_kg * 1.12 * 10) / 10 + 0.1;
    double price = TypicalPrice(hs) * noise(rng_);
    if (rng_() % 50 == 0) price = rng_() % 2 ? price * 5 : price / 5;
    item.value =
        *domain::Amount::FromDouble(std::max(1.0, std::round(price * item.quantity * 100) / 100));
    total += item.value.hundredths;
    d.items.push_back(std::move(item));
  }
  d.invoice.amount = domain::Amount{total};
  return d;
}

}  // namespace haiquan::app
