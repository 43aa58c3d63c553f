#include "risk/model/tree_ensemble.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <random>

#include "risk/model/trainer.h"
#include "risk/model/training_set.h"
#include "risk/model/xgboost_handles.h"

namespace haiquan::risk {
namespace {

const float kNaN = std::nanf("");

struct HandNode {
  int left = -1, right = -1, feature = 0, default_left = 0;
  double value = 0;  // condition, or leaf value
  double hessian = 1;
};

// XGBoost 1.7's JSON for one tree, complete enough for XGBoost itself to load.
std::string TreeJson(int id, const std::vector<HandNode>& nodes) {
  auto list = [&](auto field) {
    std::string s = "[";
    for (size_t i = 0; i < nodes.size(); ++i) {
      if (i) s += ",";
      s += field(nodes[i], i);
    }
    return s + "]";
  };
  // XGBoost's reader tells integers from numbers: a number needs its decimal point.
  auto num = [](double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%#.9g", v);
    return std::string(b);
  };
  std::vector<int> parent(nodes.size(), 2147483647);
  // Bad models name children out of range on purpose: only those in range get a parent.
  auto in_range = [&](int c) { return c >= 0 && static_cast<size_t>(c) < nodes.size(); };
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (in_range(nodes[i].left)) parent[static_cast<size_t>(nodes[i].left)] = static_cast<int>(i);
    if (in_range(nodes[i].right)) parent[static_cast<size_t>(nodes[i].right)] = static_cast<int>(i);
  }
  std::string n = std::to_string(nodes.size());
  return R"({"base_weights":)" + list([&](auto& x, size_t) { return num(x.value); }) +
         R"(,"categories":[],"categories_nodes":[],"categories_segments":[],"categories_sizes":[],)" +
         R"("default_left":)" +
         list([](auto& x, size_t) { return std::to_string(x.default_left); }) + R"(,"id":)" +
         std::to_string(id) + R"(,"left_children":)" +
         list([](auto& x, size_t) { return std::to_string(x.left); }) + R"(,"loss_changes":)" +
         list([](auto&, size_t) { return std::string("1.0"); }) + R"(,"parents":)" +
         list([&](auto&, size_t i) { return std::to_string(parent[i]); }) +
         R"(,"right_children":)" + list([](auto& x, size_t) { return std::to_string(x.right); }) +
         R"(,"split_conditions":)" + list([&](auto& x, size_t) { return num(x.value); }) +
         R"(,"split_indices":)" + list([](auto& x, size_t) { return std::to_string(x.feature); }) +
         R"(,"split_type":)" + list([](auto&, size_t) { return std::string("0"); }) +
         R"(,"sum_hessian":)" + list([&](auto& x, size_t) { return num(x.hessian); }) +
         R"(,"tree_param":{"num_deleted":"0","num_feature":"2","num_nodes":")" + n +
         R"(","size_leaf_vector":"0"}})";
}

std::string ModelJson(const std::vector<std::vector<HandNode>>& trees,
                      const std::string& base_score = "5E-1") {
  std::string t;
  std::string info;
  for (size_t i = 0; i < trees.size(); ++i) {
    t += (i ? "," : "") + TreeJson(static_cast<int>(i), trees[i]);
    info += i ? ",0" : "0";
  }
  return R"({"learner":{"attributes":{},"feature_names":[],"feature_types":[],)"
         R"("gradient_booster":{"model":{"gbtree_model_param":{"num_parallel_tree":"1",)"
         R"("num_trees":")" +
         std::to_string(trees.size()) + R"(","size_leaf_vector":"0"},"tree_info":[)" + info +
         R"(],"trees":[)" + t + R"(]},"name":"gbtree"},"learner_model_param":{"base_score":")" +
         base_score +
         R"(","boost_from_average":"1","num_class":"0","num_feature":"2","num_target":"1"},)"
         R"("objective":{"name":"binary:logistic","reg_loss_param":{"scale_pos_weight":"1"}}},)"
         R"("version":[1,7,4]})";
}

