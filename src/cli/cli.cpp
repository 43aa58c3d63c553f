#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"

namespace haiquan::cli {

void AddContextOptions(CLI::App& cmd, ContextOptions& o) {
  cmd.add_option("--db", o.db_path, "SQLite database file (created if missing)")
      ->capture_default_str();
  cmd.add_option("--rules", o.rules_file,
                 "JSON file of risk rules stored at first start (default: built-in rules)");
  cmd.add_option("--random-red", o.selection.random_red_rate,
                 "share of declarations sent to red at random")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd.add_option("--random-yellow", o.selection.random_yellow_rate,
                 "share of declarations sent to yellow at random")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd.add_option("--seed", o.selection.seed, "seed of the random selection (reproducible)");
  cmd.add_option("--pepper-file", o.pepper_file,
                 "file with the 32-byte pepper in hex (default: DB.pepper, created if missing;"
                 " or the hex value in $HAIQUAN_PEPPER)")
      ->envname("HAIQUAN_PEPPER_FILE");
  cmd.add_option("--signing-key", o.signing_key_file,
                 "file with the audit signing key's 32-byte seed in hex (default: DB.signing-key,"
                 " created if missing; or the hex value in $HAIQUAN_SIGNING_KEY)")
      ->envname("HAIQUAN_SIGNING_KEY_FILE");
  cmd.add_option("--session-hours", o.session_hours, "how long a sign-in lasts")
      ->check(CLI::Range(1, 24 * 30))
      ->capture_default_str();
  cmd.add_option("--audit-checkpoint-seconds", o.audit_checkpoint_seconds,
                 "how often the head of the audit chain is signed")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
}

int Run(int argc, char** argv) {
  // Logs go to stderr: stdout carries what commands print (the decision, the server's URL).
  spdlog::set_default_logger(spdlog::stderr_color_mt("haiquan"));
  CLI::App app{"Haiquan: smart customs. Files declarations, decides lanes, serves the Open API."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("haiquan ") + "0.1.0");
  int exit_code = 0;
  AddServe(app, exit_code);
  AddSubmit(app, exit_code);
  AddDemo(app, exit_code);
  AddVersion(app, exit_code);
  AddUser(app, exit_code);
  AddApiKey(app, exit_code);
  AddAudit(app, exit_code);
  AddTraders(app, exit_code);
  AddRisk(app, exit_code);
  AddExport(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
  return exit_code;
}

}  // namespace haiquan::cli
