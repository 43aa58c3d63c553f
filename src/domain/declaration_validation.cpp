#include "domain/declaration_validation.h"

#include <array>
#include <cmath>
#include <string>

#include "domain/text.h"

namespace haiquan::domain {
namespace {

constexpr std::array<std::string_view, 12> kIncoterms = {"EXW", "FCA", "CPT", "CIP", "DAP", "DPU",
                                                         "DDP", "FAS", "FOB", "CFR", "CIF", "DAT"};

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnumUpper(char c) { return IsUpper(c) || IsDigit(c); }

class Checker {
 public:
  explicit Checker(const ReferenceData& ref) : ref_(ref) {}

  void Fault(std::string pointer, std::string code, std::string message) {
    faults_.push_back({std::move(pointer), std::move(code), std::move(message)});
  }

  // Free text: required (or not), bounded length, no control characters.
  void Text(const std::string& p, std::string_view v, size_t max, bool required) {
    if (v.empty()) {
      if (required) Fault(p, "required", "is required");
      return;
    }
    if (v.size() > max) Fault(p, "too_long", "must be at most " + std::to_string(max) + " bytes");
    if (HasControlCharacters(v))
      Fault(p, "invalid_characters", "must not contain control characters");
  }

  void Country(const std::string& p, std::string_view v, bool required) {
    if (v.empty()) {
      if (required) Fault(p, "required", "is required");
      return;
    }
    if (!ref_.IsCountry(v))
      Fault(p, "unknown_country", "is not an ISO 3166-1 alpha-2 country code");
  }

  void TaxId(const std::string& p, std::string_view v, bool required) {
    if (v.empty()) {
      if (required) Fault(p, "required", "is required");
      return;
    }
    bool ok = v.size() >= 4 && v.size() <= 20 && IsAlnumUpper(v.front());
    for (char c : v) ok = ok && (IsAlnumUpper(c) || c == '-');
    if (!ok) Fault(p, "invalid_format", "must be 4 to 20 upper-case letters, digits or '-'");
  }

  void Party(const std::string& p, const domain::Party& party, bool tax_id_required) {
    TaxId(p + "/taxId", party.tax_id, tax_id_required);
    Text(p + "/name", party.name, kMaxNameLength, true);
    Text(p + "/address", party.address, kMaxAddressLength, false);
    Country(p + "/country", party.country, true);
  }

  void Locode(const std::string& p, std::string_view v) {
    if (v.empty()) return;
    bool ok = v.size() == 5 && ref_.IsCountry(v.substr(0, 2));
    for (char c : v.substr(2)) ok = ok && (IsUpper(c) || (c >= '2' && c <= '9'));
    if (!ok)
      Fault(p, "invalid_locode", "must be a UN/LOCODE: country code and 3 letters or digits 2-9");
  }

  void Positive(const std::string& p, double v, double max) {
    if (!std::isfinite(v)) {
      Fault(p, "too_large", "is not a finite number");
    } else if (v <= 0) {
      Fault(p, "not_positive", "must be greater than 0");
    } else if (v > max) {
      Fault(p, "too_large", "is implausibly large");
    }
  }

  void Item(size_t i, const GoodsItem& item) {
    std::string p = "/items/" + std::to_string(i);
    const std::string& hs = item.hs_code;
    bool digits = !hs.empty();
    for (char c : hs) digits = digits && IsDigit(c);
    if (hs.empty()) {
      Fault(p + "/hsCode", "required", "is required");
    } else if (!digits || hs.size() < 6 || hs.size() > 10) {
      Fault(p + "/hsCode", "invalid_format", "must be 6 to 10 digits");
    } else if (!ref_.IsHsSubheading(std::string_view(hs).substr(0, 6))) {
      Fault(p + "/hsCode", "unknown_hs_code",
            "does not start with an HS 2022 subheading (" + hs.substr(0, 6) + ")");
    }
    Text(p + "/description", item.description, kMaxDescriptionLength, true);
    Country(p + "/originCountry", item.origin_country, true);
    Positive(p + "/quantity", item.quantity, 1e12);
    bool unit_ok = !item.unit.empty() && item.unit.size() <= 3;
    for (char c : item.unit) unit_ok = unit_ok && IsAlnumUpper(c);
    if (item.unit.empty()) {
      Fault(p + "/unit", "required", "is required");
    } else if (!unit_ok) {
      Fault(p + "/unit", "invalid_format", "must be a UN/ECE Rec. 20 unit code (e.g. PCE, KGM)");
    }
    Positive(p + "/netMassKg", item.net_mass_kg, 1e9);
    Positive(p + "/grossMassKg", item.gross_mass_kg, 1e9);
    if (item.net_mass_kg > 0 && item.gross_mass_kg > 0 && item.gross_mass_kg < item.net_mass_kg) {
      Fault(p + "/grossMassKg", "less_than_net", "must not be less than the net mass");
    }
  }

