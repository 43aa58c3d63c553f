#include <cstdio>
#include <set>

#include "cli/commands.h"
#include "cli/progress.h"
#include "domain/csv.h"
#include "domain/enterprise.h"

namespace haiquan::cli {
namespace {

constexpr size_t kBatch = 500;
constexpr size_t kFaultsShown = 20;

// One registry row per CSV record, by header name, so that columns may come in any order.
struct Columns {
  int tax_id = -1, name = -1, address = -1, registration_date = -1, status = -1, aeo = -1;
};

}  // namespace

void AddTraders(CLI::App& app, int& exit_code) {
  auto* traders = app.add_subcommand("traders", "The enterprise registry");
  traders->require_subcommand(1);
  auto* import = traders->add_subcommand(
      "import",
      "Register or update enterprises from a CSV file with a header row: taxId, name, address, "
      "registrationDate, status (active, suspended, dissolved, tax_debt), aeo (true/false). "
      "Nothing is written if any row is invalid.");
  auto opts = std::make_shared<ContextOptions>();
  auto file = std::make_shared<std::string>();
  import->add_option("FILE", *file, "CSV file (UTF-8)")->required()->check(CLI::ExistingFile);
  AddContextOptions(*import, *opts);
  import->callback([&exit_code, opts, file] {
    std::vector<domain::Enterprise> rows;
  std::vector<std::string> faults;
  Columns c;
  bool header = true;
  bool header_ok = false;
  size_t line = 0;
  std::set<std::string> seen;
  std::string csv_error;
  bool read = domain::ReadCsv(
      ReadFile(*file),
      [&](std::vector<std::string>& f) {
        ++line;
        if (header) {
          header = false;
          for (size_t i = 0; i < f.size(); ++i) {
            int* slot = f[i] == "taxId"              ? &c.tax_id
                        : f[i] == "name"             ? &c.name
                        : f[i] == "address"          ? &c.address
                        : f[i] == "registrationDate" ? &c.registration_date
                        : f[i] == "status"           ? &c.status
                        : f[i] == "aeo"              ? &c.aeo
                                                     : nullptr;
            if (slot) *slot = static_cast<int>(i);
          }
          for (auto [col, name] : {std::pair{c.tax_id, "taxId"},
                                   {c.name, "name"},
                                   {c.address, "address"},
                                   {c.registration_date, "registrationDate"},
                                   {c.status, "status"}}) {
            if (col < 0) faults.push_back("header: no column " + std::string(name));
          }
          header_ok = faults.empty();
          return;
        }
        if (!header_ok) return;  // without the columns the rows cannot be read
        auto at = [&](int col) {
          return col >= 0 && col < static_cast<int>(f.size()) ? f[col] : "";
        };
        domain::Enterprise e;
        e.tax_id = at(c.tax_id);
        e.name = at(c.name);
        e.address = at(c.address);
        e.registration_date = at(c.registration_date);
        std::string where = *file + ":" + std::to_string(line) + ": ";
        if (auto s = domain::ParseEnterpriseStatus(at(c.status))) {
          e.status = *s;
        } else {
          faults.push_back(where + "/status must be active, suspended, dissolved or tax_debt");
        }
        std::string aeo = at(c.aeo);
        if (aeo == "true" || aeo == "1") {
          e.aeo = true;
        } else if (!aeo.empty() && aeo != "false" && aeo != "0") {
          faults.push_back(where + "/aeo must be true or false");
        }
        for (const auto& f : domain::Validate(e))
          faults.push_back(where + f.pointer + " " + f.message);
        if (!seen.insert(e.tax_id).second) faults.push_back(where + "/taxId appears twice");
        rows.push_back(std::move(e));
      },
      &csv_error);
  if (!read) faults.push_back(*file + ": " + csv_error);
  if (!faults.empty()) {
    for (size_t i = 0; i < faults.size() && i < kFaultsShown; ++i) {
      std::fprintf(stderr, "%s\n", faults[i].c_str());
    }
    if (faults.size() > kFaultsShown) {
      std::fprintf(stderr, "... and %zu more\n", faults.size() - kFaultsShown);
    }
    std::fprintf(stderr, "nothing imported: fix the rows above\n");
    exit_code = 1;
    return;
  }
  Context ctx(*opts);
  Progress progress("traders import", rows.size());
  app::ManageTraders::ImportResult total;
  for (size_t from = 0; from < rows.size(); from += kBatch) {
    std::vector<domain::Enterprise> batch(
        rows.begin() + static_cast<std::ptrdiff_t>(from),
        rows.begin() + static_cast<std::ptrdiff_t>(std::min(rows.size(), from + kBatch)));
    auto done = ctx.traders->Import(CliCaller(), std::move(batch));
    if (!done.ok()) {
      std::fprintf(stderr, "\nerror: %s (rows before line %zu are imported)\n",
                   done.error().message.c_str(), from + 2);
      exit_code = 2;
      return;
    }
    total.created += done->created;
    total.updated += done->updated;
    progress.Update(std::min(rows.size(), from + kBatch));
  }
  progress.Finish();
  std::printf("%zu registered, %zu updated\n", total.created, total.updated);
  exit_code = 0;
});
}  // namespace haiquan::cli

}  // namespace haiquan::cli
