#include "risk/model/declaration_items.h"

#include <limits>

namespace haiquan::risk {

std::string ModelDeclarationId(const domain::Declaration& d) {
  return d.declarant.tax_id + "/" + d.declarant_reference;
}

std::vector<KcsItem> ToKcsItems(const domain::Declaration& d, std::chrono::sys_days filed,
                                int finding, std::chrono::sys_days found) {
  KcsItem head;
  head.declaration_id = ModelDeclarationId(d);
  head.date = filed;
  head.office = d.office;
  head.transport_mode = d.transport.mode.empty() ? "" : d.transport.mode + "0";
  head.declarant = d.declarant.tax_id;
  head.importer = d.importer ? d.importer->tax_id : d.declarant.tax_id;
  if (d.exporter) head.seller = d.exporter->tax_id.empty() ? d.exporter->name : d.exporter->tax_id;
  head.departure_country = d.transport.departure_country;
  // Unknown, not zero: a zero rate would read as duty-free goods.
  head.tax_rate = std::numeric_limits<double>::quiet_NaN();
  head.fraud = finding;
  head.found = found;
  std::vector<KcsItem> out;
  out.reserve(d.items.size());
  for (const auto& g : d.items) {
    KcsItem item = head;
    item.hs6 = g.hs_code.substr(0, 6);
    item.origin_country = g.origin_country;
    item.net_mass_kg = g.net_mass_kg;
    item.item_price = g.value.ToDouble();
    out.push_back(std::move(item));
  }
  return out;
}

domain::Declaration ToDeclaration(std::span<const KcsItem> items) {
  domain::Declaration d;
  if (items.empty()) return d;
  const KcsItem& h = items.front();
  d.declarant_reference = h.declaration_id;
  d.type = domain::DeclarationType::kImport;
  d.office = h.office;
  d.declarant.tax_id = h.declarant;
  d.importer = domain::Party{h.importer, "", "", ""};
  if (!h.seller.empty()) d.exporter = domain::Party{"", h.seller, "", ""};
  d.transport.mode = h.transport_mode.substr(0, 1);
  d.transport.departure_country = h.departure_country;
  d.invoice.currency = "KRW";
  int64_t total = 0;
  for (const KcsItem& it : items) {
    domain::GoodsItem g;
    g.hs_code = it.hs6;
    g.origin_country = it.origin_country;
    g.quantity = it.net_mass_kg;
    g.unit = "KGM";
    g.net_mass_kg = it.net_mass_kg;
    g.gross_mass_kg = it.net_mass_kg;
    g.value = domain::Amount::FromDouble(it.item_price).value_or(domain::Amount{});
    total += g.value.hundredths;
    d.items.push_back(std::move(g));
  }
  d.invoice.amount = domain::Amount{total};
  return d;
}

}  // namespace haiquan::risk
