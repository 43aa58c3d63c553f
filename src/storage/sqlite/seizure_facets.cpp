#include "storage/sqlite/seizure_facets.h"

#include <chrono>
#include <vector>

#include "domain/date.h"

namespace haiquan::storage::sqlite {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

// Lower case letters and digits only: what the tokenizer keeps as one word.
std::string Word(const char* prefix, std::string_view value) {
  std::string out = prefix;
  for (char c : value) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

std::string Digits(sys_days d, int n) {
  std::string s = domain::FormatDate(d);  // YYYY-MM-DD
  std::string out = s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
  return out.substr(0, static_cast<size_t>(n));
}

std::string Quoted(const std::string& w) { return "\"" + w + "\""; }

// Years, months and days that cover [from, to] exactly, fewest first.
std::vector<std::string> DayCover(sys_days from, sys_days to) {
  std::vector<std::string> out;
  while (from <= to) {
    year_month_day ymd(from);
    if (ymd.month() == std::chrono::January && ymd.day() == std::chrono::day(1)) {
      sys_days year_end = sys_days(ymd.year() / std::chrono::December / 31);
      if (year_end <= to) {
        out.push_back("zzy" + Digits(from, 4));
        from = year_end + days(1);
        continue;
      }
    }
    if (ymd.day() == std::chrono::day(1)) {
      sys_days month_end = sys_days(ymd.year() / ymd.month() / std::chrono::last);
      if (month_end <= to) {
        out.push_back("zzm" + Digits(from, 6));
        from = month_end + days(1);
        continue;
      }
    }
    out.push_back("zzd" + Digits(from, 8));
    from += days(1);
  }
  return out;
}

}  // namespace

std::string FacetWords(const domain::Seizure& s) {
  std::vector<std::string> words = {Word("zzc", s.category), Word("zzo", s.office),
                                    Word("zzm", s.detection_method)};
  if (!s.transport_mode.empty()) words.push_back(Word("zzt", s.transport_mode));
  if (!s.concealment.empty()) words.push_back(Word("zzh", s.concealment));
  auto country = [&](const std::string& c) {
    if (!c.empty()) words.push_back(Word("zzk", c));
  };
  country(s.departure);
  for (const auto& leg : s.route) country(leg.country);
  country(s.destination);
  for (size_t n = 2; n <= s.hs_code.size(); n += 2) {
    words.push_back(Word("zzs", s.hs_code.substr(0, n)));
  }
  if (auto day = domain::ParseDate(s.Day())) {
    words.push_back("zzy" + Digits(*day, 4));
    words.push_back("zzm" + Digits(*day, 6));
    words.push_back("zzd" + Digits(*day, 8));
  }
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string FacetQuery(const app::SeizureFilter& f) {
  std::vector<std::string> terms;
  auto add = [&](const char* prefix, const std::string& value) {
    if (!value.empty()) terms.push_back(Quoted(Word(prefix, value)));
  };
  add("zzc", f.category);
  add("zzo", f.office);
  add("zzt", f.transport_mode);
  add("zzm", f.detection_method);
  add("zzh", f.concealment);
  add("zzk", f.route_country);
  if (!f.hs_prefix.empty()) {
    // An odd number of digits matches the even prefixes that extend it.
    if (f.hs_prefix.size() % 2 == 0) {
      add("zzs", f.hs_prefix);
    } else {
      std::string alts;
      for (char d = '0'; d <= '9'; ++d) {
        alts += (alts.empty() ? "" : " OR ") + Quoted(Word("zzs", f.hs_prefix + d));
      }
      terms.push_back("(" + alts + ")");
    }
  }
  if (!f.from.empty() || !f.to.empty()) {
    auto from = domain::ParseDate(f.from.empty() ? "1900-01-01" : f.from);
    auto today = std::chrono::floor<days>(std::chrono::system_clock::now());
    auto to = f.to.empty() ? std::optional<sys_days>(today + days(1)) : domain::ParseDate(f.to);
    if (from && to) {
      auto cover = DayCover(*from, *to);
      if (cover.empty()) return "\"zznothing\"";  // from after to: nothing matches
      std::string alts;
      for (const auto& w : cover) alts += (alts.empty() ? "" : " OR ") + Quoted(w);
      terms.push_back("(" + alts + ")");
    }
  }
  if (terms.empty()) return "";
  std::string out = "facets : (";
  for (size_t i = 0; i < terms.size(); ++i) out += (i ? " AND " : "") + terms[i];
  return out + ")";
}

}  // namespace haiquan::storage::sqlite
