// What identity and audit add to each filing (issue 3's bar: at most 50 us at p99): checking
// the bearer token on the request path, and appending the hash-chained audit entry inside the
// filing's transaction. Each call is timed on its own so the percentiles are exact; the same
// batching as the server's group commit (64 filings a commit).

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/authenticator.h"
#include "app/caller.h"
#include "app/clock.h"
#include "app/crypto.h"
#include "app/manage_identity.h"
#include "bench_support.h"
#include "storage/sqlite/audit_store.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/database.h"
#include "storage/sqlite/declaration_store.h"

namespace haiquan::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Percentiles {
  double p50, p90, p99, p999, max;
};

Percentiles Of(std::vector<double> us) {
  std::sort(us.begin(), us.end());
  auto at = [&](double q) {
    return us[std::min(us.size() - 1, static_cast<size_t>(q * us.size()))];
  };
  return {at(0.50), at(0.90), at(0.99), at(0.999), us.back()};
}

void Print(const char* what, size_t n, const Percentiles& p) {
  std::printf(
      "{\"what\":\"%s\",\"n\":%zu,\"p50_us\":%.3f,\"p90_us\":%.3f,\"p99_us\":%.3f,"
      "\"p999_us\":%.3f,\"max_us\":%.3f}\n",
      what, n, p.p50, p.p90, p.p99, p.p999, p.max);
}

int Run(int argc, char** argv) {
  CLI::App cli{"Costs of token checks and audit entries per filing"};
  size_t checks = 200000, filings = 20000;
  int batch = 64, items = 3;
  std::string dir;
  cli.add_option("--checks", checks, "token checks to time")->capture_default_str();
  cli.add_option("--filings", filings, "filings to time, with and without their audit entry")
      ->capture_default_str();
  cli.add_option("--batch", batch, "filings a commit (group commit)")->capture_default_str();
  cli.add_option("--items", items, "goods items a declaration")->capture_default_str();
  cli.add_option("--dir", dir, "scratch directory (default: a temporary one)");
  CLI11_PARSE(cli, argc, argv);

  app::InitCrypto();
  fs::path scratch = dir.empty()
                         ? fs::temp_directory_path() / ("hq-auth-bench-" + std::to_string(getpid()))
                         : fs::path(dir);
  fs::create_directories(scratch);
  std::string path = (scratch / "auth.db").string();
  fs::remove(path);

  {
    // Token checks: a real store behind the authenticator, as the server has it.
    storage::sqlite::Database db(path);
    app::SystemClock clock;
    std::string pepper = app::RandomBytes(32);
    app::Authenticator auth(db.identity(), clock, pepper);
    app::ManageIdentity identity(db.identity(), db.audit(), auth, clock, pepper);
    auto issued = identity.CreateUser(app::Caller::System("bench"),
                                      {"client", domain::Role::kOfficer, "", std::nullopt});
    if (!issued.ok()) throw std::runtime_error(issued.error().message);
    std::vector<double> us;
    us.reserve(checks);
    for (size_t i = 0; i < checks; ++i) {
      auto t0 = Clock::now();
      auto p = auth.Authenticate(issued->token);
      auto t1 = Clock::now();
      if (!p.ok()) throw std::runtime_error("token refused");
      us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
    Print("authenticate (cached)", checks, Of(us));
    us.clear();
    // The first check of a token, or one every 5 s: read from the store.
    for (size_t i = 0; i < 2000; ++i) {
      auth.ForgetAll();
      auto t0 = Clock::now();
      auto p = auth.Authenticate(issued->token);
      auto t1 = Clock::now();
      if (!p.ok()) throw std::runtime_error("token refused");
      us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
    Print("authenticate (store read)", us.size(), Of(us));
  }

  // Filings in batches inside one transaction each, as the writer thread runs them: the time of
  // each filing's rows, then of its audit entry, apart.
  {
    storage::sqlite::Database migrate(path);  // schema and settings in place
  }
  storage::sqlite::Connection db(path);
  auto rules = DefaultRuleSet();
  auto corpus = Corpus(std::min<size_t>(filings, 20000), items, 5);
  std::vector<double> audit_us, filing_us, commit_us;
  app::Caller caller;
  caller.principal = {1, "client", domain::Role::kOfficer, ""};
  caller.remote = "127.0.0.1";
  for (size_t done = 0; done < filings;) {
    db.Exec("BEGIN IMMEDIATE");
    for (int b = 0; b < batch && done < filings; ++b, ++done) {
      auto d = corpus[done % corpus.size()];
      d.declarant_reference = "AB-" + std::to_string(done);
      app::NewFiling f = ToFiling(d, *rules);
      f.audit = caller.Event(f.filed_at, "declaration.file", "declaration", "", "ok",
                             d.declarant_reference);
      app::FilingOutcome out;
      db.Exec("SAVEPOINT job");
      auto t0 = Clock::now();
      auto s = storage::sqlite::InsertFiling(db, f, out);
      auto t1 = Clock::now();
      db.Exec("RELEASE job");
      if (!s.ok()) throw std::runtime_error(s.error().message);
      // InsertFiling appends its entry; time a second, separate append of the same event to
      // see the entry's own share.
      auto t2 = Clock::now();
      auto a = storage::sqlite::AppendAudit(db, f.audit);
      auto t3 = Clock::now();
      if (!a.ok()) throw std::runtime_error(a.error().message);
      filing_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
      audit_us.push_back(std::chrono::duration<double, std::micro>(t3 - t2).count());
    }
    auto c0 = Clock::now();
    db.Exec("COMMIT");
    commit_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - c0).count());
  }
  Print("filing rows with their audit entry", filing_us.size(), Of(filing_us));
  Print("one audit entry (head read, SHA-256, insert)", audit_us.size(), Of(audit_us));
  Print("commit of a batch", commit_us.size(), Of(commit_us));
  if (dir.empty()) fs::remove_all(scratch);
  return 0;
}

}  // namespace
}  // namespace haiquan::bench

int main(int argc, char** argv) {
  try {
    return haiquan::bench::Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "auth_audit_bench: %s\n", e.what());
    return 1;
  }
}
