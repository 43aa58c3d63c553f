#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "risk/model/kcs_csv.h"

namespace haiquan::risk {

// The parties, goods and routes (and pairs of them) whose history is kept. Pairs catch what one
// side alone hides: a declarant who is risky only for one importer, an importer risky only for
// one product or one origin.
enum class EntityKind {
  kImporter,
  kDeclarant,
  kSeller,
  kHs6,
  kHs4,
  kHs2,
  kTariffLine,  // HS6 + unit price: in this data the unit price names the HS10 line (see .cpp)
  kOffice,
  kOrigin,
  kDeparture,
  kTaxType,
  kImporterHs6,
  kImporterOrigin,
  kImporterSeller,
  kDeclarantImporter,
  kDeclarantHs6,
  kHs6Origin,
  kHs6TaxType,
  kHs6Departure,
  kTariffLineOrigin,
  kOriginTaxType,
  kCount,
};

inline constexpr int kEntityKinds = static_cast<int>(EntityKind::kCount);

// snake_case, for feature names.
std::string_view EntityName(EntityKind k);
// The item's key for that kind; empty when the item names none (no seller, say), in which case
// nothing is learnt or looked up for it.
std::string EntityKey(const KcsItem& item, EntityKind k);

// Customs value per kg; 0 when the mass is not positive.
double UnitValue(const KcsItem& item);

// A 64-bit hash of an entity's kind and key, by which the histories keep it: the keys are hashed
// once per item instead of being built as strings and hashed again in every table they are looked
// up in. 0 when the item names no such entity (EntityKey is empty). Two different entities share
// an id with a chance of about 2^-64 per pair: 2e-9 over the KCS files' 255k entities, 3e-8 over
// a million (entity_keys_test.cpp checks the files' keys and ids match one to one).
using EntityId = uint64_t;

// The ids of all of an item's entities.
struct EntityIds {
  std::array<EntityId, kEntityKinds> id{};
  EntityId operator[](EntityKind k) const { return id[static_cast<size_t>(k)]; }
};
EntityIds ItemEntityIds(const KcsItem& item);

// A non-zero 64-bit hash of the bytes (the empty string included), well mixed in every bit.
uint64_t HashBytes(std::string_view s);

}  // namespace haiquan::risk
