#pragma once

#include <boost/json.hpp>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/amount.h"
#include "domain/result.h"

namespace haiquan::http {

namespace json = boost::json;

// Parses a request body as JSON with bounded nesting and strict UTF-8. A syntax error becomes
// a kMalformed error naming the byte offset.
domain::Result<json::value> ParseJson(std::string_view body);
// The same, the value's memory from `storage` (a json::monotonic_resource for a value read and
// dropped within one request) and the parser's working stack from `temp`.
domain::Result<json::value> ParseJson(std::string_view body, json::storage_ptr storage,
                                      std::span<unsigned char> temp);

// Maps JSON into domain structs, collecting every fault with its JSON pointer instead of
// stopping at the first. Shape faults (wrong type, unknown member) make the request
// malformed (400); value faults (unknown code) make it invalid (422).
class JsonReader {
 public:
  static constexpr size_t kMaxString = 4096;

  // The object at `v`, or null (with a fault) if it is something else.
  const json::object* Object(const json::value& v, const std::string& ptr);
  // Member `key` of `o` if present and not null.
  static const json::value* Member(const json::object& o, std::string_view key);

  // `max`: longer strings are a fault; narratives and notes allow more than names.
  void String(const json::object& o, std::string_view key, const std::string& ptr, std::string& out,
              size_t max = kMaxString);
  std::optional<std::string> OptionalString(const json::object& o, std::string_view key,
                                            const std::string& ptr, size_t max = kMaxString);
  void Number(const json::object& o, std::string_view key, const std::string& ptr, double& out);
  void Amount(const json::object& o, std::string_view key, const std::string& ptr,
              domain::Amount& out);
  std::optional<bool> Bool(const json::object& o, std::string_view key, const std::string& ptr);
  // Member "version" of a record being edited (optimistic concurrency): a positive integer.
  std::optional<int> Version(const json::object& o);
  // Reports members of `o` not in `known`.
  void NoOthers(const json::object& o, std::initializer_list<std::string_view> known,
                const std::string& ptr);

  void Shape(std::string ptr, std::string code, std::string message) {
    shape_.push_back({std::move(ptr), std::move(code), std::move(message)});
  }
  void Value(std::string ptr, std::string code, std::string message) {
    value_.push_back({std::move(ptr), std::move(code), std::move(message)});
  }

  bool ok() const { return shape_.empty() && value_.empty(); }
  // The error for all faults so far, with `extra` (e.g. domain validation faults) merged in;
  // faults at a pointer that already has a shape fault are dropped as consequences.
  domain::Error ToError(std::string_view what, std::vector<domain::FieldError> extra = {}) const;

  static std::string Escape(std::string_view key);  // RFC 6901 ~0 ~1

 private:
  std::vector<domain::FieldError> shape_;
  std::vector<domain::FieldError> value_;
};

}  // namespace haiquan::http
