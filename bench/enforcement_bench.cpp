// Issue 6's bars on a national-size store. `load` fills a fresh database with generated suspects,
// companies and seizures through the store's own writes (text and name indexes included);
// `measure` times, through the use case the API calls (audit entry included):
//   - a filtered full-text search of seizures (bar: p95 <= 20 ms),
//   - a fuzzy name search for a suspect typed without marks and with a typo (bar: p95 <= 50 ms),
//     with how often the person sought is on the first page,
//   - an export of 100,000 results to .xlsx (bar: <= 3 s).

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <string>
#include <vector>

#include "app/sample_enforcement.h"
#include "cli/context.h"
#include "cli/progress.h"
#include "domain/enforcement/name_match.h"
#include "http/search_export.h"

namespace haiquan::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kLastDay = "2026-11-22";
constexpr int kDays = 5 * 365;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Percentiles {
  double p50, p95, p99, max;
};

Percentiles Of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<size_t>(q * v.size()))]; };
  return {at(0.5), at(0.95), at(0.99), v.back()};
}

int Load(const std::string& db, int64_t persons, int64_t companies, int64_t seizures,
         uint64_t seed) {
  if (fs::exists(db)) {
    std::fprintf(stderr, "%s exists; load into a fresh file\n", db.c_str());
    return 1;
  }
  cli::ContextOptions opts;
  opts.db_path = db;
  cli::Context ctx(opts);
  auto& store = ctx.db->enforcement();
  app::SampleEnforcement gen(seed);
  constexpr int64_t kBatch = 50000;
  auto t0 = Clock::now();
  {
    cli::Progress bar("suspects", static_cast<size_t>(persons));
    for (int64_t done = 0; done < persons;) {
      std::vector<domain::SuspectPerson> batch;
      for (; done < persons && static_cast<int64_t>(batch.size()) < kBatch; ++done) {
        auto p = gen.Person();
        p.created_at = p.updated_at = "2026-11-22T00:00:00.000Z";
        p.created_by = p.updated_by = "bench";
        batch.push_back(std::move(p));
      }
      if (auto s = store.ImportPersons(batch); !s.ok()) {
        std::fprintf(stderr, "%s\n", s.error().message.c_str());
        return 1;
      }
      bar.Update(static_cast<size_t>(done));
    }
    bar.Finish();
  }
  {
    std::vector<domain::OffendingCompany> batch;
    for (int64_t i = 0; i < companies; ++i) {
      auto c = gen.Company();
      c.created_at = c.updated_at = "2026-11-22T00:00:00.000Z";
      c.created_by = c.updated_by = "bench";
      batch.push_back(std::move(c));
    }
    if (auto s = store.ImportCompanies(batch); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.error().message.c_str());
      return 1;
    }
  }
  {
    cli::Progress bar("seizures", static_cast<size_t>(seizures));
    for (int64_t done = 0; done < seizures;) {
      std::vector<domain::Seizure> batch;
      for (; done < seizures && static_cast<int64_t>(batch.size()) < kBatch; ++done) {
        auto s = gen.Seizure(persons, companies, kLastDay, kDays);
        s.created_at = s.updated_at = "2026-11-22T00:00:00.000Z";
        s.created_by = s.updated_by = "bench";
        batch.push_back(std::move(s));
      }
      if (auto s = store.ImportSeizures(batch); !s.ok()) {
        std::fprintf(stderr, "%s\n", s.error().message.c_str());
        return 1;
      }
      bar.Update(static_cast<size_t>(done));
    }
    bar.Finish();
  }
  std::printf("loaded %lld suspects, %lld companies, %lld seizures in %.0f s; %.2f GiB\n",
              static_cast<long long>(persons), static_cast<long long>(companies),
              static_cast<long long>(seizures),
              std::chrono::duration<double>(Clock::now() - t0).count(),
              static_cast<double>(fs::file_size(db)) / (1 << 30));
  return 0;
}

app::SearchPage Search(const app::ManageEnforcement& e, const app::Caller& caller,
                       const app::SearchRequest& q) {
  std::promise<domain::Result<app::SearchPage>> p;
  auto f = p.get_future();
  e.Search(caller, q, [&p](domain::Result<app::SearchPage> r) { p.set_value(std::move(r)); });
  auto r = f.get();
  if (!r.ok()) throw std::runtime_error(r.error().message);
  return std::move(r.value());
}

