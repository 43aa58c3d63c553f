#include "risk/model/entity_keys.h"

#include <array>
#include <charconv>

namespace haiquan::risk {
namespace {

constexpr std::array<std::string_view, kEntityKinds> kNames = {"importer",
                                                               "declarant",
                                                               "seller",
                                                               "hs6",
                                                               "hs4",
                                                               "hs2",
                                                               "tariff_line",
                                                               "office",
                                                               "origin",
                                                               "departure",
                                                               "tax_type",
                                                               "importer_hs6",
                                                               "importer_origin",
                                                               "importer_seller",
                                                               "declarant_importer",
                                                               "declarant_hs6",
                                                               "hs6_origin",
                                                               "hs6_tax_type",
                                                               "hs6_departure",
                                                               "tariff_line_origin",
                                                               "origin_tax_type"};

std::string Pair(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return {};
  return a + '\x1f' + b;
}

// The data's Item Price was rebuilt as Net Mass x the unit price of the item's HS10 line, so
// within an HS6 the unit price names the 10-digit line: every unit price in the files has one
// decimal, and an HS6 has a handful of them (392690: 0.60 per kg for 91% of its items). Real
// declarations carry the HS10 code itself; this key stands in for it. The unit value is written
// with two decimals, as printf's "%.2f" writes it (to_chars, because snprintf costs more than all
// the rest of an item's ids). Empty when the item has no unit value.
constexpr size_t kUnitValueText = 320;  // DBL_MAX has 309 digits
std::string_view UnitValueText(double uv, char (&buf)[kUnitValueText]) {
  if (uv <= 0) return {};
  auto r = std::to_chars(buf, buf + kUnitValueText, uv, std::chars_format::fixed, 2);
  return {buf, static_cast<size_t>(r.ptr - buf)};
}

std::string TariffLine(const KcsItem& item) {
  char buf[kUnitValueText];
  std::string_view uv = UnitValueText(UnitValue(item), buf);
  if (item.hs6.empty() || uv.empty()) return {};
  return Pair(item.hs6, std::string(uv));
}

// The splitmix64 finaliser: a bijection of 64 bits, so distinct inputs never collide, in which
// every input bit flips each output bit with probability about 1/2, so the low bits (which pick
// the table slot) are as good as any.
constexpr uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// Little-endian loads, whatever the machine (compilers turn these into one load on x86 and ARM).
uint64_t Load32(const unsigned char* p) {
  return uint64_t{p[0]} | (uint64_t{p[1]} << 8) | (uint64_t{p[2]} << 16) | (uint64_t{p[3]} << 24);
}
uint64_t Load64(const unsigned char* p) { return Load32(p) | (Load32(p + 4) << 32); }

// 0 means "no entity" in the histories; one id in 2^64 is moved off it.
constexpr uint64_t NonZero(uint64_t h) { return h == 0 ? 1 : h; }

// A field's hash; 0 when it is empty (the entity is absent).
inline uint64_t FieldHash(std::string_view s) { return s.empty() ? 0 : HashBytes(s); }

// Each kind mixes in its own constant, so that an importer and a declarant of the same code
// are different entities, as they were in separate maps.
constexpr uint64_t Salt(EntityKind k) {
  return 0x9e3779b97f4a7c15ull * (static_cast<uint64_t>(k) + 1);
}

// A single entity's id.
inline uint64_t Id(EntityKind k, uint64_t field) {
  return field ? NonZero(Mix(field + Salt(k))) : 0;
}

// A pair's id: bijective in `b` for a given `a` (and the order matters), so pairs differ when
// their parts do; absent when either part is. Made from the parts' hashes, not from the key
// string: a code holding the separator '\x1f' could make two pairs' strings equal, not their ids.
inline uint64_t Id(EntityKind k, uint64_t a, uint64_t b) {
  return a && b ? NonZero(Mix(Mix(a + Salt(k)) ^ b)) : 0;
}

}  // namespace

std::string_view EntityName(EntityKind k) { return kNames[static_cast<size_t>(k)]; }

double UnitValue(const KcsItem& item) {
  return item.net_mass_kg > 0 ? item.item_price / item.net_mass_kg : 0;
}

uint64_t HashBytes(std::string_view s) {
  // Eight bytes at a time, each block mixed into the state; the last (up to seven) bytes go in
  // with their count in the top byte, so that "A" and "A\0" differ and strings of up to seven
  // bytes (every code and party id here) never collide.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  uint64_t h = 0x6a09e667f3bcc908ull;  // any constant; not 0, so that "" does not hash to 0
  for (; n >= 8; p += 8, n -= 8) h = Mix(h ^ Load64(p));
  // The tail as a little-endian number, read in at most two loads instead of byte by byte: two
  // overlapping 4-byte reads (their common bytes land on the same bits), or for 1 to 3 bytes the
  // first, middle and last.
  uint64_t tail = 0;
  if (n >= 4) {
    tail = Load32(p) | (Load32(p + n - 4) << (8 * (n - 4)));
  } else if (n > 0) {
    tail = p[0] | (uint64_t{p[n / 2]} << (8 * (n / 2))) | (uint64_t{p[n - 1]} << (8 * (n - 1)));
  }
  return NonZero(Mix(h ^ tail ^ (static_cast<uint64_t>(n) << 56)));
}

EntityIds ItemEntityIds(const KcsItem& item) {
  const uint64_t importer = FieldHash(item.importer);
  const uint64_t declarant = FieldHash(item.declarant);
  const uint64_t seller = FieldHash(item.seller);
  const uint64_t hs6 = FieldHash(item.hs6);
  const uint64_t origin = FieldHash(item.origin_country);
  const uint64_t departure = FieldHash(item.departure_country);
  const uint64_t tax_type = FieldHash(item.tax_type);
  const std::string_view hs(item.hs6);
  char buf[kUnitValueText];
  const uint64_t unit_value = hs6 ? FieldHash(UnitValueText(UnitValue(item), buf)) : 0;
  const uint64_t tariff_line = Id(EntityKind::kTariffLine, hs6, unit_value);

  EntityIds ids;
  auto set = [&ids](EntityKind k, uint64_t id) { ids.id[static_cast<size_t>(k)] = id; };
  set(EntityKind::kImporter, Id(EntityKind::kImporter, importer));
  set(EntityKind::kDeclarant, Id(EntityKind::kDeclarant, declarant));
  set(EntityKind::kSeller, Id(EntityKind::kSeller, seller));
  set(EntityKind::kHs6, Id(EntityKind::kHs6, hs6));
  set(EntityKind::kHs4, hs.size() >= 4 ? Id(EntityKind::kHs4, HashBytes(hs.substr(0, 4))) : 0);
  set(EntityKind::kHs2, hs.size() >= 2 ? Id(EntityKind::kHs2, HashBytes(hs.substr(0, 2))) : 0);
  set(EntityKind::kTariffLine, tariff_line);
  set(EntityKind::kOffice, Id(EntityKind::kOffice, FieldHash(item.office)));
  set(EntityKind::kOrigin, Id(EntityKind::kOrigin, origin));
  set(EntityKind::kDeparture, Id(EntityKind::kDeparture, departure));
  set(EntityKind::kTaxType, Id(EntityKind::kTaxType, tax_type));
  set(EntityKind::kImporterHs6, Id(EntityKind::kImporterHs6, importer, hs6));
  set(EntityKind::kImporterOrigin, Id(EntityKind::kImporterOrigin, importer, origin));
  set(EntityKind::kImporterSeller, Id(EntityKind::kImporterSeller, importer, seller));
  set(EntityKind::kDeclarantImporter, Id(EntityKind::kDeclarantImporter, declarant, importer));
  set(EntityKind::kDeclarantHs6, Id(EntityKind::kDeclarantHs6, declarant, hs6));
  set(EntityKind::kHs6Origin, Id(EntityKind::kHs6Origin, hs6, origin));
  set(EntityKind::kHs6TaxType, Id(EntityKind::kHs6TaxType, hs6, tax_type));
  set(EntityKind::kHs6Departure, Id(EntityKind::kHs6Departure, hs6, departure));
  set(EntityKind::kTariffLineOrigin, Id(EntityKind::kTariffLineOrigin, tariff_line, origin));
  set(EntityKind::kOriginTaxType, Id(EntityKind::kOriginTaxType, origin, tax_type));
  return ids;
}

std::string EntityKey(const KcsItem& item, EntityKind k) {
  switch (k) {
    case EntityKind::kImporter:
      return item.importer;
    case EntityKind::kDeclarant:
      return item.declarant;
    case EntityKind::kSeller:
      return item.seller;
    case EntityKind::kHs6:
      return item.hs6;
    case EntityKind::kHs4:
      return item.hs6.size() >= 4 ? item.hs6.substr(0, 4) : std::string();
    case EntityKind::kHs2:
      return item.hs6.size() >= 2 ? item.hs6.substr(0, 2) : std::string();
    case EntityKind::kTariffLine:
      return TariffLine(item);
    case EntityKind::kOffice:
      return item.office;
    case EntityKind::kOrigin:
      return item.origin_country;
    case EntityKind::kDeparture:
      return item.departure_country;
    case EntityKind::kTaxType:
      return item.tax_type;
    case EntityKind::kImporterHs6:
      return Pair(item.importer, item.hs6);
    case EntityKind::kImporterOrigin:
      return Pair(item.importer, item.origin_country);
    case EntityKind::kImporterSeller:
      return Pair(item.importer, item.seller);
    case EntityKind::kDeclarantImporter:
      return Pair(item.declarant, item.importer);
    case EntityKind::kDeclarantHs6:
      return Pair(item.declarant, item.hs6);
    case EntityKind::kHs6Origin:
      return Pair(item.hs6, item.origin_country);
    case EntityKind::kHs6TaxType:
      return Pair(item.hs6, item.tax_type);
    case EntityKind::kHs6Departure:
      return Pair(item.hs6, item.departure_country);
    case EntityKind::kTariffLineOrigin:
      return Pair(TariffLine(item), item.origin_country);
    case EntityKind::kOriginTaxType:
      return Pair(item.origin_country, item.tax_type);
    case EntityKind::kCount:
      break;
  }
  return {};
}

}  // namespace haiquan::risk
