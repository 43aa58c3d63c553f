#include "risk/model/explain.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>

#include "risk/model/reason_table.h"

namespace haiquan::risk {
namespace {

// std::to_chars: snprintf's float formatting was a fifth of an explanation's time.
std::string Format(double v, std::chars_format format, int precision) {
  char buf[48];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, format, precision);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

std::string Number(double v) {
  const double a = std::fabs(v);
  // Whole numbers (counts, days) without decimals; otherwise enough digits to read, no more.
  if ((v == std::floor(v) && a < 1e15) || a >= 1000) return Format(v, std::chars_format::fixed, 0);
  if (a >= 10) return Format(v, std::chars_format::fixed, 1);
  return Format(v, std::chars_format::general, 3);
}

std::string Rate(double v) { return Format(v, std::chars_format::fixed, 2); }

bool FindEntity(std::string_view stem, EntityKind* out) {
  for (int k = 0; k < kEntityKinds; ++k) {
    if (EntityName(static_cast<EntityKind>(k)) == stem) {
      *out = static_cast<EntityKind>(k);
      return true;
    }
  }
  return false;
}

// The space-separated names of a ReasonSpec's features.
template <typename F>
void ForEachName(std::string_view list, F f) {
  while (!list.empty()) {
    const size_t end = std::min(list.find(' '), list.size());
    if (end > 0) f(list.substr(0, end));
    list.remove_prefix(std::min(end + 1, list.size()));
  }
}

bool Lists(std::string_view list, std::string_view name) {
  bool found = false;
  ForEachName(list, [&](std::string_view n) { found = found || n == name; });
  return found;
}

}  // namespace

struct Explainer::Phrase {
  std::string_view code;
  std::string_view code_suffix;
  std::string text;
};

// What a template may cite: the item's fields, its features and what a wording adds.
class Explainer::Evidence {
 public:
  Evidence(const KcsItem& item, const ColumnIndex& columns, std::span<const float> x,
           std::span<const float> contributions, const FindingHistory* findings)
      : item_(item), columns_(columns), x_(x), c_(contributions), findings_(findings) {}

  const KcsItem& item() const { return item_; }
  const FindingHistory* findings() const { return findings_; }
  float Feature(int column) const {
    return column < 0 || static_cast<size_t>(column) >= x_.size() ? std::nanf("") : x_[column];
  }
  float Contribution(int column) const {
    return column < 0 || static_cast<size_t>(column) >= c_.size() ? 0.f : c_[column];
  }

  // Replaces each {name} by its value: `extra` first, then the item's fields, then features.
  std::string Fill(
      std::string_view text,
      std::initializer_list<std::pair<std::string_view, std::string_view>> extra = {}) const {
    std::string out;
    out.reserve(text.size() + 48);
    while (!text.empty()) {
      const size_t open = text.find('{');
      const size_t close = open == std::string_view::npos ? open : text.find('}', open);
      if (close == std::string_view::npos) break;
      out.append(text.substr(0, open));
      const std::string_view name = text.substr(open + 1, close - open - 1);
      auto e = std::find_if(extra.begin(), extra.end(), [&](auto& p) { return p.first == name; });
      if (e != extra.end()) {
        out.append(e->second);
      } else {
        AppendField(name, &out);
      }
      text.remove_prefix(close + 1);
    }
    out.append(text);
    return out;
  }

 private:
  void AppendField(std::string_view name, std::string* out) const {
    static constexpr const char* kWeekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                "Thursday", "Friday", "Saturday"};
    const KcsItem& it = item_;
    const std::pair<std::string_view, const std::string*> texts[] = {
        {"hs6", &it.hs6},
        {"origin", &it.origin_country},
        {"departure", &it.departure_country},
        {"tax_type", &it.tax_type},
        {"office", &it.office},
        {"importer", &it.importer},
        {"declarant", &it.declarant},
        {"seller", &it.seller},
        {"courier", &it.courier},
        {"transport_mode", &it.transport_mode},
        {"process_type", &it.process_type},
        {"import_type", &it.import_type},
        {"import_use", &it.import_use},
        {"payment_type", &it.payment_type},
        {"origin_indicator", &it.origin_indicator}};
    for (const auto& [field, value] : texts) {
      if (field == name) {
        out->append(value->empty() ? std::string_view("none") : std::string_view(*value));
        return;
      }
    }
    if (name == "hs4" || name == "hs2") {
      out->append(std::string_view(it.hs6).substr(0, name == "hs4" ? 4 : 2));
    } else if (name == "unit_value") {
      out->append(Number(UnitValue(it)));
    } else if (name == "net_mass") {
      out->append(Number(it.net_mass_kg));
    } else if (name == "customs_value") {
      out->append(Number(it.item_price));
    } else if (name == "tax_rate") {
      out->append(Number(it.tax_rate));
    } else if (name == "weekday") {
      out->append(kWeekdays[std::chrono::weekday(it.date).c_encoding()]);
    } else {
      auto c = columns_.find(name);
      const float v = Feature(c == columns_.end() ? -1 : c->second);
      out->append(std::isnan(v) ? std::string("unknown") : Number(v));
    }
  }

