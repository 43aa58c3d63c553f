#include "http/json_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace haiquan::http {

domain::Result<json::value> ParseJson(std::string_view body) { return ParseJson(body, {}, {}); }

domain::Result<json::value> ParseJson(std::string_view body, json::storage_ptr storage,
                                      std::span<unsigned char> temp) {
  json::parse_options opt;
  opt.max_depth = 16;  // declarations nest 3 deep; anything deeper is hostile
  opt.allow_invalid_utf8 = false;
  opt.allow_comments = false;
  opt.allow_trailing_commas = false;
  json::parser p({}, opt, temp.data(), temp.size());  // a null, empty temp: from the heap
  p.reset(std::move(storage));
  boost::system::error_code ec;
  // write() parses the whole buffer and reports trailing bytes as extra_data.
  size_t n = p.write(body.data(), body.size(), ec);
  if (ec) {
    std::string why =
        ec == json::error::too_deep ? "nesting is deeper than allowed" : std::string(ec.message());
    return domain::Error::Malformed(
        "the body is not valid JSON",
        {{"", ec == json::error::too_deep ? "too_deep" : "malformed_json",
          why + " (near byte " + std::to_string(n) + ")"}});
  }
  return p.release();
}

const json::object* JsonReader::Object(const json::value& v, const std::string& ptr) {
  if (!v.is_object()) {
    Shape(ptr, "wrong_type", "must be an object");
    return nullptr;
  }
  return &v.get_object();
}

const json::value* JsonReader::Member(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

void JsonReader::String(const json::object& o, std::string_view key, const std::string& ptr,
                        std::string& out, size_t max) {
  if (auto s = OptionalString(o, key, ptr, max)) out = std::move(*s);
}

std::optional<std::string> JsonReader::OptionalString(const json::object& o, std::string_view key,
                                                      const std::string& ptr, size_t max) {
  const json::value* v = Member(o, key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    Shape(ptr, "wrong_type", "must be a string");
    return std::nullopt;
  }
  const auto& s = v->get_string();
  if (s.size() > max) {
    Value(ptr, "too_long", "must be at most " + std::to_string(max) + " bytes");
    return std::nullopt;
  }
  return std::string(s);
}

void JsonReader::Number(const json::object& o, std::string_view key, const std::string& ptr,
                        double& out) {
  const json::value* v = Member(o, key);
  if (!v) return;
  if (!v->is_number()) {
    Shape(ptr, "wrong_type", "must be a number");
    return;
  }
  out = v->to_number<double>();
}

void JsonReader::Amount(const json::object& o, std::string_view key, const std::string& ptr,
                        domain::Amount& out) {
  const json::value* v = Member(o, key);
  if (!v) return;
  if (!v->is_number()) {
    Shape(ptr, "wrong_type", "must be a number");
    return;
  }
  auto a = domain::Amount::FromDouble(v->to_number<double>());
  if (!a) {
    Value(ptr, "invalid_amount", "must be a non-negative amount below 10^13");
    return;
  }
  out = *a;
}

std::optional<int> JsonReader::Version(const json::object& o) {
  const json::value* v = Member(o, "version");
  if (!v) return std::nullopt;
  if (v->is_int64() && v->get_int64() > 0 && v->get_int64() <= INT32_MAX) {
    return static_cast<int>(v->get_int64());
  }
  Shape("/version", "wrong_type", "must be the positive integer version you edited");
  return std::nullopt;
}

std::optional<bool> JsonReader::Bool(const json::object& o, std::string_view key,
                                     const std::string& ptr) {
  const json::value* v = Member(o, key);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    Shape(ptr, "wrong_type", "must be true or false");
    return std::nullopt;
  }
  return v->get_bool();
}

void JsonReader::NoOthers(const json::object& o, std::initializer_list<std::string_view> known,
                          const std::string& ptr) {
  for (const auto& kv : o) {
    if (std::find(known.begin(), known.end(), kv.key()) == known.end()) {
      Shape(ptr + "/" + Escape(kv.key()), "unknown_member", "is not a member of this object");
    }
  }
}

domain::Error JsonReader::ToError(std::string_view what,
                                  std::vector<domain::FieldError> extra) const {
  std::vector<domain::FieldError> all = shape_;
  auto shadowed = [&](const std::string& p) {
    return std::any_of(shape_.begin(), shape_.end(), [&](const auto& f) { return f.pointer == p; });
  };
  for (const auto& f : value_) all.push_back(f);
  for (auto& f : extra) {
    if (!shadowed(f.pointer)) all.push_back(std::move(f));
  }
  std::string msg(what);
  if (!shape_.empty())
    return domain::Error::Malformed(msg + " has members of the wrong shape", all);
  return domain::Error::Invalid(msg + " is not valid", all);
}

std::string JsonReader::Escape(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace haiquan::http
