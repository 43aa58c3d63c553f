// Acknowledged means committed: kill the server with SIGKILL in the middle of a load and check
// that every declaration it acknowledged is there, whole, after a restart on the same file.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <mutex>
#include <thread>

#include "integration/server_process.h"

namespace haiquan::testing {
namespace {

namespace json = boost::json;

struct Ack {
  int64_t id;
  std::string reference;
};

TEST(Durability, NoAcknowledgedDeclarationIsLostOnSigkill) {
  std::string dir = MakeTempDir();
  std::string db = dir + "/haiquan.db";
  auto first = std::make_unique<ServerProcess>(std::vector<std::string>{}, db);

  std::mutex mu;
  std::vector<Ack> acks;
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; !stop; ++i) {
        std::string ref = "KILL-" + std::to_string(c) + "-" + std::to_string(i);
        try {
          auto res = first->Post("/api/v1/declarations", SampleDeclarationJson(ref));
          if (res.status != 201) {
            ++errors;
            continue;
          }
          int64_t id = json::parse(res.body).as_object().at("id").as_int64();
          std::lock_guard lock(mu);
          acks.push_back({id, ref});
        } catch (const std::exception&) {
          return;  // the server is gone
        }
      }
    });
  }
  // Let a load build up, then kill without warning.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::lock_guard lock(mu);
    if (acks.size() >= 1500) break;
  }
  first->Kill();
  stop = true;
  for (auto& t : clients) t.join();
  EXPECT_EQ(errors.load(), 0);
  ASSERT_GE(acks.size(), 100u) << "too little load to prove anything";

  ServerProcess second({}, db);
  for (const auto& ack : acks) {
    auto res = second.Get("/api/v1/declarations/" + std::to_string(ack.id));
    ASSERT_EQ(res.status, 200) << "acknowledged declaration " << ack.id << " lost";
    auto d = json::parse(res.body).as_object();
    EXPECT_EQ(d.at("declarantReference").as_string(), ack.reference);
    EXPECT_EQ(d.at("items").as_array().size(), 1u) << "declaration " << ack.id << " is partial";
  }
  // Refiling an acknowledged reference still answers the original.
  auto again = second.Post("/api/v1/declarations", SampleDeclarationJson(acks.front().reference));
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(json::parse(again.body).as_object().at("id").as_int64(), acks.front().id);
  std::system(("rm -rf '" + dir + "'").c_str());
}

}  // namespace
}  // namespace haiquan::testing
