#include "http/server.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <thread>
#include <vector>

#include "http/problem.h"

namespace haiquan::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

void ParseQuery(std::string_view q, Request& req) {
  auto decode = [](std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '+') {
        out += ' ';
      } else if (s[i] == '%' && i + 2 < s.size() &&
                 std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
                 std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
        out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else {
        out += s[i];
      }
    }
    return out;
  };
  while (!q.empty()) {
    size_t amp = q.find('&');
    std::string_view pair = q.substr(0, amp);
    size_t eq = pair.find('=');
    std::string key = decode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1));
    if (!key.empty()) req.query.emplace(std::move(key), std::move(value));
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const Router& router, Metrics& metrics, const ServerOptions& opts)
      : stream_(std::move(socket)), router_(router), metrics_(metrics), opts_(opts) {}

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(opts_.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(opts_.header_limit));
    stream_.expires_after(std::chrono::seconds(opts_.read_timeout_seconds));
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  // Photos and X-ray images of seizures are larger than any JSON body: only their upload
  // route gets the larger limit, decided before the body is read, and only for a request that
  // carries a token (the router checks it once the body is in).
  void OnHeader(beast::error_code ec) {
    if (ec) return OnRead(ec);
    const auto& head = parser_->get();
    std::string_view target = head.target();
    target = target.substr(0, target.find('?'));
    if (head.method() == bhttp::verb::post && target.starts_with("/api/v1/seizures/") &&
        target.ends_with("/attachments") && head.count(bhttp::field::authorization) > 0) {
      parser_->body_limit(opts_.upload_limit);
    }
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
        ec == beast::error::timeout || ec == asio::error::connection_reset ||
        ec == asio::error::operation_aborted) {
      return Close();
    }
    if (ec == bhttp::error::body_limit) {
      keep_alive_ = false;
      return Write(Problem(413, "",
                           "the body exceeds the limit of " + std::to_string(opts_.body_limit) +
                               " bytes (" + std::to_string(opts_.upload_limit) +
                               " for attachments)",
                           ""));
    }
    if (ec == bhttp::error::header_limit) {
      keep_alive_ = false;
      return Write(Problem(431, "Request Header Fields Too Large", "headers too large", ""));
    }
    if (ec) {
      keep_alive_ = false;
      return Write(Problem(400, "", "malformed HTTP request: " + ec.message(), ""));
    }
    auto& msg = parser_->get();
    keep_alive_ = msg.keep_alive();
    version_ = msg.version();
    stream_.expires_never();

    Request req;
    req.method = std::string(msg.method_string());
    std::string_view target = msg.target();
    req.instance = std::string(target);
    size_t qpos = target.find('?');
    req.path = std::string(target.substr(0, qpos));
    if (qpos != std::string_view::npos) ParseQuery(target.substr(qpos + 1), req);
    req.content_type = std::string(msg[bhttp::field::content_type]);
    req.authorization = std::string(msg[bhttp::field::authorization]);
    req.body = std::move(msg.body());
    beast::error_code rec;
    auto ep = stream_.socket().remote_endpoint(rec);
    if (!rec) req.remote = ep.address().to_string();

    router_.Dispatch(req, [self = shared_from_this()](Response res) {
      // Handlers may answer from a storage thread: hop back to this connection's strand.
      asio::dispatch(self->stream_.get_executor(),
                     [self, res = std::move(res)]() mutable { self->Write(std::move(res)); });
    });
  }

  void Write(Response res) {
    metrics_.Response(res.status);
    auto out = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(res.status), version_ ? version_ : 11);
    out->set(bhttp::field::server, "haiquan");
    out->set(bhttp::field::content_type, res.content_type);
    out->set("X-Content-Type-Options", "nosniff");
    out->set("X-Frame-Options", "DENY");
    out->set("Referrer-Policy", "no-referrer");
    out->set(bhttp::field::cache_control, "no-store");
    for (auto& [k, v] : res.headers) out->set(k, v);
    out->keep_alive(keep_alive_);
    out->body() = std::move(res.body);
    out->prepare_payload();
    bhttp::async_write(stream_, *out,
                       [self = shared_from_this(), out](beast::error_code ec, size_t) {
                         if (ec || !self->keep_alive_) return self->Close();
                         self->Read();
                       });
  }

  // Lingering close: stop sending, then read and discard what the client still sends (the rest
  // of an oversized body) until it closes or a deadline passes. Closing with unread data would
  // reset the connection and could destroy the answer before the client reads it.
  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return;
    stream_.expires_after(std::chrono::seconds(2));
    Drain(0);
  }

  void Drain(size_t drained) {
    if (drained > kMaxDrain) return;
    drain_.resize(16 << 10);
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this(), drained](beast::error_code ec, size_t n) {
                              if (!ec) self->Drain(drained + n);
                            });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const Router& router_;
  Metrics& metrics_;
  const ServerOptions& opts_;
  bool keep_alive_ = true;
  unsigned version_ = 11;
  std::vector<char> drain_;
  static constexpr size_t kMaxDrain = 64 << 20;
};

}  // namespace

struct Server::Impl {
  Impl(const Router& r, Metrics& m, ServerOptions o)
      : router(r), metrics(m), options(std::move(o)), acceptor(io), signals(io, SIGINT, SIGTERM) {}

  void Accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket s) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) {
        s.set_option(tcp::no_delay(true), ec);
        std::make_shared<Session>(std::move(s), router, metrics, options)->Start();
      }
      Accept();
    });
  }

  const Router& router;
  Metrics& metrics;
  ServerOptions options;
  asio::io_context io;
  tcp::acceptor acceptor;
  asio::signal_set signals;
};

Server::Server(const Router& router, Metrics& metrics, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, metrics, std::move(options))) {}

Server::~Server() = default;

uint16_t Server::Listen() {
  auto& a = impl_->acceptor;
  tcp::endpoint ep(asio::ip::make_address(impl_->options.host), impl_->options.port);
  a.open(ep.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  a.bind(ep);
  a.listen(asio::socket_base::max_listen_connections);
  return a.local_endpoint().port();
}

void Server::Run() {
  impl_->signals.async_wait([this](beast::error_code, int sig) {
    spdlog::info("signal {}: stopping", sig);
    Stop();
  });
  impl_->Accept();
  int n = impl_->options.threads > 0 ? impl_->options.threads
                                     : static_cast<int>(std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (int i = 1; i < n; ++i)
    threads.emplace_back([this] {
      pthread_setname_np(pthread_self(), "hq-io");
      impl_->io.run();
    });
  impl_->io.run();
  for (auto& t : threads) t.join();
}

void Server::Stop() {
  asio::post(impl_->io, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    impl_->signals.cancel(ec);
    impl_->io.stop();
  });
}

}  // namespace haiquan::http
