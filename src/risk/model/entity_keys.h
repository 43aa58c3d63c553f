#pragma once

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

}  // namespace haiquan::risk
