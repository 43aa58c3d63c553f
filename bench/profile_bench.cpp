// Issue 5's bar on a large store: `load` fills a fresh database with millions of declarations
// through the store's own InsertFiling, one big trader among them, while the server's
// ProfileFolder folds them into the profile database; `measure` then times the profile read of
// GET /profile and the anomaly checks a filing runs (Baseline + DetectAnomalies), as the server
// calls them.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "app/caller.h"
#include "app/clock.h"
#include "app/sample_declarations.h"
#include "bench_support.h"
#include "domain/enterprise.h"
#include "domain/lifecycle.h"
#include "profile_bench_offences.h"
#include "risk/anomalies.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/declaration_store.h"
#include "storage/sqlite/migrations.h"
#include "storage/sqlite/profile_folder.h"
#include "storage/sqlite/profile_store.h"
#include "storage/sqlite/reader_pool.h"
#include "storage/sqlite/trader_store.h"
#include "storage/sqlite/writer.h"

namespace haiquan::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using storage::sqlite::Connection;

constexpr const char* kBigTaxId = "0100000001";
constexpr const char* kBigName = "Cong ty Co phan Xuat nhap khau Hai Quan Lon";
constexpr const char* kBigAddress = "1 Tran Hung Dao, Hoan Kiem, Ha Noi";

struct LoadOptions {
  std::string db;
  int64_t declarations = 10'000'000;
  int64_t big = 100'000;
  int traders = 20'000;
  uint64_t seed = 1;
  int64_t batch = 10'000;
  int cache_mib = 1024;
  bool register_traders = true;
};

struct MeasureOptions {
  std::string db;
  std::string tax_id = kBigTaxId;
  int profile_runs = 200;
  int checks = 20'000;
  uint64_t seed = 1;
  int traders = 20'000;
  int big_every = 10;
  int warmup = 2'000;
  std::vector<std::string> pragmas;  // experiments: run on the reader connection first
};

// splitmix64: a cheap, well-mixed deterministic draw from an index.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// Nearest rank over all samples: `v` must be sorted.
double Percentile(const std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  auto rank = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

std::string Duration(double seconds) {
  auto s = static_cast<int64_t>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%lldh%02lldm%02llds", static_cast<long long>(s / 3600),
                  static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%lldm%02llds", static_cast<long long>(s / 60),
                  static_cast<long long>(s % 60));
  }
  return buf;
}

std::string Thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

// Resident set size of this process (Linux), in MiB.
double ResidentMiB() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1 << 20);
}

uint64_t FileSize(const fs::path& p) {
  std::error_code ec;
  auto n = fs::file_size(p, ec);
  return ec ? 0 : n;
}

void Exec(Connection& db, const char* sql) {
  if (db.Exec(sql) != SQLITE_OK) {
    throw std::runtime_error(std::string(sql) + " failed: " + db.ErrorMessage());
  }
}

// The importer of a generated import is its trader (risk::TraderOf); the big trader's share
// keeps everything else of the generated declaration.
void MakeBigTraders(domain::Declaration& d) {
  std::string original = d.importer ? d.importer->tax_id : "";
  d.importer = domain::Party{kBigTaxId, kBigName, kBigAddress, "VN"};
  if (d.declarant.tax_id == original) d.declarant.tax_id = kBigTaxId;  // it files itself
}

// ---------------------------------------------------------------------------------------------
// load

struct Registered {
  std::string name, address;
};

// Confirms every importer seen in the registry, as `haiquan traders import` would: active,
// registered before the first filing. Customs agents (declarants only) stay provisional.
void RegisterTraders(const std::string& path,
                     const std::unordered_map<std::string, Registered>& importers) {
  storage::sqlite::Writer writer(path);
  storage::sqlite::ReaderPool readers(path);
  storage::sqlite::SqliteTraderStore store(writer, readers);
  auto caller = app::Caller::System("bench.loader");
  std::string at = app::FormatTimestamp(std::chrono::system_clock::now());
  std::vector<std::string> ids;
  for (const auto& [id, _] : importers) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  std::vector<domain::Enterprise> batch;
  std::vector<domain::AuditEvent> audit;
  auto flush = [&] {
    if (batch.empty()) return;
    auto r = store.Import(batch, audit);
    if (!r.ok()) throw std::runtime_error("registry import failed: " + r.error().message);
    batch.clear();
    audit.clear();
  };
  for (const auto& id : ids) {
    const auto& r = importers.at(id);
    domain::Enterprise e;
    e.tax_id = id;
    e.name = r.name;
    e.address = r.address;
    uint64_t h = Mix(std::hash<std::string>{}(id));
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", 1995 + static_cast<int>(h % 28),
                  1 + static_cast<int>((h >> 8) % 12), 1 + static_cast<int>((h >> 16) % 28));
    e.registration_date = date;
    e.updated_at = at;
    e.updated_by = caller.principal.name;
    batch.push_back(std::move(e));
    audit.push_back(caller.Event(at, "enterprise.import", "enterprise", id));
    if (batch.size() == 500) flush();
  }
  flush();
}

