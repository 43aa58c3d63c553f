// Files declarations (or GETs a path) over HTTP/1.1 keep-alive connections and reports
// throughput and latency. Open-loop mode sends on a fixed schedule and measures each request
// from the time it was due, so a stalled server shows up as latency instead of as fewer
// requests (no coordinated omission).

#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/reference_catalog.h"
#include "app/sample_declarations.h"
#include "http/declaration_json.h"
#include "http/json_writer.h"

namespace haiquan::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Digits of the per-request sequence number written into each body's declarantReference.
constexpr int kSeqDigits = 12;
constexpr size_t kResponseLimit = 1 << 20;

struct Options {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  std::string path = "/api/v1/declarations";
  bool get = false;
  int connections = 64;
  int threads = 1;
  double rate = 0;
  double duration = 10;
  double warmup = 2;
  double drain = 10;
  int items = 3;
  uint64_t seed = 1;
  std::string run_id;
  std::string token;  // sent as Authorization: Bearer on every request
  size_t pool = 20000;
  bool json = false;
  std::string timeline;  // where to write latency per 100 ms of the measured window
};

// A ready-to-send request; `seq_offset` is where the unique sequence number goes.
struct Template {
  std::string bytes;
  size_t seq_offset = std::string::npos;
};

void WriteSeq(std::string& s, size_t offset, uint64_t seq) {
  for (int i = kSeqDigits - 1; i >= 0; --i) {
    s[offset + i] = static_cast<char>('0' + seq % 10);
    seq /= 10;
  }
}

std::string Head(const Options& o, const char* method) {
  return std::string(method) + " " + o.path + " HTTP/1.1\r\nHost: " + o.host + ":" +
         std::to_string(o.port) + "\r\n" +
         (o.token.empty() ? "" : "Authorization: Bearer " + o.token + "\r\n");
}

// Declarations are generated before the clock starts; each send only copies one and stamps
// a fresh sequence number into its reference, so references never repeat within a run and,
// through seed and run id, not across runs against the same database either.
std::vector<Template> BuildTemplates(const Options& o) {
  if (o.get) return {Template{Head(o, "GET") + "\r\n", std::string::npos}};
  auto ref = app::LoadReferenceData();
  if (!ref.ok()) throw std::runtime_error(ref.error().message);
  app::SampleDeclarations gen(*ref.value(), o.seed);
  char prefix[40];
  std::snprintf(prefix, sizeof prefix, "LD-%04llX-%s-",
                static_cast<unsigned long long>(o.seed & 0xffff), o.run_id.c_str());
  std::vector<Template> out;
  out.reserve(o.pool);
  for (size_t i = 0; i < o.pool; ++i) {
    domain::Declaration d = gen.Next(o.items);
    d.declarant_reference = std::string(prefix) + std::string(kSeqDigits, '0');
    std::string body = http::ToJson(http::WriteDeclaration(d));
    size_t at = body.find(d.declarant_reference);
    if (at == std::string::npos) throw std::logic_error("reference not found in the body");
    std::string head = Head(o, "POST") + "Content-Type: application/json\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n\r\n";
    out.push_back({head + body, head.size() + at + std::strlen(prefix)});
  }
  return out;
}

struct Stats {
  uint64_t scheduled = 0;  // open loop: due inside the measured window
  uint64_t sent = 0;
  uint64_t completed = 0;
  uint64_t errors = 0;      // transport failures
  uint64_t unfinished = 0;  // still in flight when the drain time ran out
  std::map<unsigned, uint64_t> status;
  std::vector<int64_t> latency_ns;
  // Parallel to latency_ns: when each measured request was due, from the window's start.
  std::vector<int64_t> due_ns;
  // Of the last measured answer, from the start of the measured window: a server that falls
  // behind stretches this past the window, and its throughput shows the difference.
  double last_answer_s = 0;

