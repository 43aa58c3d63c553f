#include "profile_bench_offences.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "app/sample_enforcement.h"
#include "storage/sqlite/enforcement_store.h"
#include "storage/sqlite/reader_pool.h"
#include "storage/sqlite/writer.h"

namespace haiquan::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kRegistered =
    "SELECT tax_id FROM enterprises WHERE provisional = 0 ORDER BY tax_id";
constexpr const char* kOffences = "SELECT count(*), count(DISTINCT tax_id) FROM trader_offences";
constexpr const char* kLatestFiling = "SELECT substr(max(filed_at), 1, 10) FROM declarations";

uint64_t Mix(uint64_t x) {  // splitmix64: which traders, independent of the registry's order
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

int SeedOffences(const OffenceOptions& o) {
  if (!std::filesystem::exists(o.db)) throw std::runtime_error(o.db + " does not exist");
  storage::sqlite::Writer writer(o.db);  // migrates: the enforcement tables and V010's log
  storage::sqlite::ReaderPool readers(o.db);
  storage::sqlite::SqliteEnforcementStore store(writer, readers);
  std::vector<std::string> chosen;
  std::string last_day;
  {
    auto db = readers.Acquire();
    auto had = db->Prepare(kOffences);
    if (had.Step() == SQLITE_ROW && had.Int(0) > 0) {
      throw std::runtime_error(o.db + " already has offences");
    }
    auto latest = db->Prepare(kLatestFiling);
    if (latest.Step() != SQLITE_ROW || latest.IsNull(0)) throw std::runtime_error("no filings");
    last_day = latest.Text(0);
    auto st = db->Prepare(kRegistered);
    uint64_t n = 0;
    while (st.Step() == SQLITE_ROW) {
      double roll = static_cast<double>(Mix(o.seed * 1000003 + ++n) % 1000000) / 1e6;
      if (roll < o.share) chosen.push_back(st.Text(0));
    }
  }
  auto t0 = Clock::now();
  std::vector<domain::OffendingCompany> companies;
  for (const auto& tax_id : chosen) {
    domain::OffendingCompany c;
    c.name = "Cong ty " + tax_id;
    c.tax_id = tax_id;
    c.created_at = c.updated_at = "2026-11-22T00:00:00.000Z";
    c.created_by = c.updated_by = "bench";
    companies.push_back(std::move(c));
  }
  if (auto s = store.ImportCompanies(companies); !s.ok())
    throw std::runtime_error(s.error().message);
  app::SampleEnforcement gen(o.seed);
  std::vector<domain::Seizure> seizures;
  for (const auto& c : companies) {
    int count = 1 + static_cast<int>(gen.rng()() % static_cast<uint64_t>(o.most));
    for (int i = 0; i < count; ++i) {
      auto s = gen.Seizure(0, 0, last_day, o.days);
      std::string role(domain::kPartyRoles[gen.rng()() % std::size(domain::kPartyRoles)]);
      s.parties = {{"company", c.id, role, ""}};
      s.created_at = s.updated_at = "2026-11-22T00:00:00.000Z";
      s.created_by = s.updated_by = "bench";
      seizures.push_back(std::move(s));
    }
  }
  if (auto s = store.ImportSeizures(seizures); !s.ok()) throw std::runtime_error(s.error().message);
  double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  auto db = readers.Acquire();
  auto st = db->Prepare(kOffences);
  if (st.Step() != SQLITE_ROW) throw std::runtime_error("cannot count the offences");
  std::printf(
      "named %zu of the registered enterprises in %zu seizures within %d days before %s: %lld "
      "offences of %lld traders, in %.1f s\n",
      companies.size(), seizures.size(), o.days, last_day.c_str(),
      static_cast<long long>(st.Int(0)), static_cast<long long>(st.Int(1)), seconds);
  return 0;
}

}  // namespace haiquan::bench