// Tree 0: x0 < 0.5 (missing: left) ? (x1 < 2 (missing: right) ? 0.1 : -0.2) : 0.3.
// Tree 1: a single leaf. Tree 2: x1 < 1 ? -0.4 : 0.6, its right child listed first unless
// `xgboost_order`: nothing in the format says a left child comes first (XGBoost's own trees
// always do, and its contributions crash on a tree that does not).
std::string HandModel(const std::string& base_score = "5E-1", bool xgboost_order = false) {
  const std::vector<HandNode> tree2 =
      xgboost_order ? std::vector<HandNode>{{1, 2, 1, 0, 1.0, 10},
                                            {-1, -1, 0, 0, -0.4, 3},
                                            {-1, -1, 0, 0, 0.6, 7}}
                    : std::vector<HandNode>{
                          {2, 1, 1, 0, 1.0, 10}, {-1, -1, 0, 0, 0.6, 7}, {-1, -1, 0, 0, -0.4, 3}};
  return ModelJson({{{1, 2, 0, 1, 0.5, 10},
                     {3, 4, 1, 0, 2.0, 6},
                     {-1, -1, 0, 0, 0.3, 4},
                     {-1, -1, 0, 0, 0.1, 2},
                     {-1, -1, 0, 0, -0.2, 4}},
                    {{-1, -1, 0, 0, 0.05, 10}},
                    tree2},
                   base_score);
}

// XGBoost's own predictions: type 1 margins, type 3 approximate (Saabas) contributions.
std::vector<float> XgboostPredict(const std::string& model, const std::vector<float>& rows,
                                  size_t cols, int type) {
  BoosterHandle h = nullptr;
  EXPECT_EQ(XGBoosterCreate(nullptr, 0, &h), 0);
  xgb::Booster booster(h);
  EXPECT_EQ(XGBoosterLoadModelFromBuffer(h, model.data(), model.size()), 0) << XGBGetLastError();
  EXPECT_EQ(XGBoosterSetParam(h, "nthread", "1"), 0);
  DMatrixHandle d = nullptr;
  EXPECT_EQ(XGDMatrixCreateFromMat(rows.data(), rows.size() / cols, cols, kNaN, &d), 0);
  xgb::DMatrix m(d);
  auto out = xgb::Predict(h, d, type);
  EXPECT_TRUE(out.ok()) << (out.ok() ? "" : out.error().message);
  return out.ok() ? std::move(*out) : std::vector<float>{};
}

// Margins to 1e-4, contributions to 1e-3, and each row's contributions add up to its margin.
void ExpectSameAsXgboost(const std::string& model, const TreeEnsemble& e,
                         const std::vector<float>& rows, size_t cols) {
  const size_t n = rows.size() / cols;
  auto margins = XgboostPredict(model, rows, cols, 1);
  auto contribs = XgboostPredict(model, rows, cols, 3);
  ASSERT_EQ(margins.size(), n);
  ASSERT_EQ(contribs.size(), n * (cols + 1));
  std::vector<float> c(cols + 1);
  for (size_t r = 0; r < n; ++r) {
    std::span<const float> x(rows.data() + r * cols, cols);
    const float margin = e.Margin(x);
    ASSERT_NEAR(margin, margins[r], 1e-4) << "row " << r;
    e.Contributions(x, c);
    for (size_t f = 0; f <= cols; ++f) {
      ASSERT_NEAR(c[f], contribs[r * (cols + 1) + f], 1e-3) << "row " << r << " feature " << f;
    }
    ASSERT_NEAR(std::accumulate(c.begin(), c.end(), 0.0), margin, 1e-4) << "row " << r;
  }
  // Items walked together (a declaration's, at filing) get Margin's value bit for bit, in
  // batches below, at and past the items walked at once.
  // With the leaves they reached, their contributions are Contributions's without a walk.
  const size_t w = e.walk_width();
  for (size_t batch = 1; batch <= 9; ++batch) {
    std::vector<float> together(n);
    std::vector<uint32_t> leaves(n * w);
    for (size_t r = 0; r < n; r += batch) {
      const size_t k = std::min(batch, n - r);
      e.Margins(
          std::span<const float>(rows).subspan(r * cols, k * cols),
          std::span<float>(together).subspan(r, k),
          batch % 2 ? std::span<uint32_t>(leaves).subspan(r * w, k * w) : std::span<uint32_t>());
    }
    std::vector<float> at(cols + 1);
    for (size_t r = 0; r < n; ++r) {
      std::span<const float> x(rows.data() + r * cols, cols);
      ASSERT_EQ(together[r], e.Margin(x)) << "row " << r << " in batches of " << batch;
      if (batch % 2) {
        e.Contributions(x, c);
        e.ContributionsAt(std::span<const uint32_t>(leaves).subspan(r * w, w), at);
        ASSERT_EQ(at, c) << "row " << r << " in batches of " << batch;
      }
    }
  }
}