  void Merge(Stats&& o) {
    scheduled += o.scheduled;
    sent += o.sent;
    completed += o.completed;
    errors += o.errors;
    unfinished += o.unfinished;
    last_answer_s = std::max(last_answer_s, o.last_answer_s);
    for (auto [code, n] : o.status) status[code] += n;
    latency_ns.insert(latency_ns.end(), o.latency_ns.begin(), o.latency_ns.end());
    due_ns.insert(due_ns.end(), o.due_ns.begin(), o.due_ns.end());
  }
};

// One thread's share of the connections and of the rate, on its own io_context.
class Worker {
 public:
  Worker(const Options& o, const std::vector<Template>& templates, int index, int connections,
         double rate)
      : o_(o),
        templates_(templates),
        index_(index),
        rate_(rate),
        io_(1),
        timer_(io_),
        drain_timer_(io_) {
    for (int i = 0; i < connections; ++i) conns_.push_back(std::make_unique<Conn>(io_));
    stats_.latency_ns.reserve(
        static_cast<size_t>(rate > 0 ? rate * o.duration * 1.1 + 1024 : 1 << 20));
  }

  void Connect(const tcp::resolver::results_type& endpoints) {
    endpoints_ = endpoints;
    for (auto& c : conns_) {
      asio::connect(c->socket, endpoints_);
      c->socket.set_option(tcp::no_delay(true));
      idle_.push_back(c.get());
    }
  }

  void Run(Clock::time_point start) {
    start_ = start;
    measure_from_ = start + Seconds(o_.warmup);
    end_ = measure_from_ + Seconds(o_.duration);
    if (rate_ > 0) {
      // Requests k with measure_from <= Due(k) < end.
      double first = std::ceil(o_.warmup * rate_);
      double last = std::ceil((o_.warmup + o_.duration) * rate_);
      stats_.scheduled = static_cast<uint64_t>(last - first);
    }
    drain_timer_.expires_at(end_ + Seconds(o_.drain));
    drain_timer_.async_wait([this](beast::error_code ec) {
      if (ec) return;
      expired_ = true;
      timer_.cancel();
      for (auto& c : conns_) {
        beast::error_code ignored;
        c->socket.close(ignored);
      }
    });
    timer_.expires_at(start_);
    timer_armed_ = true;
    timer_.async_wait([this](beast::error_code ec) { OnTimer(ec); });
    io_.run();
  }

  Stats& stats() { return stats_; }

 private:
  struct Conn {
    explicit Conn(asio::io_context& io) : socket(io) {}
    tcp::socket socket;
    std::string out;
    beast::flat_buffer in;
    std::optional<bhttp::response_parser<bhttp::string_body>> parser;
    Clock::time_point due;
    bool measured = false;
  };

  static Clock::duration Seconds(double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
  }
  Clock::time_point Due(uint64_t k) const {
    return start_ + Seconds(static_cast<double>(k) / rate_);
  }
  bool Open() const { return rate_ > 0; }

  void OnTimer(beast::error_code ec) {
    timer_armed_ = false;
    if (ec || expired_) return;
    Dispatch();
  }

  // Hands due requests to idle connections; what cannot go now waits for a free connection
  // (its latency keeps counting from its due time) or for the timer.
  void Dispatch() {
    if (expired_) return;
    auto now = Clock::now();
    while (!idle_.empty()) {
      Clock::time_point due = now;
      if (Open()) {
        due = Due(next_);
        if (due > now || due >= end_) break;
      } else if (now >= end_) {
        break;
      }
      Conn* c = idle_.back();
      idle_.pop_back();
      Send(*c, due);
    }
    bool more = Open() ? Due(next_) < end_ : now < end_;
    if (more && Open() && !idle_.empty() && !timer_armed_) {
      timer_armed_ = true;
      timer_.expires_at(Due(next_));
      timer_.async_wait([this](beast::error_code e) { OnTimer(e); });
    }
    if (!more && in_flight_ == 0) {
      timer_.cancel();
      drain_timer_.cancel();
      for (auto& c : conns_) {
        beast::error_code ignored;
        c->socket.shutdown(tcp::socket::shutdown_both, ignored);
        c->socket.close(ignored);
      }
    }
  }

