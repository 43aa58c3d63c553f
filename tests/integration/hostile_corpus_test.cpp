// Hostile and malformed bodies against every endpoint that reads JSON. Each body must be refused
// with a 4xx problem naming the member at fault; none may reach storage, and the server must keep
// answering afterwards. The corpus is generated from the valid samples so that each case breaks
// exactly one thing and the pointer it must produce is known.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <exception>
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "integration/server_process.h"

namespace haiquan::testing {
namespace {

namespace json = boost::json;

constexpr std::string_view kDeclarations = "/api/v1/declarations";
constexpr std::string_view kRules = "/api/v1/risk/rules";
// Every declaration body of the corpus carries this reference prefix (and every rule this code
// prefix), so that anything that slipped into storage can be told apart.
constexpr std::string_view kReferencePrefix = "HOSTILE-";
constexpr std::string_view kRuleCodePrefix = "HOSTILE-R-";

constexpr size_t kOverlong = 5000;  // over JsonReader::kMaxString (4096)

struct HostileCase {
  std::string name;
  std::string body;
  std::set<int> statuses;              // acceptable answers
  std::optional<std::string> pointer;  // must be among errors[].pointer
  std::string code;                    // if set, the error at `pointer` has this code
  std::string method = "POST";
  std::string target;  // empty: the endpoint the corpus is sent to
  std::string content_type = "application/json";
  bool own_target = false;  // sent to a target of its own, lest an acceptance mask later cases
};

std::string Quote(std::string_view s) { return json::serialize(json::string(s)); }

// RFC 6901 escaping written again on purpose: an oracle independent of the server's own
// JsonReader::Escape, so that a bug there cannot pass unnoticed.
std::string EscapeToken(std::string_view key) {
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

std::vector<std::string> Split(std::string_view pointer) {
  std::vector<std::string> parts;
  size_t pos = 1;
  while (pos <= pointer.size()) {
    size_t next = pointer.find('/', pos);
    if (next == std::string_view::npos) next = pointer.size();
    parts.emplace_back(pointer.substr(pos, next - pos));
    pos = next + 1;
  }
  return parts;
}

// Edits a valid JSON document and writes it back with raw text spliced in, so that the result
// can hold what a json::value cannot: invalid UTF-8, lone surrogates, 1e400, duplicate keys.
class Mutator {
 public:
  explicit Mutator(const std::string& base) : base_(json::parse(base)) {}

  // The document with the member at `pointer` set to the raw JSON text `raw` (added if absent).
  std::string Set(std::string_view pointer, std::string_view raw) const {
    json::value v = base_;
    Slot(v, pointer) = kMarker;
    return Splice(json::serialize(v), Quote(kMarker), raw);
  }

  std::string Erase(std::string_view pointer) const {
    json::value v = base_;
    auto parts = Split(pointer);
    std::string last = parts.back();
    parts.pop_back();
    json::value* parent = Walk(v, parts);
    if (parent->is_array()) {
      auto& a = parent->as_array();
      a.erase(a.begin() + std::stol(last));
    } else {
      parent->as_object().erase(last);
    }
    return json::serialize(v);
  }

  // The document with a member `raw_key` (raw JSON text, quotes included) appended to the
  // object at `object_pointer`; a key already there makes a duplicate.
  std::string AddRawMember(std::string_view object_pointer, std::string_view raw_key,
                           std::string_view raw_value) const {
    json::value v = base_;
    json::value* o = object_pointer.empty() ? &v : &Slot(v, object_pointer);
    o->as_object()[kKeyMarker] = kMarker;
    std::string key_and_value = Quote(kKeyMarker) + ":" + Quote(kMarker);
    return Splice(json::serialize(v), key_and_value,
                  std::string(raw_key) + ":" + std::string(raw_value));
  }

  std::string Text() const { return json::serialize(base_); }
  std::string Raw(std::string_view pointer) const {
    json::value v = base_;
    return json::serialize(Slot(v, pointer));
  }

 private:
  static constexpr std::string_view kMarker = "@@HOSTILE-RAW@@";
  static constexpr std::string_view kKeyMarker = "@@HOSTILE-KEY@@";

  static json::value* Walk(json::value& v, const std::vector<std::string>& parts) {
    json::value* at = &v;
    for (const auto& p : parts) {
      at = at->is_array() ? &at->as_array().at(std::stoul(p)) : &at->as_object()[p];
    }
    return at;
  }
  static json::value& Slot(json::value& v, std::string_view pointer) {
    return *Walk(v, Split(pointer));
  }
  static std::string Splice(std::string text, std::string_view what, std::string_view with) {
    size_t at = text.find(what);
    if (at == std::string::npos) throw std::logic_error("marker lost");
    return text.replace(at, what.size(), with);
  }

  json::value base_;
};

HostileCase Case(std::string name, std::string body, int status,
                 std::optional<std::string> pointer = std::nullopt, std::string code = "") {
  HostileCase c;
  c.name = std::move(name);
  c.body = std::move(body);
  c.statuses = {status};
  c.pointer = std::move(pointer);
  c.code = std::move(code);
  return c;
}

HostileCase Malformed(std::string name, std::string body, std::string pointer,
                      std::string code = "wrong_type") {
  return Case(std::move(name), std::move(body), 400, std::move(pointer), std::move(code));
}

HostileCase Invalid(std::string name, std::string body, std::string pointer,
                    std::string code = "") {
  return Case(std::move(name), std::move(body), 422, std::move(pointer), std::move(code));
}

// The body cannot be read as JSON at all: the problem points at the whole document.
HostileCase Unreadable(std::string name, std::string body, std::string code = "malformed_json") {
  return Case(std::move(name), std::move(body), 400, "", std::move(code));
}

HostileCase TooLarge(std::string name, std::string body) {
  return Case(std::move(name), std::move(body), 413);
}

HostileCase WrongMedia(std::string name, std::string body, std::string content_type) {
  HostileCase c = Case(std::move(name), std::move(body), 415);
  c.content_type = std::move(content_type);
  return c;
}

// Wrong JSON types for a member that must be a string, a number, an object or an array.
const std::vector<std::pair<std::string, std::string>> kNotString = {
    {"number", "42"},
    {"bool", "true"},
    {"object", "{}"},
    {"array", "[]"},
    {"array_of_string", "[\"IM\"]"}};
const std::vector<std::pair<std::string, std::string>> kNotNumber = {
    {"string", "\"100\""},    {"nan_string", "\"NaN\""}, {"infinity_string", "\"Infinity\""},
    {"empty_string", "\"\""}, {"bool", "false"},         {"object", "{\"value\":1}"},
    {"array", "[1]"}};
const std::vector<std::pair<std::string, std::string>> kNotObject = {
    {"string", "\"VN\""}, {"number", "1"}, {"bool", "true"}, {"array", "[{}]"}};
const std::vector<std::pair<std::string, std::string>> kNotArray = {
    {"object", "{\"0\":{}}"}, {"string", "\"items\""}, {"number", "1"}, {"bool", "true"}};

// Bodies the JSON parser itself must refuse, whatever endpoint they go to. `valid` is a valid
// body for that endpoint, `text_pointer` a string member to plant bad bytes in.
std::vector<HostileCase> UnreadableBodies(const std::string& valid, const Mutator& m,
                                          std::string_view text_pointer) {
  std::vector<HostileCase> out;
  out.push_back(Unreadable("empty body", ""));
  out.push_back(Unreadable("whitespace only", " \r\n\t "));
  for (size_t cut : {size_t{1}, size_t{2}, size_t{10}, valid.size() / 3, valid.size() / 2,
                     valid.size() - 2, valid.size() - 1}) {
    out.push_back(Unreadable("truncated at byte " + std::to_string(cut), valid.substr(0, cut)));
  }
  out.push_back(Unreadable("trailing garbage", valid + "x"));
  out.push_back(Unreadable("trailing second document", valid + "{}"));
  out.push_back(Unreadable("trailing brace", valid + "}"));
  out.push_back(Unreadable("trailing nul byte", valid + std::string(1, '\0')));
  out.push_back(Unreadable("leading garbage", "x" + valid));
  out.push_back(Unreadable("block comment before", "/* hostile */" + valid));
  out.push_back(Unreadable("block comment after", valid + "/* hostile */"));
  out.push_back(Unreadable("line comment inside", "{// hostile\n" + valid.substr(1)));
  out.push_back(Unreadable("utf8 byte order mark", "\xEF\xBB\xBF" + valid));
  out.push_back(Unreadable("utf16 byte order mark", "\xFE\xFF" + valid));
  out.push_back(Unreadable("trailing comma in object", valid.substr(0, valid.size() - 1) + ",}"));
  out.push_back(Unreadable("single quotes", "{'outcome':'compliant'}"));
  out.push_back(Unreadable("unquoted key", "{outcome:\"compliant\"}"));
  out.push_back(Unreadable("bare NaN", m.Set(text_pointer, "NaN")));
  out.push_back(Unreadable("bare Infinity", m.Set(text_pointer, "Infinity")));
  out.push_back(Unreadable("hex number", m.Set(text_pointer, "0x10")));
  out.push_back(Unreadable("leading zero", m.Set(text_pointer, "012")));
  out.push_back(Unreadable("leading plus", m.Set(text_pointer, "+1")));
  out.push_back(Unreadable("bare fraction", m.Set(text_pointer, ".5")));
  out.push_back(Unreadable("dangling exponent", m.Set(text_pointer, "1e")));
  out.push_back(Unreadable("unterminated string", m.Set(text_pointer, "\"abc")));
  out.push_back(Unreadable("bad escape \\x", m.Set(text_pointer, "\"\\x41\"")));
  out.push_back(Unreadable("short unicode escape", m.Set(text_pointer, "\"\\u12\"")));
  out.push_back(Unreadable("raw control char in string", m.Set(text_pointer, "\"a\x01z\"")));
  out.push_back(Unreadable("raw newline in string", m.Set(text_pointer, "\"a\nz\"")));
  // Invalid UTF-8: stray continuation, bad lead, truncated sequences, overlong encodings,
  // UTF-8-encoded surrogates, beyond U+10FFFF, 5-byte forms.
  const std::vector<std::pair<std::string, std::string>> bad_utf8 = {
      {"C3 28", "\xC3\x28"},
      {"FF", "\xFF"},
      {"FE", "\xFE"},
      {"lone continuation 80", "\x80"},
      {"truncated E2 82", "\xE2\x82"},
      {"truncated C3 at end", "\xC3"},
      {"overlong C0 AF", "\xC0\xAF"},
      {"overlong E0 80 AF", "\xE0\x80\xAF"},
      {"overlong F0 80 80 AF", "\xF0\x80\x80\xAF"},
      {"overlong nul C0 80", "\xC0\x80"},
      {"surrogate ED A0 80", "\xED\xA0\x80"},
      {"above U+10FFFF F4 90 80 80", "\xF4\x90\x80\x80"},
      {"5-byte F8 88 80 80 80", "\xF8\x88\x80\x80\x80"}};
  for (const auto& [what, bytes] : bad_utf8) {
    out.push_back(
        Unreadable("invalid UTF-8 in value: " + what, m.Set(text_pointer, "\"a" + bytes + "z\"")));
  }
  for (const auto& [what, bytes] : {bad_utf8[0], bad_utf8[1], bad_utf8[6], bad_utf8[10]}) {
    out.push_back(
        Unreadable("invalid UTF-8 in key: " + what, m.AddRawMember("", "\"k" + bytes + "\"", "1")));
  }
  // Lone or reversed surrogate escapes cannot become UTF-8.
  for (const auto& [what, escape] : std::vector<std::pair<std::string, std::string>>{
           {"lone high surrogate", "\\ud800"},
           {"lone low surrogate", "\\udc00"},
           {"high surrogate then letter", "\\ud800\\u0041"},
           {"two high surrogates", "\\ud800\\ud800"},
           {"reversed pair", "\\udc00\\ud800"},
           {"high surrogate at end", "abc\\udbff"}}) {
    out.push_back(Unreadable(what + " in value", m.Set(text_pointer, "\"" + escape + "\"")));
  }
  out.push_back(Unreadable("lone surrogate in key", m.AddRawMember("", "\"\\ud800\"", "1")));
  // Nesting past the limit of 16, as arrays, objects and unclosed, at the top and inside.
  for (size_t depth : {17, 100, 10000}) {
    out.push_back(Unreadable("arrays nested " + std::to_string(depth),
                             std::string(depth, '[') + std::string(depth, ']'), "too_deep"));
  }
  std::string objects;
  for (int i = 0; i < 17; ++i) objects += "{\"a\":";
  objects += "1" + std::string(17, '}');
  out.push_back(Unreadable("objects nested 17", objects, "too_deep"));
  out.push_back(
      Unreadable("unclosed arrays nested 1000000", std::string(1000000, '['), "too_deep"));
  out.push_back(Unreadable("member nested 16 more",
                           m.Set(text_pointer, std::string(16, '[') + std::string(16, ']')),
                           "too_deep"));
  return out;
}

// Bodies refused before they are read: over the size limit, or not JSON by their media type.
std::vector<HostileCase> TransportBodies(const std::string& valid, const Mutator& m,
                                         std::string_view text_pointer) {
  std::vector<HostileCase> out;
  out.push_back(TooLarge("2 MiB of letters", std::string(2 << 20, 'a')));
  out.push_back(
      TooLarge("2 MiB string member", m.Set(text_pointer, Quote(std::string(2 << 20, 'A')))));
  out.push_back(
      TooLarge("limit plus one byte", valid + std::string((1 << 20) + 1 - valid.size(), ' ')));
  // Exactly at the limit the body is read, and refused for what it says.
  std::string at_limit = m.AddRawMember("", "\"bogus\"", "1");
  at_limit += std::string((1 << 20) - at_limit.size(), ' ');
  out.push_back(
      Malformed("exactly at the limit, unknown member", at_limit, "/bogus", "unknown_member"));
  out.push_back(TooLarge("1 MiB nested arrays plus", std::string((1 << 20) + 10, '[')));
  for (const char* type :
       {"text/plain", "application/xml", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "text/html", "application/octet-stream"}) {
    out.push_back(WrongMedia(std::string("content type ") + type, valid, type));
  }
  return out;
}

// A body that is JSON but not an object.
std::vector<HostileCase> NotObjectBodies(const std::string& valid) {
  std::vector<HostileCase> out;
  for (const auto& [what, body] : std::vector<std::pair<std::string, std::string>>{
           {"array", "[]"},
           {"array of the valid body", "[" + valid + "]"},
           {"string", "\"{}\""},
           {"number", "42"},
           {"null", "null"},
           {"true", "true"},
           {"false", "false"}}) {
    out.push_back(Malformed("top level " + what, body, ""));
  }
  return out;
}

// Unknown members, including keys that must be escaped in the JSON pointer (RFC 6901).
void AddUnknownMembers(std::vector<HostileCase>& out, const Mutator& m,
                       std::string_view object_pointer, bool escapes) {
  std::string where = object_pointer.empty() ? "top level" : std::string(object_pointer);
  std::vector<std::pair<std::string, std::string>> keys = {{"bogus", "bogus"}};
  if (escapes) {
    keys.insert(keys.end(), {{"slash a/b", "a/b"},
                             {"tilde m~n", "m~n"},
                             {"tilde-one ~1", "~1"},
                             {"slash only", "/"},
                             {"tilde only", "~"},
                             {"empty key", ""},
                             {"__proto__", "__proto__"},
                             {"nul in key", std::string("x\0y", 3)},
                             {"non-ASCII key", "m\xC3\xA9nh"},
                             {"overlong key", std::string(kOverlong, 'k')}});
  }
  for (const auto& [what, key] : keys) {
    out.push_back(Malformed(
        where + " unknown member " + what, m.AddRawMember(object_pointer, Quote(key), "\"x\""),
        std::string(object_pointer) + "/" + EscapeToken(key), "unknown_member"));
  }
}

struct StringMember {
  std::string pointer;
  std::string absent_code;           // the 422 code when absent, null or empty; empty if optional
  std::vector<std::string> invalid;  // values breaking a rule: 422 at `pointer`
  size_t max = 0;                    // domain length limit below 4096, if any
  bool multiline = false;            // free text where a line break may be fair
};

struct NumberMember {
  std::string pointer;
  std::string absent_code;
  std::vector<std::string> invalid;  // raw JSON numbers breaking a rule
};

void AddStringMember(std::vector<HostileCase>& out, const std::function<Mutator()>& base,
                     const StringMember& s) {
  const std::string& p = s.pointer;
  for (const auto& [what, raw] : kNotString) {
    out.push_back(Malformed(p + " as " + what, base().Set(p, raw), p, "wrong_type"));
  }
  if (!s.absent_code.empty()) {
    out.push_back(Invalid(p + " deleted", base().Erase(p), p, s.absent_code));
    out.push_back(Invalid(p + " null", base().Set(p, "null"), p, s.absent_code));
    out.push_back(Invalid(p + " empty", base().Set(p, "\"\""), p));
  }
  out.push_back(
      Invalid(p + " overlong", base().Set(p, Quote(std::string(kOverlong, 'A'))), p, "too_long"));
  if (s.max > 0) {
    out.push_back(Invalid(p + " one byte over " + std::to_string(s.max),
                          base().Set(p, Quote(std::string(s.max + 1, 'A'))), p));
  }
  out.push_back(Invalid(p + " control char U+0001", base().Set(p, "\"AB\\u0001C\""), p));
  out.push_back(Invalid(p + " escaped nul", base().Set(p, "\"AB\\u0000C\""), p));
  if (!s.multiline) out.push_back(Invalid(p + " escaped newline", base().Set(p, "\"AB\\nC\""), p));
  out.push_back(Invalid(p + " DEL",
                        base().Set(p,
                                   "\"AB\x7f"
                                   "C\""),
                        p));
  for (const auto& v : s.invalid) {
    out.push_back(Invalid(p + " invalid " + Quote(v), base().Set(p, Quote(v)), p));
  }
}

void AddNumberMember(std::vector<HostileCase>& out, const std::function<Mutator()>& base,
                     const NumberMember& n) {
  const std::string& p = n.pointer;
  for (const auto& [what, raw] : kNotNumber) {
    out.push_back(Malformed(p + " as " + what, base().Set(p, raw), p, "wrong_type"));
  }
  if (!n.absent_code.empty()) {
    out.push_back(Invalid(p + " deleted", base().Erase(p), p, n.absent_code));
    out.push_back(Invalid(p + " null", base().Set(p, "null"), p, n.absent_code));
  }
  for (const auto& raw : n.invalid) {
    out.push_back(Invalid(p + " = " + raw, base().Set(p, raw), p));
  }
}

// Values every positive quantity, mass or amount must refuse.
const std::vector<std::string> kNotPositive = {"-1",     "0",     "-0",     "-0.0",
                                               "1e-400", "1e400", "-1e400", "-9223372036854775809"};

std::string Reference(size_t n) {
  std::string digits = std::to_string(n);
  return std::string(kReferencePrefix) +
         std::string(digits.size() < 5 ? 5 - digits.size() : 0, '0') + digits;
}

std::vector<HostileCase> DeclarationCorpus() {
  size_t counter = 0;
  auto base = [&counter] { return Mutator(SampleDeclarationJson(Reference(++counter))); };
  std::vector<HostileCase> out;

  const std::vector<std::string> bad_country = {"XX", "vn", "VNM", "V", "V1"};
  const std::vector<std::string> bad_tax_id = {"abc",      "031",         "0312345678901234567890",
                                               "-0312345", "0312 345678", "031234567\xC3\xA9"};
  const std::vector<StringMember> strings = {
      {"/declarantReference",
       "required",
       {"HOSTILE ref", "HOSTILE-<script>", "HOSTILE-" + std::string(28, '9'), "HOSTILE-\xC3\xA9"}},
      {"/type", "required", {"XX", "im", "IMPORT", " IM"}},
      {"/office", "required", {"03ce", "0", "123456789", "03-CE"}},
      {"/declarant/taxId", "required", bad_tax_id},
      {"/declarant/name", "", {}, 256},
      {"/declarant/address", "", {}, 512},
      {"/declarant/country", "", bad_country},
      {"/importer/taxId", "required", bad_tax_id},
      {"/importer/name", "required", {}, 256},
      {"/importer/address", "", {}, 512},
      {"/importer/country", "required", bad_country},
      {"/exporter/taxId", "", bad_tax_id},
      {"/exporter/name", "required", {}, 256},
      {"/exporter/address", "", {}, 512},
      {"/exporter/country", "required", bad_country},
      {"/transport/mode", "required", {"10", "A", "-1"}},
      {"/transport/conveyanceId", "", {}, 64},
      {"/transport/departureCountry", "required", bad_country},
      {"/transport/loadingPlace", "", {"XXABC", "CNSH", "CNSH1", "cnsha", "CNSHAX"}},
      {"/transport/dischargePlace", "", {"VNHP0", "ZZHPH"}},
      {"/invoice/currency", "required", {"ABC", "usd", "US", "EURO"}},
      {"/invoice/incoterm", "required", {"CIF2", "cif", "FOB ", "INCOTERM"}},
      {"/items/0/hsCode",
       "required",
       {"99999900", "8517", "85171300A", "12345678901", "8517.13.00", "-8517130", "000000"}},
      {"/items/0/description", "required", {}, 512},
      {"/items/0/originCountry", "required", bad_country},
      {"/items/0/unit", "required", {"PIECES", "pce", "P-E"}},
  };
  for (const auto& s : strings) AddStringMember(out, base, s);

  const std::vector<NumberMember> numbers = {
      {"/items/0/quantity", "not_positive", kNotPositive},
      {"/items/0/netMassKg", "not_positive", kNotPositive},
      {"/items/0/grossMassKg", "not_positive", kNotPositive},
      {"/items/0/value", "required", {"-1", "-0.01", "1e400", "1e308", "10000000000001"}},
      {"/invoice/amount", "not_positive", kNotPositive},
  };
  for (const auto& n : numbers) AddNumberMember(out, base, n);
  for (const char* p : {"/items/0/quantity", "/items/0/netMassKg", "/items/0/grossMassKg"}) {
    out.push_back(Invalid(std::string(p) + " = 1e308", base().Set(p, "1e308"), p, "too_large"));
    out.push_back(
        Invalid(std::string(p) + " = 2^64", base().Set(p, "18446744073709551616"), p, "too_large"));
  }
  out.push_back(Invalid("/invoice/amount = 1e308", base().Set("/invoice/amount", "1e308"),
                        "/invoice/amount", "invalid_amount"));
  out.push_back(Invalid("/invoice/amount rounds to zero", base().Set("/invoice/amount", "0.004"),
                        "/invoice/amount", "not_positive"));
  out.push_back(Invalid("gross mass below net", base().Set("/items/0/grossMassKg", "10"),
                        "/items/0/grossMassKg", "less_than_net"));
  out.push_back(Invalid("net mass above gross", base().Set("/items/0/netMassKg", "31"),
                        "/items/0/grossMassKg", "less_than_net"));

  // Objects: absent, of the wrong type, empty, and with unknown members.
  for (const auto& [p, first_required] :
       std::vector<std::pair<std::string, std::string>>{{"/declarant", "/declarant/taxId"},
                                                        {"/importer", "/importer/taxId"},
                                                        {"/exporter", "/exporter/name"},
                                                        {"/transport", "/transport/mode"},
                                                        {"/invoice", "/invoice/currency"}}) {
    for (const auto& [what, raw] : kNotObject) {
      out.push_back(Malformed(p + " as " + what, base().Set(p, raw), p));
    }
    if (p != "/exporter") {  // an import declaration may omit its exporter
      out.push_back(Invalid(p + " deleted", base().Erase(p), p, "required"));
      out.push_back(Invalid(p + " null", base().Set(p, "null"), p, "required"));
    }
    out.push_back(Invalid(p + " empty object", base().Set(p, "{}"), first_required, "required"));
    AddUnknownMembers(out, base(), p, p == "/declarant");
  }
  out.push_back(Malformed("/declarant/taxId misspelt taxID",
                          base().Set("/declarant", "{\"taxID\":\"0312345678\"}"),
                          "/declarant/taxID", "unknown_member"));
  auto export_decl = [&] { return Mutator(base().Set("/type", "\"EX\"")); };
  out.push_back(Invalid("export without exporter", export_decl().Erase("/exporter"), "/exporter",
                        "required"));
  out.push_back(Invalid("export without exporter tax id", export_decl().Text(), "/exporter/taxId",
                        "required"));

  // Items: the array itself, its elements, and its size.
  std::string item = base().Raw("/items/0");
  for (const auto& [what, raw] : kNotArray) {
    out.push_back(Malformed("/items as " + what, base().Set("/items", raw), "/items"));
  }
  out.push_back(Invalid("/items deleted", base().Erase("/items"), "/items", "required"));
  out.push_back(Invalid("/items null", base().Set("/items", "null"), "/items", "required"));
  out.push_back(Invalid("/items empty", base().Set("/items", "[]"), "/items", "required"));
  std::string thousand = "[";
  for (int i = 0; i < 1000; ++i) thousand += (i ? "," : "") + item;
  thousand += "]";
  out.push_back(Invalid("1000 items", base().Set("/items", thousand), "/items", "too_many"));
  for (const auto& [what, raw] :
       std::vector<std::pair<std::string, std::string>>{{"string", "\"item\""},
                                                        {"array", "[" + item + "]"},
                                                        {"null", "null"},
                                                        {"number", "0"},
                                                        {"bool", "true"}}) {
    out.push_back(Malformed("/items/0 as " + what, base().Set("/items/0", raw), "/items/0"));
  }
  out.push_back(Invalid("/items/0 empty object", base().Set("/items/0", "{}"), "/items/0/hsCode",
                        "required"));
  out.push_back(Invalid("/items/0 empty object has no value", base().Set("/items/0", "{}"),
                        "/items/0/value", "required"));
  {
    Mutator bad_item(item);
    std::string bad = bad_item.Set("/hsCode", "\"99999900\"");
    out.push_back(Invalid("second item unknown hs code",
                          base().Set("/items", "[" + item + "," + bad + "]"), "/items/1/hsCode",
                          "unknown_hs_code"));
    std::string many = "[";
    for (int i = 0; i < 998; ++i) many += item + ",";
    many += bad_item.Set("/quantity", "-5") + "]";
    out.push_back(Invalid("999th item negative quantity", base().Set("/items", many),
                          "/items/998/quantity", "not_positive"));
    out.push_back(Malformed("second item wrong type", base().Set("/items", "[" + item + ",\"x\"]"),
                            "/items/1"));
  }
  AddUnknownMembers(out, base(), "", true);
  AddUnknownMembers(out, base(), "/items/0", true);

  // Duplicate keys: whichever copy the parser keeps, the bad one must not get through.
  out.push_back(Malformed("duplicate /type, second a number",
                          base().AddRawMember("", "\"type\"", "42"), "/type"));
  out.push_back(Malformed("duplicate /items, second a string",
                          base().AddRawMember("", "\"items\"", "\"x\""), "/items"));
  out.push_back(Invalid("duplicate /importer/country, second unknown",
                        base().AddRawMember("/importer", "\"country\"", "\"XX\""),
                        "/importer/country", "unknown_country"));
  out.push_back(Invalid("duplicate /items/0/hsCode, second unknown",
                        base().AddRawMember("/items/0", "\"hsCode\"", "\"99999900\""),
                        "/items/0/hsCode", "unknown_hs_code"));

  // Lone surrogates and invalid UTF-8 in a free-text member that would otherwise be accepted.
  Mutator m = base();
  std::string valid = m.Text();
  for (auto& c : UnreadableBodies(valid, m, "/items/0/description")) out.push_back(std::move(c));
  for (auto& c : TransportBodies(valid, m, "/items/0/description")) out.push_back(std::move(c));
  for (auto& c : NotObjectBodies(valid)) out.push_back(std::move(c));
  out.push_back(Invalid("description of 1000000 bytes",
                        base().Set("/items/0/description", Quote(std::string(1000000, 'D'))),
                        "/items/0/description", "too_long"));
  return out;
}

std::string InspectionBody() {
  return R"({"outcome":"discrepancy","description":"Undeclared goods in container",)"
         R"("revenueAdjustment":150.5,"officer":"OF-0001","release":false})";
}

std::vector<HostileCase> InspectionCorpus() {
  auto base = [] { return Mutator(InspectionBody()); };
  std::vector<HostileCase> out;
  AddStringMember(out, base, {"/outcome", "required", {"arrest", "COMPLIANT", "compliant "}});
  for (const auto& [what, raw] : kNotString) {
    out.push_back(
        Malformed("/description as " + what, base().Set("/description", raw), "/description"));
    out.push_back(Malformed("/officer as " + what, base().Set("/officer", raw), "/officer"));
  }
  out.push_back(Invalid("/description overlong",
                        base().Set("/description", Quote(std::string(kOverlong, 'D'))),
                        "/description", "too_long"));
  out.push_back(Invalid("/description over 4000 bytes",
                        base().Set("/description", Quote(std::string(4001, 'D'))), "/description",
                        "too_long"));
  out.push_back(Invalid("/officer over 64 bytes",
                        base().Set("/officer", Quote(std::string(65, 'O'))), "/officer"));
  out.push_back(Invalid("/officer overlong",
                        base().Set("/officer", Quote(std::string(kOverlong, 'O'))), "/officer",
                        "too_long"));
  out.push_back(Invalid("discrepancy without description", base().Erase("/description"),
                        "/description", "required"));
  out.push_back(Invalid("discrepancy with empty description", base().Set("/description", "\"\""),
                        "/description", "required"));
  out.push_back(Invalid("seizure with null description",
                        Mutator(base().Set("/outcome", "\"seizure\"")).Set("/description", "null"),
                        "/description", "required"));
  for (const auto& [what, raw] : kNotNumber) {
    out.push_back(Malformed("/revenueAdjustment as " + what, base().Set("/revenueAdjustment", raw),
                            "/revenueAdjustment"));
  }
  for (const char* raw : {"-1", "-0.01", "1e308", "1e400", "-1e400", "10000000000001"}) {
    out.push_back(Invalid(std::string("/revenueAdjustment = ") + raw,
                          base().Set("/revenueAdjustment", raw), "/revenueAdjustment",
                          "invalid_amount"));
  }
  out.push_back(Invalid("compliant with revenue adjustment",
                        base().Set("/outcome", "\"compliant\""), "/revenueAdjustment",
                        "not_allowed"));
  out.push_back(Invalid("seizure released",
                        Mutator(base().Set("/outcome", "\"seizure\"")).Set("/release", "true"),
                        "/release", "not_allowed"));
  for (const auto& [what, raw] : std::vector<std::pair<std::string, std::string>>{
           {"string", "\"true\""}, {"number", "1"}, {"object", "{}"}, {"array", "[true]"}}) {
    out.push_back(Malformed("/release as " + what, base().Set("/release", raw), "/release"));
  }
  AddUnknownMembers(out, base(), "", true);
  out.push_back(Malformed("unknown member status",
                          base().AddRawMember("", "\"status\"", "\"released\""), "/status",
                          "unknown_member"));
  Mutator m = base();
  for (auto& c : UnreadableBodies(m.Text(), m, "/description")) out.push_back(std::move(c));
  for (auto& c : TransportBodies(m.Text(), m, "/description")) out.push_back(std::move(c));
  for (auto& c : NotObjectBodies(m.Text())) out.push_back(std::move(c));
  // The same rule as for declarations: control characters break logs and exports. Line breaks
  // in an officer's description are fair; a NUL or an escape sequence is not.
  for (const char* p : {"/description", "/officer"}) {
    for (const auto& [what, raw] : std::vector<std::pair<std::string, std::string>>{
             {"control char U+0001", "\"AB\\u0001C\""},
             {"escaped nul", "\"AB\\u0000C\""},
             {"escape sequence", "\"AB\\u001b[2JC\""}}) {
      HostileCase c = Invalid(std::string(p) + " " + what, base().Set(p, raw), p);
      c.own_target = true;
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::string RuleBody(const std::string& code) {
  return R"({"code":")" + code +
         R"(","description":"Hostile corpus rule","field":"items.originCountry",)"
         R"("operator":"eq","values":["KP"],"lane":"red"})";
}

// `code_prefix` keeps the codes of each pass apart: a rule wrongly stored by one pass must not
// turn the same body into a code conflict (409) in the next.
std::vector<HostileCase> RuleCorpus(const std::string& code_prefix = std::string(kRuleCodePrefix)) {
  size_t counter = 0;
  auto base = [&counter, &code_prefix] {
    return Mutator(RuleBody(code_prefix + std::to_string(++counter)));
  };
  auto weighted = [&] {
    Mutator m(base().Erase("/lane"));
    return Mutator(m.Set("/weight", "10"));
  };
  auto numeric = [&] {
    Mutator m(base().Set("/field", "\"items.quantity\""));
    return Mutator(Mutator(m.Set("/operator", "\"gt\"")).Set("/values", "[\"100\"]"));
  };
  std::vector<HostileCase> out;
  AddStringMember(
      out, base,
      {"/code", "invalid_format", {"r-lower", "R CODE", "R/CODE", std::string(65, 'R')}});
  AddStringMember(out, base, {"/description", "required", {}, 1000, true});
  AddStringMember(out, base,
                  {"/field", "unknown_field", {"items.price", "ITEMS.HSCODE", "items."}});
  AddStringMember(out, base, {"/operator", "required", {"between", "EQ", "=="}});
  for (const auto& [what, raw] : kNotString) {
    out.push_back(Malformed("/lane as " + what, base().Set("/lane", raw), "/lane"));
  }
  for (const char* lane : {"purple", "RED", "", "red "}) {
    out.push_back(Invalid(std::string("/lane = ") + Quote(lane), base().Set("/lane", Quote(lane)),
                          "/lane", "invalid_code"));
  }
  for (const auto& [what, raw] : kNotArray) {
    out.push_back(Malformed("/values as " + what, base().Set("/values", raw), "/values"));
  }
  out.push_back(Invalid("/values deleted", base().Erase("/values"), "/values", "required"));
  out.push_back(Invalid("/values empty", base().Set("/values", "[]"), "/values", "required"));
  for (const auto& [what, raw] : std::vector<std::pair<std::string, std::string>>{
           {"bool", "[true]"}, {"null", "[null]"}, {"object", "[{}]"}, {"array", "[[\"KP\"]]"}}) {
    out.push_back(Malformed("/values/0 as " + what, base().Set("/values", raw), "/values/0"));
  }
  out.push_back(
      Malformed("/values/1 as bool", base().Set("/values", "[\"KP\",false]"), "/values/1"));
  for (const auto& [what, raw] : std::vector<std::pair<std::string, std::string>>{
           {"empty", "\"\""},
           {"control char", "\"K\\u0001P\""},
           {"newline", "\"K\\nP\""},
           {"DEL", "\"K\x7fP\""},
           {"257 bytes", Quote(std::string(257, 'V'))},
           {"overlong", Quote(std::string(kOverlong, 'V'))}}) {
    out.push_back(
        Invalid("/values/0 " + what, base().Set("/values", "[" + raw + "]"), "/values/0"));
  }
  out.push_back(Invalid("eq with two values", base().Set("/values", "[\"KP\",\"IR\"]"), "/values",
                        "too_many"));
  std::string many = "[";
  for (int i = 0; i < 10001; ++i) many += (i ? ",\"" : "\"") + std::to_string(i) + "\"";
  many += "]";
  out.push_back(Invalid("in with 10001 values",
                        Mutator(base().Set("/operator", "\"in\"")).Set("/values", many), "/values",
                        "too_many"));
  for (const char* v : {"abc", "1e400", "nan", "inf", "0x10", "1,5", ""}) {
    out.push_back(Invalid(std::string("numeric value ") + Quote(v),
                          numeric().Set("/values", "[" + Quote(v) + "]"), "/values/0"));
  }
  out.push_back(
      Invalid("gt on a text field", base().Set("/operator", "\"gt\""), "/operator", "not_numeric"));
  out.push_back(Invalid("prefix on a numeric field", numeric().Set("/operator", "\"prefix\""),
                        "/operator", "not_text"));
  for (const auto& [what, raw] : kNotNumber) {
    out.push_back(Malformed("/weight as " + what, weighted().Set("/weight", raw), "/weight"));
  }
  out.push_back(Invalid("lane and weight", base().Set("/weight", "10"), "/weight", "conflict"));
  for (const char* w : {"0", "-0", "-5", "100.0001", "101", "1e308", "1e400", "-1e400", "1e-400"}) {
    out.push_back(Invalid(std::string("/weight = ") + w, weighted().Set("/weight", w), "/weight",
                          "out_of_range"));
  }
  for (const char* p : {"/validFrom", "/validTo"}) {
    for (const auto& [what, raw] : kNotString) {
      out.push_back(Malformed(std::string(p) + " as " + what, base().Set(p, raw), p));
    }
    for (const char* d : {"2026-13-01", "2026-00-10", "2026-01-32", "26-01-01", "2026-1-01",
                          "2026/01/01", "yesterday", "2026-01-01T00:00:00Z"}) {
      out.push_back(
          Invalid(std::string(p) + " = " + d, base().Set(p, Quote(d)), p, "invalid_date"));
    }
    out.push_back(Invalid(std::string(p) + " overlong",
                          base().Set(p, Quote(std::string(kOverlong, '2'))), p, "too_long"));
  }
  out.push_back(
      Invalid("validTo before validFrom",
              Mutator(base().Set("/validFrom", "\"2026-06-01\"")).Set("/validTo", "\"2026-05-31\""),
              "/validTo", "before_start"));
  for (const auto& [what, raw] : std::vector<std::pair<std::string, std::string>>{
           {"string", "\"yes\""}, {"number", "1"}, {"object", "{}"}, {"array", "[]"}}) {
    out.push_back(Malformed("/active as " + what, base().Set("/active", raw), "/active"));
  }
  for (const auto& [what, raw] :
       std::vector<std::pair<std::string, std::string>>{{"string", "\"1\""},
                                                        {"fraction", "1.5"},
                                                        {"bool", "true"},
                                                        {"object", "{}"},
                                                        {"huge", "1e400"}}) {
    out.push_back(Malformed("/version as " + what, base().Set("/version", raw), "/version"));
  }
  AddUnknownMembers(out, base(), "", true);
  out.push_back(Malformed("misspelt member Code", base().AddRawMember("", "\"Code\"", "\"R\""),
                          "/Code", "unknown_member"));
  Mutator m = base();
  for (auto& c : UnreadableBodies(m.Text(), m, "/description")) out.push_back(std::move(c));
  for (auto& c : TransportBodies(m.Text(), m, "/description")) out.push_back(std::move(c));
  for (auto& c : NotObjectBodies(m.Text())) out.push_back(std::move(c));
  return out;
}

// Sends a request whose head and body are written byte for byte. A server refusing a body
// before reading it all may close while we still write: the write fails (EPIPE) but its answer
// is already in our receive buffer, so we read on regardless.
HttpResult RawExchange(int port, const std::string& request) {
  namespace asio = boost::asio;
  namespace beast = boost::beast;
  namespace bhttp = beast::http;
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  boost::system::error_code write_error;
  asio::write(socket, asio::buffer(request), write_error);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  boost::system::error_code read_error;
  bhttp::read(socket, buffer, parser, read_error);
  if (read_error) {
    throw std::runtime_error("no answer: " + read_error.message() +
                             (write_error ? " (writing: " + write_error.message() + ")" : ""));
  }
  HttpResult out;
  out.status = static_cast<int>(parser.get().result_int());
  out.body = parser.get().body();
  for (const auto& f : parser.get()) {
    out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  }
  return out;
}

HttpResult Exchange(int port, const std::string& token, const HostileCase& c,
                    const std::string& target) {
  std::string head = c.method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  head += "Authorization: Bearer " + token + "\r\n";
  if (!c.content_type.empty()) head += "Content-Type: " + c.content_type + "\r\n";
  head += "Content-Length: " + std::to_string(c.body.size()) + "\r\nConnection: close\r\n\r\n";
  return RawExchange(port, head + c.body);
}

std::string Excerpt(const std::string& s) {
  return s.size() <= 400 ? s : s.substr(0, 400) + "... (" + std::to_string(s.size()) + " bytes)";
}

// Checks one answer against the case; returns false if it failed, for the summary.
bool CheckAnswer(const HostileCase& c, const HttpResult& res) {
  SCOPED_TRACE("case \"" + c.name + "\"");
  const int failures_before =
      ::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count();
  EXPECT_LT(res.status, 500) << "server error; body: " << Excerpt(res.body);
  EXPECT_TRUE(c.statuses.count(res.status))
      << "status " << res.status << "; body: " << Excerpt(res.body);
  EXPECT_EQ(res.Header("Content-Type"), "application/problem+json");
  boost::system::error_code ec;
  json::value problem = json::parse(res.body, ec);
  if (ec || !problem.is_object()) {
    ADD_FAILURE() << "the answer is not a JSON object: " << Excerpt(res.body);
  } else {
    const auto& o = problem.as_object();
    const json::value* status = o.if_contains("status");
    EXPECT_TRUE(status && status->is_int64() && status->as_int64() == res.status)
        << Excerpt(res.body);
    if (c.pointer) {
      const json::value* errors = o.if_contains("errors");
      bool named = false;
      std::string code_there;
      if (errors && errors->is_array()) {
        for (const auto& e : errors->as_array()) {
          const auto* eo = e.if_object();
          if (!eo || !eo->contains("pointer") || eo->at("pointer") != json::value(*c.pointer)) {
            continue;
          }
          named = true;
          if (const auto* code = eo->if_contains("code"); code && code->is_string()) {
            if (code_there.empty() || std::string_view(code->as_string()) == c.code) {
              code_there = std::string(code->as_string());
            }
          }
        }
      }
      EXPECT_TRUE(named) << "no error names " << Quote(*c.pointer)
                         << "; body: " << Excerpt(res.body);
      if (named && !c.code.empty()) {
        EXPECT_EQ(code_there, c.code)
            << "at " << Quote(*c.pointer) << "; body: " << Excerpt(res.body);
      }
    }
  }
  return ::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count() ==
         failures_before;
}

// Sends every case and checks its answer; a case whose request could not even be exchanged
// (the server dropped the connection) fails by name too.
void RunCorpus(const ServerProcess& server, const std::vector<HostileCase>& corpus,
               const std::string& default_target) {
  size_t failed = 0;
  for (const auto& c : corpus) {
    HttpResult res;
    try {
      res =
          Exchange(server.port(), server.token(), c, c.target.empty() ? default_target : c.target);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "case \"" << c.name << "\": " << e.what();
      ++failed;
      continue;
    }
    if (!CheckAnswer(c, res)) ++failed;
  }
  EXPECT_EQ(failed, 0u) << "of " << corpus.size() << " hostile bodies sent to " << default_target;
}

void ExpectStillServing(const ServerProcess& server) {
  auto health = server.Get("/healthz");
  EXPECT_EQ(health.status, 200) << health.body;
}

TEST(HostileCorpusTest, CorpusHasAtLeast200Bodies) {
  auto declarations = DeclarationCorpus();
  auto inspections = InspectionCorpus();
  auto rules = RuleCorpus();
  size_t total = declarations.size() + inspections.size() + rules.size();
  EXPECT_GE(declarations.size(), 200u);
  EXPECT_GE(total, 250u);
  for (const auto* corpus : {&declarations, &inspections, &rules}) {
    std::set<std::string> names;
    for (const auto& c : *corpus) {
      EXPECT_TRUE(names.insert(c.name).second) << "two cases named " << c.name;
    }
  }
  std::printf("hostile corpus: %zu declaration, %zu inspection, %zu rule bodies (%zu)\n",
              declarations.size(), inspections.size(), rules.size(), total);
}

TEST(HostileCorpusTest, DeclarationBodiesAreRefusedAndNothingIsStored) {
  ServerProcess server;
  auto corpus = DeclarationCorpus();
  RunCorpus(server, corpus, std::string(kDeclarations));

  // Bodies over the limit announced by Content-Length alone, or sent in chunks.
  auto huge = RawExchange(server.port(),
                          "POST /api/v1/declarations HTTP/1.1\r\nHost: x\r\n"
                          "Content-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n");
  CheckAnswer(TooLarge("Content-Length of 1 GiB, no body", ""), huge);
  auto overflow = RawExchange(server.port(),
                              "POST /api/v1/declarations HTTP/1.1\r\nHost: x\r\n"
                              "Content-Type: application/json\r\n"
                              "Content-Length: 99999999999999999999999\r\n\r\n{}");
  EXPECT_GE(overflow.status, 400) << overflow.body;
  EXPECT_LT(overflow.status, 500) << overflow.body;

  auto list = server.Get(std::string(kDeclarations) + "?limit=500");
  ASSERT_EQ(list.status, 200) << list.body;
  json::value page = json::parse(list.body);
  for (const auto& s : page.as_object().at("items").as_array()) {
    ADD_FAILURE() << "stored from the hostile corpus: " << json::serialize(s);
  }
  ExpectStillServing(server);
}

TEST(HostileCorpusTest, BodiesOverAConfiguredLimitAreRefused) {
  ServerProcess server({"--body-limit", "2048"});
  server.UseRole("administrator");  // files declarations and reads rules
  Mutator m(SampleDeclarationJson(Reference(0)));
  std::vector<HostileCase> corpus = {
      TooLarge("declaration over a 2048-byte limit",
               m.Set("/items/0/description", Quote(std::string(2048, 'D')))),
      TooLarge("rule over a 2048-byte limit",
               RuleBody(std::string(kRuleCodePrefix) + "BIG") + std::string(2048, ' '))};
  corpus.back().target = std::string(kRules);
  RunCorpus(server, corpus, std::string(kDeclarations));
  auto list = server.Get(std::string(kDeclarations));
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(json::parse(list.body).as_object().at("items").as_array().empty()) << list.body;
  auto rules = server.Get(std::string(kRules));
  ASSERT_EQ(rules.status, 200) << rules.body;
  EXPECT_EQ(rules.body.find(kRuleCodePrefix), std::string::npos) << rules.body;
  ExpectStillServing(server);
}

// Query strings are outside input too: percent-decoding can produce any bytes, and a problem
// that echoes them must still be JSON a client can read (valid UTF-8).
TEST(HostileCorpusTest, QueryStringsAreRefusedWithReadableProblems) {
  ServerProcess server;
  std::vector<HostileCase> corpus;
  auto query = [&](std::string name, std::string q, int status, std::string pointer,
                   std::string code) {
    HostileCase c = Case(std::move(name), "", status, std::move(pointer), std::move(code));
    c.method = "GET";
    c.content_type = "";
    c.target = std::string(kDeclarations) + "?" + q;
    corpus.push_back(std::move(c));
  };
  query("unknown parameter", "bogus=1", 400, "/bogus", "invalid_parameter");
  query("unknown lane", "lane=purple", 400, "/lane", "invalid_parameter");
  query("lane with invalid UTF-8", "lane=%E0", 400, "/lane", "invalid_parameter");
  query("unknown status", "status=%00", 400, "/status", "invalid_parameter");
  query("limit not a number", "limit=abc", 400, "/limit", "invalid_parameter");
  query("limit overflowing int", "limit=99999999999", 400, "/limit", "invalid_parameter");
  query("limit zero", "limit=0", 422, "/limit", "out_of_range");
  query("limit negative", "limit=-1", 422, "/limit", "out_of_range");
  query("limit over a page", "limit=501", 422, "/limit", "out_of_range");
  query("cursor zero", "cursor=0", 400, "/cursor", "invalid_parameter");
  query("cursor not a number", "cursor=1e3", 400, "/cursor", "invalid_parameter");
  query("from not a date", "from=%FF", 400, "/from", "invalid_parameter");
  query("to not a date", "to=yesterday", 400, "/to", "invalid_parameter");
  query("dangling percent", "lane=%", 400, "/lane", "invalid_parameter");
  query("parameter name with slash", "a%2Fb=1", 400, "/a~1b", "invalid_parameter");
  query("parameter name of invalid UTF-8", "%FF%FE=1", 400, "", "");
  corpus.back().pointer.reset();
  query("parameter name with a NUL", "%00=1", 400, std::string("/\0", 2), "invalid_parameter");
  RunCorpus(server, corpus, std::string(kDeclarations));
  ExpectStillServing(server);
}

TEST(HostileCorpusTest, InspectionBodiesAreRefusedAndNothingIsRecorded) {
  ServerProcess server({"--random-red", "0", "--random-yellow", "0"});
  // Arms (HS 93) always go to the red lane: a declaration that awaits inspection.
  auto filed = server.Post(std::string(kDeclarations),
                           SampleDeclarationJson("INSPECTION-TARGET-1", "93019000"));
  ASSERT_EQ(filed.status, 201) << filed.body;
  auto answer = json::parse(filed.body).as_object();
  ASSERT_EQ(answer.at("status").as_string(), "awaiting_inspection") << filed.body;
  std::string id = std::to_string(answer.at("id").as_int64());
  std::string target = std::string(kDeclarations) + "/" + id + "/inspection";

  auto corpus = InspectionCorpus();
  for (const char* bad_id : {"0", "-1", "abc", "99999999999999999999", "1e3", "%00"}) {
    HostileCase c = Case(std::string("inspection of declaration ") + bad_id, InspectionBody(), 404);
    c.target = std::string(kDeclarations) + "/" + bad_id + "/inspection";
    corpus.push_back(std::move(c));
  }
  std::vector<std::string> ids = {id};
  for (auto& c : corpus) {
    if (!c.own_target) continue;
    auto own = server.Post(
        std::string(kDeclarations),
        SampleDeclarationJson("INSPECTION-TARGET-" + std::to_string(ids.size() + 1), "93019000"));
    ASSERT_EQ(own.status, 201) << own.body;
    ids.push_back(std::to_string(json::parse(own.body).as_object().at("id").as_int64()));
    c.target = std::string(kDeclarations) + "/" + ids.back() + "/inspection";
  }
  RunCorpus(server, corpus, target);

  for (const auto& inspected : ids) {
    auto after = server.Get(std::string(kDeclarations) + "/" + inspected);
    ASSERT_EQ(after.status, 200) << after.body;
    auto stored = json::parse(after.body).as_object();
    EXPECT_EQ(stored.at("status").as_string(), "awaiting_inspection") << Excerpt(after.body);
    EXPECT_TRUE(stored.at("inspections").as_array().empty())
        << "an inspection was recorded: " << json::serialize(stored.at("inspections"));
  }
  ExpectStillServing(server);
}

TEST(HostileCorpusTest, RuleBodiesAreRefusedAndNoRuleChanges) {
  ServerProcess server;
  server.UseRole("analyst");
  auto before = server.Get(std::string(kRules));
  ASSERT_EQ(before.status, 200) << before.body;
  const auto rules_before = json::parse(before.body).as_object().at("items").as_array();
  ASSERT_FALSE(rules_before.empty());
  std::string first_id = std::to_string(rules_before.front().as_object().at("id").as_int64());

  auto corpus = RuleCorpus();
  RunCorpus(server, corpus, std::string(kRules));
  // The same bodies as edits of an existing rule, and of one that does not exist.
  auto edits = RuleCorpus(std::string(kRuleCodePrefix) + "EDIT-");
  for (auto& c : edits) {
    c.method = "PUT";
    c.target = std::string(kRules) + "/" + first_id;
  }
  RunCorpus(server, edits, std::string(kRules) + "/" + first_id);
  auto missing = RuleCorpus(std::string(kRuleCodePrefix) + "GONE-");
  for (auto& c : missing) {
    c.method = "PUT";
    c.target = std::string(kRules) + "/999999";
  }
  RunCorpus(server, missing, std::string(kRules) + "/999999");

  auto after = server.Get(std::string(kRules));
  ASSERT_EQ(after.status, 200) << after.body;
  const auto rules_after = json::parse(after.body).as_object().at("items").as_array();
  EXPECT_EQ(rules_after, rules_before) << "the rules changed under hostile bodies";
  for (const auto& r : rules_after) {
    EXPECT_FALSE(
        std::string_view(r.as_object().at("code").as_string()).starts_with(kRuleCodePrefix))
        << "stored from the hostile corpus: " << json::serialize(r);
  }
  ExpectStillServing(server);
}

}  // namespace
}  // namespace haiquan::testing
