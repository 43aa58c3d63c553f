#include "risk/model/live_model.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "risk/model/declaration_items.h"
#include "risk/model/test_items.h"
#include "risk/model/trainer.h"
#include "risk/model/training_set.h"

namespace haiquan::risk {
namespace {

using testing::Item;

// A year in which goods from origin "XX" are fraudulent and the rest are not.
std::vector<KcsItem> History() {
  std::vector<KcsItem> items;
  for (int i = 0; i < 1200; ++i) {
    bool bad = i % 10 == 0;
    auto it = Item("H" + std::to_string(i), i % 300, "I" + std::to_string(i % 40),
                   bad ? "850720" : "610910", bad ? 1 : 0);
    it.origin_country = bad ? "XX" : "CN";
    it.departure_country = it.origin_country;
    it.item_price = bad ? 100 : 1000 + i % 7;
    items.push_back(std::move(it));
  }
  return items;
}

std::string TrainedJson(const std::vector<KcsItem>& history) {
  FeatureBuilder builder;
  auto set = BuildTrainingSet(history, builder);
  TrainingParams p;
  p.rounds = 30;
  p.max_depth = 4;
  p.threads = 1;
  auto model = Train(set.x, set.labels, p);
  EXPECT_TRUE(model.ok());
  return model.ok() ? model->model_json : "";
}

domain::Declaration Filing(int i, bool bad) {
  domain::Declaration d;
  d.declarant_reference = "REF-" + std::to_string(i);
  d.office = "30";
  d.declarant.tax_id = "D1";
  d.importer = domain::Party{"I" + std::to_string(i % 40), "", "", ""};
  d.exporter = domain::Party{"S1", "", "", ""};
  d.transport.mode = "1";
  d.transport.departure_country = bad ? "XX" : "CN";
  domain::GoodsItem g;
  g.hs_code = bad ? "8507200000" : "6109100000";
  g.origin_country = bad ? "XX" : "CN";
  g.net_mass_kg = 10;
  g.quantity = 10;
  g.value = domain::Amount::FromDouble(bad ? 100 : 1000).value();
  d.items.push_back(g);
  return d;
}

const auto kDay = std::chrono::sys_days(std::chrono::year(2021) / 1 / 5);

bool HasLane(const std::vector<Signal>& s, domain::Lane lane) {
  for (const auto& x : s) {
    if (x.lane == lane) return true;
  }
  return false;
}

TEST(LiveModel, SelectsTheRiskyWithinTheBudgetAndSaysWhy) {
  auto history = History();
  SelectionBudget budget;
  budget.red = 0.10;
  budget.yellow = 0.10;
  budget.explore = 0;
  auto model = LiveModel::Create(7, TrainedJson(history), history, budget);
  ASSERT_TRUE(model.ok()) << model.error().message;
  auto t = (*model)->thresholds();
  EXPECT_GT(t.scores, 0u);
  EXPECT_LT(t.red, 1.f);

  size_t red = 0, bad_red = 0;
  for (int i = 0; i < 1000; ++i) {
    bool bad = i % 20 == 0;
    auto assessed = (*model)->Assess(Filing(i, bad), kDay);
    (*model)->Learn(assessed);
    const auto& signals = assessed.signals;
    ASSERT_FALSE(signals.empty());
    EXPECT_EQ(signals[0].reason.code.rfind("MODEL:", 0), 0u);
    EXPECT_NE(signals[0].reason.message.find("risk model v7"), std::string::npos);
    if (HasLane(signals, domain::Lane::kRed)) {
      ++red;
      if (bad) {
        ++bad_red;
        // The riskiest item's reasons follow the lane.
        ASSERT_GE(signals.size(), 2u);
        EXPECT_EQ(signals[1].reason.code.rfind("MODEL:", 0), 0u);
        EXPECT_FALSE(signals[1].lane.has_value());
      }
    }
  }
  // Every fraud-like filing is caught and the budget (10%) is a cap.
  EXPECT_EQ(bad_red, 50u);
  EXPECT_LE(red, 100u);
}

// Officers act on yellow and red: those carry the riskiest item's reasons after the score;
// a declaration the model leaves green carries its score alone (its contributions are not
// computed, most of what scoring costs).
TEST(LiveModel, ReasonsComeWithEveryYellowAndRedAndOnlyThem) {
  auto history = History();
  SelectionBudget budget;
  budget.red = 0.05;
  budget.yellow = 0.10;
  auto model = LiveModel::Create(3, TrainedJson(history), history, budget);
  ASSERT_TRUE(model.ok()) << model.error().message;
  size_t yellow = 0, red = 0, green = 0;
  for (int i = 0; i < 1500; ++i) {
    auto d = Filing(i, i % 7 == 0);
    if (i % 3 == 0) d.items.push_back(Filing(i + 1, i % 11 == 0).items[0]);
    auto assessed = (*model)->Assess(d, kDay);
    (*model)->Learn(assessed);
    const auto& s = assessed.signals;
    ASSERT_FALSE(s.empty());
    ASSERT_EQ(s[0].reason.code.rfind("MODEL:", 0), 0u);
    for (size_t k = 1; k < s.size(); ++k) {
      EXPECT_EQ(s[k].reason.code.rfind("MODEL:", 0), 0u) << s[k].reason.code;
      EXPECT_FALSE(s[k].lane.has_value());
      EXPECT_NE(s[k].reason.message.find("log-odds"), std::string::npos) << s[k].reason.message;
    }
    if (s[0].lane) {
      (*s[0].lane == domain::Lane::kRed ? red : yellow)++;
      // A random exploration may find nothing that pushes towards fraud; the rest must say why.
      bool at_random = s[0].reason.message.rfind("selected at random", 0) == 0;
      if (!at_random) {
        EXPECT_GE(s.size(), 2u) << "a " << domain::ToString(*s[0].lane)
                                << " decision without its reasons: " << s[0].reason.message;
      }
      if (d.items.size() > 1 && s.size() > 1) {
        EXPECT_EQ(s[1].reason.message.rfind("item ", 0), 0u) << s[1].reason.message;
      }
    } else {
      ++green;
      EXPECT_EQ(s.size(), 1u) << s.back().reason.message;
    }
  }
  EXPECT_GT(red, 0u);
  EXPECT_GT(yellow, 0u);
  EXPECT_GT(green, 1000u);
}

// Filings assessed and learnt on two threads while a third learns findings and reads the
// thresholds (as the HTTP threads, the store's writer and the API do): every filing is decided
// and the state stays whole (the debug build runs this under ASan).
TEST(LiveModel, AssessesOnSeveralThreadsWhileItLearns) {
  auto history = History();
  auto model = LiveModel::Create(1, TrainedJson(history), history, SelectionBudget{});
  ASSERT_TRUE(model.ok());
  LiveModel& m = **model;
  std::vector<std::vector<LiveModel::Assessment>> done(2);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 400; ++i) {
        auto a = m.Assess(Filing(t * 1000 + i, i % 9 == 0), kDay);
        done[t].push_back(a);
        m.Learn(a);
      }
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; i < 200; ++i) {
      m.LearnFinding(Filing(5000 + i, i % 2 == 0), kDay, i % 2 == 0);
      EXPECT_LE(m.thresholds().yellow, 1.f);
    }
  });
  for (auto& th : threads) th.join();
  for (const auto& list : done) {
    ASSERT_EQ(list.size(), 400u);
    for (const auto& a : list) {
      ASSERT_FALSE(a.signals.empty());
      EXPECT_GE(a.score, 0.f);
      EXPECT_LE(a.score, 1.f);
    }
  }
  EXPECT_GT(m.thresholds().scores, 0u);
}

