// The CSV reader and the reference lists built from it. The input is one CSV, and also three
// lists (HS 2022, ISO 3166, ISO 4217) separated by form feeds.
#include <cstddef>
#include <cstdint>

#include "domain/csv.h"
#include "fuzz_support.h"

namespace haiquan::fuzz {
namespace {

// Writes rows so that ReadCsv must give them back exactly: every field quoted.
std::string WriteCsv(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      out += '"';
      for (char c : row[i]) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

std::vector<std::vector<std::string>> Rows(std::string_view text, bool* ok) {
  std::vector<std::vector<std::string>> rows;
  std::string error;
  *ok = domain::ReadCsv(
      text, [&](std::vector<std::string>& row) { rows.push_back(row); }, &error);
  Check(*ok || !error.empty(), "CSV refused without a reason");
  return rows;
}

}  // namespace
}  // namespace haiquan::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace haiquan;
  using namespace haiquan::fuzz;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  bool ok = false;
  auto rows = Rows(text, &ok);
  for (const auto& row : rows) Check(!row.empty(), "an empty record was reported");
  if (ok) {
    std::string written = WriteCsv(rows);
    bool again_ok = false;
    Check(Rows(written, &again_ok) == rows && again_ok, "CSV rows change when written and re-read",
          written);
  }

  std::string_view parts[3] = {"section,hscode,description,parent,level\nI,010121,Horses,0101,6\n",
                               "ISO3166-1-Alpha-2,name\nVN,Viet Nam\n",
                               "AlphabeticCode,WithdrawalDate\nVND,\n"};
  for (size_t i = 0; i < 3 && !text.empty(); ++i) {
    size_t ff = text.find('\f');
    parts[i] = text.substr(0, ff);
    text = ff == std::string_view::npos ? std::string_view{} : text.substr(ff + 1);
  }
  auto ref = domain::ReferenceData::FromCsv(parts[0], parts[1], parts[2]);
  if (!ref.ok()) {
    Check(ref.error().code == domain::ErrorCode::kInvalid, "bad lists are not kInvalid");
    return 0;
  }
  const auto& r = **ref;
  Check(r.hs_subheading_count() > 0 && r.country_count() > 0 && r.currency_count() > 0,
        "lists accepted without codes");
  // Listing walks all 10^6 possible codes: too slow for every input, so one in sixteen.
  if (size % 16 == 0) {
    auto subheadings = r.HsSubheadings();
    Check(subheadings.size() == r.hs_subheading_count(), "subheading count mismatch");
    for (size_t i = 0; i < subheadings.size() && i < 64; ++i) {
      Check(r.IsHsSubheading(subheadings[i]), "listed subheading not found", subheadings[i]);
      (void)r.HsDescription(subheadings[i]);
    }
  }
  for (const auto& row : rows) {
    for (const auto& field : row) {
      (void)r.IsCountry(field);
      (void)r.IsCurrency(field);
      (void)r.IsHsSubheading(field);
      (void)r.HsDescription(field);
    }
  }
  return 0;
}