constexpr const char* kFolded = "SELECT value FROM fold_state WHERE name = 'declarations'";

int Load(const LoadOptions& o) {
  if (o.big > o.declarations) throw std::runtime_error("--big-trader-declarations > total");
  std::string profile_db = storage::sqlite::ProfileFolder::PathFor(o.db);
  for (const auto& base : {o.db, profile_db}) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      if (fs::exists(base + suffix)) {
        throw std::runtime_error(base + suffix + " exists: load writes a fresh database only");
      }
    }
  }
  auto started = Clock::now();
  auto ref = Reference();
  app::SampleDeclarations gen(*ref, o.seed, o.traders);
  auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  auto span = std::chrono::days(3 * 365 + 1);
  auto first = now - span;
  double step_ms =
      std::chrono::duration<double, std::milli>(span).count() / static_cast<double>(o.declarations);

  std::printf("database          %s (new), profiles in %s\n", o.db.c_str(), profile_db.c_str());
  std::printf("declarations      %s, 1 to 3 goods items, filed %s to %s, in transactions of %s\n",
              Thousands(o.declarations).c_str(), app::FormatTimestamp(first).c_str(),
              app::FormatTimestamp(now).c_str(), Thousands(o.batch).c_str());
  std::printf("traders           %d generated (seed %llu); big trader %s with %s declarations\n",
              o.traders, static_cast<unsigned long long>(o.seed), kBigTaxId,
              Thousands(o.big).c_str());
  std::printf(
      "bulk-load pragmas journal_mode=WAL, synchronous=OFF, cache_size=%d MiB (this load's "
      "connection to the main database only; the server runs synchronous=FULL, 64 MiB)\n",
      o.cache_mib);
  std::printf(
      "profiles          folded by the server's ProfileFolder thread while loading, told "
      "of each commit\n");
  std::fflush(stdout);

  std::unordered_set<std::string> registered;  // provisionally, by an earlier filing
  std::unordered_map<std::string, Registered> importers;
  int64_t big_filed = 0;
  double insert_s = 0, catch_up_s = 0, checkpoint_s = 0;
  {
    Connection db(o.db);
    storage::sqlite::Migrate(db);
    Exec(db, "PRAGMA journal_mode=WAL");
    Exec(db, "PRAGMA synchronous=OFF");
    std::string cache = "PRAGMA cache_size=-" + std::to_string(int64_t{o.cache_mib} * 1024);
    Exec(db, cache.c_str());
    storage::sqlite::ProfileFolder folder(o.db, profile_db);
    Connection progress(profile_db);  // reads the folder's watermark for the progress line

    app::Caller caller;
    caller.principal = {1, "bench.loader", domain::Role::kOfficer, ""};
    caller.remote = "127.0.0.1";
    auto insert_started = Clock::now();
    auto last_report = insert_started;
    int64_t last_count = 0;
    char reference[32];
    for (int64_t i = 0; i < o.declarations; ++i) {
      if (i % o.batch == 0) Exec(db, "BEGIN");
      uint64_t draw = Mix(o.seed * 0x100000001b3ULL + static_cast<uint64_t>(i));
      app::NewFiling f;
      f.declaration = gen.Next(1 + static_cast<int>(draw % 3));
      auto& d = f.declaration;
      // Exactly `big` of them, evenly through the stream.
      if ((i + 1) * o.big / o.declarations != i * o.big / o.declarations) {
        MakeBigTraders(d);
        ++big_filed;
      }
      std::snprintf(reference, sizeof reference, "PB-%010lld", static_cast<long long>(i));
      d.declarant_reference = reference;
      int lane_roll = static_cast<int>((draw >> 8) % 100);
      f.decision.lane = lane_roll < 80   ? domain::Lane::kGreen
                        : lane_roll < 95 ? domain::Lane::kYellow
                                         : domain::Lane::kRed;
      f.decision.score = lane_roll < 80 ? 10 : lane_roll < 95 ? 45 : 80;
      f.status = domain::StatusAfterLane(f.decision.lane);
      auto at = first + std::chrono::milliseconds(
                            static_cast<int64_t>((static_cast<double>(i) + 0.5) * step_ms));
      f.filed_at = app::FormatTimestamp(at);
      // Parties the registry lacks are registered provisionally by their first filing, as
      // FileDeclaration does.
      auto provisional = [&](const domain::Party& p) {
        if (!domain::IsTaxId(p.tax_id) || !registered.insert(p.tax_id).second) return;
        domain::Enterprise e;
        e.tax_id = p.tax_id;
        e.name = p.name;
        e.address = p.address;
        e.provisional = true;
        e.updated_at = f.filed_at;
        e.updated_by = caller.principal.name;
        f.provisional_traders.push_back(std::move(e));
      };
      provisional(d.declarant);
      if (d.importer) {
        provisional(*d.importer);
        if (!importers.contains(d.importer->tax_id)) {
          importers.emplace(d.importer->tax_id, Registered{d.importer->name, d.importer->address});
        }
      }
      f.audit = caller.Event(f.filed_at, "declaration.file", "declaration", "", "ok", reference);
      app::FilingOutcome out;
      auto s = storage::sqlite::InsertFiling(db, f, out);
      if (!s.ok()) throw std::runtime_error("insert failed: " + s.error().message);
      if (!out.created) throw std::runtime_error(std::string("reference repeated: ") + reference);
      if ((i + 1) % o.batch == 0 || i + 1 == o.declarations) {
        Exec(db, "COMMIT");
        folder.Notify();
      }

      if ((i & 255) == 255) {
        auto t = Clock::now();
        double since = std::chrono::duration<double>(t - last_report).count();
        if (since >= 1.0) {
          double all = std::chrono::duration<double>(t - insert_started).count();
          double rate_now = static_cast<double>(i + 1 - last_count) / since;
          double rate_all = static_cast<double>(i + 1) / all;
          int64_t folded = 0;
          {
            auto st = progress.Prepare(kFolded);
            if (st.Step() == SQLITE_ROW) folded = st.Int(0);
          }
          std::fprintf(stderr,
                       "loaded %s / %s (%.1f%%), %.0f decl/s now, %.0f decl/s overall, "
                       "profiles folded to %s, elapsed %s, ETA %s\n",
                       Thousands(i + 1).c_str(), Thousands(o.declarations).c_str(),
                       100.0 * static_cast<double>(i + 1) / static_cast<double>(o.declarations),
                       rate_now, rate_all, Thousands(folded).c_str(), Duration(all).c_str(),
                       Duration(static_cast<double>(o.declarations - i - 1) / rate_all).c_str());
          last_report = t;
          last_count = i + 1;
        }
      }
    }
    insert_s = Seconds(insert_started);
    auto catch_up_started = Clock::now();
    if (auto s = folder.Sync(); !s.ok()) throw std::runtime_error("fold: " + s.error().message);
    catch_up_s = Seconds(catch_up_started);
    auto checkpoint_started = Clock::now();
    Exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    checkpoint_s = Seconds(checkpoint_started);
  }
  auto registry_started = Clock::now();
  if (o.register_traders) RegisterTraders(o.db, importers);
  double registry_s = Seconds(registry_started);
  for (const auto& path : {o.db, profile_db}) {
    Connection db(path);
    Exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  }
  double total_s = Seconds(started);
  uint64_t size = FileSize(o.db), profile_size = FileSize(profile_db);

  std::printf("inserted          %s declarations (big trader %s) in %s: %.0f declarations/s\n",
              Thousands(o.declarations).c_str(), Thousands(big_filed).c_str(),
              Duration(insert_s).c_str(), static_cast<double>(o.declarations) / insert_s);
  std::printf("profiles          caught up %.1f s after the last commit\n", catch_up_s);
  std::printf("checkpoint        %.1f s (wal_checkpoint(TRUNCATE) after the last commit)\n",
              checkpoint_s);
  if (o.register_traders) {
    std::printf(
        "registry          %s importers confirmed (traders import) in %.1f s; %s parties "
        "registered provisionally while filing\n",
        Thousands(static_cast<int64_t>(importers.size())).c_str(), registry_s,
        Thousands(static_cast<int64_t>(registered.size())).c_str());
  }
  std::printf("total             %s (%.0f s): %.0f declarations/s overall\n",
              Duration(total_s).c_str(), total_s, static_cast<double>(o.declarations) / total_s);
  std::printf("file sizes        main %.2f GiB (%.0f bytes a declaration), profiles %.2f GiB\n",
              static_cast<double>(size) / (1 << 30),
              static_cast<double>(size) / static_cast<double>(o.declarations),
              static_cast<double>(profile_size) / (1 << 30));
  return 0;
}

