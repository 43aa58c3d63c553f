#include "cli/model_loader.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <queue>

#include "app/crypto.h"
#include "cli/risk_model_file.h"
#include "domain/date.h"

namespace haiquan::cli {

app::ModelLoader MakeModelLoader(app::ModelStore& store, std::string secret) {
  return [&store, secret = std::move(secret)](int64_t version, const std::string& content,
                                              const risk::SelectionBudget& budget)
             -> domain::Result<std::shared_ptr<risk::LiveModel>> {
    auto started = std::chrono::steady_clock::now();
    std::string origin = version ? "risk model version " + std::to_string(version) : "the file";
    // A stored file that cannot be used is a fault of the version asked for, not of the request.
    auto unusable = [&](const std::string& why) {
      return domain::Error::Invalid(why, {{"/version", "unusable_model", why}});
    };
    auto file = ParseRiskModelFile(content, origin);
    if (!file.ok()) return unusable(file.error().message);
    if (file->feature_names != risk::FeatureBuilder::Names()) {
      return unusable(origin + " was trained on other features than this version computes");
    }
    std::vector<risk::KcsItem> history;
    for (const auto& text : file->history_csv) {
      auto parsed = risk::ParseKcsCsv(text);
      if (!parsed.ok()) return unusable(origin + ": " + parsed.error().message);
      history.insert(history.end(), parsed->begin(), parsed->end());
    }
    std::string key = app::KeyedHash(secret, "risk model exploration " + std::to_string(version));
    uint64_t seed = 0;
    for (size_t i = 0; i < 8 && i < key.size(); ++i) {
      seed = seed << 8 | static_cast<unsigned char>(key[i]);
    }
    auto live = risk::LiveModel::Create(version, file->model_json, history, budget, seed);
    if (!live.ok()) return unusable(origin + ": " + live.error().message);
    if (version == 0) return std::shared_ptr<risk::LiveModel>(std::move(*live));
    // The system's own declarations after the training history, in filing order; each finding is
    // learnt once the replay passes the day it was recorded, as it was live.
    struct Finding {
      std::chrono::sys_days known;
      domain::Declaration declaration;
      std::chrono::sys_days filed;
      bool fraud;
    };
    auto later = [](const Finding& a, const Finding& b) { return a.known > b.known; };
    std::priority_queue<Finding, std::vector<Finding>, decltype(later)> pending(later);
    auto learn_until = [&](std::chrono::sys_days day) {
      while (!pending.empty() && pending.top().known < day) {
        (*live)->LearnFinding(pending.top().declaration, pending.top().filed, pending.top().fraud);
        pending.pop();
      }
    };
    size_t replayed = 0, findings = 0;
    // A model trained on this database carries its declarations up to the last it learnt.
    int64_t through = 0;
    if (auto t = file->summary.if_contains("throughDeclaration"); t && t->is_int64()) {
      through = t->as_int64();
    }
    auto scanned = store.ScanFilings(through, [&](app::FiledForModel&& f) {
      auto day = domain::ParseDate(std::string_view(f.filed_at).substr(0, 10));
      if (!day) return;
      learn_until(*day);
      (*live)->Replay(f.declaration, *day);
      ++replayed;
      if (f.finding >= 0) {
        auto found = domain::ParseDate(std::string_view(f.found_at).substr(0, 10));
        pending.push({found ? std::max(*found, *day) : *day, std::move(f.declaration), *day,
                      f.finding == 1});
        ++findings;
      }
    });
    if (!scanned.ok()) return scanned.error();
    // Findings on the declarations the file carries, recorded after it was trained.
    int64_t after_inspection = 0;
    if (auto t = file->summary.if_contains("throughInspection"); t && t->is_int64()) {
      after_inspection = t->as_int64();
    }
    if (through > 0) {
      auto later = store.ScanLaterFindings(after_inspection, through, [&](app::FiledForModel&& f) {
        auto day = domain::ParseDate(std::string_view(f.filed_at).substr(0, 10));
        if (!day || f.finding < 0) return;
        pending.push({*day, std::move(f.declaration), *day, f.finding == 1});
        ++findings;
      });
      if (!later.ok()) return later.error();
    }
    learn_until(std::chrono::sys_days::max());
    (*live)->Calibrate();
    auto t = (*live)->thresholds();
    spdlog::info(
        "risk model v{}: {} history items, {} declarations and {} findings replayed in {:.1f} s; "
        "thresholds red {:.3f}, yellow {:.3f} over {} recent scores",
        version, history.size(), replayed, findings,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), t.red,
        t.yellow, t.scores);
    return std::shared_ptr<risk::LiveModel>(std::move(*live));
  };
}

}  // namespace haiquan::cli
