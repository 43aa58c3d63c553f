#include "risk/model/id_table.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "risk/model/entity_keys.h"

namespace haiquan::risk {
namespace {

TEST(IdTable, FindsWhatWasInsertedAcrossGrowth) {
  IdTable<int64_t> t;
  EXPECT_EQ(t.Find(1), nullptr);  // empty
  t.Prefetch(1);                  // harmless before the first insert
  for (int64_t i = 1; i <= 100000; ++i) {
    bool inserted = false;
    t.FindOrInsert(HashBytes(std::to_string(i)), &inserted) = i;
    ASSERT_TRUE(inserted);
  }
  EXPECT_EQ(t.size(), 100000u);
  for (int64_t i = 1; i <= 100000; ++i) {
    const int64_t* v = t.Find(HashBytes(std::to_string(i)));
    ASSERT_NE(v, nullptr);
    ASSERT_EQ(*v, i);
  }
  EXPECT_EQ(t.Find(HashBytes("absent")), nullptr);
  EXPECT_EQ(t.Find(0), nullptr);
  bool inserted = true;
  EXPECT_EQ(t.FindOrInsert(HashBytes("7"), &inserted), 7);
  EXPECT_FALSE(inserted);
  EXPECT_EQ(t.size(), 100000u);
}

// Ids that share their low bits queue up in neighbouring slots and are all found.
TEST(IdTable, CollidingSlots) {
  IdTable<int> t;
  for (int i = 1; i <= 20; ++i) t.FindOrInsert(static_cast<uint64_t>(i) << 40) = i;
  for (int i = 1; i <= 20; ++i) EXPECT_EQ(*t.Find(static_cast<uint64_t>(i) << 40), i);
  EXPECT_EQ(t.Find(uint64_t{21} << 40), nullptr);
}

TEST(IdTable, CopiesAreIndependent) {
  IdTable<double> a;
  a.FindOrInsert(5) = 1;
  IdTable<double> b = a;
  b.FindOrInsert(5) += 1;
  b.FindOrInsert(6) = 3;
  EXPECT_EQ(*a.Find(5), 1);
  EXPECT_EQ(a.Find(6), nullptr);
  EXPECT_EQ(*b.Find(5), 2);
}

// A growth moves the slots over the inserts that follow it: values changed meanwhile, whether
// their slot had moved yet or not, and copies taken half-way, keep every value.
TEST(IdTable, KeepsValuesChangedWhileGrowing) {
  IdTable<int64_t> t;
  std::vector<uint64_t> ids;
  for (int64_t i = 1; i <= 50000; ++i) ids.push_back(HashBytes("id" + std::to_string(i)));
  IdTable<int64_t> half;
  for (size_t i = 0; i < ids.size(); ++i) {
    t.FindOrInsert(ids[i]) = 1;
    // Every insert also counts an earlier id again, most of them left in the old slots.
    t.FindOrInsert(ids[(i * 7919) % (i + 1)]) += 1;
    if (i == ids.size() / 2 + 3) half = t;
    ASSERT_NE(t.Find(ids[i / 2]), nullptr) << i;
  }
  std::vector<int64_t> expected(ids.size(), 1);
  for (size_t i = 0; i < ids.size(); ++i) expected[(i * 7919) % (i + 1)] += 1;
  EXPECT_EQ(t.size(), ids.size());
  for (size_t i = 0; i < ids.size(); ++i) ASSERT_EQ(*t.Find(ids[i]), expected[i]) << i;
  EXPECT_EQ(half.size(), ids.size() / 2 + 4);
  EXPECT_EQ(half.Find(ids.back()), nullptr);
  ASSERT_NE(half.Find(ids[0]), nullptr);
}

}  // namespace
}  // namespace haiquan::risk