// ---------------------------------------------------------------------------------------------
// measure

struct Summary {
  std::vector<double> v;
  void Sort() { std::sort(v.begin(), v.end()); }
};

constexpr const char* kMainCache = "PRAGMA main.cache_size";
constexpr const char* kProfileCache = "PRAGMA profile.cache_size";
constexpr const char* kProfileMmap = "PRAGMA profile.mmap_size";
constexpr const char* kLatestFiling = "SELECT max(filed_at) FROM declarations";
constexpr const char* kTotals =
    "SELECT count(*), coalesce(sum(declarations), 0) FROM trader_profiles";

int Measure(const MeasureOptions& o) {
  if (!fs::exists(o.db)) throw std::runtime_error(o.db + " does not exist: run load first");
  // As storage::sqlite::Database opens it: the profile database attached to every reader.
  std::string profile_db = storage::sqlite::ProfileFolder::PathFor(o.db);
  if (!fs::exists(profile_db)) throw std::runtime_error(profile_db + " does not exist");
  storage::sqlite::ReaderPool readers(o.db, profile_db);
  // As the server's folder thread does at start: the baselines in memory.
  storage::sqlite::BaselineIndex index;
  double rss_before = ResidentMiB();
  auto load_started = Clock::now();
  {
    storage::sqlite::Connection profiles(profile_db), main(o.db);
    if (auto s = index.Load(profiles, main); !s.ok()) {
      throw std::runtime_error("baseline index: " + s.error().message);
    }
  }
  double load_s = Seconds(load_started);
  double index_mib = ResidentMiB() - rss_before;
  storage::sqlite::SqliteProfileStore store(readers, index);
  std::string today;
  {
    auto db = readers.Acquire();
    auto st = db->Prepare(kLatestFiling);
    if (st.Step() != SQLITE_ROW || st.IsNull(0)) throw std::runtime_error("no declarations");
    today = st.Text(0).substr(0, 10);
  }
  std::string caches;
  {
    // One thread: the store reuses this one connection for every call below.
    auto db = readers.Acquire();
    for (const auto& pragma : o.pragmas) {
      Exec(*db, pragma.c_str());
      std::printf("reader pragma     %s (not the server's setting)\n", pragma.c_str());
    }
    for (const char* sql : {kMainCache, kProfileCache, kProfileMmap}) {
      auto st = db->Prepare(sql);
      if (st.Step() != SQLITE_ROW) continue;
      caches += std::string(caches.empty() ? "" : ", ") +
                (sql == kMainCache      ? "cache_size main "
                 : sql == kProfileCache ? "cache_size profile "
                                        : "mmap_size profile ") +
                std::to_string(st.Int(0));
    }
  }
  std::printf(
      "database          %s, %.2f GiB, profiles %.2f GiB; today = date of the latest filing, %s\n",
      o.db.c_str(), static_cast<double>(FileSize(o.db)) / (1 << 30),
      static_cast<double>(FileSize(profile_db)) / (1 << 30), today.c_str());
  std::printf("reader connection %s (cache_size < 0: KiB)\n", caches.c_str());
  std::printf("baseline index    loaded in %.2f s, resident memory +%.0f MiB\n", load_s, index_mib);

  // Profile: the first call on a fresh connection's cold page cache (the OS cache may hold the
  // file: nothing here can drop it), then warm.
  auto t0 = Clock::now();
  auto first = store.Profile(o.tax_id);
  double first_ms = Seconds(t0) * 1e3;
  if (!first.ok()) throw std::runtime_error("profile " + o.tax_id + ": " + first.error().message);
  const auto& p = *first;
  std::printf("\nprofile of %s: %s declarations, first %s, last %s\n", o.tax_id.c_str(),
              Thousands(p.declarations).c_str(), p.first_filed_at.c_str(), p.last_filed_at.c_str());
  std::printf(
      "answer rows       months x lanes x currencies %zu, HS headings %zu, origins %zu, "
      "partners %zu (capped at 1000), unit-value bands %zu, findings %zu\n",
      p.months.size(), p.goods.size(), p.origins.size(), p.partners.size(), p.unit_values.size(),
      p.findings.size());
  std::printf("first call        %.2f ms (SQLite's page cache empty)\n", first_ms);
  Summary profile;
  for (int i = 0; i < o.profile_runs; ++i) {
    auto t = Clock::now();
    auto r = store.Profile(o.tax_id);
    profile.v.push_back(Seconds(t) * 1e3);
    if (!r.ok()) throw std::runtime_error("profile failed: " + r.error().message);
  }
  profile.Sort();
  std::printf(
      "warm, %d calls    p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms  (bar: p95 <= 50 "
      "ms: %s)\n",
      o.profile_runs, Percentile(profile.v, 0.5), Percentile(profile.v, 0.95),
      Percentile(profile.v, 0.99), Percentile(profile.v, 1.0),
      Percentile(profile.v, 0.95) <= 50 ? "met" : "NOT met");

  // Anomaly checks: fresh declarations from the load's generator (same seed and traders, so the
  // same traders and HS codes; the stream is shifted off the loaded one), every `big_every`-th
  // for the big trader.
  auto ref = Reference();
  app::SampleDeclarations gen(*ref, o.seed, o.traders);
  (void)gen.Next(5);  // the load never draws 5 items: from here on the stream differs
  Summary all, big, others, detect;
  int64_t anomalous = 0, unknown = 0, failed = 0;
  std::map<std::string, int64_t> by_code;
  char reference[32];
  // The first `warmup` are not counted: a server's long-lived read connections have a warm
  // page cache.
  for (int j = 0; j < o.warmup + o.checks; ++j) {
    int i = j - o.warmup;
    uint64_t draw = Mix(o.seed * 0x9e3779b97f4a7c15ULL + static_cast<uint64_t>(j) + 1);
    domain::Declaration d = gen.Next(1 + static_cast<int>(draw % 3));
    std::snprintf(reference, sizeof reference, "PM-%010d", j);
    d.declarant_reference = reference;
    bool is_big = o.big_every > 0 && j % o.big_every == 0;
    if (is_big) MakeBigTraders(d);
    auto t = Clock::now();
    auto baseline = store.Baseline(d, today);
    auto t_detect = Clock::now();
    std::vector<risk::Signal> signals;
    if (baseline.ok()) signals = risk::DetectAnomalies(d, *baseline, today);
    double us = Seconds(t) * 1e6;
    if (i < 0) continue;
    all.v.push_back(us);
    (is_big ? big : others).v.push_back(us);
    detect.v.push_back(Seconds(t_detect) * 1e6);
    if (!baseline.ok()) {
      ++failed;
      continue;
    }
    if (baseline->declarations == 0) ++unknown;
    if (!signals.empty()) ++anomalous;
    std::vector<std::string> codes;
    for (const auto& s : signals) codes.push_back(s.reason.code);
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    for (const auto& c : codes) ++by_code[c];
  }
  all.Sort();
  big.Sort();
  others.Sort();
  detect.Sort();
  std::printf(
      "\nanomaly checks (Baseline + DetectAnomalies), %d fresh declarations of 1 to 3 "
      "items after %d not counted, 1 in %d for %s\n",
      o.checks, o.warmup, o.big_every, kBigTaxId);
  auto row = [](const char* what, const Summary& s) {
    std::printf(
        "%-17s n %6zu  p50 %6.1f us  p90 %6.1f us  p99 %6.1f us  p99.9 %7.1f us  max "
        "%8.1f us\n",
        what, s.v.size(), Percentile(s.v, 0.5), Percentile(s.v, 0.9), Percentile(s.v, 0.99),
        Percentile(s.v, 0.999), Percentile(s.v, 1.0));
  };
  row("all", all);
  row("big trader", big);
  row("other traders", others);
  row("of which Detect", detect);
  std::printf("bar: p99 <= 100 us: %s\n", Percentile(all.v, 0.99) <= 100 ? "met" : "NOT met");
  std::printf("raised >= 1       %s of %d (%.1f%%); trader without a profile %s; failed %s\n",
              Thousands(anomalous).c_str(), o.checks,
              100.0 * static_cast<double>(anomalous) / o.checks, Thousands(unknown).c_str(),
              Thousands(failed).c_str());
  for (const auto& [code, n] : by_code) {
    std::printf("  %-30s %8s (%.1f%%)\n", code.c_str(), Thousands(n).c_str(),
                100.0 * static_cast<double>(n) / o.checks);
  }
  {
    auto db = readers.Acquire();
    auto st = db->Prepare(kTotals);
    if (st.Step() == SQLITE_ROW) {
      std::printf("\nstore             %s traders with a profile, %s declarations folded\n",
                  Thousands(st.Int(0)).c_str(), Thousands(st.Int(1)).c_str());
    }
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// refold

struct RefoldOptions {
  std::string db;
  std::string scratch;
  int64_t declarations = 100'000;
  int limit = 5'000;
};

int64_t BytesWritten() {  // by this process, through write(2) and its kin
  std::FILE* f = std::fopen("/proc/self/io", "r");
  if (!f) return -1;
  char key[64];
  long long value = 0;
  int64_t out = -1;
  while (std::fscanf(f, "%63s %lld", key, &value) == 2) {
    if (std::string(key) == "wchar:") out = value;
  }
  std::fclose(f);
  return out;
}

// Copies DB-profiles to `scratch`, moves its declaration watermark back and folds the last
// declarations again with FoldOnce, as the ProfileFolder thread does: what one folded
// declaration costs in time and bytes written on a profile database of this size.
int Refold(const RefoldOptions& o) {
  std::string profile_db = storage::sqlite::ProfileFolder::PathFor(o.db);
  if (!fs::exists(profile_db)) throw std::runtime_error(profile_db + " does not exist");
  for (const char* suffix : {"", "-wal", "-shm"}) {
    if (fs::exists(o.scratch + suffix)) throw std::runtime_error(o.scratch + suffix + " exists");
  }
  {
    Connection source(profile_db);
    Exec(source, "PRAGMA wal_checkpoint(TRUNCATE)");
  }
  fs::copy_file(profile_db, o.scratch);
  double seconds = 0;
  int64_t written = 0, folds = 0;
  {
    Connection profiles(o.scratch);
    // The ProfileFolder's own settings for its connection (profile_folder.cpp).
    Exec(profiles, "PRAGMA synchronous=NORMAL");
    Exec(profiles, "PRAGMA mmap_size=8589934592");
    Exec(profiles, "PRAGMA cache_size=-262144");
    Connection main(o.db);
    std::string rewind = "UPDATE fold_state SET value = max(0, value - " +
                         std::to_string(o.declarations) + ") WHERE name = 'declarations'";
    Exec(profiles, rewind.c_str());
    int64_t before = BytesWritten();
    auto t = Clock::now();
    for (;;) {
      auto moved = storage::sqlite::FoldOnce(profiles, main, o.limit);
      if (!moved.ok()) throw std::runtime_error("fold: " + moved.error().message);
      if (*moved == 0) break;
      ++folds;
    }
    seconds = Seconds(t);
    written = BytesWritten() - before;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(o.scratch + suffix);
  std::printf(
      "refolded %s declarations into a copy of %s (%.2f GiB), %s a fold: %s folds in %.1f s, "
      "%.0f declarations/s, %.1f KiB written a declaration (WAL and checkpoints)\n",
      Thousands(o.declarations).c_str(), profile_db.c_str(),
      static_cast<double>(FileSize(profile_db)) / (1 << 30), Thousands(o.limit).c_str(),
      Thousands(folds).c_str(), seconds, static_cast<double>(o.declarations) / seconds,
      static_cast<double>(written) / 1024.0 / static_cast<double>(o.declarations));
  return 0;
}

int Main(int argc, char** argv) {
  CLI::App app(
      "Trader profiles and anomaly checks on a large store (issue 5): `load` fills a fresh "
      "database, `offences` names some of its traders in seizures, `measure` times GET "
      "/profile's read and a filing's anomaly checks");
  app.require_subcommand(1);

  LoadOptions lo;
  auto* load = app.add_subcommand(
      "load",
      "creates and migrates a fresh database (and DB-profiles beside it) and files generated "
      "declarations into it with the store's InsertFiling, in transactions of --batch, while "
      "the server's ProfileFolder folds them into the profiles");
  load->add_option("--db", lo.db, "database file to create (refused if it or DB-profiles exists)")
      ->required();
  load->add_option("--declarations", lo.declarations, "declarations to file")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  load->add_option("--big-trader-declarations", lo.big,
                   std::string("declarations whose importer is the big trader ") + kBigTaxId +
                       ", evenly through the stream")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  load->add_option("--traders", lo.traders, "traders of app::SampleDeclarations")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  load->add_option("--seed", lo.seed, "seed of the generated declarations")->capture_default_str();
  load->add_option("--batch", lo.batch, "declarations a transaction")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  load->add_option("--cache-mib", lo.cache_mib, "SQLite page cache of the loading connection")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  load->add_flag("!--no-registry", lo.register_traders,
                 "leave every trader provisional (default: confirm the importers in the registry "
                 "after the load, as a traders import would)");

  MeasureOptions mo;
  auto* measure = app.add_subcommand(
      "measure", "times the trader profile read and the anomaly checks on a loaded database");
  measure->add_option("--db", mo.db, "database made by load")->required();
  measure->add_option("--tax-id", mo.tax_id, "trader whose profile is read")->capture_default_str();
  measure->add_option("--profile-runs", mo.profile_runs, "warm profile reads")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  measure->add_option("--checks", mo.checks, "anomaly checks of fresh declarations")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  measure->add_option("--warmup", mo.warmup, "anomaly checks run first and not counted")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  measure->add_option("--pragma", mo.pragmas,
                      "SQL run on the reader connection before measuring, to try a setting "
                      "(repeatable; e.g. \"PRAGMA profile.cache_size=-262144\")");
  measure->add_option("--seed", mo.seed, "the load's --seed")->capture_default_str();
  measure->add_option("--traders", mo.traders, "the load's --traders")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  measure
      ->add_option("--big-every", mo.big_every, "every n-th check is for the big trader (0: none)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();

  RefoldOptions ro;
  auto* refold = app.add_subcommand(
      "refold",
      "folds the last declarations again into a scratch copy of DB-profiles, as the profile "
      "folder does, and reports declarations/s and bytes written a declaration");
  refold->add_option("--db", ro.db, "database made by load")->required();
  refold->add_option("--scratch", ro.scratch, "where the copy goes (removed afterwards)")
      ->required();
  refold->add_option("--declarations", ro.declarations, "how many to fold again")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  refold
      ->add_option("--limit", ro.limit,
                   "declarations a fold (the folder takes up to 5,000; under load a fold "
                   "gathers about 100 ms of filings)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();

  OffenceOptions oo;
  auto* offences = app.add_subcommand(
      "offences",
      "names a share of the registered enterprises in seizures (offending companies linked by "
      "tax id), through the enforcement store, so that `measure` times the checks that read "
      "the compliance record; migrates the database first");
  offences->add_option("--db", oo.db, "database made by load")->required();
  offences->add_option("--share", oo.share, "share of the registered enterprises named")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  offences->add_option("--most", oo.most, "seizures naming each, 1 to this many")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  offences
      ->add_option("--days", oo.days,
                   "seizure dates within this many days before the latest filing")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  offences->add_option("--seed", oo.seed, "which enterprises, and the seizures' details")
      ->capture_default_str();

  CLI11_PARSE(app, argc, argv);
  try {
    if (load->parsed()) return Load(lo);
    if (offences->parsed()) return SeedOffences(oo);
    if (refold->parsed()) return Refold(ro);
    return Measure(mo);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "profile_bench: %s\n", e.what());
    return 1;
  }
}

}  // namespace
}  // namespace haiquan::bench

int main(int argc, char** argv) { return haiquan::bench::Main(argc, argv); }