  void Send(Conn& c, Clock::time_point due) {
    uint64_t seq = next_++ * static_cast<uint64_t>(o_.threads) + static_cast<uint64_t>(index_);
    const Template& t = templates_[seq % templates_.size()];
    c.out.assign(t.bytes);
    if (t.seq_offset != std::string::npos) WriteSeq(c.out, t.seq_offset, seq);
    c.due = due;
    c.measured = due >= measure_from_ && due < end_;
    if (c.measured) ++stats_.sent;
    ++in_flight_;
    asio::async_write(c.socket, asio::buffer(c.out), [this, &c](beast::error_code ec, size_t) {
      if (ec) return Finish(c, ec, 0);
      c.parser.emplace();
      c.parser->body_limit(kResponseLimit);
      bhttp::async_read(c.socket, c.in, *c.parser, [this, &c](beast::error_code ec, size_t) {
        Finish(c, ec, ec ? 0 : c.parser->get().result_int());
      });
    });
  }

  void Finish(Conn& c, beast::error_code ec, unsigned status) {
    auto now = Clock::now();
    --in_flight_;
    if (c.measured) {
      if (expired_) {
        ++stats_.unfinished;
      } else if (ec) {
        ++stats_.errors;
        if (stats_.errors <= 3) std::fprintf(stderr, "load_driver: %s\n", ec.message().c_str());
      } else {
        ++stats_.completed;
        ++stats_.status[status];
        stats_.latency_ns.push_back(
            std::chrono::duration_cast<std::chrono::nanoseconds>(now - c.due).count());
        stats_.due_ns.push_back(
            std::chrono::duration_cast<std::chrono::nanoseconds>(c.due - measure_from_).count());
        stats_.last_answer_s = std::chrono::duration<double>(now - measure_from_).count();
      }
    }
    if (expired_) return;
    if (ec || !c.parser->get().keep_alive()) return Reconnect(c);
    idle_.push_back(&c);
    Dispatch();
  }

  void Reconnect(Conn& c) {
    beast::error_code ignored;
    c.socket.close(ignored);
    c.in.clear();
    asio::async_connect(c.socket, endpoints_, [this, &c](beast::error_code ec, const auto&) {
      if (ec) {
        // A server that refuses connections fails every request: leave this one out.
        std::fprintf(stderr, "load_driver: reconnect: %s\n", ec.message().c_str());
        ++stats_.errors;
        return Dispatch();
      }
      beast::error_code ignored;
      c.socket.set_option(tcp::no_delay(true), ignored);
      idle_.push_back(&c);
      Dispatch();
    });
  }

  const Options& o_;
  const std::vector<Template>& templates_;
  int index_;
  double rate_;
  asio::io_context io_;
  asio::steady_timer timer_;
  asio::steady_timer drain_timer_;
  tcp::resolver::results_type endpoints_;
  std::vector<std::unique_ptr<Conn>> conns_;
  std::vector<Conn*> idle_;
  Clock::time_point start_, measure_from_, end_;
  uint64_t next_ = 0;
  int in_flight_ = 0;
  bool timer_armed_ = false;
  bool expired_ = false;
  Stats stats_;
};

double Percentile(const std::vector<int64_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return static_cast<double>(sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1]) / 1e6;
}

// Latency by when requests were due, in 100 ms slices: a stall shows as a slice with a high
// p99, and the slices' spacing tells what periodic work it lines up with.
bool WriteTimeline(const std::string& path, const Stats& s) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return false;
  std::map<int64_t, std::vector<int64_t>> slices;
  for (size_t i = 0; i < s.latency_ns.size(); ++i) {
    slices[s.due_ns[i] / 100'000'000].push_back(s.latency_ns[i]);
  }
  std::fprintf(f, "t_s\tanswers\tp50_ms\tp99_ms\tmax_ms\n");
  for (auto& [slice, ns] : slices) {
    std::sort(ns.begin(), ns.end());
    std::fprintf(f, "%.1f\t%zu\t%.2f\t%.2f\t%.2f\n", static_cast<double>(slice) / 10, ns.size(),
                 Percentile(ns, 0.5), Percentile(ns, 0.99), Percentile(ns, 1.0));
  }
  return std::fclose(f) == 0;
}

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return s(u.ru_utime) + s(u.ru_stime);
}

