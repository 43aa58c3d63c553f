#include <string>

#include "domain/value_histogram.h"
#include "risk/anomalies.h"
#include "storage/sqlite/profile_store.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;

constexpr const char* kProfile =
    "INSERT INTO trader_profiles (tax_id, declarations, first_filed_at, last_filed_at)"
    " VALUES (?1, 1, ?2, ?2) ON CONFLICT (tax_id) DO UPDATE SET"
    " declarations = declarations + 1, last_filed_at = max(last_filed_at, excluded.last_filed_at),"
    " first_filed_at = min(first_filed_at, excluded.first_filed_at)";
constexpr const char* kMonth =
    "INSERT INTO trader_months VALUES (?1, ?2, ?3, ?4, 1, ?5)"
    " ON CONFLICT DO UPDATE SET declarations = declarations + 1, value = value + excluded.value";
constexpr const char* kDay =
    "INSERT INTO trader_days VALUES (?1, ?2, ?3, 1, ?4)"
    " ON CONFLICT DO UPDATE SET declarations = declarations + 1, value = value + excluded.value";
constexpr const char* kGoods =
    "INSERT INTO trader_goods VALUES (?1, ?2, ?3, 1, ?4)"
    " ON CONFLICT DO UPDATE SET items = items + 1, value = value + excluded.value";
constexpr const char* kOrigin =
    "INSERT INTO trader_origins VALUES (?1, ?2, ?3, 1, ?4)"
    " ON CONFLICT DO UPDATE SET items = items + 1, value = value + excluded.value";
constexpr const char* kPartner =
    "INSERT INTO trader_partners VALUES (?1, ?2, ?3, ?4, 1, ?5)"
    " ON CONFLICT DO UPDATE SET declarations = declarations + 1, value = value + excluded.value";
constexpr const char* kGetUnitValues =
    "SELECT histogram FROM unit_values WHERE scope = ?1 AND hs6 = ?2 AND unit = ?3"
    " AND currency = ?4";
constexpr const char* kPutUnitValues =
    "INSERT INTO unit_values VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT DO UPDATE SET histogram = excluded.histogram";
constexpr const char* kGetDeclarationValues =
    "SELECT histogram FROM declaration_values WHERE currency = ?1";
constexpr const char* kPutDeclarationValues =
    "INSERT INTO declaration_values VALUES (?1, ?2)"
    " ON CONFLICT DO UPDATE SET histogram = excluded.histogram";
constexpr const char* kTraderOfDeclaration =
    "SELECT CASE"
    " WHEN type = 'IM' AND coalesce(importer_tax_id, '') != '' THEN importer_tax_id"
    " WHEN type = 'EX' AND coalesce(exporter_tax_id, '') != '' THEN exporter_tax_id"
    " ELSE declarant_tax_id END FROM declarations WHERE id = ?1";
constexpr const char* kInspected =
    "UPDATE trader_profiles SET inspections = inspections + 1, violations = violations + ?2"
    " WHERE tax_id = ?1";
constexpr const char* kFinding =
    "INSERT INTO trader_findings VALUES (?1, ?2, 1, ?3) ON CONFLICT DO UPDATE SET"
    " count = count + 1, revenue_adjustment = revenue_adjustment + excluded.revenue_adjustment";

domain::Status Done(Connection& db, Statement& st) {
  if (st.Step() != SQLITE_DONE)
    return Error::Unavailable("storage write failed: " + db.ErrorMessage());
  return domain::Ok();
}

// Reads a histogram, adds one value and writes it back: the writer thread is the only one
// that writes, so the read-modify-write cannot race.
domain::Status AddToHistogram(Connection& db, const char* get, const char* put,
                              std::initializer_list<std::string_view> key, double value) {
  domain::ValueHistogram h;
  {
    auto st = db.Prepare(get);
    int i = 1;
    for (auto k : key) st.Bind(i++, k);
    int rc = st.Step();
    if (rc == SQLITE_ROW) {
      auto decoded = domain::ValueHistogram::Decode(st.Blob(0));
      if (decoded) h = std::move(*decoded);  // an unreadable one starts again
    } else if (rc != SQLITE_DONE) {
      return Error::Unavailable("storage read failed: " + db.ErrorMessage());
    }
  }
  h.Add(value);
  auto st = db.Prepare(put);
  int i = 1;
  for (auto k : key) st.Bind(i++, k);
  st.BindBlob(i, h.Encode());
  return Done(db, st);
}

}  // namespace

