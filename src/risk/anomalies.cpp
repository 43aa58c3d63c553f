#include "risk/anomalies.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

#include "domain/date.h"

namespace haiquan::risk {
namespace {

std::string Money(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, v < 100 ? "%.4g" : "%.2f", v);
  return buf;
}

// The date of a date or of an RFC 3339 timestamp.
std::optional<std::chrono::sys_days> ParseDay(std::string_view s) {
  return domain::ParseDate(s.substr(0, 10));
}

std::string ItemLabel(size_t i, const domain::GoodsItem& item) {
  return "item " + std::to_string(i + 1) + " (HS " + item.hs_code.substr(0, 6) + ")";
}

void CheckBand(std::vector<Signal>& out, const char* code, const char* whose, double weight,
               size_t i, const domain::GoodsItem& item, const std::string& currency,
               const std::optional<domain::ValueBand>& band, int min_count) {
  if (!band || band->count < min_count) return;
  double uv = item.UnitValue();
  if (uv <= 0 || (uv >= band->low && uv <= band->high)) return;
  std::string where = uv < band->low ? "below" : "above";
  out.push_back({{code, ItemLabel(i, item) + ": unit value " + Money(uv) + " " + currency + "/" +
                            item.unit + " is " + where + " " + whose + " usual band " +
                            Money(band->low) + " to " + Money(band->high) + " (median " +
                            Money(band->median) + ", " + std::to_string(band->count) + " items)"},
                 weight});
}

// The offences of a record on or after `since` (all if none), newest first. `more`: the record
// holds others that are not listed, so not dated, and may be as recent.
struct RecentOffences {
  std::vector<const Offence*> list;
  bool more = false;
};

RecentOffences Recent(const Offences& o, std::optional<std::chrono::sys_days> since) {
  RecentOffences r;
  for (const auto& x : o.newest) {
    auto day = ParseDay(x.day);
    if (since && day && *day < *since) return r;  // newest first: the rest are older still
    r.list.push_back(&x);
  }
  r.more = !r.list.empty() && o.total > static_cast<int64_t>(o.newest.size());
  return r;
}

std::string Count(const RecentOffences& r) {
  return std::to_string(r.list.size()) + (r.more ? " or more" : "");
}

std::string NamedIn(const Offence& o) {
  return "named as " + o.role + " in seizure " + std::to_string(o.seizure_id) + " (" + o.category +
         ") on " + o.day;
}

// The trader's own record: each seizure with its role, the newest few.
std::string OwnOffences(const std::string& tax_id, const RecentOffences& r,
                        std::optional<std::chrono::sys_days> since) {
  if (r.list.size() == 1 && !r.more) return tax_id + " is " + NamedIn(*r.list[0]);
  constexpr size_t kListed = 3;
  std::string out = tax_id + " is named in " + Count(r) + " seizures";
  if (since) out += " since " + domain::FormatDate(*since);
  for (size_t i = 0; i < r.list.size() && i < kListed; ++i) {
    const Offence& o = *r.list[i];
    out += (i == 0 ? ": as " : "; as ") + o.role + " in seizure " + std::to_string(o.seizure_id) +
           " (" + o.category + ") on " + o.day;
  }
  if (r.more) {
    out += "; and more";
  } else if (r.list.size() > kListed) {
    out += "; and " + std::to_string(r.list.size() - kListed) + " more";
  }
  return out;
}

// A linked enterprise's seizures in short: how many, of what, how recent.
std::string SeizureSummary(const RecentOffences& r) {
  if (r.list.size() == 1 && !r.more) return NamedIn(*r.list[0]);
  std::vector<std::string> categories;
  for (const Offence* o : r.list) {
    if (std::find(categories.begin(), categories.end(), o->category) == categories.end()) {
      categories.push_back(o->category);
    }
  }
  std::string out = "named in " + Count(r) + " seizures (";
  for (size_t i = 0; i < categories.size(); ++i) out += (i ? ", " : "") + categories[i];
  return out + "; latest " + r.list[0]->day + ")";
}

// What makes a linked enterprise a risk, in words; empty if nothing recent enough does.
std::string LinkedRecord(const LinkedViolator& v, const RecentOffences& r) {
  std::string found;
  if (v.violations > 0) {
    found = "has " + std::to_string(v.violations) +
            (v.violations == 1 ? " violation" : " violations") + " found at inspection";
  }
  if (r.list.empty()) return found.empty() ? "" : "which " + found;
  return "which " + (found.empty() ? "" : found + " and ") + "is " + SeizureSummary(r);
}

}  // namespace

const std::string& TraderOf(domain::DeclarationType type, const std::string& declarant,
                            const std::string& importer, const std::string& exporter) {
  if (type == domain::DeclarationType::kImport && !importer.empty()) return importer;
  if (type == domain::DeclarationType::kExport && !exporter.empty()) return exporter;
  return declarant;
}

const domain::Party& TraderOf(const domain::Declaration& d) {
  static const std::string kNone;
  const std::string& tax_id =
      TraderOf(d.type, d.declarant.tax_id, d.importer ? d.importer->tax_id : kNone,
               d.exporter ? d.exporter->tax_id : kNone);
  if (d.importer && &tax_id == &d.importer->tax_id) return *d.importer;
  if (d.exporter && &tax_id == &d.exporter->tax_id) return *d.exporter;
  return d.declarant;
}