TEST(TreeEnsemble, HandModelMargins) {
  auto e = TreeEnsemble::FromXgboostJson(HandModel());
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->num_trees(), 3u);
  EXPECT_EQ(e->num_features(), 2u);
  EXPECT_EQ(e->num_nodes(), 9u);
  const float a[] = {0.2f, 1.0f};
  EXPECT_FLOAT_EQ(e->Margin(a), 0.1f + 0.05f + 0.6f);
  // A value equal to the condition is not below it: right.
  const float equal[] = {0.5f, 2.0f};
  EXPECT_FLOAT_EQ(e->Margin(equal), 0.3f + 0.05f + 0.6f);
  const float b[] = {0.7f, 0.0f};
  EXPECT_FLOAT_EQ(e->Margin(b), 0.3f + 0.05f - 0.4f);
  EXPECT_FLOAT_EQ(e->Probability(b), 1 / (1 + std::exp(-(0.3f + 0.05f - 0.4f))));
}

TEST(TreeEnsemble, MissingValuesTakeTheDefaultBranch) {
  auto e = TreeEnsemble::FromXgboostJson(HandModel());
  ASSERT_TRUE(e.ok());
  // x0 missing goes left (default_left), then x1 missing goes right.
  const float missing[] = {kNaN, kNaN};
  EXPECT_FLOAT_EQ(e->Margin(missing), -0.2f + 0.05f + 0.6f);
  const float x1_missing[] = {0.1f, kNaN};
  EXPECT_FLOAT_EQ(e->Margin(x1_missing), -0.2f + 0.05f + 0.6f);
}

TEST(TreeEnsemble, BaseScoreIsAProbability) {
  auto e = TreeEnsemble::FromXgboostJson(HandModel("2E-1"));
  ASSERT_TRUE(e.ok());
  const float a[] = {0.2f, 1.0f};
  EXPECT_NEAR(e->Margin(a), std::log(0.2 / 0.8) + 0.75, 1e-6);
}

TEST(TreeEnsemble, HandContributionsFollowTheExpectedValues) {
  auto e = TreeEnsemble::FromXgboostJson(HandModel());
  ASSERT_TRUE(e.ok());
  // Expected values: tree 0's root (-0.1 x 6 + 0.3 x 4) / 10 = 0.06 and its left child
  // (0.1 x 2 - 0.2 x 4) / 6 = -0.1; tree 1 0.05; tree 2 (-0.4 x 3 + 0.6 x 7) / 10 = 0.3.
  const float a[] = {0.2f, 1.0f};
  float c[3];
  e->Contributions(a, c);
  EXPECT_NEAR(c[0], -0.1 - 0.06, 1e-6);
  EXPECT_NEAR(c[1], (0.1 + 0.1) + (0.6 - 0.3), 1e-6);
  EXPECT_NEAR(c[2], 0.06 + 0.05 + 0.3, 1e-6);
  EXPECT_NEAR(c[0] + c[1] + c[2], e->Margin(a), 1e-6);
}

TEST(TreeEnsemble, HandModelAgreesWithXgboost) {
  const std::string model = HandModel("3E-1", true);
  auto e = TreeEnsemble::FromXgboostJson(model);
  ASSERT_TRUE(e.ok());
  // Both sides of every condition, values equal to it, and missing values.
  const std::vector<float> rows = {0.2f, 1.0f, 0.5f, 2.0f, 0.7f,     0.0f,     kNaN, kNaN,
                                   0.1f, kNaN, kNaN, 1.0f, 0.49999f, 0.99999f, -3.f, 5.f};
  ExpectSameAsXgboost(model, *e, rows, 2);
}

