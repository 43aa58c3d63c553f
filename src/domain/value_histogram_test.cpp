#include "domain/value_histogram.h"

#include <gtest/gtest.h>

#include <cmath>

namespace haiquan::domain {
namespace {

TEST(ValueHistogram, QuantilesAreWithinABucketOfTheTruth) {
  ValueHistogram h;
  for (int i = 1; i <= 1000; ++i) h.Add(i);  // median 500, quartiles 250 and 750
  EXPECT_EQ(h.Count(), 1000);
  EXPECT_NEAR(*h.Quantile(0.5), 500, 500 * 0.13);
  EXPECT_NEAR(*h.Quantile(0.25), 250, 250 * 0.13);
  EXPECT_NEAR(*h.Quantile(0.75), 750, 750 * 0.13);
}

TEST(ValueHistogram, IgnoresValuesWithoutAUnitValue) {
  ValueHistogram h;
  h.Add(0);
  h.Add(-3);
  h.Add(std::nan(""));
  EXPECT_EQ(h.Count(), 0);
  EXPECT_FALSE(h.Quantile(0.5));
  EXPECT_FALSE(BandOf(h));
}

TEST(ValueHistogram, EncodesAndDecodesExactly) {
  ValueHistogram h;
  for (double v : {0.004, 1.0, 1.0, 17.5, 3e9, 42.0}) h.Add(v);
  auto back = ValueHistogram::Decode(h.Encode());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->Count(), 6);
  EXPECT_EQ(back->Encode(), h.Encode());
  EXPECT_DOUBLE_EQ(*back->Quantile(0.5), *h.Quantile(0.5));
}

TEST(ValueHistogram, RefusesBytesItDidNotWrite) {
  EXPECT_FALSE(ValueHistogram::Decode("abc"));
  std::string zero_count("\x01\x00\x00\x00\x00\x00", 6);
  EXPECT_FALSE(ValueHistogram::Decode(zero_count));
  ValueHistogram h;
  h.Add(5);
  h.Add(500);
  std::string bytes = h.Encode();
  std::string swapped = bytes.substr(6) + bytes.substr(0, 6);  // out of order
  EXPECT_FALSE(ValueHistogram::Decode(swapped));
  EXPECT_TRUE(ValueHistogram::Decode(""));
}

TEST(ValueBand, OnePriceGivesHalfToDouble) {
  ValueHistogram h;
  for (int i = 0; i < 50; ++i) h.Add(10.0);
  auto b = BandOf(h);
  ASSERT_TRUE(b);
  EXPECT_NEAR(b->median, 10, 1.3);
  EXPECT_NEAR(b->low, b->median / 2, 0.01);
  EXPECT_NEAR(b->high, b->median * 2, 0.01);
}

TEST(ValueBand, WideSpreadWidensTheFences) {
  ValueHistogram h;
  for (int i = 1; i <= 100; ++i) h.Add(i * 10.0);
  auto b = BandOf(h);
  ASSERT_TRUE(b);
  EXPECT_LT(b->low, b->q1);
  EXPECT_GT(b->high, b->q3 * 2);
}

}  // namespace
}  // namespace haiquan::domain
