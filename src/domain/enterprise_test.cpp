#include "domain/enterprise.h"

#include <gtest/gtest.h>

namespace haiquan::domain {
namespace {

TEST(AddressKey, IgnoresMarksCasePunctuationAndSpacing) {
  EXPECT_EQ(AddressKey("45 Tràng Tiền, Hoàn Kiếm, Hà Nội"), "45 trang tien hoan kiem ha noi");
  EXPECT_EQ(AddressKey("45 trang tien - hoan kiem,  HA NOI"), "45 trang tien hoan kiem ha noi");
  EXPECT_EQ(AddressKey("Đường Nguyễn Huệ"), "duong nguyen hue");
  // Decomposed marks (NFD) fold the same way as precomposed ones.
  EXPECT_EQ(AddressKey("Le\xcc\x82 Lo\xcc\x9b\xcc\xa3i"), "le loi");
  EXPECT_EQ(AddressKey(""), "");
  EXPECT_EQ(AddressKey("\xff\xfe 12"), "12");  // malformed bytes are separators
  EXPECT_EQ(AddressKey("12\u00a0Le Loi \u2013 Q1"), "12 le loi q1");
}

TEST(Enterprise, PeopleAreValidatedByPointer) {
  Enterprise e;
  e.tax_id = "0101234567";
  e.name = "A";
  e.address = "B";
  e.registration_date = "2015-01-01";
  e.owners = {{"001085012345", "Nguyen Van A", "VN", 60.0}, {"001085012345", "X", "VN", 50.0}};
  e.representatives = {{"ab", "", "Vietnam", 10.0}};
  std::vector<std::string> pointers;
  for (const auto& f : Validate(e)) pointers.push_back(f.pointer + " " + f.code);
  EXPECT_EQ(pointers, (std::vector<std::string>{
                          "/owners/1/idNumber duplicate",
                          "/owners out_of_range",
                          "/legalRepresentatives/0/idNumber invalid_id_number",
                          "/legalRepresentatives/0/name required",
                          "/legalRepresentatives/0/nationality invalid_code",
                          "/legalRepresentatives/0/share out_of_range",
                      }));
}

}  // namespace
}  // namespace haiquan::domain