  std::vector<FieldError> Take() { return std::move(faults_); }

 private:
  const ReferenceData& ref_;
  std::vector<FieldError> faults_;
};

}  // namespace

std::vector<FieldError> Validate(const Declaration& d, const ReferenceData& ref) {
  Checker c(ref);

  const std::string& r = d.declarant_reference;
  if (r.empty()) {
    c.Fault("/declarantReference", "required", "is required");
  } else {
    bool ok = r.size() <= kMaxReferenceLength;
    for (char ch : r) {
      ok = ok && (IsAlnumUpper(ch) || (ch >= 'a' && ch <= 'z') || ch == '-' || ch == '/' ||
                  ch == '_' || ch == '.');
    }
    if (!ok) {
      c.Fault("/declarantReference", "invalid_format",
              "must be 1 to 35 letters, digits or - / _ .");
    }
  }

  bool office_ok = d.office.size() >= 2 && d.office.size() <= 8;
  for (char ch : d.office) office_ok = office_ok && IsAlnumUpper(ch);
  if (d.office.empty()) {
    c.Fault("/office", "required", "is required");
  } else if (!office_ok) {
    c.Fault("/office", "invalid_format", "must be 2 to 8 upper-case letters or digits");
  }

  c.TaxId("/declarant/taxId", d.declarant.tax_id, true);
  if (!d.declarant.name.empty()) c.Text("/declarant/name", d.declarant.name, kMaxNameLength, false);
  if (!d.declarant.address.empty()) {
    c.Text("/declarant/address", d.declarant.address, kMaxAddressLength, false);
  }
  if (!d.declarant.country.empty()) c.Country("/declarant/country", d.declarant.country, false);

  // The trader on the domestic side of the border is identified by tax id.
  bool import = d.type == DeclarationType::kImport;
  bool exp = d.type == DeclarationType::kExport;
  if (d.importer) {
    c.Party("/importer", *d.importer, import);
  } else if (import) {
    c.Fault("/importer", "required", "an import declaration names its importer");
  }
  if (d.exporter) {
    c.Party("/exporter", *d.exporter, exp);
  } else if (exp) {
    c.Fault("/exporter", "required", "an export declaration names its exporter");
  }

  const Transport& t = d.transport;
  if (t.mode.empty()) {
    c.Fault("/transport/mode", "required", "is required");
  } else if (t.mode.size() != 1 || !IsDigit(t.mode[0])) {
    c.Fault("/transport/mode", "invalid_code", "must be a UN/ECE Rec. 19 mode code, 0 to 9");
  }
  c.Text("/transport/conveyanceId", t.conveyance_id, 64, false);
  c.Country("/transport/departureCountry", t.departure_country, true);
  c.Locode("/transport/loadingPlace", t.loading_place);
  c.Locode("/transport/dischargePlace", t.discharge_place);

  const Invoice& inv = d.invoice;
  if (inv.currency.empty()) {
    c.Fault("/invoice/currency", "required", "is required");
  } else if (!ref.IsCurrency(inv.currency)) {
    c.Fault("/invoice/currency", "unknown_currency", "is not an active ISO 4217 currency code");
  }
  if (inv.incoterm.empty()) {
    c.Fault("/invoice/incoterm", "required", "is required");
  } else {
    bool known = false;
    for (auto k : kIncoterms) known = known || k == inv.incoterm;
    if (!known) c.Fault("/invoice/incoterm", "unknown_incoterm", "is not an Incoterms 2020 rule");
  }
  if (inv.amount.hundredths <= 0)
    c.Fault("/invoice/amount", "not_positive", "must be greater than 0");

  if (d.items.empty()) {
    c.Fault("/items", "required", "a declaration has at least one goods item");
  } else if (d.items.size() > kMaxItems) {
    c.Fault("/items", "too_many", "at most " + std::to_string(kMaxItems) + " goods items");
  } else {
    for (size_t i = 0; i < d.items.size(); ++i) c.Item(i, d.items[i]);
  }
  return c.Take();
}

}  // namespace haiquan::domain
