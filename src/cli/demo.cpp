#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <random>

#include "app/sample_declarations.h"
#include "cli/commands.h"
#include "cli/progress.h"

namespace haiquan::cli {
namespace {

// Files `count` sample declarations spread over the last 90 days, then records findings for
// most of the yellow and red ones, so that queues, history and labels all have content.
void LoadDemo(Context& ctx, int count, uint64_t seed) {
  using namespace std::chrono;
  auto now = system_clock::now();
  app::ManualClock past(now - days(90));
  app::FileDeclaration file(ctx.reference, *ctx.engine, ctx.db->declarations(), past);
  app::SampleDeclarations samples(*ctx.reference, seed, 400);

  std::mutex mu;
  std::condition_variable cv;
  size_t answered = 0;
  std::vector<std::pair<int64_t, domain::Lane>> to_inspect;
  Progress progress("demo declarations", static_cast<size_t>(count));
  auto caller = app::Caller::System("demo");
  auto step = duration_cast<milliseconds>(days(90)) / std::max(1, count);
  for (int i = 0; i < count; ++i) {
    past.Set(now - days(90) + step * i);
    file.Execute(caller, samples.Next(), [&](domain::Result<app::FilingOutcome> r) {
      std::lock_guard lock(mu);
      if (r.ok() && r->record.decision.lane != domain::Lane::kGreen) {
        to_inspect.emplace_back(r->record.id, r->record.decision.lane);
      }
      ++answered;
      cv.notify_one();
    });
    progress.Update(static_cast<size_t>(i));
  }
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return answered == static_cast<size_t>(count); });
  }
  progress.Finish();

  std::mt19937_64 rng(seed);
  size_t inspected = 0;
  for (auto [id, lane] : to_inspect) {
    if (rng() % 10 == 0) continue;  // some still wait in the queues
    domain::Inspection in;
    int roll = static_cast<int>(rng() % 100);
    int discrepancy = lane == domain::Lane::kRed ? 40 : 20;
    if (roll < (lane == domain::Lane::kRed ? 8 : 1)) {
      in.outcome = domain::Outcome::kSeizure;
      in.description = "Undeclared goods found in the container";
    } else if (roll < discrepancy) {
      in.outcome = domain::Outcome::kDiscrepancy;
      in.description = "Declared value below transaction value; HS code corrected";
      in.revenue_adjustment = domain::Amount{static_cast<int64_t>(10000 + rng() % 5000000)};
    } else {
      in.outcome = domain::Outcome::kCompliant;
    }
    in.officer = "demo.officer";
    if (ctx.inspect->Execute(caller, id, in).ok()) ++inspected;
  }
  std::fprintf(stderr, "demo: %d declarations filed, %zu inspected\n", count, inspected);
}

}  // namespace

void AddDemo(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("demo", "Load demo data into an empty database");
  auto opts = std::make_shared<ContextOptions>();
  auto count = std::make_shared<int>(3000);
  auto seed = std::make_shared<uint64_t>(20261122);
  AddContextOptions(*cmd, *opts);
  cmd->add_option("--count", *count, "declarations to file")->capture_default_str();
  cmd->add_option("--data-seed", *seed, "seed of the generated data")->capture_default_str();
  cmd->callback([&exit_code, opts, count, seed] {
    Context ctx(*opts);
    auto existing = ctx.db->declarations().Count();
    if (existing.ok() && *existing > 0) {
      std::fprintf(stderr, "demo: %s already has %lld declarations; nothing loaded\n",
                   opts->db_path.c_str(), static_cast<long long>(*existing));
      exit_code = 0;
      return;
    }
    LoadDemo(ctx, *count, *seed);
    exit_code = 0;
  });
}

}  // namespace haiquan::cli
