#include "http/model_json.h"

#include <cmath>

namespace haiquan::http {
namespace {

// The record keeps the summaries as JSON text written by Haiquan itself; anything unreadable
// shows as null rather than failing the listing.
json::value Embedded(const std::string& text) {
  json::error_code ec;
  auto v = json::parse(text, ec);
  return ec ? json::value() : v;
}

}  // namespace

json::object WriteModel(const app::ModelRecord& m, bool active) {
  return {{"version", m.version},
          {"description", m.description},
          {"registeredAt", m.registered_at},
          {"registeredBy", m.registered_by},
          {"training", Embedded(m.summary_json)},
          {"evaluation", Embedded(m.evaluation_json)},
          {"sizeBytes", m.size_bytes},
          {"sha256", m.sha256},
          {"active", active}};
}

json::object WriteActivation(const app::ModelActivation& a,
                             const std::optional<risk::LiveModel::Thresholds>& live, bool current) {
  json::object o{{"version", a.version ? json::value(*a.version) : json::value()},
                 {"redBudget", a.budget.red},
                 {"yellowBudget", a.budget.yellow},
                 {"exploreShare", a.budget.explore},
                 {"calibrationWindow", a.budget.window},
                 {"activatedAt", a.at.empty() ? json::value() : json::value(a.at)},
                 {"activatedBy", a.by.empty() ? json::value() : json::value(a.by)}};
  // Whether the model in force is deciding now: it may have failed to load at start, and then
  // the rules decide alone (the log says why).
  if (current) o["atWork"] = live.has_value();
  if (live) {
    auto finite = [](float v) { return std::isfinite(v) ? json::value(v) : json::value(); };
    o["thresholds"] = json::object{{"red", finite(live->red)},
                                   {"explore", finite(live->uncertain)},
                                   {"yellow", finite(live->yellow)},
                                   {"recentScores", live->scores}};
  }
  return o;
}

ActivationRequest ReadActivationRequest(const json::value& v, JsonReader& r) {
  ActivationRequest out;
  const json::object* o = r.Object(v, "");
  if (!o) return out;
  r.NoOthers(*o, {"version", "redBudget", "yellowBudget", "exploreShare"}, "");
  // Member() reads null as absent; here null is a value: "no model".
  const json::value* version = o->if_contains("version");
  if (!version) {
    r.Value("/version", "required", "is required: a registered model's version, or null for none");
  } else if (!version->is_null()) {
    if (auto n = version->if_int64(); n && *n > 0) {
      out.version = *n;
    } else if (auto u = version->if_uint64(); u && *u > 0 && *u < (1ull << 62)) {
      out.version = static_cast<int64_t>(*u);
    } else if (version->is_number()) {
      r.Value("/version", "out_of_range", "must be a registered version (1 or more) or null");
    } else {
      r.Shape("/version", "wrong_type", "must be a positive integer or null");
    }
  }
  auto share = [&](std::string_view key, double& field) {
    if (!JsonReader::Member(*o, key)) return;
    std::string ptr = "/" + std::string(key);
    r.Number(*o, key, ptr, field);
    if (!(field >= 0 && field <= 1)) r.Value(ptr, "out_of_range", "must be between 0 and 1");
  };
  share("redBudget", out.budget.red);
  share("yellowBudget", out.budget.yellow);
  share("exploreShare", out.budget.explore);
  if (r.ok() && out.budget.red + out.budget.yellow > 1) {
    r.Value("/yellowBudget", "out_of_range", "red and yellow budgets together exceed 1");
  }
  return out;
}

}  // namespace haiquan::http
