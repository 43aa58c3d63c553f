// The CPU cost of each step of a filing, per 3-item declaration, apart from HTTP and storage.

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench_support.h"
#include "domain/declaration_validation.h"
#include "http/declaration_json.h"
#include "http/json_reader.h"
#include "http/json_writer.h"

namespace haiquan::bench {
namespace {

// Enough distinct declarations that the rules see many HS codes and origins, few enough to
// stay in cache as the server's hot set would.
constexpr size_t kCorpus = 4096;

const std::vector<domain::Declaration>& Declarations() {
  static const auto kDeclarations = Corpus(kCorpus, 3, 11);
  return kDeclarations;
}

const std::vector<std::string>& Bodies() {
  static const auto kBodies = [] {
    std::vector<std::string> out;
    for (const auto& d : Declarations()) out.push_back(http::ToJson(http::WriteDeclaration(d)));
    return out;
  }();
  return kBodies;
}

void BM_Decide(benchmark::State& state) {
  auto rules = DefaultRuleSet();
  const auto& ds = Declarations();
  size_t i = 0;
  for (auto _ : state) {
    auto decision = rules->Decide(ds[i++ % ds.size()], kToday);
    benchmark::DoNotOptimize(decision);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Decide);

void BM_Validate(benchmark::State& state) {
  auto ref = Reference();
  const auto& ds = Declarations();
  size_t i = 0;
  for (auto _ : state) {
    auto faults = domain::Validate(ds[i++ % ds.size()], *ref);
    benchmark::DoNotOptimize(faults);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Validate);

void BM_ParseJson(benchmark::State& state) {
  const auto& bodies = Bodies();
  size_t i = 0;
  for (auto _ : state) {
    auto v = http::ParseJson(bodies[i++ % bodies.size()]);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseJson);

void BM_ParseAndReadDeclaration(benchmark::State& state) {
  const auto& bodies = Bodies();
  size_t i = 0;
  for (auto _ : state) {
    auto v = http::ParseJson(bodies[i++ % bodies.size()]);
    http::JsonReader reader;
    auto d = http::ReadDeclaration(*v, reader);
    if (!reader.ok()) state.SkipWithError("a generated declaration did not read back");
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseAndReadDeclaration);

// What the filing handler calls: the two steps above behind one function.
void BM_ParseFiling(benchmark::State& state) {
  const auto& bodies = Bodies();
  size_t i = 0;
  for (auto _ : state) {
    auto filing = http::ParseFiling(bodies[i++ % bodies.size()]);
    if (!filing.ok()) state.SkipWithError("a generated declaration did not parse");
    benchmark::DoNotOptimize(filing);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseFiling);

// The answer the server writes after the commit.
void BM_WriteFilingAnswer(benchmark::State& state) {
  auto rules = DefaultRuleSet();
  std::vector<app::StoredDeclaration> stored;
  for (const auto& d : Declarations()) {
    auto f = ToFiling(d, *rules);
    stored.push_back({static_cast<int64_t>(stored.size() + 1),
                      f.declaration,
                      f.decision,
                      f.status,
                      f.filed_at,
                      {}});
  }
  size_t i = 0;
  for (auto _ : state) {
    auto body = http::ToJson(http::WriteFilingAnswer(stored[i++ % stored.size()]));
    benchmark::DoNotOptimize(body);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WriteFilingAnswer);

// Everything the filing path does on the CPU before and after storage, in one loop.
void BM_FilingCpuPath(benchmark::State& state) {
  auto rules = DefaultRuleSet();
  auto ref = Reference();
  const auto& bodies = Bodies();
  size_t i = 0;
  for (auto _ : state) {
    auto filing = http::ParseFiling(bodies[i++ % bodies.size()]);
    domain::Declaration d = std::move(filing->declaration);
    auto faults = domain::Validate(d, *ref);
    app::StoredDeclaration s;
    s.decision = rules->Decide(d, kToday);
    s.declaration = std::move(d);
    s.filed_at = kFiledAt;
    auto body = http::ToJson(http::WriteFilingAnswer(s));
    benchmark::DoNotOptimize(faults);
    benchmark::DoNotOptimize(body);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FilingCpuPath);

}  // namespace
}  // namespace haiquan::bench

BENCHMARK_MAIN();
