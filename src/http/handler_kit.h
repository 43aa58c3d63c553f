#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/caller.h"
#include "http/json_reader.h"
#include "http/json_writer.h"
#include "http/problem.h"
#include "http/router.h"

// What the API's handlers share: answers, bodies, ids and query parameters.
namespace haiquan::http {

inline Response Json(unsigned status, const json::value& v) {
  Response r;
  r.status = status;
  r.body = ToJson(v);
  return r;
}

inline bool JsonBody(const Request& req) {
  return req.content_type.empty() || req.content_type.find("json") != std::string::npos;
}

inline Response UnsupportedMedia(const Request& req) {
  return Problem(415, "", "send the body as application/json", req.instance);
}

inline std::optional<int64_t> ParseId(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

inline bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xe ? 2 : (c >> 3) == 0x1e ? 3 : 9;
    if (n == 9 || (n == 1 && c < 0xc2) || i + n >= s.size() + (n ? 0 : 1)) return false;
    for (size_t k = 1; k <= n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
    }
    i += n + 1;
  }
  return true;
}

// filed_at is stored as RFC 3339 UTC text, so a date or a UTC time compares correctly as text.
inline bool IsDateOrTimestamp(std::string_view s) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i) {
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  };
  if (s.size() < 10 || !digits(0, 4) || s[4] != '-' || !digits(5, 2) || s[7] != '-' ||
      !digits(8, 2)) {
    return false;
  }
  if (s.size() == 10) return true;
  if (s[10] != 'T' || s.size() > 24) return false;
  for (char c : s.substr(11)) {
    if (!((c >= '0' && c <= '9') || c == ':' || c == '.' || c == 'Z')) return false;
  }
  return true;
}

// The faults of a query string, each named by its parameter, answered together as one 400.
class QueryFaults {
 public:
  void Bad(std::string_view name, const std::string& message) {
    // Names come from the client: echo them only if they are valid UTF-8, so that the problem
    // stays readable JSON (the writer escapes control characters).
    std::string shown = name.size() <= 64 && IsValidUtf8(name) ? std::string(name)
                                                               : std::string("(unreadable name)");
    faults_.push_back({"/" + JsonReader::Escape(shown), "invalid_parameter",
                       "query parameter " + shown + " " + message});
  }
  void Unknown(std::string_view name) { Bad(name, "is not known"); }
  // `value` as an integer, or nullopt with a fault.
  std::optional<int> Int(std::string_view name, std::string_view value) {
    int v = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec == std::errc() && end == value.data() + value.size()) return v;
    Bad(name, "must be an integer");
    return std::nullopt;
  }
  // Answers the faults, if any; true when it did.
  bool Answered(const Request& req, const Respond& respond) {
    if (faults_.empty()) return false;
    respond(Problem(domain::Error::Malformed("bad query parameters", std::move(faults_)),
                    req.instance));
    return true;
  }

 private:
  std::vector<domain::FieldError> faults_;
};

// A page of a list: its items and the cursor of the next page (null on the last).
inline Response Page(json::array items, std::optional<std::string> next) {
  return Json(200, json::object{{"items", std::move(items)},
                                {"nextCursor", next ? json::value(*next) : json::value(nullptr)}});
}

// The router has checked the token before any non-public handler runs.
inline app::Caller CallerOf(const Request& req) { return app::Caller{*req.principal, req.remote}; }

inline Response Answer(const domain::Status& s, const Request& req) {
  if (!s.ok()) return Problem(s.error(), req.instance);
  Response r;
  r.status = 204;
  r.content_type = "application/json";
  return r;
}

// Reads a JSON body into T with `read`; answers the problem itself and returns nullopt if the
// body is not acceptable.
template <typename T, typename Read>
std::optional<T> Body(const Request& req, const Respond& respond, std::string_view what,
                      Read read) {
  if (!JsonBody(req)) {
    respond(UnsupportedMedia(req));
    return std::nullopt;
  }
  auto parsed = ParseJson(req.body);
  if (!parsed.ok()) {
    respond(Problem(parsed.error(), req.instance));
    return std::nullopt;
  }
  JsonReader reader;
  T value = read(*parsed, reader);
  if (!reader.ok()) {
    respond(Problem(reader.ToError(what), req.instance));
    return std::nullopt;
  }
  return value;
}

}  // namespace haiquan::http
