#include "http/declaration_json.h"

#include "domain/declaration_validation.h"

namespace haiquan::http {
namespace {

std::optional<domain::Party> ReadParty(const json::object& root, std::string_view key,
                                       JsonReader& r) {
  const json::value* v = JsonReader::Member(root, key);
  if (!v) return std::nullopt;
  std::string p = "/" + std::string(key);
  const json::object* o = r.Object(*v, p);
  if (!o) return std::nullopt;
  r.NoOthers(*o, {"taxId", "name", "address", "country"}, p);
  domain::Party party;
  r.String(*o, "taxId", p + "/taxId", party.tax_id);
  r.String(*o, "name", p + "/name", party.name);
  r.String(*o, "address", p + "/address", party.address);
  r.String(*o, "country", p + "/country", party.country);
  return party;
}

domain::GoodsItem ReadItem(const json::value& v, const std::string& p, JsonReader& r) {
  domain::GoodsItem item;
  const json::object* o = r.Object(v, p);
  if (!o) return item;
  r.NoOthers(*o,
             {"hsCode", "description", "originCountry", "quantity", "unit", "netMassKg",
              "grossMassKg", "value"},
             p);
  r.String(*o, "hsCode", p + "/hsCode", item.hs_code);
  r.String(*o, "description", p + "/description", item.description);
  r.String(*o, "originCountry", p + "/originCountry", item.origin_country);
  r.Number(*o, "quantity", p + "/quantity", item.quantity);
  r.String(*o, "unit", p + "/unit", item.unit);
  r.Number(*o, "netMassKg", p + "/netMassKg", item.net_mass_kg);
  r.Number(*o, "grossMassKg", p + "/grossMassKg", item.gross_mass_kg);
  r.Amount(*o, "value", p + "/value", item.value);
  if (!JsonReader::Member(*o, "value")) r.Value(p + "/value", "required", "is required");
  return item;
}

json::value OrNull(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}

json::object WriteParty(const domain::Party& p) {
  return {{"taxId", OrNull(p.tax_id)},
          {"name", OrNull(p.name)},
          {"address", OrNull(p.address)},
          {"country", OrNull(p.country)}};
}

}  // namespace

domain::Declaration ReadDeclaration(const json::value& v, JsonReader& r) {
  domain::Declaration d;
  const json::object* o = r.Object(v, "");
  if (!o) return d;
  r.NoOthers(*o,
             {"declarantReference", "type", "office", "declarant", "importer", "exporter",
              "transport", "invoice", "items"},
             "");
  r.String(*o, "declarantReference", "/declarantReference", d.declarant_reference);
  if (auto type = r.OptionalString(*o, "type", "/type")) {
    if (auto t = domain::ParseDeclarationType(*type)) {
      d.type = *t;
    } else {
      r.Value("/type", "invalid_code", "must be IM, EX or TR");
    }
  } else if (!JsonReader::Member(*o, "type")) {
    r.Value("/type", "required", "is required");
  }
  r.String(*o, "office", "/office", d.office);
  if (auto declarant = ReadParty(*o, "declarant", r)) {
    d.declarant = std::move(*declarant);
  } else if (!JsonReader::Member(*o, "declarant")) {
    r.Value("/declarant", "required", "is required");
  }
  d.importer = ReadParty(*o, "importer", r);
  d.exporter = ReadParty(*o, "exporter", r);

  if (const json::value* tv = JsonReader::Member(*o, "transport")) {
    if (const json::object* t = r.Object(*tv, "/transport")) {
      r.NoOthers(*t, {"mode", "conveyanceId", "departureCountry", "loadingPlace", "dischargePlace"},
                 "/transport");
      r.String(*t, "mode", "/transport/mode", d.transport.mode);
      r.String(*t, "conveyanceId", "/transport/conveyanceId", d.transport.conveyance_id);
      r.String(*t, "departureCountry", "/transport/departureCountry",
               d.transport.departure_country);
      r.String(*t, "loadingPlace", "/transport/loadingPlace", d.transport.loading_place);
      r.String(*t, "dischargePlace", "/transport/dischargePlace", d.transport.discharge_place);
    }
  } else {
    r.Value("/transport", "required", "is required");
  }

  if (const json::value* iv = JsonReader::Member(*o, "invoice")) {
    if (const json::object* inv = r.Object(*iv, "/invoice")) {
      r.NoOthers(*inv, {"currency", "incoterm", "amount"}, "/invoice");
      r.String(*inv, "currency", "/invoice/currency", d.invoice.currency);
      r.String(*inv, "incoterm", "/invoice/incoterm", d.invoice.incoterm);
      r.Amount(*inv, "amount", "/invoice/amount", d.invoice.amount);
    }
  } else {
    r.Value("/invoice", "required", "is required");
  }

  if (const json::value* items = JsonReader::Member(*o, "items")) {
    if (!items->is_array()) {
      r.Shape("/items", "wrong_type", "must be an array");
    } else if (items->get_array().size() > domain::kMaxItems) {
      r.Value("/items", "too_many",
              "at most " + std::to_string(domain::kMaxItems) + " goods items");
    } else {
      const auto& arr = items->get_array();
      for (size_t i = 0; i < arr.size(); ++i) {
        d.items.push_back(ReadItem(arr[i], "/items/" + std::to_string(i), r));
      }
    }
  }
  return d;
}

domain::Result<ParsedFiling> ParseFiling(std::string_view body) {
  // The parsed value lives only until the declaration is read out of it: its objects and
  // strings come from one arena (a few KiB on the stack for a usual declaration, more from the
  // heap in blocks) instead of a malloc and a free each.
  alignas(16) unsigned char arena[8192];
  alignas(16) unsigned char temp[2048];
  json::monotonic_resource memory(arena, sizeof arena);
  auto parsed = ParseJson(body, &memory, temp);
  if (!parsed.ok()) return parsed.error();
  JsonReader reader;
  ParsedFiling out;
  out.declaration = ReadDeclaration(*parsed, reader);
  if (!reader.ok()) {
    auto error = reader.ToError("the declaration");
    if (error.code == domain::ErrorCode::kMalformed) return error;
    out.value_faults = std::move(error.fields);
  }
  return out;
}

domain::Inspection ReadInspection(const json::value& v, JsonReader& r) {
  domain::Inspection in;
  const json::object* o = r.Object(v, "");
  if (!o) return in;
  r.NoOthers(*o, {"outcome", "description", "revenueAdjustment", "officer", "release"}, "");
  if (auto outcome = r.OptionalString(*o, "outcome", "/outcome")) {
    if (auto parsed = domain::ParseOutcome(*outcome)) {
      in.outcome = *parsed;
    } else {
      r.Value("/outcome", "invalid_code", "must be compliant, discrepancy or seizure");
    }
  } else if (!JsonReader::Member(*o, "outcome")) {
    r.Value("/outcome", "required", "is required");
  }
  r.String(*o, "description", "/description", in.description);
  r.Amount(*o, "revenueAdjustment", "/revenueAdjustment", in.revenue_adjustment);
  r.String(*o, "officer", "/officer", in.officer);
  in.release = r.Bool(*o, "release", "/release");
  return in;
}

json::object WriteDeclaration(const domain::Declaration& d) {
  json::object o;
  o["declarantReference"] = d.declarant_reference;
  o["type"] = domain::ToString(d.type);
  o["office"] = d.office;
  o["declarant"] = WriteParty(d.declarant);
  o["importer"] = d.importer ? json::value(WriteParty(*d.importer)) : json::value(nullptr);
  o["exporter"] = d.exporter ? json::value(WriteParty(*d.exporter)) : json::value(nullptr);
  const auto& t = d.transport;
  o["transport"] = {{"mode", t.mode},
                    {"conveyanceId", OrNull(t.conveyance_id)},
                    {"departureCountry", t.departure_country},
                    {"loadingPlace", OrNull(t.loading_place)},
                    {"dischargePlace", OrNull(t.discharge_place)}};
  o["invoice"] = {{"currency", d.invoice.currency},
                  {"incoterm", d.invoice.incoterm},
                  {"amount", d.invoice.amount.ToDouble()}};
  json::array items;
  for (const auto& it : d.items) {
    items.push_back({{"hsCode", it.hs_code},
                     {"description", it.description},
                     {"originCountry", it.origin_country},
                     {"quantity", it.quantity},
                     {"unit", it.unit},
                     {"netMassKg", it.net_mass_kg},
                     {"grossMassKg", it.gross_mass_kg},
                     {"value", it.value.ToDouble()}});
  }
  o["items"] = std::move(items);
  return o;
}

json::array WriteReasons(const std::vector<domain::Reason>& reasons) {
  json::array out;
  for (const auto& r : reasons) out.push_back({{"code", r.code}, {"message", r.message}});
  return out;
}

json::object WriteFilingAnswer(const app::StoredDeclaration& s) {
  return {{"id", s.id},
          {"declarantReference", s.declaration.declarant_reference},
          {"lane", domain::ToString(s.decision.lane)},
          {"status", domain::ToString(s.status)},
          {"score", s.decision.score},
          {"reasons", WriteReasons(s.decision.reasons)},
          {"filedAt", s.filed_at}};
}

json::object WriteStored(const app::StoredDeclaration& s) {
  json::object o = WriteDeclaration(s.declaration);
  o["id"] = s.id;
  o["lane"] = domain::ToString(s.decision.lane);
  o["status"] = domain::ToString(s.status);
  o["score"] = s.decision.score;
  o["reasons"] = WriteReasons(s.decision.reasons);
  o["filedAt"] = s.filed_at;
  json::array inspections;
  for (const auto& in : s.inspections) {
    inspections.push_back({{"id", in.id},
                           {"outcome", domain::ToString(in.findings.outcome)},
                           {"description", in.findings.description},
                           {"revenueAdjustment", in.findings.revenue_adjustment.ToDouble()},
                           {"officer", OrNull(in.findings.officer)},
                           {"resultingStatus", domain::ToString(in.resulting_status)},
                           {"recordedAt", in.recorded_at}});
  }
  o["inspections"] = std::move(inspections);
  return o;
}

json::object WriteSummary(const app::DeclarationSummary& s) {
  return {{"id", s.id},
          {"declarantReference", s.declarant_reference},
          {"type", domain::ToString(s.type)},
          {"office", s.office},
          {"declarantTaxId", s.declarant_tax_id},
          {"importerTaxId", OrNull(s.importer_tax_id)},
          {"exporterTaxId", OrNull(s.exporter_tax_id)},
          {"lane", domain::ToString(s.lane)},
          {"status", domain::ToString(s.status)},
          {"score", s.score},
          {"invoiceAmount", static_cast<double>(s.invoice_amount_hundredths) / 100.0},
          {"currency", s.currency},
          {"itemCount", s.item_count},
          {"filedAt", s.filed_at}};
}

}  // namespace haiquan::http
