#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <random>

#include "app/crypto.h"
#include "app/sample_declarations.h"
#include "app/sample_enforcement.h"
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
  app::FileDeclaration file(ctx.reference, *ctx.engine, ctx.db->declarations(), past, nullptr,
                            &ctx.trader_directory, &ctx.db->profiles());
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
    // One at a time: each filing's anomaly checks read the profile its predecessors built.
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return answered == static_cast<size_t>(i + 1); });
    }
    (void)ctx.db->profile_folder().Sync();
    progress.Update(static_cast<size_t>(i));
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

// The demo investigation's messages, each sent as its demo user (made before), so that the
// trail names who wrote it.
bool LoadConversation(Context& ctx, int64_t investigation) {
  std::vector<int64_t> sent;
  for (const auto& c : app::SampleEnforcement::CaseConversation()) {
    auto user = ctx.db->identity().FindUser(c.author);
    if (!user.ok()) return false;
    app::Caller as{{user->id, user->name, user->role, ""}, "local"};
    domain::InvestigationMessage m;
    m.investigation_id = investigation;
    m.body = c.body;
    if (c.reply_to >= 0) m.reply_to = sent.at(c.reply_to);
    auto posted = ctx.messages->Post(as, m);
    if (!posted.ok()) return false;
    sent.push_back(posted->id);
  }
  return true;
}

// N1-N3 demo records: suspects, companies and two years of seizures linked to them, a few
// suspicion reports and one investigation the demo investigator leads.
void LoadEnforcementDemo(Context& ctx, uint64_t seed) {
  app::SampleEnforcement gen(seed);
  auto& store = ctx.db->enforcement();
  std::string now = app::FormatTimestamp(ctx.clock.Now());
  std::string today = now.substr(0, 10);
  constexpr int kPersons = 400, kCompanies = 40, kSeizures = 600;
  std::vector<domain::SuspectPerson> persons;
  for (int i = 0; i < kPersons; ++i) {
    auto p = gen.Person();
    p.created_at = p.updated_at = now;
    p.created_by = p.updated_by = "demo";
    persons.push_back(std::move(p));
  }
  auto caller = CliCaller();
  bool ok = store.ImportPersons(persons).ok();
  for (int i = 0; ok && i < kCompanies; ++i) {
    ok = ctx.enforcement->CreateCompany(caller, gen.Company()).ok();
  }
  std::vector<domain::Seizure> seizures;
  for (int i = 0; ok && i < kSeizures; ++i) {
    auto z = gen.Seizure(kPersons, kCompanies, today, 730);
    z.created_at = z.updated_at = now;
    z.created_by = z.updated_by = "demo";
    seizures.push_back(std::move(z));
  }
  ok = ok && store.ImportSeizures(seizures).ok();
  domain::Suspicion tip;
  tip.received_on = today;
  tip.source = "partner_administration";
  tip.category = "drugs";
  tip.summary = "Đường dây vận chuyển ma túy qua Lào Cai / courier network through Lao Cai";
  tip.links = {{"person", 1, ""}, {"seizure", 1, ""}};
  auto created = ok ? ctx.cases->CreateSuspicion(caller, tip)
                    : domain::Result<domain::Suspicion>(domain::Error::Unavailable("demo"));
  if (created.ok()) {
    domain::Investigation inv;
    inv.title = "Chuyên án Rồng Vàng (Operation Golden Dragon)";
    inv.lead = "demo.investigator";
    inv.supervisor = "demo.supervisor";
    inv.members = {"demo.investigator"};
    inv.opened_from = domain::RecordRef{"suspicion", created->id, ""};
    inv.links = {{"person", 1, ""}, {"seizure", 1, ""}};
    auto opened = ctx.cases->Open(caller, inv);
    ok = opened.ok() && LoadConversation(ctx, opened->id);
  }
  std::fprintf(stderr, "demo: %d suspects, %d companies, %d seizures%s\n", kPersons, kCompanies,
               kSeizures, ok && created.ok() ? ", 1 investigation with messages" : " (incomplete)");
}

// One user per role with a random password, so that the console and the API can be tried at
// once; the passwords are printed and kept beside the database (mode 0600), never in the repo.
void CreateDemoUsers(Context& ctx, const std::string& db_path) {
  auto existing = ctx.identity->ListUsers();
  if (!existing.ok() || !existing->empty()) return;
  auto first = ctx.query->GetInternal(1);
  std::string trader = first.ok() && first->declaration.importer
                           ? first->declaration.importer->tax_id
                           : "0101234567";
  struct Demo {
    const char* name;
    domain::Role role;
  };
  const Demo kDemo[] = {{"officer", domain::Role::kOfficer},
                        {"analyst", domain::Role::kAnalyst},
                        {"investigator", domain::Role::kInvestigator},
                        {"supervisor", domain::Role::kSupervisor},
                        {"manager", domain::Role::kManager},
                        {"admin", domain::Role::kAdministrator},
                        {"trader", domain::Role::kTrader},
                        {"api", domain::Role::kApiClient}};
  std::string listing;
  for (const auto& d : kDemo) {
    app::NewUser u;
    u.name = std::string("demo.") + d.name;
    u.role = d.role;
    if (d.role == domain::Role::kTrader || d.role == domain::Role::kApiClient) {
      u.trader_tax_id = trader;
    }
    std::string password = app::RandomToken("", 12);
    if (d.role != domain::Role::kApiClient) u.password = password;
    auto issued = ctx.identity->CreateUser(app::Caller::System("demo"), u);
    if (!issued.ok()) {
      std::fprintf(stderr, "demo: cannot create %s: %s\n", u.name.c_str(),
                   issued.error().message.c_str());
      continue;
    }
    char line[512];
    std::snprintf(
        line, sizeof line, "  %-18s %-14s %-18s %s\n", u.name.c_str(),
        std::string(domain::ToString(d.role)).c_str(),
        d.role == domain::Role::kApiClient ? "(API key)" : password.c_str(),
        d.role == domain::Role::kApiClient ? issued->token.c_str() : u.trader_tax_id.c_str());
    listing += line;
  }
  std::string file = db_path + ".demo-users";
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd >= 0) {
    std::string text = "demo users (name, role, password, trader tax id or API key)\n" + listing;
    (void)!::write(fd, text.data(), text.size());
    ::close(fd);
  }
  std::printf("Demo users (also in %s); sign in at POST /api/v1/auth/login:\n%s", file.c_str(),
              listing.c_str());
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
      std::fprintf(stderr,
                   "demo: %s already has %lld declarations; nothing loaded (demo users and "
                   "passwords: %s.demo-users)\n",
                   opts->db_path.c_str(), static_cast<long long>(*existing), opts->db_path.c_str());
      exit_code = 0;
      return;
    }
    LoadDemo(ctx, *count, *seed);
    CreateDemoUsers(ctx, opts->db_path);
    LoadEnforcementDemo(ctx, *seed);
    exit_code = 0;
  });
}

}  // namespace haiquan::cli
