#include "risk/model/kcs_csv.h"

#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "domain/csv.h"
#include "domain/date.h"

namespace haiquan::risk {
namespace {

enum Column {
  kId,
  kDate,
  kOffice,
  kProcessType,
  kImportType,
  kImportUse,
  kPaymentType,
  kTransport,
  kDeclarant,
  kImporter,
  kSeller,
  kCourier,
  kHs6,
  kDeparture,
  kOrigin,
  kTaxRate,
  kTaxType,
  kOriginIndicator,
  kNetMass,
  kItemPrice,
  kFraud,
  kCriticalFraud,
  kFindingDate,  // ours, optional: when the finding was recorded (the KCS files have none)
  kColumnCount,
};

constexpr std::array<std::string_view, kColumnCount> kHeaders = {"Declaration ID",
                                                                 "Date",
                                                                 "Office ID",
                                                                 "Process Type",
                                                                 "Import Type",
                                                                 "Import Use",
                                                                 "Payment Type",
                                                                 "Mode of Transport",
                                                                 "Declarant ID",
                                                                 "Importer ID",
                                                                 "Seller ID",
                                                                 "Courier ID",
                                                                 "HS6 Code",
                                                                 "Country of Departure",
                                                                 "Country of Origin",
                                                                 "Tax Rate",
                                                                 "Tax Type",
                                                                 "Country of Origin Indicator",
                                                                 "Net Mass",
                                                                 "Item Price",
                                                                 "Fraud",
                                                                 "Critical Fraud",
                                                                 "Finding Date"};

bool ParseNumber(const std::string& s, double* out) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(*out);
}

bool ParseLabel(const std::string& s, int max, int* out) {
  if (s.empty()) return true;  // not yet found: stays -1
  double v = 0;
  if (!ParseNumber(s, &v) || v < 0 || v > max || v != std::floor(v)) return false;
  *out = static_cast<int>(v);
  return true;
}

}  // namespace

domain::Result<std::vector<KcsItem>> ParseKcsCsv(std::string_view text) {
  std::array<int, kColumnCount> index;
  index.fill(-1);
  std::vector<KcsItem> items;
  std::string failure;
  size_t line = 0;
  bool header_read = false;
  auto row = [&](std::vector<std::string>& f) {
    ++line;
    if (!failure.empty()) return;
    if (!header_read) {
      header_read = true;
      for (size_t i = 0; i < f.size(); ++i) {
        for (size_t c = 0; c < kColumnCount; ++c) {
          if (f[i] == kHeaders[c]) index[c] = static_cast<int>(i);
        }
      }
      for (size_t c = 0; c < kFraud; ++c) {
        if (index[c] < 0) failure = "missing column \"" + std::string(kHeaders[c]) + "\"";
      }
      return;
    }
    if (f.size() == 1 && f[0].empty()) return;  // blank line
    auto at = [&](Column c) -> std::string {
      int i = index[c];
      return i >= 0 && static_cast<size_t>(i) < f.size() ? f[i] : std::string();
    };
    auto fail = [&](Column c) {
      failure = "line " + std::to_string(line) + ": bad \"" + std::string(kHeaders[c]) + "\"";
    };
    KcsItem it;
    it.declaration_id = at(kId);
    auto date = domain::ParseDate(at(kDate));
    if (!date) return fail(kDate);
    it.date = *date;
    it.office = at(kOffice);
    it.process_type = at(kProcessType);
    it.import_type = at(kImportType);
    it.import_use = at(kImportUse);
    it.payment_type = at(kPaymentType);
    it.transport_mode = at(kTransport);
    it.declarant = at(kDeclarant);
    it.importer = at(kImporter);
    it.seller = at(kSeller);
    it.courier = at(kCourier);
    it.hs6 = at(kHs6);
    it.departure_country = at(kDeparture);
    it.origin_country = at(kOrigin);
    it.tax_type = at(kTaxType);
    it.origin_indicator = at(kOriginIndicator);
    // Empty: not known (our own declarations carry no tax rate), read as a missing feature.
    if (at(kTaxRate).empty()) {
      it.tax_rate = std::numeric_limits<double>::quiet_NaN();
    } else if (!ParseNumber(at(kTaxRate), &it.tax_rate)) {
      return fail(kTaxRate);
    }
    if (!ParseNumber(at(kNetMass), &it.net_mass_kg) || it.net_mass_kg < 0) return fail(kNetMass);
    if (!ParseNumber(at(kItemPrice), &it.item_price) || it.item_price < 0) {
      return fail(kItemPrice);
    }
    if (!ParseLabel(at(kFraud), 1, &it.fraud)) return fail(kFraud);
    if (!ParseLabel(at(kCriticalFraud), 2, &it.critical_fraud)) return fail(kCriticalFraud);
    if (!at(kFindingDate).empty()) {
      auto found = domain::ParseDate(at(kFindingDate));
      if (!found || *found < it.date) return fail(kFindingDate);
      it.found = *found;
    }
    items.push_back(std::move(it));
  };
  std::string csv_error;
  if (!domain::ReadCsv(text, row, &csv_error)) return domain::Error::Malformed(csv_error);
  if (!header_read) return domain::Error::Malformed("empty file");
  if (!failure.empty()) return domain::Error::Malformed(failure);
  return items;
}

domain::Result<std::vector<KcsItem>> ReadKcsCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return domain::Error::NotFound("cannot open " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return ParseKcsCsv(text.str());
}

}  // namespace haiquan::risk

namespace haiquan::risk {
namespace {

void Field(std::string& out, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// Shortest text that reads back to the same double: replayed features stay bit for bit.
void Number(std::string& out, double v) {
  if (std::isnan(v)) return;
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec == std::errc()) out.append(buf, end);
}

}  // namespace

std::string WriteKcsCsv(std::span<const KcsItem> items) {
  std::string out;
  for (size_t c = 0; c < kHeaders.size(); ++c) {
    if (c) out += ',';
    out += kHeaders[c];
  }
  out += '\n';
  for (const KcsItem& it : items) {
    for (std::string_view v : {std::string_view(it.declaration_id)}) Field(out, v);
    out += ',' + domain::FormatDate(it.date);
    for (const std::string* v :
         {&it.office, &it.process_type, &it.import_type, &it.import_use, &it.payment_type,
          &it.transport_mode, &it.declarant, &it.importer, &it.seller, &it.courier, &it.hs6,
          &it.departure_country, &it.origin_country}) {
      out += ',';
      Field(out, *v);
    }
    out += ',';
    Number(out, it.tax_rate);
    out += ',';
    Field(out, it.tax_type);
    out += ',';
    Field(out, it.origin_indicator);
    out += ',';
    Number(out, it.net_mass_kg);
    out += ',';
    Number(out, it.item_price);
    out += ',';
    if (it.fraud >= 0) out += std::to_string(it.fraud);
    out += ',';
    if (it.critical_fraud >= 0) out += std::to_string(it.critical_fraud);
    out += ',';
    if (it.found != std::chrono::sys_days{}) out += domain::FormatDate(it.found);
    out += '\n';
  }
  return out;
}

}  // namespace haiquan::risk
