#pragma once

#include <vector>

#include "domain/declaration.h"
#include "domain/reference_data.h"
#include "domain/result.h"

namespace haiquan::domain {

// Limits a declaration must keep; also bound what the parser accepts.
inline constexpr size_t kMaxItems = 999;  // WCO DM: goods item sequence n..3
inline constexpr size_t kMaxReferenceLength = 35;
inline constexpr size_t kMaxNameLength = 256;
inline constexpr size_t kMaxAddressLength = 512;
inline constexpr size_t kMaxDescriptionLength = 512;

// Checks a parsed declaration against the rules of C2 and the reference lists and returns every
// fault, each located by the JSON pointer of the member a client sent. Empty means valid.
std::vector<FieldError> Validate(const Declaration& d, const ReferenceData& ref);

}  // namespace haiquan::domain
