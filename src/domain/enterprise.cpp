#include "domain/enterprise.h"

#include <array>
#include <chrono>

#include "domain/date.h"
#include "domain/text.h"

namespace haiquan::domain {
namespace {

constexpr std::array<std::pair<EnterpriseStatus, std::string_view>, 4> kStatuses = {{
    {EnterpriseStatus::kActive, "active"},
    {EnterpriseStatus::kSuspended, "suspended"},
    {EnterpriseStatus::kDissolved, "dissolved"},
    {EnterpriseStatus::kTaxDebt, "tax_debt"},
}};

bool IsDate(std::string_view s) {
  auto day = ParseDate(s);
  return day && std::chrono::year_month_day(*day).year() >= std::chrono::year(1900);
}

void Text(std::vector<FieldError>& out, const std::string& p, std::string_view v, size_t max) {
  if (v.empty()) {
    out.push_back({p, "required", "is required"});
  } else if (v.size() > max) {
    out.push_back({p, "too_long", "must be at most " + std::to_string(max) + " bytes"});
  } else if (HasControlCharacters(v)) {
    out.push_back({p, "invalid_characters", "must not contain control characters"});
  }
}

}  // namespace

std::string_view ToString(EnterpriseStatus s) {
  for (const auto& [status, name] : kStatuses) {
    if (status == s) return name;
  }
  return "active";
}

std::optional<EnterpriseStatus> ParseEnterpriseStatus(std::string_view s) {
  for (const auto& [status, name] : kStatuses) {
    if (name == s) return status;
  }
  return std::nullopt;
}

bool IsTaxId(std::string_view s) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  };
  if (s.size() == 10) return digits(0, 10);
  return s.size() == 14 && digits(0, 10) && s[10] == '-' && digits(11, 3);
}

bool IsPersonId(std::string_view s) {
  if (s.size() < 6 || s.size() > 20) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

namespace {

// Base letters of the precomposed Vietnamese letters (U+00C0..U+01B0, U+1EA0..U+1EF9).
char FoldVietnamese(char32_t c) {
  static const std::u32string_view kA = U"àáâãäåăằắẳẵặầấẩẫậảạÀÁÂÃÄÅĂẰẮẲẴẶẦẤẨẪẬẢẠ";
  static const std::u32string_view kE = U"èéêëềếểễệẻẽẹÈÉÊËỀẾỂỄỆẺẼẸ";
  static const std::u32string_view kI = U"ìíîïỉĩịÌÍÎÏỈĨỊ";
  static const std::u32string_view kO = U"òóôõöơờớởỡợồốổỗộỏọÒÓÔÕÖƠỜỚỞỠỢỒỐỔỖỘỎỌ";
  static const std::u32string_view kU = U"ùúûüưừứửữựủũụÙÚÛÜƯỪỨỬỮỰỦŨỤ";
  static const std::u32string_view kY = U"ỳýỷỹỵÿỲÝỶỸỴ";
  static const std::u32string_view kD = U"đĐ";
  if (kA.find(c) != kA.npos) return 'a';
  if (kE.find(c) != kE.npos) return 'e';
  if (kI.find(c) != kI.npos) return 'i';
  if (kO.find(c) != kO.npos) return 'o';
  if (kU.find(c) != kU.npos) return 'u';
  if (kY.find(c) != kY.npos) return 'y';
  if (kD.find(c) != kD.npos) return 'd';
  return 0;
}

}  // namespace

std::string AddressKey(std::string_view address) {
  std::string out;
  bool space = false;
  auto emit = [&](char c) {
    if (c == ' ') {
      space = !out.empty();
      return;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  };
  for (size_t i = 0; i < address.size();) {
    auto b = static_cast<unsigned char>(address[i]);
    if (b < 0x80) {
      char c = static_cast<char>(b);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      emit((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : ' ');
      ++i;
      continue;
    }
    // Decode one UTF-8 sequence; a malformed byte counts as a separator.
    int len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    char32_t cp = len == 1 ? 0 : b & (0xFF >> (len + 1));
    bool ok = len > 1 && i + len <= address.size();
    for (int k = 1; ok && k < len; ++k) {
      auto cont = static_cast<unsigned char>(address[i + k]);
      ok = (cont & 0xC0) == 0x80;
      cp = (cp << 6) | (cont & 0x3F);
    }
    if (!ok) {
      emit(' ');
      ++i;
      continue;
    }
    // Combining marks (U+0300..U+036F) vanish; other letters without a base are kept as is.
    if (cp >= 0x300 && cp <= 0x36F) {
      i += len;
      continue;
    }
    // No-break and typographic spaces, dashes and quotes separate like their ASCII forms.
    bool separator = cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F) ||
                     (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F);
    if (separator) {
      emit(' ');
    } else if (char base = FoldVietnamese(cp)) {
      emit(base);
    } else {
      if (space) out += ' ';
      space = false;
      out.append(address.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::vector<FieldError> Validate(const Enterprise& e) {
  std::vector<FieldError> out;
  if (!IsTaxId(e.tax_id)) {
    out.push_back({"/taxId", "invalid_tax_id", "10 digits, or 10 digits, '-' and 3 for a branch"});
  }
  Text(out, "/name", e.name, 256);
  Text(out, "/address", e.address, 512);
  if (!e.provisional && !IsDate(e.registration_date)) {
    out.push_back({"/registrationDate", "invalid_date", "must be a date such as 2015-03-01"});
  }
  auto people = [&](const std::vector<PersonLink>& list, const std::string& at, bool owners) {
    if (list.size() > 50) out.push_back({at, "too_many", "at most 50"});
    double shares = 0;
    for (size_t i = 0; i < list.size(); ++i) {
      const auto& p = list[i];
      std::string base = at + "/" + std::to_string(i);
      if (!IsPersonId(p.id_number)) {
        out.push_back({base + "/idNumber", "invalid_id_number",
                       "an identity card or passport number: 6 to 20 digits or capital letters"});
      }
      for (size_t j = 0; j < i; ++j) {
        if (list[j].id_number == p.id_number) {
          out.push_back({base + "/idNumber", "duplicate", "this person is listed twice"});
          break;
        }
      }
      Text(out, base + "/name", p.name, 256);
      if (p.nationality.size() != 2 || p.nationality[0] < 'A' || p.nationality[0] > 'Z' ||
          p.nationality[1] < 'A' || p.nationality[1] > 'Z') {
        out.push_back({base + "/nationality", "invalid_code", "an ISO 3166-1 alpha-2 code"});
      }
      if (p.share && (!owners || !(*p.share > 0 && *p.share <= 100))) {
        out.push_back({base + "/share", "out_of_range",
                       owners ? "a percentage above 0, at most 100" : "only owners hold shares"});
      }
      shares += p.share.value_or(0);
    }
    if (shares > 100.0001) {
      out.push_back({at, "out_of_range", "the owners' shares add up to more than 100 per cent"});
    }
  };
  people(e.owners, "/owners", true);
  people(e.representatives, "/legalRepresentatives", false);
  return out;
}

}  // namespace haiquan::domain
