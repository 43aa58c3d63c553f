#include "http/console.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "http/problem.h"

namespace haiquan::http {
namespace {

struct StaticFile {
  std::string body;
  std::string_view content_type;
};

struct Bundle {
  std::string root;
  std::optional<StaticFile> index;
  std::map<std::string, StaticFile, std::less<>> assets;  // by file name, no folders
};

std::optional<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::shared_ptr<const Bundle> Load(const std::string& web_root) {
  auto bundle = std::make_shared<Bundle>();
  bundle->root = web_root;
  if (web_root.empty()) return bundle;
  namespace fs = std::filesystem;
  if (auto index = ReadFile(fs::path(web_root) / "index.html")) {
    bundle->index = StaticFile{std::move(*index), ContentTypeOf("index.html")};
  }
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(web_root) / "assets", ec)) {
    if (!entry.is_regular_file()) continue;
    std::string name = entry.path().filename().string();
    if (auto body = ReadFile(entry.path())) {
      bundle->assets.emplace(name, StaticFile{std::move(*body), ContentTypeOf(name)});
    }
  }
  if (bundle->index) {
    spdlog::info("console: {} files from {}", bundle->assets.size() + 1, web_root);
  } else {
    spdlog::warn(
        "console: no index.html in '{}'; pages answer 503 (run make, or npm run build in web/)",
        web_root);
  }
  return bundle;
}

Response NotBuilt(const Bundle& b, const Request& req) {
  return Problem(503, "",
                 "the web console is not built in '" + b.root +
                     "': run make (or npm ci && npm run build in web/), or pass --web-root",
                 req.instance);
}

}  // namespace

std::string_view ConsoleContentSecurityPolicy() {
  // Scripts only from this origin, no eval, no inline script. Inline styles are allowed: ECharts
  // writes its tooltips as markup with style attributes; a style cannot run code.
  return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
         "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; "
         "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

std::string_view ContentTypeOf(std::string_view name) {
  struct Type {
    std::string_view ext, type;
  };
  static constexpr Type kTypes[] = {{".html", "text/html; charset=utf-8"},
                                    {".js", "text/javascript; charset=utf-8"},
                                    {".mjs", "text/javascript; charset=utf-8"},
                                    {".css", "text/css; charset=utf-8"},
                                    {".json", "application/json"},
                                    {".map", "application/json"},
                                    {".svg", "image/svg+xml"},
                                    {".png", "image/png"},
                                    {".jpg", "image/jpeg"},
                                    {".webp", "image/webp"},
                                    {".ico", "image/x-icon"},
                                    {".woff2", "font/woff2"},
                                    {".woff", "font/woff"},
                                    {".txt", "text/plain; charset=utf-8"}};
  for (const auto& t : kTypes) {
    if (name.size() > t.ext.size() && name.substr(name.size() - t.ext.size()) == t.ext) {
      return t.type;
    }
  }
  return "application/octet-stream";
}

void RegisterConsole(Router& router, const std::string& web_root) {
  auto bundle = Load(web_root);
  for (std::string_view page : ConsolePages()) {
    router.Add(
        {"GET", std::string(page), Access::Public(), [bundle](const Request& req, Respond respond) {
           if (!bundle->index) return respond(NotBuilt(*bundle, req));
           Response res;
           res.content_type = std::string(bundle->index->content_type);
           res.body = bundle->index->body;
           // Always revalidated: it names the current hashed assets.
           res.headers.emplace_back("Cache-Control", "no-cache");
           res.headers.emplace_back("Content-Security-Policy",
                                    std::string(ConsoleContentSecurityPolicy()));
           respond(std::move(res));
         }});
  }
  router.Add(
      {"GET", "/assets/{file}", Access::Public(), [bundle](const Request& req, Respond respond) {
         if (!bundle->index) return respond(NotBuilt(*bundle, req));
         auto it = bundle->assets.find(req.params.at("file"));
         if (it == bundle->assets.end()) {
           return respond(Problem(404, "", "no such file", req.instance));
         }
         Response res;
         res.content_type = std::string(it->second.content_type);
         res.body = it->second.body;
         // Vite names every asset by its content's hash: a changed file gets a new name.
         res.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
         respond(std::move(res));
       }});
}

}  // namespace haiquan::http
