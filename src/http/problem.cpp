#include "http/problem.h"

#include <boost/json.hpp>

#include "http/json_writer.h"

namespace haiquan::http {
namespace json = boost::json;
namespace {

std::string_view Slug(domain::ErrorCode code) {
  switch (code) {
    case domain::ErrorCode::kMalformed:
      return "malformed-request";
    case domain::ErrorCode::kInvalid:
      return "validation-failed";
    case domain::ErrorCode::kNotFound:
      return "not-found";
    case domain::ErrorCode::kConflict:
      return "conflict";
    case domain::ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case domain::ErrorCode::kForbidden:
      return "forbidden";
    case domain::ErrorCode::kTooLarge:
      return "too-large";
    case domain::ErrorCode::kTooManyRequests:
      return "too-many-requests";
    case domain::ErrorCode::kUnavailable:
      return "unavailable";
  }
  return "error";
}

std::string_view Title(unsigned status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

}  // namespace

unsigned StatusOf(domain::ErrorCode code) {
  switch (code) {
    case domain::ErrorCode::kMalformed:
      return 400;
    case domain::ErrorCode::kInvalid:
      return 422;
    case domain::ErrorCode::kNotFound:
      return 404;
    case domain::ErrorCode::kConflict:
      return 409;
    case domain::ErrorCode::kUnauthenticated:
      return 401;
    case domain::ErrorCode::kForbidden:
      return 403;
    case domain::ErrorCode::kTooLarge:
      return 413;
    case domain::ErrorCode::kTooManyRequests:
      return 429;
    case domain::ErrorCode::kUnavailable:
      return 503;
  }
  return 500;
}

Response Problem(const domain::Error& error, std::string_view instance) {
  unsigned status = StatusOf(error.code);
  json::object o;
  o["type"] = "/problems/" + std::string(Slug(error.code));
  o["title"] = Title(status);
  o["status"] = status;
  o["detail"] = error.message;
  o["instance"] = instance;
  if (!error.fields.empty()) {
    json::array errors;
    for (const auto& f : error.fields) {
      errors.push_back({{"pointer", f.pointer}, {"code", f.code}, {"message", f.message}});
    }
    o["errors"] = std::move(errors);
  }
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = ToJson(o);
  if (status == 503) r.headers.emplace_back("Retry-After", "1");
  return r;
}

Response Problem(unsigned status, std::string_view title, std::string_view detail,
                 std::string_view instance) {
  json::object o{{"type", "about:blank"},
                 {"title", title.empty() ? Title(status) : title},
                 {"status", status},
                 {"detail", detail},
                 {"instance", instance}};
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = ToJson(o);
  return r;
}

}  // namespace haiquan::http
