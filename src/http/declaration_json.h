#pragma once

#include "app/ports/declaration_store.h"
#include "domain/declaration.h"
#include "http/json_reader.h"

namespace haiquan::http {

// A filing's body read into a declaration, with the faults in its values that validation will
// report together with its own.
struct ParsedFiling {
  domain::Declaration declaration;
  std::vector<domain::FieldError> value_faults;
};
// kMalformed if the body is not JSON or a member has the wrong shape.
domain::Result<ParsedFiling> ParseFiling(std::string_view body);

// Reads the filing shape (see docs/declaration-model.md); faults go to `reader`.
domain::Declaration ReadDeclaration(const json::value& v, JsonReader& reader);
domain::Inspection ReadInspection(const json::value& v, JsonReader& reader);

json::object WriteDeclaration(const domain::Declaration& d);
json::object WriteStored(const app::StoredDeclaration& s);
// The answer to a filing: id, reference, lane, status, score, reasons.
json::object WriteFilingAnswer(const app::StoredDeclaration& s);
json::object WriteSummary(const app::DeclarationSummary& s);
json::array WriteReasons(const std::vector<domain::Reason>& reasons);

}  // namespace haiquan::http
