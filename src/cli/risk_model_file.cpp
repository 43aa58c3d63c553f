#include "cli/risk_model_file.h"

#include <fstream>
#include <sstream>

namespace haiquan::cli {

namespace json = boost::json;

domain::Status WriteRiskModelFile(const std::string& path, const RiskModelFile& file) {
  json::array names, history;
  for (const auto& n : file.feature_names) names.push_back(json::value(n));
  for (const auto& h : file.history_csv) history.push_back(json::value(h));
  json::object doc{{"format", RiskModelFile::kFormat},
                   {"features", std::move(names)},
                   {"training", file.summary},
                   {"history", std::move(history)},
                   {"model", file.model_json}};
  // Written beside, then renamed: a reader never sees half a model.
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << json::serialize(doc);
    out.flush();
    if (!out) return domain::Error::Unavailable("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return domain::Error::Unavailable("cannot rename " + tmp + " to " + path);
  }
  return domain::Ok();
}

domain::Result<RiskModelFile> ReadRiskModelFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return domain::Error::NotFound("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return ParseRiskModelFile(text.str(), path);
}

domain::Result<RiskModelFile> ParseRiskModelFile(std::string_view text, const std::string& origin) {
  json::error_code ec;
  auto doc = json::parse(text, ec);
  auto bad = [&](const std::string& why) {
    return domain::Error::Malformed(origin + " is not a Haiquan risk model: " + why);
  };
  if (ec || !doc.is_object()) return bad("not a JSON object");
  const auto& o = doc.as_object();
  auto format = o.if_contains("format");
  if (!format || !format->is_string() || format->as_string() != RiskModelFile::kFormat) {
    return bad(std::string("format is not ") + RiskModelFile::kFormat);
  }
  RiskModelFile file;
  auto features = o.if_contains("features");
  auto history = o.if_contains("history");
  auto model = o.if_contains("model");
  auto training = o.if_contains("training");
  if (!features || !features->is_array() || !history || !history->is_array() || !model ||
      !model->is_string() || !training || !training->is_object()) {
    return bad("features, history, model or training missing");
  }
  for (const auto& n : features->as_array()) {
    if (!n.is_string()) return bad("a feature name is not a string");
    file.feature_names.emplace_back(n.as_string());
  }
  for (const auto& h : history->as_array()) {
    if (!h.is_string()) return bad("a history file is not a string");
    file.history_csv.emplace_back(h.as_string());
  }
  file.model_json = std::string(model->as_string());
  file.summary = training->as_object();
  return file;
}

}  // namespace haiquan::cli
