// The storage limit under the HTTP figures: the rows the server writes for each filing,
// inserted straight into a migrated database with the server's pragmas (WAL,
// synchronous=FULL), one durable commit per batch of the sizes group commit produces. A last
// run goes through the server's own store and writer thread, to show what they add.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_support.h"
#include "http/json_writer.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/database.h"
#include "storage/sqlite/migrations.h"

namespace haiquan::bench {
namespace {

namespace fs = std::filesystem;
using storage::sqlite::Connection;
using storage::sqlite::Statement;
using Clock = std::chrono::steady_clock;

// The statements of src/storage/sqlite/declaration_store.cpp, which keeps its own private.

// How a run commits: with SQLite's default checkpoint inside COMMIT, or with the checkpoint run
// after the commit has returned, as storage/sqlite/writer.cpp does.
enum class Variant { kRaw, kSavepoints, kDeferredCheckpoint };

const char* Name(Variant v) {
  switch (v) {
    case Variant::kRaw:
      return "raw";
    case Variant::kSavepoints:
      return "raw + savepoints";
    case Variant::kDeferredCheckpoint:
      return "raw, deferred checkpoint";
  }
  return "?";
}

struct Options {
  std::vector<int> batches = {1, 16, 64, 256};
  std::vector<std::string> variants = {"raw", "savepoints", "deferred"};
  int items = 3;
  double seconds = 2;
  int store_inflight = 64;
  size_t corpus = 20000;
  uint64_t seed = 7;
  std::string dir;
  bool json = false;
};

struct Figures {
  std::string what;
  int batch = 0;
  uint64_t declarations = 0;
  uint64_t rows = 0;
  double seconds = 0;
  std::vector<double> commit_ms;  // BEGIN to durable COMMIT, one per transaction
  uint64_t wal_frames = 0;        // appended to the WAL, one page each
};

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

// The store's own insert, so that the limit is measured on the very statements the server runs;
// returns the rows written.
uint64_t Insert(Connection& db, const app::NewFiling& f, const std::string& reference) {
  app::NewFiling filing = f;
  filing.declaration.declarant_reference = reference;
  app::FilingOutcome out;
  auto s = storage::sqlite::InsertFiling(db, filing, out);
  if (!s.ok()) throw std::runtime_error("insert failed: " + s.error().message);
  if (!out.created) throw std::runtime_error("reference " + reference + " repeated");
  return 1 + filing.declaration.items.size() + filing.decision.reasons.size();
}

void Exec(Connection& db, const char* sql) {
  if (db.Exec(sql) != SQLITE_OK) {
    throw std::runtime_error(std::string(sql) + " failed: " + db.ErrorMessage());
  }
}

// Counts the WAL frames each commit appends, and checkpoints where the variant says. SQLite's
// default checkpoint runs inside the COMMIT that takes the WAL past 1000 frames, so that commit's
// callers wait for the database file to be written and synced as well; this hook does the same
// as SQLite's own (sqlite3WalDefaultHook) unless `deferred`, where the commit returns first (its
// callers could be answered) and the checkpoint runs after it.
struct WalWatch {
  static constexpr int kCheckpointFrames = 1000;
  static int Hook(void* self, sqlite3* db, const char* name, int frames) {
    auto* w = static_cast<WalWatch*>(self);
    // A WAL that a checkpoint let start over counts from zero again.
    w->appended += static_cast<uint64_t>(frames >= w->frames ? frames - w->frames : frames);
    w->frames = frames;
    if (!w->deferred && frames >= kCheckpointFrames) sqlite3_wal_checkpoint(db, name);
    return SQLITE_OK;
  }
  bool deferred = false;
  int frames = 0;
  uint64_t appended = 0;
};

// Commits batches of `batch` declarations for `seconds`.
Figures RawInserts(const Options& o, const std::vector<app::NewFiling>& filings, int batch,
                   Variant variant, const fs::path& file) {
  Connection db(file.string());
  storage::sqlite::Migrate(db);
  WalWatch wal;
  wal.deferred = variant == Variant::kDeferredCheckpoint;
  sqlite3_wal_hook(db.raw(), &WalWatch::Hook, &wal);
  // As the server's writer does, so that one bad declaration undoes only itself.
  bool savepoints = variant == Variant::kSavepoints;
  Figures f{Name(variant), batch, 0, 0, 0, {}, 0};
  char reference[32];
  auto start = Clock::now();
  auto deadline = start + std::chrono::duration<double>(o.seconds);
  while (Clock::now() < deadline) {
    auto began = Clock::now();
    Exec(db, "BEGIN IMMEDIATE");
    for (int i = 0; i < batch; ++i) {
      const app::NewFiling& filing = filings[f.declarations % filings.size()];
      std::snprintf(reference, sizeof reference, "SQ-%012llu",
                    static_cast<unsigned long long>(f.declarations));
      if (savepoints) Exec(db, "SAVEPOINT job");
      f.rows += Insert(db, filing, reference);
      if (savepoints) Exec(db, "RELEASE job");
      ++f.declarations;
    }
    Exec(db, "COMMIT");
    f.commit_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - began).count());
    if (wal.deferred && wal.frames >= WalWatch::kCheckpointFrames) {
      sqlite3_wal_checkpoint_v2(db.raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
  }
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  f.wal_frames = wal.appended;
  return f;
}

// Files through storage::sqlite::Database, keeping `inflight` filings queued as concurrent
// HTTP requests would; the writer thread forms its batches from whatever is queued.
Figures ThroughStore(const Options& o, const std::vector<app::NewFiling>& filings,
                     const fs::path& file) {
  storage::sqlite::Database db(file.string());
  Figures f{"store (writer thread)", o.store_inflight, 0, 0, 0, {}, 0};
  std::mutex mu;
  std::condition_variable cv;
  int inflight = 0;
  uint64_t done = 0, failed = 0, rows = 0;
  auto start = Clock::now();
  auto deadline = start + std::chrono::duration<double>(o.seconds);
  uint64_t n = 0;
  while (Clock::now() < deadline) {
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return inflight < o.store_inflight; });
      ++inflight;
    }
    app::NewFiling filing = filings[n % filings.size()];
    filing.declaration.declarant_reference = "ST-" + std::to_string(n++);
    uint64_t filing_rows = 1 + filing.declaration.items.size() + filing.decision.reasons.size();
    db.declarations().File(std::move(filing), [&, filing_rows](auto outcome) {
      std::lock_guard lock(mu);
      --inflight;
      ++done;
      if (outcome.ok()) {
        rows += filing_rows;
      } else {
        ++failed;
      }
      cv.notify_one();
    });
  }
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return inflight == 0; });
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (failed > 0) throw std::runtime_error(std::to_string(failed) + " filings failed");
  f.declarations = done;
  f.rows = rows;
  return f;
}

