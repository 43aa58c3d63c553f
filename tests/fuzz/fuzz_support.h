// Shared by the libFuzzer targets: invariant checks that abort (so that libFuzzer keeps the
// input), the real reference data, and a fixed rule set and declarations to decide with.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/reference_catalog.h"
#include "domain/declaration.h"
#include "domain/declaration_validation.h"
#include "domain/reference_data.h"
#include "domain/result.h"
#include "http/declaration_json.h"
#include "http/json_reader.h"
#include "http/problem.h"
#include "http/rule_json.h"
#include "risk/rule_engine.h"

namespace haiquan::fuzz {

// The date decisions are taken on: inside and outside the validity windows of the fixed rules.
inline constexpr std::string_view kToday = "2026-06-01";

[[noreturn]] inline void Fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "invariant broken: %s %.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

inline void Check(bool ok, const char* what, std::string_view detail = {}) {
  if (!ok) Fail(what, detail);
}

// Every error a client can get must render as a problem document that is itself valid JSON
// (a client has to be able to read why it was refused), naming each field by a JSON pointer.
inline void CheckProblem(const domain::Error& error) {
  for (const auto& f : error.fields) {
    Check(f.pointer.empty() || f.pointer.front() == '/', "pointer not RFC 6901", f.pointer);
    Check(!f.code.empty(), "field error without a code", f.pointer);
  }
  http::Response res = http::Problem(error, "/fuzz");
  Check(res.status >= 400 && res.status < 500, "an input error maps to a non-4xx status");
  auto parsed = http::ParseJson(res.body);
  Check(parsed.ok(), "problem body is not valid JSON", res.body);
  Check(parsed->is_object(), "problem body is not an object", res.body);
  if (!error.fields.empty()) {
    const auto* errors = parsed->as_object().if_contains("errors");
    Check(errors && errors->is_array() && errors->as_array().size() == error.fields.size(),
          "problem errors lost", res.body);
  }
}

inline const domain::ReferenceData& Reference() {
  static const std::shared_ptr<const domain::ReferenceData> ref = [] {
    auto loaded = app::LoadReferenceData();
    if (!loaded.ok()) Fail("reference data", loaded.error().message);
    return *loaded;
  }();
  return *ref;
}

inline http::json::value MustParse(std::string_view text) {
  auto v = http::ParseJson(text);
  if (!v.ok()) Fail("fixture is not JSON", text);
  return std::move(*v);
}

// Rules over every field and operator, lanes and weights, open and closed validity windows, read
// through the same path as an analyst's rules.
inline std::vector<risk::Rule> FixedRules() {
  static const std::vector<risk::Rule> rules = [] {
    constexpr std::string_view kRules = R"([
      {"code":"F-1","description":"d","field":"items.hsCode","operator":"prefix","values":["93"],"lane":"red"},
      {"code":"F-2","description":"d","field":"items.originCountry","operator":"in","values":["KP","IR","SY"],"lane":"red"},
      {"code":"F-3","description":"d","field":"items.unitValue","operator":"lt","values":["0.1"],"weight":30},
      {"code":"F-4","description":"d","field":"invoice.amount","operator":"gte","values":["100000"],"weight":25},
      {"code":"F-5","description":"d","field":"items.description","operator":"contains","values":["used"],"weight":20},
      {"code":"F-6","description":"d","field":"exporter.country","operator":"not_in","values":["CN","VN"],"weight":15},
      {"code":"F-7","description":"d","field":"type","operator":"ne","values":["IM"],"lane":"yellow"},
      {"code":"F-8","description":"d","field":"itemCount","operator":"gt","values":["50"],"lane":"yellow"},
      {"code":"F-9","description":"d","field":"items.quantity","operator":"in","values":["1","2","3"],"weight":10},
      {"code":"F-10","description":"d","field":"items.netMassKg","operator":"lte","values":["0.001"],"weight":40},
      {"code":"F-11","description":"d","field":"items.value","operator":"eq","values":["0"],"weight":50},
      {"code":"F-12","description":"d","field":"transport.loadingPlace","operator":"eq","values":["CNSHA"],"weight":5,"validFrom":"2026-01-01","validTo":"2026-12-31"},
      {"code":"F-13","description":"d","field":"declarant.taxId","operator":"prefix","values":["0"],"weight":5,"validTo":"2020-01-01"},
      {"code":"F-14","description":"d","field":"office","operator":"eq","values":["03CE"],"weight":5,"active":false},
      {"code":"F-15","description":"d","field":"items.unit","operator":"not_in","values":["PCE","KGM"],"weight":5}
    ])";
    std::vector<risk::Rule> out;
    const http::json::value parsed = MustParse(kRules);
    for (const auto& v : parsed.as_array()) {
      http::JsonReader reader;
      risk::Rule r = http::ReadRule(v, reader);
      if (!reader.ok() || !risk::Validate(r).empty()) Fail("fixed rule is invalid", r.code);
      out.push_back(std::move(r));
    }
    return out;
  }();
  return rules;
}

