#include "risk/model/entity_keys.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "risk/model/test_items.h"

namespace haiquan::risk {
namespace {

using testing::Item;

EntityKind Kind(int k) { return static_cast<EntityKind>(k); }

// The histories learn and look up an entity exactly when it has a key.
void ExpectIdsWhereKeys(const KcsItem& item) {
  EntityIds ids = ItemEntityIds(item);
  for (int k = 0; k < kEntityKinds; ++k) {
    EXPECT_EQ(ids[Kind(k)] == 0, EntityKey(item, Kind(k)).empty()) << EntityName(Kind(k));
  }
}

TEST(EntityIds, PresentExactlyWhenTheKeyIs) {
  KcsItem full = Item("1", 0, "I1", "851712", 0);
  ExpectIdsWhereKeys(full);
  for (int k = 0; k < kEntityKinds; ++k) EXPECT_NE(ItemEntityIds(full)[Kind(k)], 0u);

  KcsItem no_seller = full;
  no_seller.seller.clear();
  ExpectIdsWhereKeys(no_seller);
  EXPECT_EQ(ItemEntityIds(no_seller)[EntityKind::kImporterSeller], 0u);

  KcsItem no_mass = full;
  no_mass.net_mass_kg = 0;  // no unit value, so no tariff line
  ExpectIdsWhereKeys(no_mass);
  EXPECT_EQ(ItemEntityIds(no_mass)[EntityKind::kTariffLineOrigin], 0u);

  KcsItem short_hs = full;
  short_hs.hs6 = "851";  // an HS2 but no HS4
  ExpectIdsWhereKeys(short_hs);
  short_hs.hs6.clear();
  short_hs.origin_country.clear();
  ExpectIdsWhereKeys(short_hs);
}

TEST(EntityIds, KindsAndPairsAreDistinct) {
  KcsItem a = Item("1", 0, "X", "851712", 0);
  a.declarant = "X";
  a.seller = "X";
  a.origin_country = a.departure_country = "CN";
  EntityIds ids = ItemEntityIds(a);
  std::set<EntityId> seen(ids.id.begin(), ids.id.end());
  EXPECT_EQ(seen.size(), static_cast<size_t>(kEntityKinds));  // same codes, different kinds

  // A pair is ordered and depends on both parts.
  KcsItem b = a;
  b.importer = "Y";
  EXPECT_NE(ItemEntityIds(b)[EntityKind::kDeclarantImporter], ids[EntityKind::kDeclarantImporter]);
  EXPECT_EQ(ItemEntityIds(b)[EntityKind::kDeclarant], ids[EntityKind::kDeclarant]);
  KcsItem swapped = a;
  swapped.importer = "D";
  swapped.declarant = "I";
  KcsItem plain = a;
  plain.importer = "I";
  plain.declarant = "D";
  EXPECT_NE(ItemEntityIds(swapped)[EntityKind::kDeclarantImporter],
            ItemEntityIds(plain)[EntityKind::kDeclarantImporter]);
}

TEST(EntityIds, HashBytesSeparatesShortStrings) {
  EXPECT_NE(HashBytes(""), 0u);
  EXPECT_NE(HashBytes("A"), HashBytes(std::string("A\0", 2)));
  EXPECT_NE(HashBytes("AB"), HashBytes("BA"));
  // Every length up to two blocks, and strings that differ in one byte anywhere.
  std::set<uint64_t> seen;
  std::string s;
  for (int n = 0; n <= 17; ++n) {
    EXPECT_TRUE(seen.insert(HashBytes(s)).second) << n;
    for (int i = 0; i < n; ++i) {
      std::string t = s;
      t[static_cast<size_t>(i)] ^= 1;
      EXPECT_TRUE(seen.insert(HashBytes(t)).second) << n << " " << i;
    }
    s += static_cast<char>('a' + n);
  }
}

#ifdef HAIQUAN_SOURCE_DIR
// On the real files: every entity's key and id match one to one, so the histories keyed by ids
// group the items exactly as they did keyed by strings; and the tariff line's unit value reads as
// printf's "%.2f" (the key's text before it was written with to_chars).
TEST(EntityIds, OneToOneWithTheKeysOfTheKcsFiles) {
  const std::string dir = std::string(HAIQUAN_SOURCE_DIR) + "/../shared/data/customs-declarations/";
  if (!std::ifstream(dir + "df_syn_train_eng.csv")) GTEST_SKIP() << "no data in " << dir;
  std::unordered_map<std::string, EntityId> id_of;
  std::unordered_map<EntityId, std::string> key_of;
  for (const char* file : {"df_syn_train_eng.csv", "df_syn_valid_eng.csv"}) {
    auto items = ReadKcsCsvFile(dir + file);
    ASSERT_TRUE(items.ok());
    for (const KcsItem& it : *items) {
      EntityIds ids = ItemEntityIds(it);
      for (int k = 0; k < kEntityKinds; ++k) {
        std::string key = EntityKey(it, Kind(k));
        ASSERT_EQ(ids[Kind(k)] == 0, key.empty());
        if (key.empty()) continue;
        key = std::string(EntityName(Kind(k))) + ":" + key;
        auto [i, new_key] = id_of.try_emplace(key, ids[Kind(k)]);
        ASSERT_EQ(i->second, ids[Kind(k)]) << key;
        auto [j, new_id] = key_of.try_emplace(ids[Kind(k)], key);
        ASSERT_EQ(j->second, key) << "same id";
      }
      if (UnitValue(it) > 0 && !it.hs6.empty()) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.2f", UnitValue(it));
        ASSERT_EQ(EntityKey(it, EntityKind::kTariffLine), it.hs6 + '\x1f' + buf);
      }
    }
  }
  EXPECT_EQ(id_of.size(), 255290u);  // entities of the two files
  EXPECT_EQ(key_of.size(), id_of.size());
}
#endif

}  // namespace
}  // namespace haiquan::risk
