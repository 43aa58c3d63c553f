#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/declaration.h"

namespace haiquan::risk {

// The declaration data that rules can test. Item fields hit if any goods item matches.
enum class Field {
  kType,
  kOffice,
  kDeclarantTaxId,
  kImporterTaxId,
  kImporterCountry,
  kExporterTaxId,
  kExporterName,
  kExporterCountry,
  kTransportMode,
  kConveyanceId,
  kDepartureCountry,
  kLoadingPlace,
  kDischargePlace,
  kInvoiceCurrency,
  kInvoiceIncoterm,
  kInvoiceAmount,
  kItemCount,
  kItemHsCode,
  kItemDescription,
  kItemOriginCountry,
  kItemQuantity,
  kItemUnit,
  kItemNetMassKg,
  kItemValue,
  kItemUnitValue,
};

struct FieldInfo {
  Field field;
  std::string_view name;  // as written in rules: "items.hsCode"
  bool numeric;
  bool per_item;
};

const std::vector<FieldInfo>& RuleFields();
const FieldInfo* FindField(std::string_view name);

// The value of a declaration-level field (text fields).
std::string_view TextOf(const domain::Declaration& d, Field f);
double NumberOf(const domain::Declaration& d, Field f);
std::string_view TextOf(const domain::GoodsItem& item, Field f);
double NumberOf(const domain::GoodsItem& item, Field f);

}  // namespace haiquan::risk
