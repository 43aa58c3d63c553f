// The case store's messages on a real database file: read markers, unread counts, references
// checked inside the write, the gate's refusal, and the schema's refusal to change a message.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "app/caller.h"
#include "storage/sqlite/database.h"

namespace haiquan::storage::sqlite {
namespace {

class CaseMessagesStore : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("haiquan-messages-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
    db_ = std::make_unique<Database>(path_);
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  app::CaseStore& store() { return db_->cases(); }
  domain::AuditEvent Event(const std::string& action) {
    return app::Caller::System("test").Event("2026-11-24T10:00:00Z", action, "investigation");
  }

  int64_t Open(const std::string& title) {
    domain::Investigation i;
    i.title = title;
    i.lead = "alice";
    i.members = {"alice", "bob"};
    i.created_at = i.updated_at = "2026-11-24T09:00:00Z";
    i.created_by = i.updated_by = "alice";
    auto r = store().CreateInvestigation(i, Event("investigation.open"));
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? r->id : 0;
  }

  domain::Result<domain::InvestigationMessage> Send(int64_t investigation,
                                                    const std::string& author,
                                                    std::optional<int64_t> reply_to = {},
                                                    std::vector<domain::FieldError> faults = {}) {
    domain::InvestigationMessage m;
    m.investigation_id = investigation;
    m.author = author;
    m.sent_at = "2026-11-24T10:00:00Z";
    m.body = "from " + author;
    m.reply_to = reply_to;
    return store().AddMessage(m, std::move(faults), kEveryone, Event("investigation.message"));
  }

  domain::MessageReadState State(int64_t investigation, const std::string& reader) {
    auto s = store().ReadStates({investigation}, reader);
    EXPECT_TRUE(s.ok());
    return s.ok() ? s->front() : domain::MessageReadState{};
  }

  static inline const app::CaseStore::Gate kEveryone = [](const domain::Investigation&) {
    return true;
  };

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<Database> db_;
};

TEST_F(CaseMessagesStore, OwnMessagesAreNeverUnreadAndTheMarkerOnlyMovesForward) {
  int64_t id = Open("Op. Mekong");
  auto first = Send(id, "alice");
  auto second = Send(id, "bob");
  auto third = Send(id, "bob");
  ASSERT_TRUE(first.ok() && second.ok() && third.ok());
  EXPECT_EQ(State(id, "alice").unread, 2);
  EXPECT_EQ(State(id, "bob").unread, 1);
  EXPECT_EQ(State(id, "carol").unread, 3);

  auto read = store().MarkRead(id, "alice", third->id, kEveryone, Event("mark_read"));
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->read_up_to, third->id);
  EXPECT_EQ(read->unread, 0);
  // Marking an older message read does not make the newer ones unread again.
  auto back = store().MarkRead(id, "alice", first->id, kEveryone, Event("mark_read"));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->read_up_to, third->id);
  EXPECT_EQ(State(id, "alice").unread, 0);
  // A marker is the reader's own.
  EXPECT_EQ(State(id, "bob").read_up_to, 0);
  EXPECT_EQ(State(id, "bob").unread, 1);
  ASSERT_TRUE(Send(id, "bob").ok());
  EXPECT_EQ(State(id, "alice").unread, 1);
}

TEST_F(CaseMessagesStore, PagesRunOldestFirstAndSayWhetherMoreFollow) {
  int64_t id = Open("Op. Mekong");
  int64_t other = Open("Op. Red River");
  std::vector<int64_t> sent;
  for (int k = 0; k < 5; ++k) {
    auto m = Send(id, k % 2 ? "bob" : "alice");
    ASSERT_TRUE(m.ok());
    sent.push_back(m->id);
    ASSERT_TRUE(Send(other, "alice").ok());  // interleaved, never listed with the first
  }
  auto page = store().Messages(id, "alice", 0, 3);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[0].id, sent[0]);
  EXPECT_EQ(page->items[2].id, sent[2]);
  EXPECT_TRUE(page->more);
  EXPECT_EQ(page->state.unread, 2);  // bob's two
  auto rest = store().Messages(id, "alice", page->items.back().id, 3);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->items.size(), 2u);
  EXPECT_EQ(rest->items[1].id, sent[4]);
  EXPECT_FALSE(rest->more);
}

