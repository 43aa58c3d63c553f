#include "domain/declaration.h"

namespace haiquan::domain {

std::string_view ToString(DeclarationType t) {
  switch (t) {
    case DeclarationType::kImport:
      return "IM";
    case DeclarationType::kExport:
      return "EX";
    case DeclarationType::kTransit:
      return "TR";
  }
  return "IM";
}

std::optional<DeclarationType> ParseDeclarationType(std::string_view s) {
  if (s == "IM") return DeclarationType::kImport;
  if (s == "EX") return DeclarationType::kExport;
  if (s == "TR") return DeclarationType::kTransit;
  return std::nullopt;
}

}  // namespace haiquan::domain
