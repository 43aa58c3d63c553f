#include "storage/sqlite/seizure_facets.h"

#include <gtest/gtest.h>

namespace haiquan::storage::sqlite {
namespace {

TEST(SeizureFacets, NameEveryFilterableValueAsOneWord) {
  domain::Seizure s;
  s.occurred_at = "2026-11-20T08:30:00Z";
  s.category = "cultural_goods";
  s.office = "01B1";
  s.detection_method = "xray";
  s.transport_mode = "air";
  s.concealment = "false_bottom";
  s.departure = "LA";
  s.route = {{"TH", "Bangkok"}};
  s.destination = "VN";
  s.hs_code = "293979";
  EXPECT_EQ(FacetWords(s),
            "zzcculturalgoods zzo01b1 zzmxray zztair zzhfalsebottom zzkla zzkth zzkvn zzs29 "
            "zzs2939 zzs293979 zzy2026 zzm202611 zzd20261120");
}

TEST(SeizureFacets, ADateRangeIsCoveredExactlyByYearsMonthsAndDays) {
  app::SeizureFilter f;
  f.from = "2025-12-30";
  f.to = "2027-02-02";
  // Two days of 2025, all of 2026, January 2027, two days of February.
  EXPECT_EQ(FacetQuery(f),
            "facets : ((\"zzd20251230\" OR \"zzd20251231\" OR \"zzy2026\" OR \"zzm202701\" OR "
            "\"zzd20270201\" OR \"zzd20270202\"))");
  f.from = "2026-03-01";
  f.to = "2026-03-31";
  EXPECT_EQ(FacetQuery(f), "facets : ((\"zzm202603\"))");
  f.from = "2026-03-05";
  f.to = "2026-03-04";
  EXPECT_EQ(FacetQuery(f), "\"zznothing\"");
}

TEST(SeizureFacets, FiltersAreAllRequiredAndAnOddHsPrefixWidensToItsEvenOnes) {
  app::SeizureFilter f;
  f.category = "drugs";
  f.route_country = "TH";
  f.hs_prefix = "293";
  std::string q = FacetQuery(f);
  EXPECT_EQ(q.find("facets : (\"zzcdrugs\" AND \"zzkth\" AND (\"zzs2930\" OR "), 0u) << q;
  EXPECT_NE(q.find("\"zzs2939\")"), std::string::npos) << q;
  EXPECT_EQ(FacetQuery(app::SeizureFilter{}), "");
}

}  // namespace
}  // namespace haiquan::storage::sqlite