TEST(LiveModel, ExplorationSpendsItsShareAtRandom) {
  auto history = History();
  SelectionBudget budget;
  budget.red = 0.05;
  budget.yellow = 0;
  budget.explore = 1;  // every red selection explores
  auto model = LiveModel::Create(1, TrainedJson(history), history, budget);
  ASSERT_TRUE(model.ok());
  size_t explored = 0;
  for (int i = 0; i < 2000; ++i) {
    auto assessed = (*model)->Assess(Filing(i, false), kDay);
    for (const auto& s : assessed.signals) {
      if (s.reason.code == "MODEL:EXPLORE") ++explored;
    }
    (*model)->Learn(assessed);
  }
  EXPECT_GT(explored, 20u);
  EXPECT_LT(explored, 200u);
}

// Fraud where the goods (HS6) had fraud found before: the model leans on the goods' findings.
std::vector<KcsItem> GoodsHistory() {
  std::vector<KcsItem> items;
  for (int i = 0; i < 3000; ++i) {
    int code = i % 60;
    bool bad = code % 4 == 0;
    auto it = Item("G" + std::to_string(i), i / 10, "I" + std::to_string(i % 40),
                   std::to_string(100000 + code * 37), bad ? 1 : 0);
    items.push_back(std::move(it));
  }
  return items;
}