TEST(TreeEnsemble, BadModelsAreRefused) {
  EXPECT_FALSE(TreeEnsemble::FromXgboostJson("not json").ok());
  EXPECT_FALSE(TreeEnsemble::FromXgboostJson("{}").ok());
  EXPECT_FALSE(TreeEnsemble::FromXgboostJson(R"({"learner": 1})").ok());
  // A child out of range, a node with two parents, a split on a feature the model lacks.
  EXPECT_FALSE(TreeEnsemble::FromXgboostJson(ModelJson({{{1, 5, 0, 0, 1, 1}, {}}})).ok());
  EXPECT_FALSE(
      TreeEnsemble::FromXgboostJson(ModelJson({{{1, 2, 0, 0, 1, 1}, {2, 3, 0, 0, 1, 1}, {}, {}}}))
          .ok());
  EXPECT_FALSE(TreeEnsemble::FromXgboostJson(ModelJson({{{1, 2, 7, 0, 1, 1}, {}, {}}})).ok());
  std::string multi = HandModel();
  multi.replace(multi.find(R"("num_class":"0")"), 15, R"("num_class":"3")");
  EXPECT_FALSE(TreeEnsemble::FromXgboostJson(multi).ok());
  std::string regression = HandModel();
  regression.replace(regression.find("binary:logistic"), 15, "reg:squarederror");
  EXPECT_FALSE(TreeEnsemble::FromXgboostJson(regression).ok());
}

// One thread: the suite runs beside others (trainer_test.cpp says why).
TrainingParams Small(int rounds, int depth) {
  TrainingParams p;
  p.rounds = rounds;
  p.max_depth = depth;
  p.threads = 1;
  return p;
}

TEST(TreeEnsemble, TrainedModelAgreesWithXgboost) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(0, 1);
  FeatureMatrix x;
  x.names = {"a", "b", "c", "d", "e"};
  std::vector<float> y;
  for (int i = 0; i < 2000; ++i) {
    float row[5];
    for (float& v : row) v = u(rng) < 0.15f ? kNaN : u(rng);
    // Coarse values too, so that rows meet split conditions exactly.
    row[4] = std::isnan(row[4]) ? row[4] : std::floor(row[4] * 4);
    x.Append(row);
    float s = (std::isnan(row[0]) ? 0.7f : row[0]) + 0.3f * (row[4] > 1) + 0.3f * u(rng);
    y.push_back(s > 0.9f ? 1.f : 0.f);
  }
  auto model = Train(x, y, Small(40, 5));
  ASSERT_TRUE(model.ok()) << model.error().message;
  auto e = TreeEnsemble::FromXgboostJson(model->model_json);
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->num_trees(), 40u);
  std::vector<float> rows(x.values.begin(), x.values.begin() + 500 * 5);
  ExpectSameAsXgboost(model->model_json, *e, rows, 5);
}

#ifdef HAIQUAN_SOURCE_DIR
// The real features: 87 columns, many missing, integer counts that meet conditions exactly.
TEST(TreeEnsemble, KcsValidRowsAgreeWithXgboost) {
  const std::string dir = std::string(HAIQUAN_SOURCE_DIR) + "/../shared/data/customs-declarations/";
  if (!std::ifstream(dir + "df_syn_train_eng.csv")) GTEST_SKIP() << "no data in " << dir;
  auto train = ReadKcsCsvFile(dir + "df_syn_train_eng.csv");
  auto valid = ReadKcsCsvFile(dir + "df_syn_valid_eng.csv");
  ASSERT_TRUE(train.ok() && valid.ok());
  // The first 8,000 training items and 300 valid ones keep the fit under a second.
  std::span<const KcsItem> fit(train->data(), std::min<size_t>(train->size(), 8000));
  FeatureBuilder builder;
  LabelledSet ts = BuildTrainingSet(fit, builder);
  auto model = Train(ts.x, ts.labels, Small(25, 8));
  ASSERT_TRUE(model.ok()) << model.error().message;
  auto e = TreeEnsemble::FromXgboostJson(model->model_json);
  ASSERT_TRUE(e.ok()) << e.error().message;
  std::span<const KcsItem> scored(valid->data(), std::min<size_t>(valid->size(), 300));
  FeatureMatrix vx = BuildScoringSet(scored, builder);
  ExpectSameAsXgboost(model->model_json, *e, vx.values, vx.cols());
}
#endif

}  // namespace
}  // namespace haiquan::risk
