#include "app/sample_enforcement.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "domain/date.h"
#include "domain/enforcement/name_match.h"

namespace haiquan::app {
namespace {

struct Weighted {
  const char* value;
  double weight;
};

// Vietnamese family names by share of the population (approximate).
const std::vector<Weighted> kFamily = {
    {"Nguyễn", 38}, {"Trần", 11},  {"Lê", 9.5},     {"Phạm", 7},  {"Hoàng", 5.1},
    {"Huỳnh", 3},   {"Phan", 4.5}, {"Vũ", 3.9},     {"Võ", 3},    {"Đặng", 2.1},
    {"Bùi", 2},     {"Đỗ", 1.4},   {"Hồ", 1.3},     {"Ngô", 1.3}, {"Dương", 1},
    {"Lý", 0.5},    {"Đinh", 0.6}, {"Trương", 0.6}, {"Lâm", 0.4}, {"Mai", 0.4}};
const std::vector<std::string> kMiddleMale = {"Văn",  "Hữu",  "Đức",  "Minh", "Quang", "Thành",
                                              "Công", "Xuân", "Đình", "Ngọc", "Tuấn",  "Bá"};
const std::vector<std::string> kMiddleFemale = {"Thị", "Ngọc", "Thu",  "Thanh", "Minh",
                                                "Kim", "Mỹ",   "Thúy", "Hồng",  "Bích"};
const std::vector<std::string> kGivenMale = {
    "Hùng",  "Dũng",  "Minh", "Tuấn",  "Hải",   "Long", "Nam",  "Sơn",   "Thắng", "Cường",
    "Hiếu",  "Phong", "Quân", "Trung", "Khánh", "Bình", "Đạt",  "Huy",   "Tâm",   "Thịnh",
    "Vinh",  "Lộc",   "Phúc", "Toàn",  "Việt",  "Hưng", "Kiên", "Lâm",   "Nghĩa", "Tài",
    "Thành", "Trí",   "Vũ",   "Duy",   "Hoàng", "Khoa", "Linh", "Quang", "Thái",  "Tùng"};
const std::vector<std::string> kGivenFemale = {
    "Lan",   "Hương", "Mai",   "Hoa",  "Linh", "Trang", "Thảo", "Hà",  "Ngọc", "Phương",
    "Anh",   "Yến",   "Nhung", "Hằng", "Thủy", "Dung",  "Vy",   "Nga", "Hạnh", "Loan",
    "Quỳnh", "Trinh", "Uyên",  "Vân",  "Xuân", "Giang", "Oanh", "Thư", "Diệp", "My"};
const std::vector<std::string> kForeignFamily = {"Smith",  "Wang",  "Li",      "Zhang",  "Chen",
                                                 "Kim",    "Park",  "Somchai", "Okafor", "Adeyemi",
                                                 "Garcia", "Silva", "Ivanov",  "Tanaka", "Sato"};
const std::vector<std::string> kForeignGiven = {"John",    "Wei",     "Ming",  "Jin",    "Min-jun",
                                                "Anan",    "Chinedu", "Maria", "Carlos", "Olga",
                                                "Hiroshi", "Peter",   "David", "Ahmed",  "Fatima"};
const std::vector<std::string> kForeignCountries = {"CN", "KR", "TH", "NG", "BR", "RU",
                                                    "JP", "US", "LA", "KH", "MY", "IN"};

struct CategoryGoods {
  const char* category;
  std::vector<std::string> hs;
  std::vector<std::string> goods;
  std::vector<std::string> units;
  double max_quantity;
};

const std::vector<CategoryGoods> kGoods = {
    {"drugs",
     {"293971", "293979", "121190", "130219"},
     {"methamphetamine", "heroin", "cocaine", "ketamine", "cannabis", "ecstasy tablets"},
     {"kg", "g"},
     50},
    {"tobacco",
     {"240220", "240311", "240399"},
     {"cigarettes", "cigars", "shisha tobacco", "e-cigarette liquid"},
     {"pack", "kg"},
     5000},
    {"wildlife",
     {"050710", "050800", "030289", "410622"},
     {"ivory tusks", "rhino horn", "pangolin scales", "turtle shells", "live birds"},
     {"kg", "pce"},
     500},
    {"ipr",
     {"610910", "420221", "851713", "640399"},
     {"counterfeit handbags", "fake phones", "counterfeit shoes", "fake branded shirts"},
     {"pce"},
     10000},
    {"weapons",
     {"930200", "930320", "930630"},
     {"pistols", "ammunition", "air rifles"},
     {"pce"},
     200},
    {"currency",
     {"490700", "711890"},
     {"US dollars in cash", "euro banknotes", "gold bars"},
     {"pce", "kg"},
     100},
    {"cultural_goods",
     {"970110", "970300", "970500"},
     {"antique ceramics", "bronze drums", "old manuscripts"},
     {"pce"},
     30},
    {"revenue",
     {"870323", "220421", "330499"},
     {"undeclared cars", "wine", "cosmetics", "mobile phones"},
     {"pce", "l"},
     2000},
};

const std::vector<std::string> kOffices = {"01B1", "01BT", "02CI", "03CE", "01E1", "47D1",
                                           "15BB", "33PD", "27NJ", "38BC", "48BC", "41BH",
                                           "45BF", "29BB", "02B1", "51CB"};
const std::vector<std::string> kPlaces = {"Nội Bài",  "Tân Sơn Nhất", "Cát Lái", "Hải Phòng",
                                          "Móng Cái", "Lào Cai",      "Mộc Bài", "Cầu Treo",
                                          "Đà Nẵng",  "Hữu Nghị",     "Cha Lo",  "Lao Bảo"};
const std::vector<std::string> kCountries = {"CN", "LA", "KH", "TH", "MY", "SG", "HK", "KR",
                                             "JP", "NG", "ZA", "AE", "BR", "US", "FR", "DE"};
const std::vector<std::string> kConcealments = {
    "luggage",  "false_bottom", "body_carry",     "swallowed",           "clothing",
    "in_goods", "misdeclared",  "vehicle_cavity", "container_structure", "mail_parcel"};
const std::vector<std::string> kModes = {"air", "sea", "road", "post", "rail", "pedestrian"};
const std::vector<std::string> kMethods = {"risk_profile", "xray", "dog", "intelligence", "random"};
const std::vector<std::string> kPartyRoles = {"owner", "courier", "consignee", "carrier",
                                              "organiser"};
const std::vector<std::string> kNarrative = {
    "Hành khách khai báo hành lý cá nhân nhưng soi chiếu phát hiện hàng cất giấu.",
    "Passenger declared personal effects; the scan showed dense packages in the lining.",
    "Lô hàng khai báo là hàng may mặc, kiểm tra thực tế phát hiện hàng cấm.",
    "The container was selected by the risk profile for a change of route.",
    "Chó nghiệp vụ đánh hơi phát hiện trong kiện hàng chuyển phát nhanh.",
    "Intelligence from a partner administration named the consignee.",
    "Đối tượng khai nhận được thuê vận chuyển hàng qua biên giới.",
    "The driver could not explain the modified fuel tank.",
    "Hàng được ngụy trang trong thùng máy móc đã qua sử dụng.",
    "The parcel was addressed to a company with earlier seizures.",
};

std::string Slug(std::string s) {
  for (char& c : s) c = c == ' ' ? '-' : c;
  return s;
}

}  // namespace

size_t SampleEnforcement::Pick(size_t n) {
  return std::uniform_int_distribution<size_t>(0, n - 1)(rng_);
}

domain::SuspectPerson SampleEnforcement::Person() {
  domain::SuspectPerson p;
  std::uniform_real_distribution<double> u(0, 1);
  bool foreign = u(rng_) < 0.12;
  std::string name;
  if (foreign) {
    name = Any(kForeignGiven) + " " + Any(kForeignFamily);
    p.nationality = Any(kForeignCountries);
  } else {
    double total = 0;
    for (const auto& f : kFamily) total += f.weight;
    double x = u(rng_) * total;
    const char* family = kFamily.back().value;
    for (const auto& f : kFamily) {
      if ((x -= f.weight) <= 0) {
        family = f.value;
        break;
      }
    }
    bool male = u(rng_) < 0.7;
    name = std::string(family) + " " + Any(male ? kMiddleMale : kMiddleFemale) + " " +
           Any(male ? kGivenMale : kGivenFemale);
    p.nationality = "VN";
  }
  p.names.push_back(name);
  if (u(rng_) < 0.2) {
    // An alias: the name without marks, or a nickname with the family name.
    p.names.push_back(foreign ? Any(kForeignGiven) + " " + Any(kForeignFamily)
                              : Any(kGivenMale) + " " + name.substr(0, name.find(' ')));
  }
  int year = 1950 + static_cast<int>(Pick(55));
  char dob[64];
  std::snprintf(dob, sizeof dob, "%04d-%02zu-%02zu", year, Pick(12) + 1, Pick(28) + 1);
  p.date_of_birth = dob;
  if (u(rng_) < 0.8) {
    char number[32];
    ++document_serial_;
    if (foreign) {
      std::snprintf(number, sizeof number, "P%08lld", static_cast<long long>(document_serial_));
      p.documents.push_back({"passport", number, p.nationality});
    } else {
      std::snprintf(number, sizeof number, "0%011lld", static_cast<long long>(document_serial_));
      p.documents.push_back({"national_id", number, "VN"});
    }
  }
  return p;
}

domain::OffendingCompany SampleEnforcement::Company() {
  static const std::vector<std::string> kKinds = {"Công ty TNHH", "Công ty Cổ phần",
                                                  "Trading Co., Ltd", "Logistics Ltd"};
  static const std::vector<std::string> kWords = {
      "Rồng Vàng",   "Phương Đông", "Sao Mai",   "Hoàng Long", "Thiên Phúc", "Đại Dương",
      "Golden Star", "Pacific",     "Asia Link", "Mekong",     "Hưng Thịnh", "An Phát"};
  domain::OffendingCompany c;
  c.name = Any(kKinds) + " " + Any(kWords) + " " + std::to_string(Pick(900) + 100);
  c.country = Pick(4) == 0 ? Any(kCountries) : "VN";
  c.address = Any(kPlaces);
  return c;
}

domain::Seizure SampleEnforcement::Seizure(int64_t persons, int64_t companies,
                                           const std::string& last_day, int days) {
  domain::Seizure s;
  const auto& g = Any(kGoods);
  auto day = domain::ParseDate(last_day).value_or(std::chrono::sys_days{});
  s.occurred_at = domain::FormatDate(day - std::chrono::days(Pick(days)));
  s.office = Any(kOffices);
  s.place = Any(kPlaces);
  s.detection_method = Any(kMethods);
  s.category = g.category;
  s.hs_code = Any(g.hs);
  std::string goods = Any(g.goods);
  s.concealment = Any(kConcealments);
  s.transport_mode = Any(kModes);
  s.description = goods + " concealed (" + s.concealment + ")";
  std::uniform_real_distribution<double> u(0, 1);
  s.quantity = std::round(u(rng_) * g.max_quantity * 100) / 100 + 0.01;
  s.unit = Any(g.units);
  s.estimated_value = std::round(u(rng_) * 500000) + 100;
  s.currency = Pick(3) == 0 ? "VND" : "USD";
  if (s.currency == "VND") *s.estimated_value *= 25000;
  s.conveyance = s.transport_mode == "air"   ? "VN" + std::to_string(100 + Pick(900))
                 : s.transport_mode == "sea" ? "MV " + Slug(Any(kPlaces))
                                             : "";
  s.departure = Any(kCountries);
  s.destination = "VN";
  for (size_t i = Pick(3); i > 0; --i) s.route.push_back({Any(kCountries), ""});
  s.narrative = Any(kNarrative) + " " + Any(kNarrative);
  for (size_t i = persons > 0 ? 1 + Pick(2) : 0; i > 0; --i) {
    s.parties.push_back({"person", 1 + static_cast<int64_t>(Pick(persons)), Any(kPartyRoles), ""});
  }
  if (companies > 0 && Pick(3) == 0) {
    s.parties.push_back({"company", 1 + static_cast<int64_t>(Pick(companies)), "consignee", ""});
  }
  // Parties are unique per role.
  std::sort(s.parties.begin(), s.parties.end(), [](const auto& a, const auto& b) {
    return std::tie(a.kind, a.id, a.role) < std::tie(b.kind, b.id, b.role);
  });
  s.parties.erase(std::unique(s.parties.begin(), s.parties.end(),
                              [](const auto& a, const auto& b) {
                                return a.kind == b.kind && a.id == b.id && a.role == b.role;
                              }),
                  s.parties.end());
  return s;
}

std::string SampleEnforcement::Misspelled(const std::string& name) {
  static const std::string kMarked[] = {"Nguyễn", "Trần", "Lê",    "Phạm", "Hoàng", "Văn", "Thị",
                                        "Hùng",   "Dũng", "Hương", "Đặng", "Đỗ",    "Võ",  "Vũ"};
  static const std::string kPlain[] = {"Nguyen", "Tran", "Le",    "Pham", "Hoang", "Van", "Thi",
                                       "Hung",   "Dung", "Huong", "Dang", "Do",    "Vo",  "Vu"};
  std::vector<std::string> words;
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find(' ', start);
    if (end == std::string::npos) end = name.size();
    words.push_back(name.substr(start, end - start));
    start = end + 1;
  }
  if (Pick(2) == 0) {
    for (auto& w : words) {
      for (size_t i = 0; i < std::size(kMarked); ++i) {
        if (w == kMarked[i]) w = kPlain[i];
      }
    }
  }
  // One typo in the longest word, typed without its marks: a swap of two neighbours or a
  // dropped letter.
  size_t longest = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].size() > words[longest].size()) longest = i;
  }
  std::string& w = words[longest];
  if (auto plain = domain::NameTokens(w); plain.size() == 1) w = plain.front();
  if (w.size() >= 5) {
    size_t at = 1 + Pick(w.size() - 2);
    if (Pick(2) == 0) {
      std::swap(w[at], w[at + 1 < w.size() ? at + 1 : at - 1]);
    } else {
      w.erase(at, 1);
    }
  }
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

