// `haiquan risk register` and `haiquan risk list`: models enter the registry from the command
// line (a model file is megabytes, too large for an API body); analysts activate them over the
// API (PUT /api/v1/risk/activation).
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "cli/risk_commands.h"

namespace haiquan::cli {
namespace {

namespace json = boost::json;

int Register(const ContextOptions& options, const std::string& path, const std::string& description,
             const std::vector<std::string>& data) {
  std::string content;
  try {
    content = ReadFile(path);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  auto file = ParseRiskModelFile(content, path);
  if (!file.ok()) {
    std::fprintf(stderr, "%s\n", file.error().message.c_str());
    return 1;
  }
  app::ModelRecord record;
  record.description =
      description.empty() ? std::filesystem::path(path).filename().string() : description;
  record.summary_json = json::serialize(file->summary);
  if (!data.empty()) {
    auto report = EvaluateModel(*file, path, data);
    if (!report.ok()) {
      std::fprintf(stderr, "%s\n", report.error().message.c_str());
      return 1;
    }
    // `risk evaluate`'s object as it prints it, with the files it was measured on.
    json::array files;
    for (const auto& p : data) files.emplace_back(std::filesystem::path(p).filename().string());
    std::string figures = Report(*report);
    figures.pop_back();
    record.evaluation_json = figures + ", \"files\": " + json::serialize(files) + "}";
  }
  Context ctx(options);
  auto stored = ctx.models->Register(std::move(record), std::move(content), CliCaller());
  if (!stored.ok()) {
    std::fprintf(stderr, "%s\n", stored.error().message.c_str());
    return 1;
  }
  std::printf("registered %s as risk model version %lld (sha256 %s)\n", path.c_str(),
              static_cast<long long>(stored->version), stored->sha256.c_str());
  if (!data.empty()) std::printf("evaluation: %s\n", stored->evaluation_json.c_str());
  return 0;
}

int List(const ContextOptions& options) {
  Context ctx(options);
  auto models = ctx.models->List();
  auto active = ctx.models->Active();
  if (!models.ok() || !active.ok()) {
    std::fprintf(stderr, "%s\n", (!models.ok() ? models.error() : active.error()).message.c_str());
    return 1;
  }
  int64_t in_force = *active ? (*active)->version.value_or(0) : 0;
  std::printf("%-8s %-24s %-20s %-10s %s\n", "version", "registered", "by", "active",
              "description");
  for (const auto& m : *models) {
    std::printf("%-8lld %-24s %-20s %-10s %s\n", static_cast<long long>(m.version),
                m.registered_at.c_str(), m.registered_by.c_str(),
                m.version == in_force ? "yes" : "", m.description.c_str());
    std::printf("         training %s\n         evaluation %s\n", m.summary_json.c_str(),
                m.evaluation_json.c_str());
  }
  if (*active && (*active)->version) {
    const auto& b = (*active)->budget;
    std::printf(
        "in force: version %lld since %s (by %s), budget red %.3g yellow %.3g, "
        "exploring %.3g of red\n",
        static_cast<long long>(*(*active)->version), (*active)->at.c_str(), (*active)->by.c_str(),
        b.red, b.yellow, b.explore);
  } else {
    std::printf("in force: none (the rules alone decide)\n");
  }
  return 0;
}

}  // namespace

void AddRiskRegistry(CLI::App& risk, int& exit_code) {
  auto* reg = risk.add_subcommand(
      "register",
      "Store a model file in the database's registry, with its evaluation on held-out files");
  auto opts = std::make_shared<ContextOptions>();
  auto model = std::make_shared<std::string>();
  auto description = std::make_shared<std::string>();
  auto data = std::make_shared<std::vector<std::string>>();
  reg->add_option("--model", *model, "model file from `risk train`")
      ->required()
      ->check(CLI::ExistingFile);
  reg->add_option("--description", *description, "what it is (default: the file's name)");
  reg->add_option("--evaluate", *data,
                  "labelled CSV file later than the training data, to evaluate on; repeatable")
      ->check(CLI::ExistingFile);
  AddContextOptions(*reg, *opts);
  reg->callback([&exit_code, opts, model, description, data] {
    exit_code = Register(*opts, *model, *description, *data);
  });

  auto* list = risk.add_subcommand("list", "List the registered models and the one in force");
  auto list_opts = std::make_shared<ContextOptions>();
  AddContextOptions(*list, *list_opts);
  list->callback([&exit_code, list_opts] { exit_code = List(*list_opts); });
}

}  // namespace haiquan::cli
