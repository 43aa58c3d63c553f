// Every feature of every row of the KCS files, pinned by a checksum: a change of the feature
// builder's inner workings (its tables, its keys) must not move a single bit of any feature. The
// constants below change only when a feature is changed on purpose; then record the new ones
// (the failure message prints them) and say so in the commit.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <span>
#include <string>
#include <vector>

#include "risk/model/features.h"
#include "risk/model/kcs_csv.h"
#include "risk/model/training_set.h"

namespace haiquan::risk {
namespace {

// The model file keeps the names it was trained on, and a model whose names differ is refused.
TEST(FeatureNames, AreUnchanged) {
  std::string all;
  for (const auto& n : FeatureBuilder::Names()) all += n + ",";
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : all) h = (h ^ c) * 1099511628211ull;
  EXPECT_EQ(h, 0x3e04e11bef79ae09u) << all;
}

#ifdef HAIQUAN_SOURCE_DIR
// FNV-1a over the features' bit patterns, row by row: NaNs and signed zeros count as they are.
uint64_t Checksum(const FeatureMatrix& x) {
  uint64_t h = 1469598103934665603ull;
  for (float v : x.values) {
    uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    for (int b = 0; b < 4; ++b) h = (h ^ ((bits >> (8 * b)) & 0xff)) * 1099511628211ull;
  }
  return h;
}

std::string Hex(uint64_t h) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%016llx", static_cast<unsigned long long>(h));
  return buf;
}

class KcsFeatures : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string dir =
        std::string(HAIQUAN_SOURCE_DIR) + "/../shared/data/customs-declarations/";
    if (!std::ifstream(dir + "df_syn_train_eng.csv")) return;
    auto train = ReadKcsCsvFile(dir + "df_syn_train_eng.csv");
    auto valid = ReadKcsCsvFile(dir + "df_syn_valid_eng.csv");
    ASSERT_TRUE(train.ok() && valid.ok());
    train_ = new std::vector<KcsItem>(std::move(*train));
    valid_ = new std::vector<KcsItem>(std::move(*valid));
  }
  static void TearDownTestSuite() {
    delete train_;
    delete valid_;
    train_ = valid_ = nullptr;
  }
  void SetUp() override {
    if (!train_) GTEST_SKIP() << "no labelled declarations in ../shared/data";
  }

  static std::vector<KcsItem>* train_;
  static std::vector<KcsItem>* valid_;
};

std::vector<KcsItem>* KcsFeatures::train_ = nullptr;
std::vector<KcsItem>* KcsFeatures::valid_ = nullptr;

// As `haiquan risk train` and `risk evaluate` (and model_bench) build them: the training rows
// learn filings item by item and findings date by date; then the valid rows, labels cleared,
// are scored as filed.
TEST_F(KcsFeatures, TrainingAndScoringRowsAreUnchanged) {
  FeatureBuilder builder;
  LabelledSet ts = BuildTrainingSet(*train_, builder);
  std::vector<KcsItem> unlabelled = *valid_;
  for (auto& it : unlabelled) it.fraud = it.critical_fraud = -1;
  FeatureMatrix vx = BuildScoringSet(unlabelled, builder);
  ASSERT_EQ(ts.x.rows(), 37385u);
  ASSERT_EQ(vx.rows(), 8134u);
  ASSERT_EQ(vx.cols(), 87u);
  EXPECT_EQ(Hex(Checksum(ts.x)), "0xf4804145840c4190") << "training rows";
  EXPECT_EQ(Hex(Checksum(vx)), "0x539c0d0122f517ea") << "valid rows";
}

// The out-of-fold option reads findings other than the builder's own.
TEST_F(KcsFeatures, OutOfFoldTrainingRowsAreUnchanged) {
  FeatureBuilder builder;
  LabelledSet ts = BuildTrainingSet(*train_, builder, TrainingFindings::kOutOfFold);
  EXPECT_EQ(Hex(Checksum(ts.x)), "0x045e2ffe220e1824");
}
#endif

}  // namespace
}  // namespace haiquan::risk
