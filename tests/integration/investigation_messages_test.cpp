// N3: the messages an investigation's members exchange, through the API as investigators use
// it: threads of replies, each member's unread count and read marker, pages, refusals of
// outsiders (404, in the audit trail as denied) and bad input named field by field.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "integration/server_process.h"

namespace haiquan::testing {
namespace {

namespace json = boost::json;

json::object Parse(const HttpResult& r) { return json::parse(r.body).as_object(); }

std::set<std::string> Pointers(const HttpResult& r) {
  std::set<std::string> out;
  json::object problem = Parse(r);
  for (const auto& e : problem.at("errors").as_array()) {
    out.insert(std::string(e.at("pointer").as_string()));
  }
  return out;
}

class InvestigationMessagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>();
    lead_ = server_->CreateUser("investigator", "", "msg.lead");
    member_ = server_->CreateUser("investigator", "", "msg.member");
    outsider_ = server_->CreateUser("investigator", "", "msg.outsider");
    boss_ = server_->CreateUser("supervisor", "", "msg.boss");
    auto seizure = As(lead_, "POST", "/api/v1/seizures",
                      R"({"date":"2026-11-20","office":"01B1","detectionMethod":"xray",)"
                      R"("category":"drugs","description":"Heroin in rice cooker"})");
    ASSERT_EQ(seizure.status, 201) << seizure.body;
    seizure_ = Parse(seizure).at("id").as_int64();
    id_ = OpenCase("Op. Mekong");
    path_ = "/api/v1/investigations/" + std::to_string(id_);
  }

  HttpResult As(const std::string& token, const std::string& method, const std::string& target,
                const std::string& body = "") const {
    return server_->RequestWith("Bearer " + token, method, target, body);
  }

  int64_t OpenCase(const std::string& title) {
    auto opened =
        As(lead_, "POST", "/api/v1/investigations",
           R"({"title":")" + title + R"(","supervisor":"msg.boss","members":["msg.member"]})");
    EXPECT_EQ(opened.status, 201) << opened.body;
    return opened.status == 201 ? Parse(opened).at("id").as_int64() : 0;
  }

  json::object Send(const std::string& token, const std::string& body) {
    auto r = As(token, "POST", path_ + "/messages", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Parse(r) : json::object{};
  }

  std::unique_ptr<ServerProcess> server_;
  std::string lead_, member_, outsider_, boss_;
  int64_t seizure_ = 0;
  int64_t id_ = 0;
  std::string path_;
};

TEST_F(InvestigationMessagesTest, MembersTalkInThreadsAndEachHasTheirOwnUnreadCount) {
  auto first = Send(lead_, R"({"body":"Chuyến bay VN123 hạ cánh 14:05,\nkiểm tra hành lý",)"
                           R"("links":[{"kind":"seizure","id":)" +
                               std::to_string(seizure_) + "}]}");
  ASSERT_FALSE(first.empty());
  int64_t first_id = first.at("id").as_int64();
  EXPECT_EQ(first.at("author").as_string(), "msg.lead");
  EXPECT_EQ(first.at("body").as_string(), "Chuyến bay VN123 hạ cánh 14:05,\nkiểm tra hành lý");
  EXPECT_TRUE(first.at("replyTo").is_null());
  EXPECT_FALSE(first.at("sentAt").as_string().empty());
  EXPECT_EQ(first.at("links").at(0).at("label").as_string(), "Heroin in rice cooker");

  auto reply = Send(member_, R"({"body":"On my way","replyTo":)" + std::to_string(first_id) + "}");
  ASSERT_FALSE(reply.empty());
  int64_t reply_id = reply.at("id").as_int64();
  EXPECT_EQ(reply.at("replyTo").as_int64(), first_id);
  auto third = Send(boss_, R"({"body":"Keep me informed"})");
  ASSERT_FALSE(third.empty());
  int64_t third_id = third.at("id").as_int64();

  // The conversation, oldest first; the lead has not read the other two's messages.
  auto page = As(lead_, "GET", path_ + "/messages");
  ASSERT_EQ(page.status, 200) << page.body;
  auto conversation = Parse(page);
  const auto& items = conversation.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("id").as_int64(), first_id);
  EXPECT_EQ(items[1].at("replyTo").as_int64(), first_id);
  EXPECT_EQ(items[2].at("author").as_string(), "msg.boss");
  EXPECT_EQ(conversation.at("unread").as_int64(), 2);
  EXPECT_EQ(conversation.at("readUpTo").as_int64(), 0);
  EXPECT_TRUE(conversation.at("nextAfter").is_null());
  // The case and the list show the caller's unread count too.
  EXPECT_EQ(Parse(As(lead_, "GET", path_)).at("unreadMessages").as_int64(), 2);
  auto list = Parse(As(lead_, "GET", "/api/v1/investigations"));
  EXPECT_EQ(list.at("items").at(0).at("unreadMessages").as_int64(), 2);
  EXPECT_EQ(Parse(As(member_, "GET", path_ + "/messages")).at("unread").as_int64(), 2);
  EXPECT_EQ(Parse(As(boss_, "GET", path_ + "/messages")).at("unread").as_int64(), 2);