  const KcsItem& item_;
  const ColumnIndex& columns_;
  std::span<const float> x_;
  std::span<const float> c_;
  const FindingHistory* findings_;
};

Explainer::Explainer(std::span<const std::string> feature_names, FeatureSettings settings)
    : settings_(settings),
      names_(feature_names.begin(), feature_names.end()),
      group_of_(feature_names.size(), -1) {
  for (size_t f = 0; f < names_.size(); ++f) columns_.emplace(names_[f], static_cast<int>(f));
  auto column = [&](std::string_view name) {
    auto it = columns_.find(name);
    return it == columns_.end() ? -1 : it->second;
  };
  const auto table = ReasonTable();
  std::vector<int> group_of_spec(table.size(), -1);
  for (size_t f = 0; f < names_.size(); ++f) {
    auto spec = std::find_if(table.begin(), table.end(),
                             [&](const ReasonSpec& s) { return Lists(s.features, names_[f]); });
    if (spec == table.end()) {
      group_of_[f] = static_cast<int>(groups_.size());
      Group unknown;
      unknown.feature = static_cast<int>(f);
      groups_.push_back(std::move(unknown));
      continue;
    }
    int& g = group_of_spec[spec - table.begin()];
    if (g < 0) {
      g = static_cast<int>(groups_.size());
      Group group;
      group.spec = static_cast<int>(spec - table.begin());
      ForEachName(spec->features, [&](std::string_view n) {
        if (group.feature < 0) group.feature = column(n);
      });
      group.has_entity = FindEntity(spec->stem, &group.entity);
      const std::string stem(spec->stem);
      group.rate = column(stem + "_fraud_rate");
      group.inspected = column(stem + "_inspected");
      if (spec->wording == Wording::kRelative) {
        const auto refs = ReferenceTable();
        for (size_t r = 0; r < refs.size(); ++r) {
          const std::string g_name(refs[r].group);
          const int diff = column(stem + "_vs_" + g_name);
          if (diff >= 0) {
            group.references.push_back(
                {static_cast<int>(r), diff, column(stem + "_z_vs_" + g_name)});
          }
        }
      }
      groups_.push_back(std::move(group));
    }
    group_of_[f] = g;
  }
}

