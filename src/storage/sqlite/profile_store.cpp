#include "storage/sqlite/profile_store.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;

constexpr const char* kProfileRow =
    "SELECT declarations, first_filed_at, last_filed_at, inspections, violations"
    " FROM trader_profiles WHERE tax_id = ?1";
constexpr const char* kRegistered =
    "SELECT coalesce(registration_date, ''), provisional FROM enterprises WHERE tax_id = ?1";
constexpr const char* kMonths =
    "SELECT month, lane, currency, declarations, value FROM trader_months WHERE tax_id = ?1"
    " ORDER BY month, lane, currency";
constexpr const char* kGoods =
    "SELECT heading, currency, items, value FROM trader_goods WHERE tax_id = ?1"
    " ORDER BY heading, currency";
constexpr const char* kOrigins =
    "SELECT country, currency, items, value FROM trader_origins WHERE tax_id = ?1"
    " ORDER BY items DESC, country, currency";
constexpr const char* kPartners =
    "SELECT name, country, currency, declarations, value FROM trader_partners WHERE tax_id = ?1"
    " ORDER BY declarations DESC, name LIMIT 1000";
constexpr const char* kUnitValues =
    "SELECT hs6, unit, currency, histogram FROM unit_values WHERE scope = ?1"
    " ORDER BY hs6, unit, currency";
constexpr const char* kFindings =
    "SELECT outcome, count, revenue_adjustment FROM trader_findings WHERE tax_id = ?1"
    " ORDER BY outcome";

Error ReadFailed(Connection& db) {
  return Error::Unavailable("storage read failed: " + db.ErrorMessage());
}

}  // namespace

domain::Result<app::TraderProfile> SqliteProfileStore::Profile(const std::string& tax_id) {
  auto db = readers_.Acquire();
  ReadSnapshot snapshot(*db);
  app::TraderProfile p;
  p.tax_id = tax_id;
  {
    auto st = db->Prepare(kProfileRow);
    st.Bind(1, tax_id);
    int rc = st.Step();
    if (rc == SQLITE_ROW) {
      p.declarations = st.Int(0);
      p.first_filed_at = st.Text(1);
      p.last_filed_at = st.Text(2);
      p.inspections = st.Int(3);
      p.violations = st.Int(4);
    } else if (rc != SQLITE_DONE) {
      return ReadFailed(*db);
    } else {
      auto reg = db->Prepare(kRegistered);
      reg.Bind(1, tax_id);
      if (reg.Step() != SQLITE_ROW) return Error::NotFound("no trader " + tax_id);
      return p;  // registered, never filed
    }
  }
  auto each = [&](const char* sql, std::string_view key, auto&& row) -> domain::Status {
    auto st = db->Prepare(sql);
    st.Bind(1, key);
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) row(st);
    if (rc != SQLITE_DONE) return ReadFailed(*db);
    return domain::Ok();
  };
  domain::Status s = each(kMonths, tax_id, [&](const Statement& st) {
    p.months.push_back({st.Text(0), st.Text(1), st.Text(2), st.Int(3), st.Int(4)});
  });
  if (s.ok())
    s = each(kGoods, tax_id, [&](const Statement& st) {
      p.goods.push_back({st.Text(0), st.Text(1), st.Int(2), st.Int(3)});
    });
  if (s.ok())
    s = each(kOrigins, tax_id, [&](const Statement& st) {
      p.origins.push_back({st.Text(0), st.Text(1), st.Int(2), st.Int(3)});
    });
  if (s.ok())
    s = each(kPartners, tax_id, [&](const Statement& st) {
      p.partners.push_back({st.Text(0), st.Text(1), st.Text(2), st.Int(3), st.Int(4)});
    });
  if (s.ok())
    s = each(kUnitValues, tax_id, [&](const Statement& st) {
      auto h = domain::ValueHistogram::Decode(st.Blob(3));
      auto band = h ? domain::BandOf(*h) : std::nullopt;
      if (band) p.unit_values.push_back({st.Text(0), st.Text(1), st.Text(2), *band});
    });
  if (s.ok())
    s = each(kFindings, tax_id, [&](const Statement& st) {
      p.findings.push_back({st.Text(0), st.Int(1), st.Int(2)});
    });
  if (!s.ok()) return s.error();
  return p;
}

domain::Result<risk::TraderBaseline> SqliteProfileStore::Baseline(const domain::Declaration& d,
                                                                  const std::string& today) {
  return index_.Baseline(d, today);
}

}  // namespace haiquan::storage::sqlite