int Main(int argc, char** argv) {
  Options o;
  CLI::App app(
      "Inserts the rows of filed declarations into SQLite as the server does, in "
      "transactions of group-commit sizes, and reports declarations and rows a second");
  app.add_option("--batch", o.batches, "declarations per transaction (repeatable)")
      ->capture_default_str();
  app.add_option("--variant", o.variants,
                 "raw: as the server commits; savepoints: plus one savepoint per declaration, "
                 "as the server's writer; deferred: WAL checkpoint after the commit, not in it")
      ->check(CLI::IsMember({"raw", "savepoints", "deferred"}))
      ->capture_default_str();
  app.add_option("--items", o.items, "goods items per declaration; 0: 1 to 5 at random")
      ->capture_default_str();
  app.add_option("--seconds", o.seconds, "seconds per batch size")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--store-inflight", o.store_inflight,
                 "filings kept queued in the store run; 0 skips it")
      ->capture_default_str();
  app.add_option("--dir", o.dir, "where the scratch databases go (default: a temp directory)");
  app.add_option("--seed", o.seed, "seed of the generated declarations")->capture_default_str();
  app.add_flag("--json", o.json, "print one JSON line per run instead of the table");
  CLI11_PARSE(app, argc, argv);

  fs::path dir = o.dir.empty() ? fs::temp_directory_path() : fs::path(o.dir);
  dir /= "haiquan-sqlite-bench-" + std::to_string(::getpid());
  fs::create_directories(dir);
  std::vector<Figures> results;
  try {
    auto rules = DefaultRuleSet();
    std::vector<app::NewFiling> filings;
    for (auto& d : Corpus(o.corpus, o.items, o.seed)) filings.push_back(ToFiling(d, *rules));
    int run = 0;
    for (const auto& name : o.variants) {
      Variant v = name == "raw"          ? Variant::kRaw
                  : name == "savepoints" ? Variant::kSavepoints
                                         : Variant::kDeferredCheckpoint;
      for (int batch : o.batches) {
        results.push_back(
            RawInserts(o, filings, batch, v, dir / ("raw" + std::to_string(run++) + ".db")));
      }
    }
    if (o.store_inflight > 0) results.push_back(ThroughStore(o, filings, dir / "store.db"));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sqlite_insert_bench: %s\n", e.what());
    fs::remove_all(dir);
    return 1;
  }
  fs::remove_all(dir);

  if (!o.json) {
    std::printf("%-26s %6s %14s %10s %10s %21s %12s\n", "sqlite insert", "batch", "declarations/s",
                "rows/s", "commits/s", "commit ms p50/p99/max", "WAL frames/decl");
  }
  for (auto& f : results) {
    double dps = static_cast<double>(f.declarations) / f.seconds;
    double rps = static_cast<double>(f.rows) / f.seconds;
    double p50 = Percentile(f.commit_ms, 0.5), p99 = Percentile(f.commit_ms, 0.99),
           max = Percentile(f.commit_ms, 1.0);
    bool store = f.what.rfind("store", 0) == 0;
    if (o.json) {
      boost::json::object line{{"what", f.what},
                               {store ? "inflight" : "batch", f.batch},
                               {"items", o.items},
                               {"declarations", f.declarations},
                               {"rows", f.rows},
                               {"seconds", f.seconds},
                               {"declarations_per_s", dps},
                               {"rows_per_s", rps}};
      if (!store) {
        line["commits_per_s"] = static_cast<double>(f.commit_ms.size()) / f.seconds;
        line["commit_ms"] = {{"p50", p50}, {"p99", p99}, {"max", max}};
        line["wal_frames_per_declaration"] =
            static_cast<double>(f.wal_frames) / static_cast<double>(f.declarations);
      }
      std::printf("%s\n", http::ToJson(line).c_str());
    } else if (store) {
      std::printf("%-26s %6s %14.0f %10.0f\n", f.what.c_str(),
                  (std::to_string(f.batch) + "q").c_str(), dps, rps);
    } else {
      std::printf("%-26s %6d %14.0f %10.0f %10.0f %7.2f/%6.2f/%6.2f %12.1f\n", f.what.c_str(),
                  f.batch, dps, rps, static_cast<double>(f.commit_ms.size()) / f.seconds, p50, p99,
                  max, static_cast<double>(f.wal_frames) / static_cast<double>(f.declarations));
    }
  }
  return 0;
}

}  // namespace
}  // namespace haiquan::bench

int main(int argc, char** argv) { return haiquan::bench::Main(argc, argv); }
