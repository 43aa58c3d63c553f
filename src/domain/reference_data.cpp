#include "domain/reference_data.h"

#include <cstdio>
#include <vector>

#include "domain/csv.h"

namespace haiquan::domain {
namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int LetterIndex(std::string_view s, size_t n) {
  if (s.size() != n) return -1;
  int idx = 0;
  for (char c : s) {
    if (!IsUpper(c)) return -1;
    idx = idx * 26 + (c - 'A');
  }
  return idx;
}

int DigitIndex(std::string_view s) {
  if (s.size() != 6) return -1;
  int idx = 0;
  for (char c : s) {
    if (!IsDigit(c)) return -1;
    idx = idx * 10 + (c - '0');
  }
  return idx;
}

// Finds a column by its header name; -1 if absent.
int Column(const std::vector<std::string>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

Result<std::shared_ptr<const ReferenceData>> ReferenceData::FromCsv(std::string_view hs2022,
                                                                    std::string_view iso3166,
                                                                    std::string_view iso4217) {
  auto data = std::make_shared<ReferenceData>();
  std::string error;

  int section_col = -1, code_col = -1, desc_col = -1, level_col = -1;
  bool header = true;
  bool ok = ReadCsv(
      hs2022,
      [&](std::vector<std::string>& row) {
        if (header) {
          section_col = Column(row, "section");
          code_col = Column(row, "hscode");
          desc_col = Column(row, "description");
          level_col = Column(row, "level");
          header = false;
          return;
        }
        if (code_col < 0 || desc_col < 0 || level_col < 0) return;
        if (static_cast<int>(row.size()) <= std::max({code_col, desc_col, level_col})) return;
        // UN Comtrade's "TOTAL" section (99, 9999, 999999: not specified) is not part of HS.
        if (section_col >= 0 && row[section_col] == "TOTAL") return;
        const std::string& code = row[code_col];
        if (row[level_col] == "6") {
          int idx = DigitIndex(code);
          if (idx >= 0) data->hs6_.set(idx);
        }
        data->hs_descriptions_.emplace(code, row[desc_col]);
      },
      &error);
  if (!ok || data->hs6_.none()) return Error::Invalid("HS 2022 list unreadable: " + error);

  int alpha2_col = -1;
  header = true;
  ok = ReadCsv(
      iso3166,
      [&](std::vector<std::string>& row) {
        if (header) {
          alpha2_col = Column(row, "ISO3166-1-Alpha-2");
          header = false;
          return;
        }
        if (alpha2_col < 0 || static_cast<int>(row.size()) <= alpha2_col) return;
        int idx = LetterIndex(row[alpha2_col], 2);
        if (idx >= 0) data->countries_.set(idx);
      },
      &error);
  if (!ok || data->countries_.none()) return Error::Invalid("ISO 3166 list unreadable: " + error);

  int alpha3_col = -1, withdrawn_col = -1;
  header = true;
  ok = ReadCsv(
      iso4217,
      [&](std::vector<std::string>& row) {
        if (header) {
          alpha3_col = Column(row, "AlphabeticCode");
          withdrawn_col = Column(row, "WithdrawalDate");
          header = false;
          return;
        }
        if (alpha3_col < 0 || static_cast<int>(row.size()) <= alpha3_col) return;
        if (withdrawn_col >= 0 && static_cast<int>(row.size()) > withdrawn_col &&
            !row[withdrawn_col].empty()) {
          return;
        }
        int idx = LetterIndex(row[alpha3_col], 3);
        if (idx >= 0) data->currencies_.set(idx);
      },
      &error);
  if (!ok || data->currencies_.none()) return Error::Invalid("ISO 4217 list unreadable: " + error);

  return std::shared_ptr<const ReferenceData>(std::move(data));
}

bool ReferenceData::IsHsSubheading(std::string_view s) const {
  int idx = DigitIndex(s);
  return idx >= 0 && hs6_.test(idx);
}

bool ReferenceData::IsCountry(std::string_view s) const {
  int idx = LetterIndex(s, 2);
  return idx >= 0 && countries_.test(idx);
}

bool ReferenceData::IsCurrency(std::string_view s) const {
  int idx = LetterIndex(s, 3);
  return idx >= 0 && currencies_.test(idx);
}

std::vector<std::string> ReferenceData::HsSubheadings() const {
  std::vector<std::string> out;
  out.reserve(hs6_.count());
  char buf[24];
  for (size_t i = 0; i < hs6_.size(); ++i) {
    if (!hs6_.test(i)) continue;
    std::snprintf(buf, sizeof buf, "%06u", static_cast<unsigned>(i));
    out.emplace_back(buf);
  }
  return out;
}

std::string_view ReferenceData::HsDescription(std::string_view code) const {
  auto it = hs_descriptions_.find(std::string(code));
  return it == hs_descriptions_.end() ? std::string_view{} : std::string_view{it->second};
}

}  // namespace haiquan::domain
