#include <gtest/gtest.h>

#include "http/declaration_json.h"
#include "http/json_reader.h"
#include "http/json_writer.h"

namespace haiquan::http {
namespace {

TEST(ParseJson, RejectsMalformedDeepAndInvalidUtf8) {
  EXPECT_TRUE(ParseJson(R"({"a": [1, 2.5, "x"]})").ok());
  for (std::string bad :
       {std::string("{"), std::string("{\"a\":1}x"), std::string(""), std::string(100, '['),
        std::string("{\"a\":\"\xff\"}"), std::string("{\"a\":1,}"), std::string("// c\n{}")}) {
    auto r = ParseJson(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, domain::ErrorCode::kMalformed);
  }
  EXPECT_EQ(ParseJson(std::string(100, '[')).error().fields[0].code, "too_deep");
}

TEST(ReadDeclaration, WrongTypesAreShapeFaultsWithPointers) {
  auto v = ParseJson(R"({"declarantReference": 1, "type": "IM", "items": [{"hsCode": 85}, 3],
                         "invoice": {"amount": "12"}, "bogus": 1, "transport": {"mode": "1"}})");
  JsonReader r;
  ReadDeclaration(*v, r);
  auto e = r.ToError("d");
  EXPECT_EQ(e.code, domain::ErrorCode::kMalformed);
  std::vector<std::string> pointers;
  for (const auto& f : e.fields) pointers.push_back(f.pointer);
  for (const char* p :
       {"/declarantReference", "/items/0/hsCode", "/items/1", "/invoice/amount", "/bogus"}) {
    EXPECT_NE(std::find(pointers.begin(), pointers.end(), p), pointers.end()) << p;
  }
}

TEST(JsonReader, EscapesPointerTokens) { EXPECT_EQ(JsonReader::Escape("a/b~c"), "a~1b~0c"); }

TEST(ToJson, WritesPlainDecimals) {
  boost::json::object o{{"a", 39732.43}, {"b", 0.0}, {"c", 12000.0}, {"d", "x\"y"}, {"e", nullptr}};
  EXPECT_EQ(ToJson(o), R"({"a":39732.43,"b":0,"c":12000,"d":"x\"y","e":null})");
}

}  // namespace
}  // namespace haiquan::http
