// N5: `haiquan export`, for searches too large to download through the API in one go.
#include <cstdio>

#include "cli/commands.h"
#include "cli/progress.h"
#include "domain/date.h"
#include "http/search_export.h"

namespace haiquan::cli {

void AddExport(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "export",
      "Export the results of an enforcement search (seizures, suspects or companies) to an "
      "Excel workbook, CSV or JSON file, with the same words and filters as /api/v1/search");
  auto opts = std::make_shared<ContextOptions>();
  auto q = std::make_shared<app::SearchRequest>();
  auto format = std::make_shared<std::string>("xlsx");
  auto out = std::make_shared<std::string>();
  cmd->add_option("--type", q->type, "seizure, person or company")
      ->check(CLI::IsMember({"seizure", "person", "company"}))
      ->capture_default_str();
  cmd->add_option("-q,--query", q->text, "words; names match without marks and with typos");
  auto& f = q->filter;
  cmd->add_option("--from", f.from, "first day (YYYY-MM-DD)");
  cmd->add_option("--to", f.to, "last day (YYYY-MM-DD)");
  cmd->add_option("--office", f.office, "customs office code");
  cmd->add_option("--category", f.category, "enforcement category (drugs, tobacco, ...)");
  cmd->add_option("--hs", f.hs_prefix, "HS code prefix");
  cmd->add_option("--concealment", f.concealment, "concealment method");
  cmd->add_option("--transport", f.transport_mode, "transport mode");
  cmd->add_option("--country", f.route_country, "departure, route or destination country");
  cmd->add_option("--detection-method", f.detection_method, "detection method");
  cmd->add_option("--format", *format, "xlsx, csv or json")
      ->check(CLI::IsMember({"xlsx", "csv", "json"}))
      ->capture_default_str();
  cmd->add_option("-o,--out", *out, "file to write")->required();
  AddContextOptions(*cmd, *opts);
  cmd->callback([&exit_code, opts, q, format, out] {
    for (const std::string* day : {&q->filter.from, &q->filter.to}) {
      if (!day->empty() && !domain::ParseDate(*day)) {
        std::fprintf(stderr, "export: %s is not a date (YYYY-MM-DD)\n", day->c_str());
        exit_code = 2;
        return;
      }
    }
    Context ctx(*opts);
    auto caller = CliCaller();
    // How many rows are coming, for the progress bar.
    size_t total = 0;
    if (q->type == "seizure") {
      auto stats = ctx.enforcement->Stats(caller, q->text, q->filter);
      if (!stats.ok()) {
        std::fprintf(stderr, "%s\n", stats.error().message.c_str());
        exit_code = 1;
        return;
      }
      total = static_cast<size_t>(
          std::min<int64_t>(stats->seizures, app::ManageEnforcement::kMaxExport));
    }
    auto writer = http::ExportWriter::Open(*http::ParseExportFormat(*format), q->type, *out);
    if (!writer.ok()) {
      std::fprintf(stderr, "%s\n", writer.error().message.c_str());
      exit_code = 1;
      return;
    }
    Progress bar("export", total);
    auto done = ctx.enforcement->Export(caller, *q, [&](const app::SearchHit& hit) {
      (*writer)->Add(hit);
      if (total) bar.Update(static_cast<size_t>((*writer)->rows()));
      return true;
    });
    if (done.ok()) done = (*writer)->Finish();
    if (!done.ok()) {
      std::fprintf(stderr, "%s\n", done.error().message.c_str());
      exit_code = 1;
      return;
    }
    if (total) bar.Finish();
    std::printf("%lld %ss written to %s\n", static_cast<long long>((*writer)->rows()),
                q->type.c_str(), out->c_str());
    exit_code = 0;
  });
}

}  // namespace haiquan::cli
