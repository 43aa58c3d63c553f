#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace haiquan::domain {

// What went wrong, in terms a caller can act on; the HTTP layer maps each to one status.
enum class ErrorCode {
  kMalformed,        // the input cannot be read at all, or has the wrong shape (400)
  kInvalid,          // the input is readable but breaks a rule (422)
  kNotFound,         // (404)
  kConflict,         // the record is not in a state that allows this (409)
  kUnauthenticated,  // (401)
  kForbidden,        // (403)
  kTooLarge,         // (413)
  kTooManyRequests,  // slow down and retry later (429)
  kUnavailable,      // storage or another dependency failed; retrying may help (503)
};

// One fault in the input, located by an RFC 6901 JSON pointer.
struct FieldError {
  std::string pointer;
  std::string code;
  std::string message;
};

struct Error {
  ErrorCode code;
  std::string message;
  std::vector<FieldError> fields;

  static Error Malformed(std::string m, std::vector<FieldError> f = {}) {
    return {ErrorCode::kMalformed, std::move(m), std::move(f)};
  }
  static Error Invalid(std::string m, std::vector<FieldError> f = {}) {
    return {ErrorCode::kInvalid, std::move(m), std::move(f)};
  }
  static Error NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m), {}}; }
  static Error Conflict(std::string m) { return {ErrorCode::kConflict, std::move(m), {}}; }
  static Error Unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m), {}}; }
  static Error Unauthenticated(std::string m) {
    return {ErrorCode::kUnauthenticated, std::move(m), {}};
  }
  static Error Forbidden(std::string m, std::vector<FieldError> f = {}) {
    return {ErrorCode::kForbidden, std::move(m), std::move(f)};
  }
  static Error TooManyRequests(std::string m) {
    return {ErrorCode::kTooManyRequests, std::move(m), {}};
  }
};

// A value or the Error explaining why there is none. Expected failures travel as values;
// exceptions are kept for start-up failures.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status Ok() { return Unit{}; }

}  // namespace haiquan::domain
