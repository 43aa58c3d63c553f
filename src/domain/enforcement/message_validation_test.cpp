#include <gtest/gtest.h>

#include <set>

#include "domain/enforcement/records.h"

namespace haiquan::domain {
namespace {

std::set<std::string> Pointers(const std::vector<FieldError>& faults) {
  std::set<std::string> out;
  for (const auto& f : faults) out.insert(f.pointer + " " + f.code);
  return out;
}

InvestigationMessage Message(std::string body) {
  InvestigationMessage m;
  m.body = std::move(body);
  return m;
}

TEST(MessageValidation, ABodyOfTextIsEnoughAndLineBreaksAreKept) {
  EXPECT_TRUE(Validate(Message("Xe tải 29C-123.45 qua cửa khẩu lúc 14:00")).empty());
  EXPECT_TRUE(Validate(Message("line one\nline two\r\n\tindented")).empty());
  EXPECT_TRUE(Validate(Message(std::string(kMaxMessageBytes, 'a'))).empty());
}

TEST(MessageValidation, AnEmptyOrBlankBodyIsRequired) {
  EXPECT_EQ(Pointers(Validate(Message(""))), std::set<std::string>{"/body required"});
  EXPECT_EQ(Pointers(Validate(Message(" \n\t \r\n"))), std::set<std::string>{"/body required"});
}

TEST(MessageValidation, ALongBodyOrControlCharactersAreRefused) {
  EXPECT_EQ(Pointers(Validate(Message(std::string(kMaxMessageBytes + 1, 'a')))),
            std::set<std::string>{"/body too_long"});
  EXPECT_EQ(Pointers(Validate(Message(std::string("bell\a")))),
            std::set<std::string>{"/body invalid_characters"});
}

TEST(MessageValidation, EveryBadFieldIsNamedTogether) {
  InvestigationMessage m = Message("");
  m.reply_to = 0;
  m.links = {{"seizure", 1, ""}, {"investigation", 2, ""}, {"person", -3, ""}, {"seizure", 1, ""}};
  EXPECT_EQ(
      Pointers(Validate(m)),
      (std::set<std::string>{"/body required", "/replyTo invalid_id", "/links/1/kind unknown_code",
                             "/links/2/id invalid_id", "/links/3 duplicate"}));
}

TEST(MessageValidation, AMessageLinksAFewRecordsOnly) {
  InvestigationMessage m = Message("see these");
  for (int64_t i = 1; i <= static_cast<int64_t>(kMaxMessageLinks); ++i) {
    m.links.push_back({"seizure", i, ""});
  }
  EXPECT_TRUE(Validate(m).empty());
  m.links.push_back({"seizure", 999, ""});
  EXPECT_EQ(Pointers(Validate(m)), std::set<std::string>{"/links too_many"});
}

}  // namespace
}  // namespace haiquan::domain