Explainer::Phrase Explainer::Word(const Group& group, const Evidence& e) const {
  if (group.spec < 0) {
    const std::string& name = names_[group.feature];
    return {"MODEL:FEATURE", {}, name + " = " + e.Fill("{" + name + "}")};
  }
  const ReasonSpec& s = ReasonTable()[group.spec];
  // The reason is about a party the item does not name (no seller).
  if (!s.missing_code.empty() && group.has_entity && EntityKey(e.item(), group.entity).empty()) {
    return {s.missing_code, {}, std::string(s.missing_text)};
  }
  switch (s.wording) {
    case Wording::kPlain:
      return {s.code, {}, e.Fill(s.text)};

    case Wording::kCount:
      if (e.Feature(group.feature) == 0) return {s.code, {}, e.Fill(s.text)};
      return {s.alt_code, {}, e.Fill(s.alt_text)};

    case Wording::kRelative: {
      // The group whose features moved the score most is the usual the officer is shown.
      const Reference* best = nullptr;
      float best_weight = 0;
      for (const Reference& r : group.references) {
        if (std::isnan(e.Feature(r.diff))) continue;
        const float weight = e.Contribution(r.diff) + e.Contribution(r.z);
        if (!best || weight > best_weight) {
          best = &r;
          best_weight = weight;
        }
      }
      if (!best) return {s.alt_code, {}, e.Fill(s.alt_text)};
      // The features are log ratios to the group's geometric mean.
      const double ratio = std::exp(static_cast<double>(e.Feature(best->diff)));
      std::string how = "about";
      std::string_view suffix = "_USUAL";
      if (ratio < 1 / 1.1) {
        how = Format(1 / ratio, std::chars_format::fixed, 1) + "x below";
        suffix = "_LOW";
      } else if (ratio > 1.1) {
        how = Format(ratio, std::chars_format::fixed, 1) + "x above";
        suffix = "_HIGH";
      }
      const std::string reference = e.Fill(ReferenceTable()[best->spec].usual);
      return {s.code, suffix, e.Fill(s.text, {{"ratio", how}, {"reference", reference}})};
    }

    case Wording::kFindings: {
      const float rate = e.Feature(group.rate);
      const float inspected = e.Feature(group.inspected);
      std::string subject = e.Fill(s.text);
      // "importer's 3 earlier inspections" reads better than "importer: 3 earlier inspections".
      const bool possessive = subject.ends_with("'s");
      if (!(inspected > 0)) {
        if (possessive) subject.resize(subject.size() - 2);
        return {s.code, {}, subject + " never inspected before (overall rate " + Rate(rate) + ")"};
      }
      const std::string lead = possessive ? subject + " " : subject + ": ";
      if (!e.findings()) {
        return {s.code,
                {},
                lead + "fraud rate " + Rate(rate) + " in " + Number(inspected) +
                    " earlier inspections"};
      }
      // The rate is (frauds + prior x m) / (inspections + m) (features.h): the count of frauds
      // follows from it without a lookup in the findings.
      const double m = settings_.prior_strength;
      const double prior = e.findings()->OverallRate(settings_.default_fraud_rate);
      const double frauds = std::max(0.0, std::round(rate * (inspected + m) - prior * m));
      return {s.code,
              {},
              lead + Number(inspected) + " earlier inspections found fraud in " + Number(frauds) +
                  " (rate " + Rate(rate) + ")"};
    }
  }
  return {s.code, {}, std::string(s.text)};
}

std::vector<Reason> Explainer::Explain(const KcsItem& item, std::span<const float> features,
                                       std::span<const float> contributions,
                                       const FindingHistory* findings, size_t top) const {
  // Reasons' weights; on the stack for any sensible feature list.
  constexpr size_t kOnStack = 128;
  std::array<float, kOnStack> on_stack;
  std::vector<float> on_heap;
  float* weight = on_stack.data();
  if (groups_.size() > kOnStack) {
    on_heap.resize(groups_.size());
    weight = on_heap.data();
  }
  std::fill_n(weight, groups_.size(), 0.f);
  const size_t n = std::min({names_.size(), features.size(), contributions.size()});
  for (size_t f = 0; f < n; ++f) weight[group_of_[f]] += contributions[f];

  const Evidence evidence(item, columns_, features.first(n), contributions.first(n), findings);
  std::vector<Reason> out;
  out.reserve(top);
  // The strongest reason not yet taken, `top` times: a full sort would order what is never
  // shown.
  while (out.size() < top) {
    int best = -1;
    float best_weight = 0;
    for (size_t g = 0; g < groups_.size(); ++g) {
      // Selects rather than branches: which reason wins is anyone's guess.
      const bool better = weight[g] > best_weight;
      best_weight = better ? weight[g] : best_weight;
      best = better ? static_cast<int>(g) : best;
    }
    if (best < 0) break;
    const float w = weight[best];
    weight[best] = 0;
    Phrase word = Word(groups_[best], evidence);
    std::string code(word.code);
    code.append(word.code_suffix);
    // Two reasons may say the same thing (no seller named): one line, both weights.
    auto same = std::find_if(out.begin(), out.end(), [&](const Reason& r) {
      return r.code == code && r.text == word.text;
    });
    if (same != out.end()) {
      same->contribution += w;
      continue;
    }
    out.push_back({std::move(code), std::move(word.text), w});
  }
  return out;
}

}  // namespace haiquan::risk
