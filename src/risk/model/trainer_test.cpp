#include "risk/model/trainer.h"

#include <gtest/gtest.h>

#include <random>

#include "risk/model/metrics.h"
#include "risk/model/scorer.h"

namespace haiquan::risk {
namespace {

// One thread: the suite runs beside others, and OpenMP threads that spin-wait for a busy core
// make a small fit take seconds.
TrainingParams Small(int rounds) {
  TrainingParams p;
  p.rounds = rounds;
  p.max_depth = 3;
  p.threads = 1;
  return p;
}

// Fraud when the first feature is high; the second is noise; some values missing.
void Synthetic(size_t rows, unsigned seed, FeatureMatrix* x, std::vector<float>* labels) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0, 1);
  x->names = {"signal", "noise"};
  for (size_t i = 0; i < rows; ++i) {
    float s = u(rng);
    float row[] = {s, i % 7 == 0 ? std::nanf("") : u(rng)};
    x->Append(row);
    labels->push_back(s + 0.2f * u(rng) > 0.8f ? 1.f : 0.f);
  }
}

TEST(Trainer, LearnsAndScoresThroughTheSavedModel) {
  FeatureMatrix x;
  std::vector<float> y;
  Synthetic(600, 1, &x, &y);
  auto model = Train(x, y, Small(20));
  ASSERT_TRUE(model.ok()) << model.error().message;
  EXPECT_EQ(model->summary.rows, 600u);
  EXPECT_EQ(model->summary.features, 2u);
  EXPECT_EQ(model->model_json.front(), '{');

  FeatureMatrix test;
  std::vector<float> truth;
  Synthetic(300, 2, &test, &truth);
  auto scorer = Scorer::Load(model->model_json, 1);
  ASSERT_TRUE(scorer.ok()) << scorer.error().message;
  auto scores = scorer->Score(test);
  ASSERT_TRUE(scores.ok()) << scores.error().message;
  ASSERT_EQ(scores->size(), 300u);
  std::vector<int> labels(truth.begin(), truth.end());
  EXPECT_GT(Auc(*scores, labels), 0.9);
}

TEST(Trainer, TheSameDataGiveTheSameModel) {
  FeatureMatrix x;
  std::vector<float> y;
  Synthetic(300, 3, &x, &y);
  auto a = Train(x, y, Small(10));
  auto b = Train(x, y, Small(10));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->model_json, b->model_json);
}

TEST(Trainer, BadInputIsAnErrorNotACrash) {
  FeatureMatrix x;
  x.names = {"a"};
  std::vector<float> none;
  EXPECT_FALSE(Train(x, none, Small(1)).ok());
  x.values = {1, 2};
  EXPECT_FALSE(Train(x, std::vector<float>{1}, Small(1)).ok());
  EXPECT_FALSE(Scorer::Load("not a model", 1).ok());
}

}  // namespace
}  // namespace haiquan::risk
