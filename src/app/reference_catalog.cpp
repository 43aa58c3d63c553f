#include "app/reference_catalog.h"

namespace haiquan::embedded {
std::string_view reference_hs2022();
std::string_view reference_iso3166();
std::string_view reference_iso4217();
}  // namespace haiquan::embedded

namespace haiquan::app {

domain::Result<std::shared_ptr<const domain::ReferenceData>> LoadReferenceData() {
  return domain::ReferenceData::FromCsv(embedded::reference_hs2022(), embedded::reference_iso3166(),
                                        embedded::reference_iso4217());
}

}  // namespace haiquan::app
