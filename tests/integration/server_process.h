#pragma once

#include <string>
#include <utility>
#include <vector>

namespace haiquan::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string Header(const std::string& name) const;
};

// A real `haiquan serve` on port 0 with a database in a fresh temporary directory.
class ServerProcess {
 public:
  // Starts the binary with `extra` arguments and waits for its "listening" line.
  explicit ServerProcess(std::vector<std::string> extra = {}, std::string db_path = "");
  ~ServerProcess();  // SIGTERM, then waits

  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  void Kill();  // SIGKILL, as a crash would
  int port() const { return port_; }
  const std::string& db_path() const { return db_path_; }
  const std::string& dir() const { return dir_; }

  HttpResult Request(const std::string& method, const std::string& target,
                     const std::string& body = "",
                     const std::string& content_type = "application/json") const;
  HttpResult Get(const std::string& target) const { return Request("GET", target); }
  HttpResult Post(const std::string& target, const std::string& body) const {
    return Request("POST", target, body);
  }

 private:
  int pid_ = -1;
  int port_ = 0;
  std::string dir_;
  std::string db_path_;
};

// Where the haiquan binary under test is (set by CMake).
std::string BinaryPath();
// A fresh temporary directory.
std::string MakeTempDir();

// A valid declaration in the Open API shape, with the given reference.
std::string SampleDeclarationJson(const std::string& reference, const std::string& hs = "85171300",
                                  const std::string& origin = "CN");

}  // namespace haiquan::testing
