#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/declaration.h"
#include "risk/model/kcs_csv.h"

namespace haiquan::risk {

// The goods items of one of our declarations as the model reads them (one KcsItem each; the
// mapping is kcs_csv.h's, read backwards). What our declarations do not carry is left empty and
// so reads as missing: the procedure codes, the tax rate and type, the origin indicator, a
// courier. The transport mode is UN/ECE Recommendation 19's digit, which the Korean data writes
// times ten (1 maritime -> "10", 4 air -> "40"). Values stay in the invoice currency.
// `fraud` is -1 (not known at filing) unless `finding` says otherwise (0 or 1).
// `found`: when the finding was made (the epoch: unknown).
std::vector<KcsItem> ToKcsItems(const domain::Declaration& d, std::chrono::sys_days filed,
                                int finding = -1, std::chrono::sys_days found = {});

// The identity the model keys a declaration by: declarant tax id and reference.
std::string ModelDeclarationId(const domain::Declaration& d);

// The other way, for replaying labelled files through the rules (`risk backtest`): the items
// of one declaration (same declaration_id, same header fields) as a declaration, values in KRW
// and quantities in kilograms.
domain::Declaration ToDeclaration(std::span<const KcsItem> items);

}  // namespace haiquan::risk
