// Seizures naming a registered trader reach the in-memory baseline that the anomaly checks read:
// at once when this process writes them (the enforcement store tells the index), through the
// `offence_changes` log when another process does, and from the table when the index loads.
#include "storage/sqlite/baseline_index.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "storage/sqlite/enforcement_store.h"
#include "storage/sqlite/profile_folder.h"
#include "storage/sqlite/trader_store.h"

namespace haiquan::storage::sqlite {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSeized = "0100000001";    // named in the seizures
constexpr const char* kOwnerOf = "0100000002";   // shares the owner with it
constexpr const char* kNextDoor = "0100000003";  // shares its address
constexpr const char* kOther = "0100000004";     // shares nothing

domain::AuditEvent Audit() {
  domain::AuditEvent e;
  e.at = "2026-11-22T08:00:00Z";
  e.actor = "test";
  e.action = "test.write";
  return e;
}

class OffenceIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("hq-offences-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    main_ = (dir_ / "main.db").string();
    profiles_ = ProfileFolder::PathFor(main_);
    writer_ = std::make_unique<Writer>(main_);   // migrates
    { ProfileFolder folder(main_, profiles_); }  // an empty profile database
    readers_ = std::make_unique<ReaderPool>(main_, profiles_);
    traders_ = std::make_unique<SqliteTraderStore>(*writer_, *readers_, &index_);
    enforcement_ = std::make_unique<SqliteEnforcementStore>(*writer_, *readers_, &index_);
    Register(kSeized, "12 Lê Lợi, Hà Nội", "001085012345");
    Register(kOwnerOf, "9 Nguyen Du, Ha Noi", "001085012345");
    Register(kNextDoor, "12 le loi - ha noi", "");
    Register(kOther, "1 Hang Bai, Ha Noi", "");
    // No folder follows the logs here: what the index learns after loading, it learns from the
    // stores' own calls or from an explicit FollowOffences.
    Load(index_);
    company_ = Company(kSeized);
  }
  void TearDown() override {
    enforcement_.reset();
    traders_.reset();
    readers_.reset();
    writer_.reset();
    fs::remove_all(dir_);
  }

  void Register(const std::string& tax_id, const std::string& address, const std::string& owner) {
    domain::Enterprise e;
    e.tax_id = tax_id;
    e.name = "Cong ty " + tax_id;
    e.address = address;
    e.registration_date = "2015-01-01";
    if (!owner.empty()) e.owners = {{owner, "Nguyen Van A", "VN", 60.0}};
    ASSERT_TRUE(traders_->Create(e, Audit()).ok());
  }

  void Load(BaselineIndex& index) {
    Connection profiles(profiles_), main(main_);
    ASSERT_TRUE(index.Load(profiles, main).ok());
  }

  int64_t Company(const std::string& tax_id) {
    domain::OffendingCompany c;
    c.name = "Cong ty " + tax_id;
    c.tax_id = tax_id;
    c.created_at = c.updated_at = "2026-11-22T08:00:00Z";
    c.created_by = c.updated_by = "test";
    auto made = enforcement_->CreateCompany(c, Audit());
    EXPECT_TRUE(made.ok());
    return made.ok() ? made->id : 0;
  }

  static domain::Seizure Seizure(const std::string& day, const std::string& category,
                                 std::vector<domain::SeizureParty> parties) {
    domain::Seizure s;
    s.occurred_at = day;
    s.office = "01B1";
    s.detection_method = "xray";
    s.category = category;
    s.description = "Cigarettes in false bottom";
    s.parties = std::move(parties);
    s.created_at = s.updated_at = "2026-11-22T08:00:00Z";
    s.created_by = s.updated_by = "test";
    return s;
  }

  int64_t Seize(const std::string& day, const std::string& category,
                std::vector<std::string> roles) {
    std::vector<domain::SeizureParty> parties;
    for (auto& r : roles) parties.push_back({"company", company_, std::move(r), ""});
    auto made = enforcement_->CreateSeizure(Seizure(day, category, std::move(parties)), Audit());
    EXPECT_TRUE(made.ok());
    return made.ok() ? made->id : 0;
  }

  static risk::TraderBaseline BaselineOf(BaselineIndex& index, const std::string& tax_id) {
    domain::Declaration d;
    d.type = domain::DeclarationType::kImport;
    d.declarant.tax_id = tax_id;
    d.importer = domain::Party{tax_id, "A", "", "VN"};
    d.invoice.currency = "USD";
    auto b = index.Baseline(d, "2026-11-22");
    EXPECT_TRUE(b.ok());
    return b.ok() ? *b : risk::TraderBaseline{};
  }
  risk::TraderBaseline BaselineOf(const std::string& tax_id) { return BaselineOf(index_, tax_id); }

  // The linked enterprises' tax ids, each with how many seizures the index lists for it.
  static std::vector<std::pair<std::string, int64_t>> Linked(const risk::TraderBaseline& b) {
    std::vector<std::pair<std::string, int64_t>> out;
    for (const auto& l : b.linked_violators) out.emplace_back(l.tax_id, l.offences.total);
    return out;
  }

  fs::path dir_;
  std::string main_, profiles_;
  std::unique_ptr<Writer> writer_;
  std::unique_ptr<ReaderPool> readers_;
  BaselineIndex index_;
  std::unique_ptr<SqliteTraderStore> traders_;
  std::unique_ptr<SqliteEnforcementStore> enforcement_;
  int64_t company_ = 0;
};

using Links = std::vector<std::pair<std::string, int64_t>>;

