#pragma once

#include <string>

#include "app/ports/enforcement_store.h"
#include "domain/enforcement/records.h"

namespace haiquan::storage::sqlite {

// A seizure's filterable values as words of the text index's `facets` column: "zzc" and the
// category, "zzo" the office, "zzt" the transport mode, "zzm" the detection method, "zzh" the
// concealment, "zzk" each route country, "zzs" each HS prefix (2, 4, 6... digits), and the day
// three times: "zzy2026", "zzm202611", "zzd20261120". A filter then is a conjunction of such
// words, and a date range the fewest years, months and days that cover it exactly.
std::string FacetWords(const domain::Seizure& s);

// The FTS5 expression for `filter` over the facets column; empty when nothing is filtered.
std::string FacetQuery(const app::SeizureFilter& filter);

}  // namespace haiquan::storage::sqlite
