#include "cli/model_loader.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "cli/risk_model_file.h"
#include "domain/date.h"

namespace haiquan::cli {

app::ModelLoader MakeModelLoader(app::ModelStore& store) {
  return [&store](int64_t version, const std::string& content, const risk::SelectionBudget& budget)
             -> domain::Result<std::shared_ptr<risk::LiveModel>> {
    auto started = std::chrono::steady_clock::now();
    std::string origin = version ? "risk model version " + std::to_string(version) : "the file";
    auto file = ParseRiskModelFile(content, origin);
    if (!file.ok()) return file.error();
    if (file->feature_names != risk::FeatureBuilder::Names()) {
      return domain::Error::Invalid(origin +
                                    " was trained on other features than this version computes");
    }
    std::vector<risk::KcsItem> history;
    for (const auto& text : file->history_csv) {
      auto parsed = risk::ParseKcsCsv(text);
      if (!parsed.ok()) return domain::Error::Invalid(origin + ": " + parsed.error().message);
      history.insert(history.end(), parsed->begin(), parsed->end());
    }
    auto live = risk::LiveModel::Create(version, file->model_json, history, budget);
    if (!live.ok()) return domain::Error::Invalid(origin + ": " + live.error().message);
    if (version == 0) return std::shared_ptr<risk::LiveModel>(std::move(*live));
    // The system's own declarations after the training history, findings once all are filed:
    // they are known now, and the replayed scores only calibrate the lanes.
    std::vector<std::pair<domain::Declaration, std::chrono::sys_days>> found;
    std::vector<int> findings;
    size_t replayed = 0;
    // A model trained on this database carries its declarations up to the last it learnt.
    int64_t through = 0;
    if (auto t = file->summary.if_contains("throughDeclaration"); t && t->is_int64()) {
      through = t->as_int64();
    }
    auto scanned = store.ScanFilings(through, [&](app::FiledForModel&& f) {
      auto day = domain::ParseDate(std::string_view(f.filed_at).substr(0, 10));
      if (!day) return;
      (*live)->Replay(f.declaration, *day);
      ++replayed;
      if (f.finding >= 0) {
        findings.push_back(f.finding);
        found.emplace_back(std::move(f.declaration), *day);
      }
    });
    if (!scanned.ok()) return scanned.error();
    for (size_t i = 0; i < found.size(); ++i) {
      (*live)->LearnFinding(found[i].first, found[i].second, findings[i] == 1);
    }
    auto t = (*live)->thresholds();
    spdlog::info(
        "risk model v{}: {} history items, {} declarations and {} findings replayed in {:.1f} s; "
        "thresholds red {:.3f}, yellow {:.3f} over {} recent scores",
        version, history.size(), replayed, found.size(),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), t.red,
        t.yellow, t.scores);
    return std::shared_ptr<risk::LiveModel>(std::move(*live));
  };
}

}  // namespace haiquan::cli
