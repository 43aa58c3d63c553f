#include "integration/server_process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace haiquan::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

std::string BinaryPath() { return HAIQUAN_BINARY; }

std::string Day(int days_ago) {
  auto t = std::chrono::system_clock::now() - std::chrono::hours(24) * days_ago;
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string MakeTempDir() {
  char tmpl[] = "/tmp/haiquan-test-XXXXXX";
  char* d = mkdtemp(tmpl);
  if (!d) throw std::runtime_error("mkdtemp failed");
  return d;
}

std::string HttpResult::Header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  }
  return "";
}

ServerProcess::ServerProcess(std::vector<std::string> extra, std::string db_path)
    : extra_(std::move(extra)) {
  if (db_path.empty()) {
    dir_ = MakeTempDir();
    db_path_ = dir_ + "/haiquan.db";
  } else {
    db_path_ = db_path;
  }
  Start();
}

void ServerProcess::Restart() {
  Stop();
  port_ = 0;
  Start();
}

void ServerProcess::Start() {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> args = {BinaryPath(), "serve", "--db", db_path_, "--port", "0"};
  for (auto& a : extra_) args.push_back(a);
  pid_ = fork();
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a crashed test
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  // Read the "listening on http://HOST:PORT/" line.
  std::string line;
  char c;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline && read(out[0], &c, 1) == 1) {
    if (c == '\n') {
      auto pos = line.find("http://");
      if (pos != std::string::npos) {
        auto colon = line.find(':', pos + 7);
        port_ = std::atoi(line.c_str() + colon + 1);
        break;
      }
      line.clear();
    } else {
      line += c;
    }
  }
  close(out[0]);
  if (port_ == 0) {
    Kill();
    throw std::runtime_error("server did not start: " + line);
  }
  if (token_.empty()) UseRole("officer");
}

int RunCli(const std::vector<std::string>& args, std::string* out) {
  std::string cmd = "'" + BinaryPath() + "'";
  for (const auto& a : args) cmd += " '" + a + "'";
  cmd += " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run " + cmd);
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  int status = pclose(p);
  if (out) *out = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string ServerProcess::CreateUser(const std::string& role, const std::string& trader,
                                      const std::string& name) {
  // Unique across servers on one database (a restarted server keeps its users).
  static std::atomic<int> made{0};
  std::string user =
      name.empty() ? "t" + std::to_string(getpid()) + "-" + role + "-" + std::to_string(++made)
                   : name;
  std::vector<std::string> args = {"user", "create", user, "--role", role, "--db", db_path_};
  if (!trader.empty()) {
    args.push_back("--trader");
    args.push_back(trader);
  }
  std::string out;
  int rc = RunCli(args, &out);
  if (rc != 0) throw std::runtime_error("user create " + user + " failed: " + std::to_string(rc));
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out.substr(out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1);
}

void ServerProcess::UseRole(const std::string& role) {
  auto it = role_tokens_.find(role);
  if (it == role_tokens_.end()) it = role_tokens_.emplace(role, CreateUser(role)).first;
  token_ = it->second;
}

ServerProcess::~ServerProcess() {
  Stop();
  if (!dir_.empty()) std::system(("rm -rf '" + dir_ + "'").c_str());
}

void ServerProcess::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  // A clean stop exits 0; sanitizer reports (leaks, UB) in the server surface here.
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    ADD_FAILURE() << "server exited with status " << status << " on SIGTERM";
  }
}

void ServerProcess::Kill() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
}

HttpResult ServerProcess::Request(const std::string& method, const std::string& target,
                                  const std::string& body, const std::string& content_type) const {
  return RequestWith(token_.empty() ? "" : "Bearer " + token_, method, target, body, content_type);
}

HttpResult ServerProcess::RequestWith(const std::string& authorization, const std::string& method,
                                      const std::string& target, const std::string& body,
                                      const std::string& content_type) const {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), target, 11);
  req.set(bhttp::field::host, "127.0.0.1");
  if (!authorization.empty()) req.set(bhttp::field::authorization, authorization);
  if (!body.empty() || method == "POST" || method == "PUT") {
    if (!content_type.empty()) req.set(bhttp::field::content_type, content_type);
    req.body() = body;
    req.prepare_payload();
  }
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  bhttp::read(stream, buffer, parser);
  auto& res = parser.get();
  HttpResult out;
  out.status = static_cast<int>(res.result_int());
  out.body = res.body();
  for (const auto& f : res)
    out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  beast::error_code ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  return out;
}

std::string SampleDeclarationJson(const std::string& reference, const std::string& hs,
                                  const std::string& origin) {
  return R"({"declarantReference": ")" + reference + R"(", "type": "IM", "office": "03CE",
 "declarant": {"taxId": "0312345678"},
 "importer": {"taxId": "0101234567", "name": "Cong ty TNHH Minh Phat", "address": "12 Le Loi, Ha Noi", "country": "VN"},
 "exporter": {"name": "Shenzhen Tech Co", "address": "Bao An, Shenzhen", "country": "CN"},
 "transport": {"mode": "1", "conveyanceId": "MAERSK SEOUL 123N", "departureCountry": "CN", "loadingPlace": "CNSHA", "dischargePlace": "VNHPH"},
 "invoice": {"currency": "USD", "incoterm": "CIF", "amount": 12000.00},
 "items": [{"hsCode": ")" +
         hs + R"(", "description": "Smartphones", "originCountry": ")" + origin +
         R"(", "quantity": 100, "unit": "PCE", "netMassKg": 25.0, "grossMassKg": 30.0, "value": 12000.00}]})";
}

}  // namespace haiquan::testing
