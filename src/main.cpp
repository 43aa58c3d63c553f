// Composition only: the command line builds the application (src/cli/context.cpp).
#include <spdlog/spdlog.h>

#include <exception>

#include "cli/commands.h"

int main(int argc, char** argv) {
  try {
    return haiquan::cli::Run(argc, argv);
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
}