std::vector<Signal> DetectAnomalies(const domain::Declaration& d, const TraderBaseline& b,
                                    std::string_view today, const AnomalySettings& s) {
  std::vector<Signal> out;
  const std::string& currency = d.invoice.currency;
  if (b.declarations == 0) {
    out.push_back({{"ANOMALY:FIRST_DECLARATION",
                    "first declaration ever by " + b.tax_id + ": no history to compare with"},
                   s.w_first_declaration});
  } else {
    std::set<std::string> chapters, origins;
    for (size_t i = 0; i < d.items.size() && i < b.items.size(); ++i) {
      const auto& item = d.items[i];
      std::string chapter = item.hs_code.substr(0, 2);
      if (!b.items[i].chapter_seen && chapters.insert(chapter).second) {
        out.push_back(
            {{"ANOMALY:NEW_HS_CHAPTER",
              ItemLabel(i, item) + ": HS chapter " + chapter + " never declared by " + b.tax_id +
                  " in " + std::to_string(b.declarations) + " earlier declarations"},
             s.w_new_chapter});
      }
      if (!b.items[i].origin_seen && origins.insert(item.origin_country).second) {
        out.push_back(
            {{"ANOMALY:NEW_ORIGIN", ItemLabel(i, item) + ": origin " + item.origin_country +
                                        " never used by " + b.tax_id + " in " +
                                        std::to_string(b.declarations) + " earlier declarations"},
             s.w_new_origin});
      }
    }
  }
  for (size_t i = 0; i < d.items.size() && i < b.items.size(); ++i) {
    CheckBand(out, "ANOMALY:UNIT_VALUE_TRADER", "this trader's", s.w_unit_value_trader, i,
              d.items[i], currency, b.items[i].trader_band, s.min_trader_values);
    CheckBand(out, "ANOMALY:UNIT_VALUE_NATIONAL", "the national", s.w_unit_value_national, i,
              d.items[i], currency, b.items[i].national_band, s.min_national_values);
  }
  double amount = d.invoice.amount.ToDouble();
  if (b.trailing_declarations >= s.min_trailing_declarations) {
    double mean = static_cast<double>(b.trailing_value) / 100.0 /
                  static_cast<double>(b.trailing_declarations);
    if (mean > 0 && amount > s.trailing_value_factor * mean) {
      out.push_back({{"ANOMALY:VALUE_ABOVE_TRAILING",
                      "invoice " + Money(amount) + " " + currency + " is " + Money(amount / mean) +
                          " times the mean of " + std::to_string(b.trailing_declarations) +
                          " declarations in the last 90 days (" + Money(mean) + ")"},
                     s.w_trailing_value});
    }
  }
  auto registered = ParseDay(b.registration_date);
  auto now = ParseDay(today);
  // Volume: against the trailing 90 days, or against nothing for a trader dormant that long
  // (a burst after months of silence is the pattern); not on a new trader's first days.
  auto first = ParseDay(b.first_filed_at);
  bool dormant = first && now && *now - *first > std::chrono::days(90);
  if (b.trailing_declarations >= s.min_trailing_declarations || dormant) {
    double daily = static_cast<double>(b.trailing_declarations) / 90.0;
    int64_t today_count = b.today_declarations + 1;
    if (static_cast<double>(today_count) > s.trailing_volume_factor * std::max(daily, 1.0)) {
      out.push_back(
          {{"ANOMALY:VOLUME_ABOVE_TRAILING", std::to_string(today_count) + " declarations in " +
                                                 currency + " today against a daily mean of " +
                                                 Money(daily) + " over the last 90 days"},
           s.w_trailing_volume});
    }
  }
  if (registered && now && *now - *registered <= std::chrono::days(s.new_company_days) &&
      b.national_declaration_values.Count() >= s.min_national_values) {
    double threshold = *b.national_declaration_values.Quantile(s.high_value_quantile);
    if (amount >= threshold) {
      auto age = (*now - *registered).count();
      out.push_back(
          {{"ANOMALY:NEW_COMPANY_HIGH_VALUE",
            "registered " + b.registration_date + " (" + std::to_string(age) +
                " days ago) and declaring " + Money(amount) + " " + currency + ", above " +
                Money(threshold) + ", the national " +
                std::to_string(static_cast<int>(s.high_value_quantile * 100)) + "th percentile"},
           s.w_new_company_high_value});
    }
  }
  std::optional<std::chrono::sys_days> since;
  if (now) since = *now - std::chrono::days(s.offence_window_days);
  if (auto own = Recent(b.offences, since); !own.list.empty()) {
    out.push_back(
        {{"ANOMALY:PRIOR_OFFENCE", OwnOffences(b.tax_id, own, since)}, s.w_prior_offence});
  }
  for (const auto& v : b.linked_violators) {
    std::string record = LinkedRecord(v, Recent(v.offences, since));
    if (record.empty()) continue;  // its seizures are older than the window
    out.push_back({{"ANOMALY:LINKED_VIOLATOR",
                    b.tax_id + " shares " + v.link + " with " + v.tax_id + ", " + record},
                   s.w_linked_violator});
  }
  std::set<std::string> weighed;
  for (auto& sig : out) {
    if (!weighed.insert(sig.reason.code).second) sig.weight = 0;
  }
  return out;
}

}  // namespace haiquan::risk
