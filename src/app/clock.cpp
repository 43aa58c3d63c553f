#include "app/clock.h"

#include <cstdio>

namespace haiquan::app {

std::string FormatTimestamp(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  auto ms = time_point_cast<milliseconds>(t);
  auto day = floor<days>(ms);
  year_month_day ymd{day};
  hh_mm_ss hms{ms - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()),
                int(hms.subseconds().count()));
  return buf;
}

std::string FormatDate(std::chrono::system_clock::time_point t) {
  return FormatTimestamp(t).substr(0, 10);
}

std::optional<std::chrono::system_clock::time_point> ParseTimestamp(std::string_view s) {
  using namespace std::chrono;
  int y, mo, d, h, mi, sec, ms;
  char z = 0;
  if (s.size() != 24 ||
      std::sscanf(std::string(s).c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &y, &mo, &d, &h, &mi,
                  &sec, &ms, &z) != 8 ||
      z != 'Z') {
    return std::nullopt;
  }
  year_month_day ymd{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60 || h < 0 || mi < 0 || sec < 0 || ms < 0) {
    return std::nullopt;
  }
  return sys_days(ymd) + hours(h) + minutes(mi) + seconds(sec) + milliseconds(ms);
}

}  // namespace haiquan::app