int Main(int argc, char** argv) {
  Options o;
  CLI::App app(
      "Haiquan HTTP load driver: files generated declarations (or GETs a path) and "
      "reports throughput and latency percentiles");
  app.add_option("--host", o.host, "server address")->capture_default_str();
  app.add_option("--port", o.port, "server port")->capture_default_str();
  app.add_option("--path", o.path, "request path")->capture_default_str();
  app.add_flag("--get", o.get, "send GET requests to --path instead of filing declarations");
  app.add_option("--connections,-c", o.connections, "keep-alive connections")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  app.add_option("--threads,-t", o.threads, "driver threads, each with its share of connections")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--rate,-r", o.rate,
                 "requests per second on a fixed schedule (open loop); 0: closed loop, each "
                 "connection sends again as soon as it has its answer")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--duration,-d", o.duration, "measured seconds")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--warmup,-w", o.warmup, "seconds of load before measuring")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--drain", o.drain, "seconds to wait for answers after the measured window")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--items", o.items, "goods items per declaration; 0: 1 to 5 at random")
      ->check(CLI::Range(0, 999))
      ->capture_default_str();
  app.add_option("--seed", o.seed, "seed of the generated declarations")->capture_default_str();
  app.add_option("--run-id", o.run_id,
                 "goes into every declarantReference (up to 8 letters or digits); default: "
                 "from the clock");
  app.add_option("--pool", o.pool, "distinct declarations generated before the run")
      ->check(CLI::Range(1, 10000000))
      ->capture_default_str();
  app.add_option("--token", o.token, "bearer token sent with every request (haiquan user create)")
      ->envname("HAIQUAN_TOKEN");
  app.add_flag("--json", o.json, "print one JSON line instead of the text report");
  app.add_option("--timeline", o.timeline,
                 "also write, per 100 ms of the measured window (by due time), the answers' "
                 "count, p50, p99 and max latency in ms, as tab-separated lines, to this file: "
                 "when a server stalls, and how often");
  CLI11_PARSE(app, argc, argv);
  if (o.run_id.empty()) {
    auto t = std::chrono::system_clock::now().time_since_epoch();
    char buf[16];
    std::snprintf(
        buf, sizeof buf, "%07llX",
        static_cast<unsigned long long>(
            std::chrono::duration_cast<std::chrono::milliseconds>(t).count() & 0xfffffff));
    o.run_id = buf;
  }
  if (o.run_id.size() > 8 || !std::all_of(o.run_id.begin(), o.run_id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c));
      })) {
    std::fprintf(stderr, "load_driver: --run-id must be 1 to 8 letters or digits\n");
    return 2;
  }
  o.threads = std::min(o.threads, o.connections);

  std::vector<Template> templates;
  try {
    templates = BuildTemplates(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "load_driver: %s\n", e.what());
    return 2;
  }

  std::vector<std::unique_ptr<Worker>> workers;
  try {
    asio::io_context resolve_io;
    auto endpoints = tcp::resolver(resolve_io).resolve(o.host, std::to_string(o.port));
    for (int t = 0; t < o.threads; ++t) {
      int conns = o.connections / o.threads + (t < o.connections % o.threads ? 1 : 0);
      workers.push_back(std::make_unique<Worker>(o, templates, t, conns, o.rate / o.threads));
      workers.back()->Connect(endpoints);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "load_driver: cannot connect to %s:%u: %s\n", o.host.c_str(),
                 static_cast<unsigned>(o.port), e.what());
    return 2;
  }

  // A common start a little ahead, so that every thread is waiting when the schedule begins.
  auto start = Clock::now() + std::chrono::milliseconds(20);
  double cpu_before = CpuSeconds();
  std::vector<std::thread> threads;
  for (size_t t = 1; t < workers.size(); ++t) {
    threads.emplace_back([&, t] { workers[t]->Run(start); });
  }
  workers[0]->Run(start);
  for (auto& th : threads) th.join();
  // The driver's own share of the cores it has in common with the server.
  double driver_cores =
      (CpuSeconds() - cpu_before) / std::chrono::duration<double>(Clock::now() - start).count();

  Stats s;
  for (auto& w : workers) s.Merge(std::move(w->stats()));
  if (!o.timeline.empty() && !WriteTimeline(o.timeline, s)) {
    std::fprintf(stderr, "load_driver: cannot write %s\n", o.timeline.c_str());
    return 2;
  }
  std::sort(s.latency_ns.begin(), s.latency_ns.end());
  uint64_t ok = 0;
  for (auto [code, n] : s.status) ok += (code >= 200 && code < 300) ? n : 0;
  uint64_t unsent = o.rate > 0 && s.scheduled > s.sent ? s.scheduled - s.sent : 0;
  uint64_t failed = s.completed - ok + s.errors + s.unfinished + unsent;
  double throughput = static_cast<double>(s.completed) / std::max(o.duration, s.last_answer_s);
  double mean = 0;
  for (int64_t v : s.latency_ns) mean += static_cast<double>(v);
  mean = s.latency_ns.empty() ? 0 : mean / static_cast<double>(s.latency_ns.size()) / 1e6;
  double p50 = Percentile(s.latency_ns, 0.50), p90 = Percentile(s.latency_ns, 0.90),
         p99 = Percentile(s.latency_ns, 0.99), p999 = Percentile(s.latency_ns, 0.999),
         max = Percentile(s.latency_ns, 1.0);

  if (o.json) {
    json::object status;
    for (auto [code, n] : s.status) status[std::to_string(code)] = n;
    json::object out{
        {"method", o.get ? "GET" : "POST"},
        {"path", o.path},
        {"mode", o.rate > 0 ? "open" : "closed"},
        {"rate", o.rate},
        {"connections", o.connections},
        {"threads", o.threads},
        {"items", o.items},
        {"duration_s", o.duration},
        {"warmup_s", o.warmup},
        {"sent", s.sent},
        {"completed", s.completed},
        {"errors", s.errors},
        {"unfinished", s.unfinished},
        {"unsent", unsent},
        {"failed", failed},
        {"status", status},
        {"throughput", throughput},
        {"driver_cores", driver_cores},
        {"latency_ms",
         {{"mean", mean}, {"p50", p50}, {"p90", p90}, {"p99", p99}, {"p999", p999}, {"max", max}}}};
    std::printf("%s\n", http::ToJson(out).c_str());
  } else {
    std::printf("%s http://%s:%u%s, %d connections, %d thread(s), ", o.get ? "GET" : "POST",
                o.host.c_str(), static_cast<unsigned>(o.port), o.path.c_str(), o.connections,
                o.threads);
    if (o.rate > 0) {
      std::printf("open loop at %.0f/s", o.rate);
    } else {
      std::printf("closed loop");
    }
    std::printf(", %.0f s after %.0f s warm-up\n", o.duration, o.warmup);
    std::printf(
        "  requests   sent %llu, completed %llu, transport errors %llu, unfinished %llu",
        static_cast<unsigned long long>(s.sent), static_cast<unsigned long long>(s.completed),
        static_cast<unsigned long long>(s.errors), static_cast<unsigned long long>(s.unfinished));
    if (o.rate > 0) std::printf(", due but unsent %llu", static_cast<unsigned long long>(unsent));
    std::printf("\n  status    ");
    for (auto [code, n] : s.status) {
      std::printf(" %u x %llu", code, static_cast<unsigned long long>(n));
    }
    std::printf("\n  throughput %.1f/s (driver used %.2f cores)\n", throughput, driver_cores);
    std::printf("  latency ms p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  mean %.3f\n", p50,
                p90, p99, p999, max, mean);
    if (failed > 0) {
      std::printf("  FAILED     %llu requests\n", static_cast<unsigned long long>(failed));
    }
  }
  return failed > 0 ? 1 : 0;
}

}  // namespace
}  // namespace haiquan::bench

int main(int argc, char** argv) { return haiquan::bench::Main(argc, argv); }