TEST_F(CaseMessagesStore, BadReferencesAreNamedWithTheMessagesOwnFaultsAndNothingIsWritten) {
  int64_t id = Open("Op. Mekong");
  int64_t other = Open("Op. Red River");
  auto elsewhere = Send(other, "alice");
  ASSERT_TRUE(elsewhere.ok());
  domain::InvestigationMessage m;
  m.investigation_id = id;
  m.author = "alice";
  m.sent_at = "2026-11-24T10:00:00Z";
  m.reply_to = elsewhere->id;  // a message, but of another investigation
  m.links = {{"seizure", 999, ""}, {"person", 998, ""}, {"investigation", other, ""}};
  auto r = store().AddMessage(m, {{"/body", "required", "is required"}}, kEveryone,
                              Event("investigation.message"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, domain::ErrorCode::kInvalid);
  std::set<std::string> pointers;
  for (const auto& f : r.error().fields) pointers.insert(f.pointer);
  // The unknown kind is the message's own validation's to name, not a missing record.
  EXPECT_EQ(pointers, (std::set<std::string>{"/body", "/replyTo", "/links/0", "/links/1"}));
  auto page = store().Messages(id, "alice", 0, 10);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty());

  auto marker = store().MarkRead(id, "alice", elsewhere->id, kEveryone, Event("mark_read"));
  ASSERT_FALSE(marker.ok());
  EXPECT_EQ(marker.error().code, domain::ErrorCode::kInvalid);
  EXPECT_EQ(marker.error().fields.at(0).pointer, "/upTo");
}

TEST_F(CaseMessagesStore, ARefusedWriterLeavesOnlyItsDeniedEntry) {
  int64_t id = Open("Op. Mekong");
  std::vector<std::string> seen_members;
  app::CaseStore::Gate nobody = [&](const domain::Investigation& i) {
    seen_members = i.members;
    return false;
  };
  domain::InvestigationMessage m;
  m.investigation_id = id;
  m.author = "mallory";
  m.body = "let me in";
  m.sent_at = "2026-11-24T10:00:00Z";
  auto r = store().AddMessage(m, {}, nobody, Event("investigation.message"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, domain::ErrorCode::kNotFound);
  // The gate decided on the members as stored.
  EXPECT_EQ(seen_members, (std::vector<std::string>{"alice", "bob"}));
  auto marker = store().MarkRead(id, "mallory", 1, nobody, Event("mark_read"));
  ASSERT_FALSE(marker.ok());
  EXPECT_EQ(marker.error().code, domain::ErrorCode::kNotFound);
  auto page = store().Messages(id, "alice", 0, 10);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty());

  auto entries = db_->audit().List(app::AuditQuery{});
  ASSERT_TRUE(entries.ok());
  std::set<std::string> denied;
  for (const auto& e : *entries) {
    if (e.event.outcome == "denied") denied.insert(e.event.action);
  }
  EXPECT_EQ(denied, (std::set<std::string>{"investigation.message", "mark_read"}));
  // An investigation that does not exist is not found, with nothing to record.
  EXPECT_EQ(Send(id + 100, "alice").error().code, domain::ErrorCode::kNotFound);
}

TEST_F(CaseMessagesStore, TheSchemaRefusesToChangeOrDeleteAMessage) {
  int64_t id = Open("Op. Mekong");
  ASSERT_TRUE(Send(id, "alice").ok());
  db_->Flush();
  Connection raw(path_);
  EXPECT_NE(raw.Exec("UPDATE investigation_messages SET body = 'rewritten'"), SQLITE_OK);
  EXPECT_NE(raw.ErrorMessage().find("never changed"), std::string::npos) << raw.ErrorMessage();
  EXPECT_NE(raw.Exec("DELETE FROM investigation_messages"), SQLITE_OK);
  EXPECT_NE(raw.ErrorMessage().find("never deleted"), std::string::npos) << raw.ErrorMessage();
  auto page = store().Messages(id, "alice", 0, 10);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].body, "from alice");
}

}  // namespace
}  // namespace haiquan::storage::sqlite
