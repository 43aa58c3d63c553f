#include <boost/json.hpp>
#include <cstdio>
#include <future>

#include "cli/commands.h"
#include "http/declaration_json.h"
#include "http/json_writer.h"
#include "http/problem.h"

namespace haiquan::cli {

void AddSubmit(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("submit", "File one declaration (JSON) and print the decision");
  auto opts = std::make_shared<ContextOptions>();
  auto file = std::make_shared<std::string>();
  cmd->add_option("FILE", *file, "declaration in the Open API's JSON shape")
      ->required()
      ->check(CLI::ExistingFile);
  AddContextOptions(*cmd, *opts);
  cmd->callback([&exit_code, opts, file] {
    opts->load_model = true;
    Context ctx(*opts);
    auto print_problem = [&](const domain::Error& e) {
      std::printf("%s\n", http::Problem(e, *file).body.c_str());
      exit_code = 1;
    };
    auto filing = http::ParseFiling(ReadFile(*file));
    if (!filing.ok()) return print_problem(filing.error());
    std::promise<domain::Result<app::FilingOutcome>> promise;
    ctx.file->Execute(
        CliCaller(), std::move(filing->declaration),
        [&](domain::Result<app::FilingOutcome> r) { promise.set_value(std::move(r)); },
        std::move(filing->value_faults));
    auto outcome = promise.get_future().get();
    if (!outcome.ok()) return print_problem(outcome.error());
    std::printf("%s\n", http::ToJson(http::WriteFilingAnswer(outcome->record)).c_str());
    exit_code = 0;
  });
}

void AddVersion(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("version", "Print the version");
  cmd->callback([&exit_code] {
    std::printf("haiquan 0.1.0\n");
    exit_code = 0;
  });
}

}  // namespace haiquan::cli