TEST_F(OffenceIndexTest, ASeizureReachesTheTraderAndItsLinksAsSoonAsItIsWritten) {
  EXPECT_EQ(BaselineOf(kSeized).offences.total, 0);
  EXPECT_TRUE(BaselineOf(kOwnerOf).linked_violators.empty());

  int64_t first = Seize("2026-09-12", "drugs", {"consignee"});
  int64_t second = Seize("2026-10-03T06:30:00Z", "tobacco", {"owner", "carrier"});
  auto own = BaselineOf(kSeized).offences;
  ASSERT_EQ(own.total, 2);
  ASSERT_EQ(own.newest.size(), 2u);
  // Newest first; one entry a seizure, its roles joined.
  EXPECT_EQ(own.newest[0].seizure_id, second);
  EXPECT_EQ(own.newest[0].day, "2026-10-03");
  EXPECT_EQ(own.newest[0].role, "carrier and owner");
  EXPECT_EQ(own.newest[0].category, "tobacco");
  EXPECT_EQ(own.newest[1].seizure_id, first);
  EXPECT_EQ(own.newest[1].role, "consignee");

  // Linked by the shared owner and by the shared address, with no violations at all.
  auto by_owner = BaselineOf(kOwnerOf);
  ASSERT_EQ(Linked(by_owner), (Links{{kSeized, 2}}));
  EXPECT_EQ(by_owner.linked_violators[0].violations, 0);
  EXPECT_NE(by_owner.linked_violators[0].link.find("Nguyen Van A"), std::string::npos);
  EXPECT_EQ(by_owner.offences.total, 0);
  EXPECT_EQ(Linked(BaselineOf(kNextDoor)), (Links{{kSeized, 2}}));
  EXPECT_TRUE(BaselineOf(kOther).linked_violators.empty());

  // The company is taken off a seizure: the record follows the rewrite.
  auto edited = Seizure("2026-09-12", "drugs", {});
  edited.id = first;
  ASSERT_TRUE(enforcement_->UpdateSeizure(edited, std::nullopt, Audit()).ok());
  own = BaselineOf(kSeized).offences;
  ASSERT_EQ(own.total, 1);
  EXPECT_EQ(own.newest[0].seizure_id, second);
}

TEST_F(OffenceIndexTest, ACompanysNewTaxIdTakesItsSeizuresToThatTrader) {
  Seize("2026-09-12", "drugs", {"consignee"});
  domain::OffendingCompany c;
  c.id = company_;
  c.name = "Cong ty moi";
  c.tax_id = kOther;
  c.updated_at = "2026-11-22T09:00:00Z";
  c.updated_by = "test";
  ASSERT_TRUE(enforcement_->UpdateCompany(c, std::nullopt, Audit()).ok());
  EXPECT_EQ(BaselineOf(kSeized).offences.total, 0);
  EXPECT_EQ(BaselineOf(kOther).offences.total, 1);
  EXPECT_TRUE(BaselineOf(kOwnerOf).linked_violators.empty());
}

TEST_F(OffenceIndexTest, AnotherProcesssOffencesArriveThroughTheLog) {
  // Written behind the index's back, as a CLI import in another process would.
  Connection other(main_);
  ASSERT_EQ(other.Exec("INSERT INTO trader_offences (tax_id, seizure_id, role, day, category)"
                       " VALUES ('0100000001', 77, 'organiser', '2026-08-01', 'wildlife')"),
            SQLITE_OK);
  EXPECT_EQ(BaselineOf(kSeized).offences.total, 0);  // not yet followed
  {
    auto db = readers_->Acquire();
    ASSERT_TRUE(index_.FollowOffences(*db).ok());
  }
  auto own = BaselineOf(kSeized).offences;
  ASSERT_EQ(own.total, 1);
  EXPECT_EQ(own.newest[0].seizure_id, 77);
  EXPECT_EQ(own.newest[0].role, "organiser");
  EXPECT_EQ(Linked(BaselineOf(kOwnerOf)), (Links{{kSeized, 1}}));

  ASSERT_EQ(other.Exec("DELETE FROM trader_offences WHERE seizure_id = 77"), SQLITE_OK);
  {
    auto db = readers_->Acquire();
    ASSERT_TRUE(index_.FollowOffences(*db).ok());
  }
  EXPECT_EQ(BaselineOf(kSeized).offences.total, 0);
  EXPECT_TRUE(BaselineOf(kOwnerOf).linked_violators.empty());
}

TEST_F(OffenceIndexTest, ALoadReadsEveryOffence) {
  for (int i = 0; i < 25; ++i) {  // months 1 to 9, days 10 to 19
    Seize("2026-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10), "ipr", {"owner"});
  }
  BaselineIndex loaded;
  Load(loaded);
  auto own = BaselineOf(loaded, kSeized).offences;
  EXPECT_EQ(own.total, 25);
  // The baseline lists the newest, enough to date them against a window of years.
  ASSERT_EQ(own.newest.size(), 20u);
  EXPECT_EQ(own.newest.front().day, "2026-09-18");
  for (size_t i = 1; i < own.newest.size(); ++i) {
    EXPECT_GE(own.newest[i - 1].day, own.newest[i].day);
  }
  auto linked = BaselineOf(loaded, kOwnerOf).linked_violators;
  ASSERT_EQ(linked.size(), 1u);
  EXPECT_EQ(linked[0].offences.total, 25);
  EXPECT_EQ(linked[0].offences.newest.size(), 10u);
}

}  // namespace
}  // namespace haiquan::storage::sqlite