int Measure(const std::string& db, int n, uint64_t seed, bool export_rows) {
  cli::ContextOptions opts;
  opts.db_path = db;
  cli::Context ctx(opts);
  const auto& e = *ctx.enforcement;
  auto caller = app::Caller::System("bench");
  caller.principal.user_id = 1;  // audited as a user, as the API's callers are
  app::SampleEnforcement gen(seed);
  auto& rng = gen.rng();

  // Filtered full text: a word and one filter a searcher adds.
  std::vector<double> text_ms, store_ms;
  size_t text_hits = 0;
  for (int i = 0; i < n; ++i) {
    app::SearchRequest q;
    q.text = gen.SearchWord();
    q.limit = 50;
    switch (rng() % 5) {
      case 0:
        q.filter.category =
            std::vector<std::string>{"drugs", "tobacco", "wildlife", "ipr"}[rng() % 4];
        break;
      case 1:
        q.filter.from = "2026-08-24";  // the last 90 days
        q.filter.to = kLastDay;
        break;
      case 2:
        q.filter.route_country = std::vector<std::string>{"CN", "LA", "TH", "NG"}[rng() % 4];
        break;
      case 3:
        q.filter.office = std::vector<std::string>{"01B1", "02CI", "03CE", "15BB"}[rng() % 4];
        break;
      default:
        q.filter.transport_mode = std::vector<std::string>{"air", "sea", "road"}[rng() % 3];
    }
    auto t = Clock::now();
    auto page = Search(e, caller, q);
    text_ms.push_back(Ms(Clock::now() - t));
    text_hits += page.items.size();
    // The same search without its audit entry: what the index costs alone.
    app::SeizureSearch direct{domain::NameTokens(q.text), q.filter, q.limit + 1, 0};
    t = Clock::now();
    (void)ctx.db->enforcement().SearchSeizures(direct);
    store_ms.push_back(Ms(Clock::now() - t));
  }
  auto tp = Of(text_ms);
  std::printf(
      "filtered full-text search (%d): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms;"
      " %.1f hits a page\n",
      n, tp.p50, tp.p95, tp.p99, tp.max, static_cast<double>(text_hits) / n);
  auto sp = Of(store_ms);
  std::printf("  the same without the audit entry: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n", sp.p50,
              sp.p95, sp.p99);

  // Fuzzy names: a suspect's name as a searcher types it.
  auto persons = ctx.db->enforcement().ListNames("person", 0, 1);
  int64_t max_id = persons.ok() && !persons->empty() ? persons->front().id : 0;
  std::vector<double> name_ms;
  int found = 0, same_name = 0, asked = 0;
  for (int i = 0; i < n && max_id > 0; ++i) {
    int64_t id = 1 + static_cast<int64_t>(rng() % static_cast<uint64_t>(max_id));
    auto p = ctx.db->enforcement().GetPerson(id);
    if (!p.ok()) continue;
    app::SearchRequest q;
    q.type = "person";
    q.text = gen.Misspelled(p->names.front());
    q.limit = 20;
    auto t = Clock::now();
    auto page = Search(e, caller, q);
    name_ms.push_back(Ms(Clock::now() - t));
    ++asked;
    bool hit = false, alike = false;
    auto sought = domain::NameTokens(p->names.front());
    for (const auto& h : page.items) {
      hit = hit || (h.name && h.name->id == id);
      alike = alike || domain::NameTokens(h.matched) == sought;
    }
    found += hit;
    // Many people share a name: a page of namesakes, the person among them or not, is the
    // right answer to a name alone.
    same_name += hit || alike;
  }
  if (!name_ms.empty()) {
    auto np = Of(name_ms);
    std::printf(
        "fuzzy name search (%d): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms;"
        " the person sought on the first page (20) in %.1f%%, they or a namesake in %.1f%%\n",
        asked, np.p50, np.p95, np.p99, np.max, 100.0 * found / asked, 100.0 * same_name / asked);
  }

  if (export_rows) {
    std::string path = (fs::temp_directory_path() / "haiquan-export-bench.xlsx").string();
    app::SearchRequest q;
    q.filter.from = "2021-01-01";
    auto t = Clock::now();
    auto writer = http::ExportWriter::Open(http::ExportFormat::kXlsx, "seizure", path);
    if (!writer.ok()) return 1;
    auto s = e.Export(caller, q, [&](const app::SearchHit& h) {
      (*writer)->Add(h);
      return (*writer)->rows() < 100000;
    });
    if (!s.ok() || !(*writer)->Finish().ok()) return 1;
    std::printf("export of %lld seizures to .xlsx: %.2f s, %.1f MiB\n",
                static_cast<long long>((*writer)->rows()),
                std::chrono::duration<double>(Clock::now() - t).count(),
                static_cast<double>(fs::file_size(path)) / (1 << 20));
    fs::remove(path);
  }
  return 0;
}

}  // namespace
}  // namespace haiquan::bench

int main(int argc, char** argv) {
  CLI::App app{"Enforcement databases at national size: load, then measure search and export"};
  app.require_subcommand(1);
  std::string db;
  int64_t persons = 1'000'000, companies = 20'000, seizures = 1'000'000;
  uint64_t seed = 1;
  int n = 1000;
  bool no_export = false;
  auto* load = app.add_subcommand("load", "fill a fresh database with generated records");
  load->add_option("--db", db, "database file (must not exist)")->required();
  load->add_option("--persons", persons)->capture_default_str();
  load->add_option("--companies", companies)->capture_default_str();
  load->add_option("--seizures", seizures)->capture_default_str();
  load->add_option("--seed", seed)->capture_default_str();
  auto* measure = app.add_subcommand("measure", "time searches and an export");
  measure->add_option("--db", db, "a database made by load")->required();
  measure->add_option("--queries", n, "searches of each kind")->capture_default_str();
  measure->add_option("--seed", seed)->capture_default_str();
  measure->add_flag("--no-export", no_export, "skip the 100,000-row export");
  CLI11_PARSE(app, argc, argv);
  try {
    if (*load) return haiquan::bench::Load(db, persons, companies, seizures, seed);
    return haiquan::bench::Measure(db, n, seed + 1, !no_export);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