TEST(LiveModel, FindingsChangeLaterScores) {
  auto history = GoodsHistory();
  auto model = LiveModel::Create(1, TrainedJson(history), history, SelectionBudget{});
  ASSERT_TRUE(model.ok());
  auto goods = [](int i) {
    auto d = Filing(i, false);
    d.items[0].hs_code = "1002220000";  // HS 100222: a code between the known ones, no findings
    return d;
  };
  float before = (*model)->Assess(goods(1), kDay).score;
  for (int i = 2; i < 40; ++i) {
    (*model)->Replay(goods(i), kDay);
    (*model)->LearnFinding(goods(i), kDay, true);
  }
  float after = (*model)->Assess(goods(100), kDay).score;
  EXPECT_GT(after, before + 0.2f) << before << " -> " << after;
}

// Fraud by importers on their first declaration.
std::vector<KcsItem> NewcomerHistory() {
  std::vector<KcsItem> items;
  for (int i = 0; i < 2000; ++i) {
    bool bad = i % 10 == 0;
    items.push_back(Item("N" + std::to_string(i), i / 7,
                         bad ? "NEW" + std::to_string(i) : "I" + std::to_string(i % 40), "610910",
                         bad ? 1 : 0));
  }
  return items;
}

TEST(LiveModel, AFilingNotLearntLeavesTheStateAsItWas) {
  auto history = NewcomerHistory();
  auto model = LiveModel::Create(1, TrainedJson(history), history, SelectionBudget{});
  ASSERT_TRUE(model.ok());
  auto d = Filing(5, false);
  d.importer = domain::Party{"FRESH", "", "", ""};
  auto first = (*model)->Assess(d, kDay);
  // Refused, or a repeated reference: not learnt, so the same filing scores the same.
  EXPECT_EQ((*model)->Assess(d, kDay).score, first.score);
  // Stored: the importer is no longer a newcomer.
  (*model)->Learn(first);
  EXPECT_LT((*model)->Assess(d, kDay).score, first.score - 0.2f) << first.score;
}

TEST(LiveModel, RefusesABadBudgetOrAForeignModel) {
  auto history = History();
  std::string json = TrainedJson(history);
  SelectionBudget bad;
  bad.red = 1.5;
  EXPECT_FALSE(LiveModel::Create(1, json, history, bad).ok());
  bad = {};
  bad.red = 0.6;
  bad.yellow = 0.6;
  EXPECT_FALSE(LiveModel::Create(1, json, history, bad).ok());
  EXPECT_TRUE(LiveModel::Create(1, json, history, SelectionBudget{}).ok());
  EXPECT_FALSE(LiveModel::Create(1, "not json", {}, SelectionBudget{}).ok());
  // A model of three features is not one of ours.
  FeatureMatrix x;
  x.names = {"a", "b", "c"};
  std::vector<float> labels;
  for (int i = 0; i < 40; ++i) {
    x.values.insert(x.values.end(), {float(i), float(i % 3), float(i % 5)});
    labels.push_back(i % 2 ? 1.f : 0.f);
  }
  TrainingParams p;
  p.rounds = 2;
  p.threads = 1;
  auto foreign = Train(x, labels, p);
  ASSERT_TRUE(foreign.ok());
  EXPECT_FALSE(LiveModel::Create(1, foreign->model_json, history, SelectionBudget{}).ok());
}

TEST(DeclarationItems, MapsOurDeclarationOntoTheModelsColumnsAndBack) {
  auto d = Filing(1, true);
  auto items = ToKcsItems(d, kDay, 1);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].declaration_id, "D1/REF-1");
  EXPECT_EQ(items[0].hs6, "850720");
  EXPECT_EQ(items[0].transport_mode, "10");
  EXPECT_EQ(items[0].importer, "I1");
  EXPECT_EQ(items[0].seller, "S1");
  EXPECT_TRUE(std::isnan(items[0].tax_rate));
  EXPECT_EQ(items[0].fraud, 1);
  auto back = ToDeclaration(items);
  EXPECT_EQ(back.transport.mode, "1");
  EXPECT_EQ(back.items.at(0).origin_country, "XX");
  EXPECT_EQ(back.invoice.amount.hundredths, 10000);
}

}  // namespace
}  // namespace haiquan::risk
