// The server's buffered folding (FoldBuffer: many reads, one write) must leave the profile
// database exactly as folding each batch at once (FoldOnce) does, on real SQLite files; and the
// in-memory baseline fed fold by fold must answer the checks as one loaded from the file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "app/clock.h"
#include "app/reference_catalog.h"
#include "app/sample_declarations.h"
#include "domain/lifecycle.h"
#include "storage/sqlite/baseline_index.h"
#include "storage/sqlite/declaration_store.h"
#include "storage/sqlite/migrations.h"
#include "storage/sqlite/profile_folder.h"

namespace haiquan::storage::sqlite {
namespace {

namespace fs = std::filesystem;

class ProfileFoldTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("hq-fold-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    main_ = (dir_ / "main.db").string();
    Connection db(main_);
    Migrate(db);
    auto ref = app::LoadReferenceData();
    ASSERT_TRUE(ref.ok());
    app::SampleDeclarations gen(*ref.value(), 7, 30);  // 30 traders: keys repeat within a buffer
    auto start = std::chrono::sys_days(std::chrono::year{2026} / 3 / 1);
    ASSERT_EQ(db.Exec("BEGIN"), SQLITE_OK);
    for (int i = 0; i < 400; ++i) {
      app::NewFiling f;
      f.declaration = gen.Next(1 + i % 3);
      f.declaration.declarant_reference = "F-" + std::to_string(i);
      f.decision.lane = i % 7 == 0 ? domain::Lane::kRed : domain::Lane::kGreen;
      f.status = domain::StatusAfterLane(f.decision.lane);
      f.filed_at = app::FormatTimestamp(start + std::chrono::hours(i * 5));
      f.audit.at = f.filed_at;
      app::FilingOutcome out;
      ASSERT_TRUE(InsertFiling(db, f, out).ok());
    }
    // Findings on a few red ones: violations and compliant.
    ASSERT_EQ(db.Exec("INSERT INTO inspections (declaration_id, outcome, description,"
                      " revenue_adjustment, resulting_status, recorded_at)"
                      " SELECT id, CASE WHEN id % 2 = 0 THEN 'seizure' ELSE 'compliant' END,"
                      " 'x', 100, 'released', '2026-05-01T00:00:00Z' FROM declarations"
                      " WHERE lane = 'red'"),
              SQLITE_OK);
    ASSERT_EQ(db.Exec("COMMIT"), SQLITE_OK);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // An empty profile database with the current schema (made against an empty main one).
  std::string EmptyProfiles(const std::string& name) {
    std::string empty_main = (dir_ / (name + "-main.db")).string();
    {
      Connection db(empty_main);
      Migrate(db);
    }
    std::string path = (dir_ / name).string();
    { ProfileFolder folder(empty_main, path); }
    return path;
  }

  static std::string Dump(const std::string& path) {
    Connection db(path);
    std::string out;
    // Whole statements, not built strings: Connection caches statements by their text's address.
    for (const char* sql :
         {"SELECT 'trader_profiles', * FROM trader_profiles",
          "SELECT 'trader_months', * FROM trader_months",
          "SELECT 'trader_days', * FROM trader_days", "SELECT 'trader_goods', * FROM trader_goods",
          "SELECT 'trader_origins', * FROM trader_origins",
          "SELECT 'trader_partners', * FROM trader_partners",
          "SELECT 'unit_values', * FROM unit_values",
          "SELECT 'declaration_values', * FROM declaration_values",
          "SELECT 'trader_findings', * FROM trader_findings",
          "SELECT 'fold_state', * FROM fold_state"}) {
      auto st = db.Prepare(sql);
      std::vector<std::string> rows;
      while (st.Step() == SQLITE_ROW) {
        std::string row;
        for (int c = 0; c < st.Columns(); ++c) {
          row += "|";
          if (st.IsBlob(c)) {
            row += "blob:" + std::to_string(st.Blob(c).size()) + ":" +
                   std::to_string(std::hash<std::string>{}(st.Blob(c)));
          } else {
            row += st.IsNull(c) ? "NULL" : st.Text(c);
          }
        }
        rows.push_back(std::move(row));
      }
      std::sort(rows.begin(), rows.end());  // rows in key order whatever the table's
      for (const auto& r : rows) out += r + "\n";
    }
    return out;
  }

  static std::pair<int64_t, int64_t> Marks(const std::string& path) {
    Connection db(path);
    auto st = db.Prepare(
        "SELECT (SELECT value FROM fold_state WHERE name = 'declarations'),"
        " (SELECT value FROM fold_state WHERE name = 'inspections')");
    EXPECT_EQ(st.Step(), SQLITE_ROW);
    return {st.Int(0), st.Int(1)};
  }

  // Every answer the checks read of the two indexes, for declarations like the filed ones
  // (same traders and goods), on days inside and after the filings.
  static void ExpectSameBaselines(BaselineIndex& fed, BaselineIndex& loaded) {
    auto ref = app::LoadReferenceData();
    ASSERT_TRUE(ref.ok());
    app::SampleDeclarations gen(*ref.value(), 7, 30);
    int with_history = 0, with_bands = 0, trailing = 0;
    for (int i = 0; i < 600; ++i) {
      auto d = gen.Next(1 + i % 3);
      std::string today = i % 2 ? "2026-05-20" : "2026-05-24";
      auto a = fed.Baseline(d, today);
      auto b = loaded.Baseline(d, today);
      ASSERT_TRUE(a.ok() && b.ok());
      std::string at = "declaration " + std::to_string(i) + " of " + a->tax_id;
      EXPECT_EQ(a->tax_id, b->tax_id) << at;
      EXPECT_EQ(a->declarations, b->declarations) << at;
      EXPECT_EQ(a->first_filed_at, b->first_filed_at) << at;
      EXPECT_EQ(a->registration_date, b->registration_date) << at;
      EXPECT_EQ(a->trailing_declarations, b->trailing_declarations) << at;
      EXPECT_EQ(a->trailing_value, b->trailing_value) << at;
      EXPECT_EQ(a->today_declarations, b->today_declarations) << at;
      EXPECT_EQ(a->national_declaration_values.Encode(), b->national_declaration_values.Encode());
      EXPECT_EQ(a->linked_violators.size(), b->linked_violators.size()) << at;
      ASSERT_EQ(a->items.size(), b->items.size()) << at;
      auto same = [&](const std::optional<domain::ValueBand>& x,
                      const std::optional<domain::ValueBand>& y) {
        ASSERT_EQ(x.has_value(), y.has_value()) << at;
        if (!x) return;
        EXPECT_EQ(x->count, y->count) << at;
        EXPECT_EQ(x->q1, y->q1) << at;
        EXPECT_EQ(x->median, y->median) << at;
        EXPECT_EQ(x->q3, y->q3) << at;
        EXPECT_EQ(x->low, y->low) << at;
        EXPECT_EQ(x->high, y->high) << at;
      };
      for (size_t k = 0; k < a->items.size(); ++k) {
        EXPECT_EQ(a->items[k].chapter_seen, b->items[k].chapter_seen) << at;
        EXPECT_EQ(a->items[k].origin_seen, b->items[k].origin_seen) << at;
        same(a->items[k].trader_band, b->items[k].trader_band);
        same(a->items[k].national_band, b->items[k].national_band);
        with_bands += a->items[k].trader_band.has_value();
      }
      with_history += a->declarations > 0;
      trailing += a->trailing_declarations > 0;
    }
    // The comparison means something only if the checks have history to read.
    EXPECT_GT(with_history, 500);
    EXPECT_GT(with_bands, 100);
    EXPECT_GT(trailing, 100);
  }

  fs::path dir_;
  std::string main_;
};

TEST_F(ProfileFoldTest, ABufferWrittenOnceEqualsFoldingEachBatch) {
  std::string once = EmptyProfiles("once.db"), buffered = EmptyProfiles("buffered.db");
  {
    Connection profiles(once), main(main_);
    for (;;) {
      auto moved = FoldOnce(profiles, main, 37);
      ASSERT_TRUE(moved.ok()) << moved.error().message;
      if (*moved == 0) break;
    }
  }
  {
    Connection profiles(buffered), main(main_);
    FoldBuffer buffer;
    std::pair<int64_t, int64_t> marks{0, 0};
    int reads = 0;
    for (;;) {
      ProfileDelta delta;
      auto moved = buffer.Read(profiles, main, 37, marks, delta);
      ASSERT_TRUE(moved.ok()) << moved.error().message;
      if (*moved == 0) break;
      marks = {delta.to_declaration, delta.to_inspection};
      ++reads;
    }
    EXPECT_GT(reads, 5);
    EXPECT_FALSE(buffer.empty());
    ASSERT_TRUE(buffer.Flush(profiles).ok());
    EXPECT_TRUE(buffer.empty());
  }
  std::string a = Dump(once), b = Dump(buffered);
  EXPECT_GT(a.size(), 1000u);
  EXPECT_TRUE(a == b) << "the profile databases differ; folded at once:\n"
                      << a.substr(0, 2000) << "\nbuffered:\n"
                      << b.substr(0, 2000);
}

TEST_F(ProfileFoldTest, ABufferIsNotWrittenOverAnotherProcesssFold) {
  std::string path = EmptyProfiles("p.db");
  Connection profiles(path), main(main_);
  FoldBuffer buffer;
  ProfileDelta delta;
  ASSERT_TRUE(buffer.Read(profiles, main, 50, {0, 0}, delta).ok());
  {
    Connection other(path);  // another process folds meanwhile
    ASSERT_TRUE(FoldOnce(other, main, 10).ok());
  }
  auto s = buffer.Flush(profiles);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, domain::ErrorCode::kConflict);
  // The other fold stands alone: 10 declarations, not 60.
  auto st = profiles.Prepare("SELECT value FROM fold_state WHERE name = 'declarations'");
  ASSERT_EQ(st.Step(), SQLITE_ROW);
  EXPECT_EQ(st.Int(0), 10);
}

TEST_F(ProfileFoldTest, AnIndexFedByBufferedFoldsAnswersAsOneLoadedFromTheFile) {
  std::string path = EmptyProfiles("fed.db");
  Connection profiles(path), main(main_);
  BaselineIndex fed;
  ASSERT_TRUE(fed.Load(profiles, main).ok());  // empty
  FoldBuffer buffer;
  for (int reads = 0;; ++reads) {
    ProfileDelta delta;
    auto moved = buffer.Read(profiles, main, 37, fed.Watermarks(), delta);
    ASSERT_TRUE(moved.ok()) << moved.error().message;
    if (*moved == 0) break;
    fed.Post(std::move(delta));
    // Written now and then, as the folder does under load: later reads start from the
    // histograms kept from the write.
    if (reads % 4 == 3) {
      ASSERT_TRUE(buffer.Flush(profiles).ok());
    }
  }
  ASSERT_TRUE(buffer.Flush(profiles).ok());
  BaselineIndex loaded;
  ASSERT_TRUE(loaded.Load(profiles, main).ok());
  EXPECT_EQ(fed.Watermarks(), loaded.Watermarks());
  ExpectSameBaselines(fed, loaded);
}

TEST_F(ProfileFoldTest, AnIndexFedByFoldOnceOrCaughtUpAnswersAsOneLoadedFromTheFile) {
  std::string path = EmptyProfiles("once.db");
  Connection profiles(path), main(main_);
  BaselineIndex fed, behind;
  ASSERT_TRUE(fed.Load(profiles, main).ok());
  ASSERT_TRUE(behind.Load(profiles, main).ok());
  for (;;) {
    auto moved = FoldOnce(profiles, main, 37, &fed);
    ASSERT_TRUE(moved.ok()) << moved.error().message;
    if (*moved == 0) break;
  }
  // `behind` missed those folds (another process made them): it reads them back.
  ASSERT_TRUE(CatchUpIndex(profiles, main, behind, 37).ok());
  BaselineIndex loaded;
  ASSERT_TRUE(loaded.Load(profiles, main).ok());
  EXPECT_EQ(fed.Watermarks(), loaded.Watermarks());
  EXPECT_EQ(behind.Watermarks(), loaded.Watermarks());
  ExpectSameBaselines(fed, loaded);
  ExpectSameBaselines(behind, loaded);
}

TEST_F(ProfileFoldTest, ABufferKeepsNoHistogramsOverAnotherProcesssFold) {
  // The buffer writes, another process folds more, then the buffer reads on: its histograms
  // must come from the file again, or it would write over the other process's values.
  std::string kept = EmptyProfiles("kept.db"), once = EmptyProfiles("ref.db");
  {
    Connection profiles(kept), main(main_);
    FoldBuffer buffer;
    ProfileDelta delta;
    ASSERT_TRUE(buffer.Read(profiles, main, 100, {0, 0}, delta).ok());
    ASSERT_TRUE(buffer.Flush(profiles).ok());
    {
      Connection other(kept);
      ASSERT_TRUE(FoldOnce(other, main, 100).ok());
    }
    ProfileDelta rest;
    auto moved = buffer.Read(profiles, main, 1000, Marks(kept), rest);
    ASSERT_TRUE(moved.ok()) << moved.error().message;
    EXPECT_GT(*moved, 0);
    ASSERT_TRUE(buffer.Flush(profiles).ok());
  }
  {
    Connection profiles(once), main(main_);
    for (;;) {
      auto moved = FoldOnce(profiles, main, 1000);
      ASSERT_TRUE(moved.ok()) << moved.error().message;
      if (*moved == 0) break;
    }
  }
  EXPECT_EQ(Dump(kept), Dump(once));
}

}  // namespace
}  // namespace haiquan::storage::sqlite