std::string SampleEnforcement::SearchWord() {
  static const std::vector<std::string> kWords = {
      "methamphetamine", "heroin",    "cocaine",  "cigarettes", "ivory",     "pangolin",
      "counterfeit",     "pistols",   "gold",     "antique",    "cosmetics", "passenger",
      "container",       "parcel",    "driver",   "lining",     "scan",      "hành lý",
      "chuyển phát",     "biên giới", "ketamine", "rhino",      "shoes",     "wine"};
  return Any(kWords);
}

const std::vector<SampleEnforcement::CaseMessage>& SampleEnforcement::CaseConversation() {
  static const std::vector<CaseMessage> kMessages = {
      {"demo.investigator",
       "Đối tượng trong vụ bắt giữ số 1 dự kiến qua cửa khẩu Lào Cai tuần này. "
       "(The suspect of seizure 1 is expected at the Lao Cai border crossing this week.)",
       -1},
      {"demo.supervisor",
       "Phối hợp với đồn biên phòng; báo cáo trước 17:00. "
       "(Coordinate with the border post; report before 17:00.)",
       0},
      {"demo.investigator",
       "Đã liên hệ. Xe tải biển số 24C-123.45 được đưa vào danh sách theo dõi. "
       "(Done. Truck 24C-123.45 is on the watch list.)",
       1},
  };
  return kMessages;
}

}  // namespace haiquan::app