domain::Status FoldFiling(Connection& db, const app::NewFiling& f) {
  const auto& d = f.declaration;
  const std::string& tax_id = risk::TraderOf(d).tax_id;
  if (tax_id.empty()) return domain::Ok();
  const std::string& currency = d.invoice.currency;
  int64_t amount = d.invoice.amount.hundredths;
  {
    auto st = db.Prepare(kProfile);
    st.Bind(1, tax_id).Bind(2, f.filed_at);
    if (auto s = Done(db, st); !s.ok()) return s;
  }
  {
    auto st = db.Prepare(kMonth);
    st.Bind(1, tax_id).Bind(2, f.filed_at.substr(0, 7)).Bind(3, domain::ToString(f.decision.lane));
    st.Bind(4, currency).Bind(5, amount);
    if (auto s = Done(db, st); !s.ok()) return s;
  }
  {
    auto st = db.Prepare(kDay);
    st.Bind(1, tax_id).Bind(2, currency).Bind(3, f.filed_at.substr(0, 10)).Bind(4, amount);
    if (auto s = Done(db, st); !s.ok()) return s;
  }
  const domain::Party* partner = d.type == domain::DeclarationType::kExport
                                     ? (d.importer ? &*d.importer : nullptr)
                                     : (d.exporter ? &*d.exporter : nullptr);
  if (partner && !partner->name.empty()) {
    auto st = db.Prepare(kPartner);
    st.Bind(1, tax_id).Bind(2, partner->name).Bind(3, partner->country).Bind(4, currency);
    st.Bind(5, amount);
    if (auto s = Done(db, st); !s.ok()) return s;
  }
  for (const auto& item : d.items) {
    {
      auto st = db.Prepare(kGoods);
      st.Bind(1, tax_id).Bind(2, std::string_view(item.hs_code).substr(0, 4)).Bind(3, currency);
      st.Bind(4, item.value.hundredths);
      if (auto s = Done(db, st); !s.ok()) return s;
    }
    {
      auto st = db.Prepare(kOrigin);
      st.Bind(1, tax_id).Bind(2, item.origin_country).Bind(3, currency);
      st.Bind(4, item.value.hundredths);
      if (auto s = Done(db, st); !s.ok()) return s;
    }
    double uv = item.UnitValue();
    if (uv <= 0) continue;
    std::string_view hs6 = std::string_view(item.hs_code).substr(0, 6);
    // "" (not a null view, which SQLite would bind as NULL) is the national scope.
    for (std::string_view scope : {std::string_view(tax_id), std::string_view("")}) {
      if (auto s = AddToHistogram(db, kGetUnitValues, kPutUnitValues,
                                  {scope, hs6, item.unit, currency}, uv);
          !s.ok())
        return s;
    }
  }
  if (amount > 0) {
    return AddToHistogram(db, kGetDeclarationValues, kPutDeclarationValues, {currency},
                          d.invoice.amount.ToDouble());
  }
  return domain::Ok();
}

domain::Status FoldInspection(Connection& db, int64_t declaration_id,
                              const domain::Inspection& findings) {
  std::string tax_id;
  {
    auto st = db.Prepare(kTraderOfDeclaration);
    st.Bind(1, declaration_id);
    if (st.Step() != SQLITE_ROW) return domain::Ok();
    tax_id = st.Text(0);
  }
  bool violation = findings.outcome != domain::Outcome::kCompliant;
  {
    auto st = db.Prepare(kInspected);
    st.Bind(1, tax_id).Bind(2, violation ? 1 : 0);
    if (auto s = Done(db, st); !s.ok()) return s;
  }
  auto st = db.Prepare(kFinding);
  st.Bind(1, tax_id).Bind(2, domain::ToString(findings.outcome));
  st.Bind(3, findings.revenue_adjustment.hundredths);
  return Done(db, st);
}

}  // namespace haiquan::storage::sqlite