  // Marking read moves the lead's marker only, and never back.
  auto read =
      As(lead_, "POST", path_ + "/messages/read", R"({"upTo":)" + std::to_string(reply_id) + "}");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Parse(read).at("readUpTo").as_int64(), reply_id);
  EXPECT_EQ(Parse(read).at("unread").as_int64(), 1);
  auto back =
      As(lead_, "POST", path_ + "/messages/read", R"({"upTo":)" + std::to_string(first_id) + "}");
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(Parse(back).at("readUpTo").as_int64(), reply_id);
  EXPECT_EQ(Parse(As(lead_, "GET", path_)).at("unreadMessages").as_int64(), 1);
  EXPECT_EQ(Parse(As(member_, "GET", path_ + "/messages")).at("unread").as_int64(), 2);

  // Pages: after the last one shown.
  auto head = Parse(As(lead_, "GET", path_ + "/messages?limit=2"));
  ASSERT_EQ(head.at("items").as_array().size(), 2u);
  ASSERT_EQ(head.at("nextAfter").as_int64(), reply_id);
  auto tail = Parse(As(lead_, "GET", path_ + "/messages?after=" + std::to_string(reply_id)));
  ASSERT_EQ(tail.at("items").as_array().size(), 1u);
  EXPECT_EQ(tail.at("items").at(0).at("id").as_int64(), third_id);
  EXPECT_TRUE(tail.at("nextAfter").is_null());

  // Messages are evidence: there is no way to change or remove one.
  std::string one = path_ + "/messages/" + std::to_string(first_id);
  for (const char* method : {"PUT", "PATCH", "DELETE"}) {
    EXPECT_GE(As(lead_, method, one, R"({"body":"x"})").status, 400) << method;
    EXPECT_GE(As(lead_, method, path_ + "/messages", R"({"body":"x"})").status, 400) << method;
  }
  // An administrator sees the case, as for its notes.
  server_->UseRole("administrator");
  EXPECT_EQ(server_->Get(path_ + "/messages").status, 200);
}

TEST_F(InvestigationMessagesTest, OutsidersGetNotFoundAndTheirAttemptsAreAudited) {
  Send(lead_, R"({"body":"Only for the team"})");
  int64_t last = Parse(As(lead_, "GET", path_ + "/messages")).at("items").at(0).at("id").as_int64();
  EXPECT_EQ(As(outsider_, "GET", path_ + "/messages").status, 404);
  EXPECT_EQ(As(outsider_, "POST", path_ + "/messages", R"({"body":"let me in"})").status, 404);
  // Not even a 422: a bad message tells an outsider nothing about the case either.
  EXPECT_EQ(As(outsider_, "POST", path_ + "/messages", R"({"body":""})").status, 404);
  EXPECT_EQ(
      As(outsider_, "POST", path_ + "/messages/read", R"({"upTo":)" + std::to_string(last) + "}")
          .status,
      404);
  EXPECT_EQ(Parse(As(lead_, "GET", path_ + "/messages")).at("items").as_array().size(), 1u);
  // An officer's role may not ask at all.
  server_->UseRole("officer");
  EXPECT_EQ(server_->Get(path_ + "/messages").status, 403);

  // A member taken off the case can no longer read or write.
  auto removed =
      As(lead_, "PUT", path_, R"({"title":"Op. Mekong","status":"open","supervisor":"msg.boss"})");
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(As(member_, "POST", path_ + "/messages", R"({"body":"still here?"})").status, 404);
  EXPECT_EQ(As(member_, "GET", path_ + "/messages").status, 404);

  server_->UseRole("supervisor");
  auto denied = [&](const std::string& actor) {
    std::multiset<std::string> actions;
    auto audit = Parse(server_->Get("/api/v1/audit?actor=" + actor + "&limit=1000"));
    for (const auto& e : audit.at("items").as_array()) {
      if (e.at("outcome").as_string() == "denied" &&
          e.at("recordId").as_string() == std::to_string(id_)) {
        actions.insert(std::string(e.at("action").as_string()));
      }
    }
    return actions;
  };
  EXPECT_EQ(
      denied("msg.outsider"),
      (std::multiset<std::string>{"investigation.messages.read", "investigation.message",
                                  "investigation.message", "investigation.messages.mark_read"}));
  EXPECT_EQ(denied("msg.member"),
            (std::multiset<std::string>{"investigation.message", "investigation.messages.read"}));
  // Every read of the conversation and every message sent is in the trail too.
  auto lead = Parse(server_->Get("/api/v1/audit?actor=msg.lead&limit=1000"));
  int reads = 0, sent = 0;
  for (const auto& e : lead.at("items").as_array()) {
    if (e.at("outcome").as_string() != "ok") continue;
    if (e.at("action").as_string() == "investigation.messages.read") ++reads;
    if (e.at("action").as_string() == "investigation.message") ++sent;
  }
  EXPECT_EQ(reads, 2);
  EXPECT_EQ(sent, 1);
}

