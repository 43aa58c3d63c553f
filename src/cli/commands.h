#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace haiquan::cli {

// Each subcommand adds itself to the app; its callback sets `exit_code`.
void AddServe(CLI::App& app, int& exit_code);
void AddSubmit(CLI::App& app, int& exit_code);
void AddDemo(CLI::App& app, int& exit_code);
void AddVersion(CLI::App& app, int& exit_code);
void AddUser(CLI::App& app, int& exit_code);
void AddApiKey(CLI::App& app, int& exit_code);
void AddAudit(CLI::App& app, int& exit_code);
void AddTraders(CLI::App& app, int& exit_code);
void AddRisk(CLI::App& app, int& exit_code);
void AddExport(CLI::App& app, int& exit_code);

// Options every command that opens the store shares.
void AddContextOptions(CLI::App& cmd, ContextOptions& options);

// Parses the command line and runs the chosen subcommand; the process exit code.
int Run(int argc, char** argv);

}  // namespace haiquan::cli
