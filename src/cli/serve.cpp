#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>

#include "cli/commands.h"
#include "http/api.h"
#include "http/console.h"
#include "http/server.h"

namespace haiquan::cli {

void AddServe(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("serve", "Serve the Open API over HTTP");
  auto ctx_opts = std::make_shared<ContextOptions>();
  auto srv_opts = std::make_shared<http::ServerOptions>();
  // The build's own web/dist by default, so that `make run` serves the console it just built.
  auto web_root = std::make_shared<std::string>(HAIQUAN_WEB_ROOT);
  AddContextOptions(*cmd, *ctx_opts);
  cmd->add_option("--host", srv_opts->host, "address to listen on")->capture_default_str();
  cmd->add_option("--port", srv_opts->port, "port to listen on; 0 picks a free one")
      ->capture_default_str();
  cmd->add_option("--threads", srv_opts->threads, "I/O threads; 0: one per core")
      ->capture_default_str();
  cmd->add_option("--body-limit", srv_opts->body_limit, "largest request body in bytes")
      ->capture_default_str();
  cmd->add_option("--upload-limit", srv_opts->upload_limit,
                  "largest seizure attachment (photo, X-ray image) in bytes")
      ->capture_default_str();
  cmd->add_option("--web-root", *web_root,
                  "folder of the built web console (index.html, assets/); empty: no console")
      ->capture_default_str();
  cmd->callback([&exit_code, ctx_opts, srv_opts, web_root] {
    // A closed stdout or a vanished peer must not kill the server.
    std::signal(SIGPIPE, SIG_IGN);
    ctx_opts->sign_audit = true;
    ctx_opts->serving = true;
    ctx_opts->load_model = true;
    auto ctx = std::make_unique<Context>(*ctx_opts);
    auto router = std::make_unique<http::Router>();
    http::RegisterApi(*router, ctx->Api());
    http::RegisterConsole(*router, *web_root);
    router->SetAuthenticator(
        [auth = ctx->auth.get()](std::string_view token) { return auth->Authenticate(token); });
    http::Server server(*router, ctx->metrics, *srv_opts);
    uint16_t port = server.Listen();
    // Tests and scripts read the port from this line.
    std::printf("Haiquan listening on http://%s:%u/ (database %s)\n", srv_opts->host.c_str(),
                static_cast<unsigned>(port), ctx_opts->db_path.c_str());
    std::fflush(stdout);
    server.Run();
    // Routes own the sign-in threads: stop them before what they use goes away. Then let
    // filings in flight commit and answer.
    router.reset();
    ctx.reset();
    exit_code = 0;
  });
}

}  // namespace haiquan::cli
