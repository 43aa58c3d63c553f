#include "risk/rule_engine.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace haiquan::risk {
namespace {

double ToNumber(const std::string& s) {
  double v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

uint64_t Mix(uint64_t x) {  // SplitMix64 finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t Fnv1a(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string FormatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string Describe(const Rule& r) {
  std::string s = r.field + " " + std::string(ToString(r.op)) + " ";
  for (size_t i = 0; i < r.values.size() && i < 5; ++i) s += (i ? "," : "") + r.values[i];
  if (r.values.size() > 5) s += ",...";
  return s;
}

}  // namespace

double RandomDraw(uint64_t seed, std::string_view declarant, std::string_view reference) {
  uint64_t h = Fnv1a(0xcbf29ce484222325ULL ^ seed, declarant);
  h = Fnv1a(h ^ 0x1f, reference);
  return static_cast<double>(Mix(h) >> 11) * 0x1.0p-53;
}

RuleSet::RuleSet(std::vector<Rule> rules, SelectionSettings settings)
    : rules_(std::move(rules)), settings_(settings) {
  compiled_.reserve(rules_.size());
  for (const Rule& r : rules_) {
    const FieldInfo* f = FindField(r.field);
    if (!f || r.values.empty()) continue;  // validated on write; defensive for old rows
    Compiled c{&r, f, {}, 0, {}};
    if (f->numeric) {
      for (const auto& v : r.values) c.numbers.push_back(ToNumber(v));
      std::sort(c.numbers.begin(), c.numbers.end());
      c.number = c.numbers.front();
    } else {
      c.texts = r.values;
      std::sort(c.texts.begin(), c.texts.end());
    }
    compiled_.push_back(std::move(c));
  }
}

bool RuleSet::MatchText(const Compiled& c, std::string_view v) const {
  const auto& t = c.texts;
  switch (c.rule->op) {
    case Operator::kEq:
      return v == t.front();
    case Operator::kNe:
      return v != t.front();
    case Operator::kIn:
      return std::binary_search(t.begin(), t.end(), v);
    case Operator::kNotIn:
      return !std::binary_search(t.begin(), t.end(), v);
    case Operator::kPrefix:
      return v.starts_with(t.front());
    case Operator::kContains: {
      // Case-insensitive for ASCII: descriptions are free text.
      auto lower = [](char ch) { return ch >= 'A' && ch <= 'Z' ? char(ch - 'A' + 'a') : ch; };
      const std::string& needle = t.front();
      auto it = std::search(v.begin(), v.end(), needle.begin(), needle.end(),
                            [&](char a, char b) { return lower(a) == lower(b); });
      return it != v.end();
    }
    default:
      return false;
  }
}

bool RuleSet::MatchNumber(const Compiled& c, double v) const {
  switch (c.rule->op) {
    case Operator::kEq:
      return v == c.number;
    case Operator::kNe:
      return v != c.number;
    case Operator::kIn:
      return std::binary_search(c.numbers.begin(), c.numbers.end(), v);
    case Operator::kNotIn:
      return !std::binary_search(c.numbers.begin(), c.numbers.end(), v);
    case Operator::kGt:
      return v > c.number;
    case Operator::kGte:
      return v >= c.number;
    case Operator::kLt:
      return v < c.number;
    case Operator::kLte:
      return v <= c.number;
    default:
      return false;
  }
}

bool RuleSet::Hits(const Compiled& c, const domain::Declaration& d) const {
  if (!c.field->per_item) {
    return c.field->numeric ? MatchNumber(c, NumberOf(d, c.field->field))
                            : MatchText(c, TextOf(d, c.field->field));
  }
  for (const auto& item : d.items) {
    bool hit = c.field->numeric ? MatchNumber(c, NumberOf(item, c.field->field))
                                : MatchText(c, TextOf(item, c.field->field));
    if (hit) return true;
  }
  return false;
}

domain::Decision RuleSet::Decide(const domain::Declaration& d, std::string_view today,
                                 const std::vector<Signal>& signals) const {
  domain::Decision out;
  domain::Lane lane = domain::Lane::kGreen;
  double score = 0;
  for (const Compiled& c : compiled_) {
    const Rule& r = *c.rule;
    if (!InForce(r, today) || !Hits(c, d)) continue;
    std::string why = r.description + " [" + Describe(r) + "]";
    if (r.lane) {
      lane = domain::Stricter(lane, *r.lane);
      why += " -> " + std::string(domain::ToString(*r.lane));
    } else {
      score += r.weight;
      why += " +" + FormatNumber(r.weight);
    }
    out.reasons.push_back({"RULE:" + r.code, std::move(why)});
  }
  for (const Signal& sig : signals) {
    score += sig.weight;
    if (sig.lane) lane = domain::Stricter(lane, *sig.lane);
    std::string why = sig.reason.message;
    if (sig.weight > 0) why += " +" + FormatNumber(sig.weight);
    out.reasons.push_back({sig.reason.code, std::move(why)});
  }
  score = std::min(score, 100.0);
  if (score >= settings_.red_score || score >= settings_.yellow_score) {
    domain::Lane by_score =
        score >= settings_.red_score ? domain::Lane::kRed : domain::Lane::kYellow;
    lane = domain::Stricter(lane, by_score);
    out.reasons.push_back({"SCORE", "risk score " + FormatNumber(score) + " reaches the " +
                                        std::string(domain::ToString(by_score)) + " threshold"});
  }
  double u = RandomDraw(settings_.seed, d.declarant.tax_id, d.declarant_reference);
  if (u < settings_.random_red_rate) {
    lane = domain::Stricter(lane, domain::Lane::kRed);
    out.reasons.push_back({"RANDOM", "selected at random for physical inspection"});
  } else if (u < settings_.random_red_rate + settings_.random_yellow_rate) {
    lane = domain::Stricter(lane, domain::Lane::kYellow);
    out.reasons.push_back({"RANDOM", "selected at random for document check"});
  }
  out.lane = lane;
  out.score = score;
  return out;
}

}  // namespace haiquan::risk