TEST_F(InvestigationMessagesTest, BadInputIsRefusedNamingEveryField) {
  int64_t other = OpenCase("Op. Red River");
  auto elsewhere =
      As(lead_, "POST", "/api/v1/investigations/" + std::to_string(other) + "/messages",
         R"({"body":"other case"})");
  ASSERT_EQ(elsewhere.status, 201) << elsewhere.body;
  std::string elsewhere_id = std::to_string(Parse(elsewhere).at("id").as_int64());

  auto r = As(lead_, "POST", path_ + "/messages",
              R"({"body":"  \n ","replyTo":)" + elsewhere_id +
                  R"(,"links":[{"kind":"seizure","id":999999},{"kind":"investigation","id":)" +
                  std::to_string(other) + "}]}");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(Pointers(r), (std::set<std::string>{"/body", "/replyTo", "/links/0", "/links/1/kind"}));
  r = As(lead_, "POST", path_ + "/messages",
         R"({"body":")" + std::string(10001, 'a') + R"(","replyTo":999999})");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(Pointers(r), (std::set<std::string>{"/body", "/replyTo"}));
  EXPECT_NE(r.body.find("too_long"), std::string::npos);
  r = As(lead_, "POST", path_ + "/messages", R"({})");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(Pointers(r), std::set<std::string>{"/body"});
  // Nothing of these was sent.
  EXPECT_TRUE(Parse(As(lead_, "GET", path_ + "/messages")).at("items").as_array().empty());

  // Wrong shapes are malformed (400).
  EXPECT_EQ(As(lead_, "POST", path_ + "/messages", R"({"body":5})").status, 400);
  EXPECT_EQ(As(lead_, "POST", path_ + "/messages", R"({"body":"x","subject":"y"})").status, 400);
  EXPECT_EQ(As(lead_, "POST", path_ + "/messages", R"({"body":"x","replyTo":"1"})").status, 400);
  EXPECT_EQ(As(lead_, "POST", path_ + "/messages", "not json").status, 400);

  r = As(lead_, "POST", path_ + "/messages/read", R"({"upTo":)" + elsewhere_id + "}");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(Pointers(r), std::set<std::string>{"/upTo"});
  EXPECT_EQ(As(lead_, "POST", path_ + "/messages/read", R"({})").status, 422);
  EXPECT_EQ(As(lead_, "POST", path_ + "/messages/read", R"({"upTo":0})").status, 400);
  EXPECT_EQ(As(lead_, "GET", path_ + "/messages?limit=0").status, 400);
  EXPECT_EQ(As(lead_, "GET", path_ + "/messages?after=x").status, 400);
  EXPECT_EQ(As(lead_, "GET", path_ + "/messages?before=3").status, 400);
  EXPECT_EQ(As(lead_, "GET", "/api/v1/investigations/999999/messages").status, 404);
}

}  // namespace
}  // namespace haiquan::testing
