#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "http/metrics.h"
#include "http/router.h"

namespace haiquan::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port
  int threads = 0;       // 0: one per core
  size_t body_limit = 1 << 20;
  size_t upload_limit = 16 << 20;  // POST .../attachments
  size_t header_limit = 16 << 10;
  int read_timeout_seconds = 30;
};

// HTTP/1.1 over Boost.Beast: keep-alive, bounded bodies and headers, timeouts, and security
// headers on every response. Runs until SIGINT or SIGTERM, or Stop().
class Server {
 public:
  Server(const Router& router, Metrics& metrics, ServerOptions options);
  ~Server();

  // Binds and listens; returns the bound port. Throws on failure (start-up).
  uint16_t Listen();
  // Serves on the calling thread plus options.threads - 1 more; returns after Stop or a signal.
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace haiquan::http
