#include "domain/enforcement/name_match.h"

#include <gtest/gtest.h>

namespace haiquan::domain {
namespace {

TEST(NameMatch, FoldsCaseAndVietnameseMarks) {
  EXPECT_EQ(NameTokens("Nguyễn Văn Hùng"), (std::vector<std::string>{"nguyen", "van", "hung"}));
  EXPECT_EQ(NameTokens("ĐẶNG  thị-Mỹ"), (std::vector<std::string>{"dang", "thi", "my"}));
  EXPECT_TRUE(NameTokens(" ,. ").empty());
}

TEST(NameMatch, EditDistanceCountsASwapAsOneEdit) {
  EXPECT_EQ(EditDistance("hung", "hnug", 2), 1);
  EXPECT_EQ(EditDistance("hung", "hung", 2), 0);
  EXPECT_EQ(EditDistance("nguyen", "nguyn", 2), 1);
  EXPECT_EQ(EditDistance("tran", "pham", 1), 2);  // limit + 1: beyond the limit
  EXPECT_EQ(EditDistance("", "abc", 5), 3);
}

TEST(NameMatch, WordsWithinOneEditShareADelete) {
  auto a = OneDeletes("hung");
  auto b = OneDeletes("hnug");
  bool shared = false;
  for (const auto& x : a) shared = shared || std::find(b.begin(), b.end(), x) != b.end();
  EXPECT_TRUE(shared);
  EXPECT_EQ(OneDeletes("aa"), (std::vector<std::string>{"a"}));
}

TEST(NameMatch, CountsLettersNotBytesInOtherScripts) {
  // Thai "สมชาย" (5 letters, 15 bytes) and Chinese "王小明" (3 letters, 9 bytes).
  EXPECT_EQ(TypoBudget("สมชาย"), 1);
  EXPECT_EQ(TypoBudget("王小明"), 0);
  EXPECT_EQ(EditDistance("สมชาย", "สมชาข", 2), 1);    // one letter replaced
  EXPECT_EQ(EditDistance("สมชาย", "สมาย", 2), 1);     // one letter dropped
  EXPECT_EQ(EditDistance("王小明", "王明小", 2), 1);  // a swap
  auto deletes = OneDeletes("王小明");
  EXPECT_EQ(deletes, (std::vector<std::string>{"小明", "王明", "王小"}));
  // A word with a letter dropped is one of the indexed word's variants, and scores as a typo.
  auto variants = OneDeletes("สมชาย");
  EXPECT_NE(std::find(variants.begin(), variants.end(), "สมาย"), variants.end());
  double typo = NameMatchScore(NameTokens("สมาย ใจดี"), "สมชาย ใจดี");
  EXPECT_GT(typo, 0.5);
  EXPECT_LT(typo, 1.0);
}

TEST(NameMatch, ScoresTyposBelowExactAndRefusesOtherNames) {
  auto exact = NameMatchScore(NameTokens("Nguyen Van Hung"), "Nguyễn Văn Hùng");
  auto typo = NameMatchScore(NameTokens("Nguyen Van Hnug"), "Nguyễn Văn Hùng");
  auto partial = NameMatchScore(NameTokens("Hung"), "Nguyễn Văn Hùng");
  EXPECT_DOUBLE_EQ(exact, 1.0);
  EXPECT_GT(typo, 0.5);
  EXPECT_LT(typo, exact);
  EXPECT_GT(partial, 0);
  EXPECT_LT(partial, exact);
  EXPECT_EQ(NameMatchScore(NameTokens("Tran Van Hung"), "Nguyễn Văn Hùng"), 0);
  // Short words allow no typo: "Ly" is not "Le".
  EXPECT_EQ(NameMatchScore(NameTokens("Ly"), "Lê"), 0);
}

}  // namespace
}  // namespace haiquan::domain
