#include "risk/fields.h"

namespace haiquan::risk {

const std::vector<FieldInfo>& RuleFields() {
  static const std::vector<FieldInfo> kFields = {
      {Field::kType, "type", false, false},
      {Field::kOffice, "office", false, false},
      {Field::kDeclarantTaxId, "declarant.taxId", false, false},
      {Field::kImporterTaxId, "importer.taxId", false, false},
      {Field::kImporterCountry, "importer.country", false, false},
      {Field::kExporterTaxId, "exporter.taxId", false, false},
      {Field::kExporterName, "exporter.name", false, false},
      {Field::kExporterCountry, "exporter.country", false, false},
      {Field::kTransportMode, "transport.mode", false, false},
      {Field::kConveyanceId, "transport.conveyanceId", false, false},
      {Field::kDepartureCountry, "transport.departureCountry", false, false},
      {Field::kLoadingPlace, "transport.loadingPlace", false, false},
      {Field::kDischargePlace, "transport.dischargePlace", false, false},
      {Field::kInvoiceCurrency, "invoice.currency", false, false},
      {Field::kInvoiceIncoterm, "invoice.incoterm", false, false},
      {Field::kInvoiceAmount, "invoice.amount", true, false},
      {Field::kItemCount, "itemCount", true, false},
      {Field::kItemHsCode, "items.hsCode", false, true},
      {Field::kItemDescription, "items.description", false, true},
      {Field::kItemOriginCountry, "items.originCountry", false, true},
      {Field::kItemQuantity, "items.quantity", true, true},
      {Field::kItemUnit, "items.unit", false, true},
      {Field::kItemNetMassKg, "items.netMassKg", true, true},
      {Field::kItemValue, "items.value", true, true},
      {Field::kItemUnitValue, "items.unitValue", true, true},
  };
  return kFields;
}

const FieldInfo* FindField(std::string_view name) {
  for (const auto& f : RuleFields()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string_view TextOf(const domain::Declaration& d, Field f) {
  static const domain::Party kNone;
  const domain::Party& imp = d.importer ? *d.importer : kNone;
  const domain::Party& exp = d.exporter ? *d.exporter : kNone;
  switch (f) {
    case Field::kType:
      return domain::ToString(d.type);
    case Field::kOffice:
      return d.office;
    case Field::kDeclarantTaxId:
      return d.declarant.tax_id;
    case Field::kImporterTaxId:
      return imp.tax_id;
    case Field::kImporterCountry:
      return imp.country;
    case Field::kExporterTaxId:
      return exp.tax_id;
    case Field::kExporterName:
      return exp.name;
    case Field::kExporterCountry:
      return exp.country;
    case Field::kTransportMode:
      return d.transport.mode;
    case Field::kConveyanceId:
      return d.transport.conveyance_id;
    case Field::kDepartureCountry:
      return d.transport.departure_country;
    case Field::kLoadingPlace:
      return d.transport.loading_place;
    case Field::kDischargePlace:
      return d.transport.discharge_place;
    case Field::kInvoiceCurrency:
      return d.invoice.currency;
    case Field::kInvoiceIncoterm:
      return d.invoice.incoterm;
    default:
      return {};
  }
}

double NumberOf(const domain::Declaration& d, Field f) {
  switch (f) {
    case Field::kInvoiceAmount:
      return d.invoice.amount.ToDouble();
    case Field::kItemCount:
      return static_cast<double>(d.items.size());
    default:
      return 0;
  }
}

std::string_view TextOf(const domain::GoodsItem& item, Field f) {
  switch (f) {
    case Field::kItemHsCode:
      return item.hs_code;
    case Field::kItemDescription:
      return item.description;
    case Field::kItemOriginCountry:
      return item.origin_country;
    case Field::kItemUnit:
      return item.unit;
    default:
      return {};
  }
}

double NumberOf(const domain::GoodsItem& item, Field f) {
  switch (f) {
    case Field::kItemQuantity:
      return item.quantity;
    case Field::kItemNetMassKg:
      return item.net_mass_kg;
    case Field::kItemValue:
      return item.value.ToDouble();
    case Field::kItemUnitValue:
      return item.UnitValue();
    default:
      return 0;
  }
}

}  // namespace haiquan::risk
