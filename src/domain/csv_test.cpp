#include "domain/csv.h"

#include <gtest/gtest.h>

namespace haiquan::domain {
namespace {

std::vector<std::vector<std::string>> Rows(std::string_view text, bool* ok = nullptr) {
  std::vector<std::vector<std::string>> rows;
  bool r = ReadCsv(text, [&](std::vector<std::string>& row) { rows.push_back(row); });
  if (ok) *ok = r;
  return rows;
}

TEST(ReadCsv, QuotedFieldsAndLineEndings) {
  auto rows = Rows(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x, \"\"y\"\"\",\n\"multi\nline\",z");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"x, \"y\"", ""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"multi\nline", "z"}));
}

TEST(ReadCsv, SkipsBlankLinesAndReportsOpenQuotes) {
  EXPECT_EQ(Rows("a\n\n\nb\n").size(), 2u);
  bool ok = true;
  Rows("\"open", &ok);
  EXPECT_FALSE(ok);
}

}  // namespace
}  // namespace haiquan::domain