inline const risk::RuleSet& FixedRuleSet() {
  static const risk::RuleSet set(FixedRules(), risk::SelectionSettings{});
  return set;
}

// Valid declarations of each type, for the rules under test to decide on.
inline const std::vector<domain::Declaration>& FixedDeclarations() {
  static const std::vector<domain::Declaration> declarations = [] {
    constexpr std::string_view kDeclarations = R"([
      {"declarantReference":"FUZZ-1","type":"IM","office":"03CE","declarant":{"taxId":"0312345678"},
       "importer":{"taxId":"0101234567","name":"Minh Phat","country":"VN"},
       "exporter":{"name":"Shenzhen Tech","country":"CN"},
       "transport":{"mode":"1","departureCountry":"CN","loadingPlace":"CNSHA","dischargePlace":"VNHPH"},
       "invoice":{"currency":"USD","incoterm":"CIF","amount":12000},
       "items":[{"hsCode":"85171300","description":"Smartphones","originCountry":"CN","quantity":100,"unit":"PCE","netMassKg":25,"grossMassKg":30,"value":12000}]},
      {"declarantReference":"FUZZ-2","type":"EX","office":"02CI","declarant":{"taxId":"0300000001"},
       "exporter":{"taxId":"0300000001","name":"Saigon Garments","country":"VN"},
       "importer":{"name":"Tehran Trading","country":"IR"},
       "transport":{"mode":"4","departureCountry":"VN"},
       "invoice":{"currency":"EUR","incoterm":"FOB","amount":250000.5},
       "items":[{"hsCode":"93019000","description":"Used machinery","originCountry":"KP","quantity":2,"unit":"KGM","netMassKg":0.001,"grossMassKg":1,"value":0.05},
                {"hsCode":"620342","description":"Trousers","originCountry":"VN","quantity":3,"unit":"PCE","netMassKg":1,"grossMassKg":1.5,"value":0}]}
    ])";
    std::vector<domain::Declaration> out;
    const http::json::value parsed = MustParse(kDeclarations);
    for (const auto& v : parsed.as_array()) {
      http::JsonReader reader;
      domain::Declaration d = http::ReadDeclaration(v, reader);
      if (!reader.ok() || !domain::Validate(d, Reference()).empty()) {
        Fail("fixed declaration is invalid", d.declarant_reference);
      }
      out.push_back(std::move(d));
    }
    return out;
  }();
  return declarations;
}

inline void CheckDecision(const domain::Decision& d) {
  Check(d.lane == domain::Lane::kGreen || d.lane == domain::Lane::kYellow ||
            d.lane == domain::Lane::kRed,
        "decision lane out of range");
  Check(d.score >= 0 && d.score <= 100, "score outside 0..100");
  for (const auto& r : d.reasons) Check(!r.code.empty(), "reason without a code");
}

}  // namespace haiquan::fuzz
