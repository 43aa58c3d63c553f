#pragma once

#include <map>
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
  // SIGTERM, then the same command again on the same database; the tokens stay valid.
  void Restart();
  int port() const { return port_; }
  const std::string& db_path() const { return db_path_; }
  const std::string& dir() const { return dir_; }

  // Sends the current token (see UseRole) as Authorization: Bearer.
  HttpResult Request(const std::string& method, const std::string& target,
                     const std::string& body = "",
                     const std::string& content_type = "application/json") const;
  // The same with an explicit Authorization header value (empty: none at all).
  HttpResult RequestWith(const std::string& authorization, const std::string& method,
                         const std::string& target, const std::string& body = "",
                         const std::string& content_type = "application/json") const;

  // A token for a fresh user with `role` (and `trader` tax id), made with `haiquan user create`
  // against the running server's database.
  std::string CreateUser(const std::string& role, const std::string& trader = "",
                         const std::string& name = "");
  // Requests from now on carry a token of this role (one user per role, made on first use).
  // A new server starts as "officer".
  void UseRole(const std::string& role);
  const std::string& token() const { return token_; }
  HttpResult Get(const std::string& target) const { return Request("GET", target); }
  HttpResult Post(const std::string& target, const std::string& body) const {
    return Request("POST", target, body);
  }

 private:
  void Start();
  void Stop();

  std::vector<std::string> extra_;
  int pid_ = -1;
  int port_ = 0;
  std::string dir_;
  std::string db_path_;
  std::string token_;
  std::map<std::string, std::string> role_tokens_;
};

// Runs the haiquan binary with `args`; its exit status, with stdout in `out`.
int RunCli(const std::vector<std::string>& args, std::string* out = nullptr);

// Where the haiquan binary under test is (set by CMake).
std::string BinaryPath();
// A fresh temporary directory.
std::string MakeTempDir();

// The UTC date `days_ago` days before now, as YYYY-MM-DD.
std::string Day(int days_ago);

// A valid declaration in the Open API shape, with the given reference.
std::string SampleDeclarationJson(const std::string& reference, const std::string& hs = "85171300",
                                  const std::string& origin = "CN");

}  // namespace haiquan::testing
