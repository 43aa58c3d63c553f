#include "storage/sqlite/profile_store.h"

#include <chrono>
#include <map>

#include "domain/date.h"

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
constexpr const char* kChapterSeen =
    "SELECT 1 FROM trader_goods WHERE tax_id = ?1 AND heading >= ?2 AND heading < ?2 || ':'"
    " LIMIT 1";
constexpr const char* kOriginSeen =
    "SELECT 1 FROM trader_origins WHERE tax_id = ?1 AND country = ?2 LIMIT 1";
constexpr const char* kBand =
    "SELECT histogram FROM unit_values WHERE scope = ?1 AND hs6 = ?2 AND unit = ?3"
    " AND currency = ?4";
constexpr const char* kTrailing =
    "SELECT coalesce(sum(declarations), 0), coalesce(sum(value), 0) FROM trader_days"
    " WHERE tax_id = ?1 AND currency = ?2 AND day >= ?3 AND day < ?4";
constexpr const char* kToday =
    "SELECT declarations FROM trader_days WHERE tax_id = ?1 AND currency = ?2 AND day = ?3";
constexpr const char* kDeclarationValues =
    "SELECT histogram FROM declaration_values WHERE currency = ?1";

Error ReadFailed(Connection& db) {
  return Error::Unavailable("storage read failed: " + db.ErrorMessage());
}

std::string DaysBefore(const std::string& today, int days) {
  auto day = domain::ParseDate(today);
  return day ? domain::FormatDate(*day - std::chrono::days(days)) : today;
}

std::optional<domain::ValueBand> Band(Connection& db, std::string_view scope,
                                      const domain::GoodsItem& item, const std::string& currency) {
  auto st = db.Prepare(kBand);
  st.Bind(1, scope).Bind(2, std::string_view(item.hs_code).substr(0, 6)).Bind(3, item.unit);
  st.Bind(4, currency);
  if (st.Step() != SQLITE_ROW) return std::nullopt;
  auto h = domain::ValueHistogram::Decode(st.Blob(0));
  return h ? domain::BandOf(*h) : std::nullopt;
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
  risk::TraderBaseline b;
  b.tax_id = risk::TraderOf(d).tax_id;
  const std::string& currency = d.invoice.currency;
  auto db = readers_.Acquire();
  ReadSnapshot snapshot(*db);
  // A failed read must not pass for "no history" (that would say "first declaration"): the
  // caller then decides without the profile and says so.
  auto row = [&](Statement& st) -> domain::Result<bool> {
    int rc = st.Step();
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return ReadFailed(*db);
  };
  {
    auto st = db->Prepare(kProfileRow);
    st.Bind(1, b.tax_id);
    auto found = row(st);
    if (!found.ok()) return found.error();
    if (*found) {
      b.declarations = st.Int(0);
      b.first_filed_at = st.Text(1);
    }
  }
  {
    auto st = db->Prepare(kRegistered);
    st.Bind(1, b.tax_id);
    auto found = row(st);
    if (!found.ok()) return found.error();
    if (*found && st.Int(1) == 0) b.registration_date = st.Text(0);
  }
  std::map<std::string, bool> chapters, origins;
  for (const auto& item : d.items) {
    risk::ItemBaseline ib;
    if (b.declarations > 0) {
      std::string chapter = item.hs_code.substr(0, 2);
      auto c = chapters.find(chapter);
      if (c == chapters.end()) {
        auto st = db->Prepare(kChapterSeen);
        st.Bind(1, b.tax_id).Bind(2, chapter);
        c = chapters.emplace(chapter, st.Step() == SQLITE_ROW).first;
      }
      ib.chapter_seen = c->second;
      auto o = origins.find(item.origin_country);
      if (o == origins.end()) {
        auto st = db->Prepare(kOriginSeen);
        st.Bind(1, b.tax_id).Bind(2, item.origin_country);
        o = origins.emplace(item.origin_country, st.Step() == SQLITE_ROW).first;
      }
      ib.origin_seen = o->second;
      ib.trader_band = Band(*db, b.tax_id, item, currency);
    }
    ib.national_band = Band(*db, "", item, currency);
    b.items.push_back(std::move(ib));
  }
  if (b.declarations > 0) {
    auto st = db->Prepare(kTrailing);
    st.Bind(1, b.tax_id).Bind(2, currency).Bind(3, DaysBefore(today, 90)).Bind(4, today);
    if (st.Step() == SQLITE_ROW) {
      b.trailing_declarations = st.Int(0);
      b.trailing_value = st.Int(1);
    }
    auto t = db->Prepare(kToday);
    t.Bind(1, b.tax_id).Bind(2, currency).Bind(3, today);
    if (t.Step() == SQLITE_ROW) b.today_declarations = t.Int(0);
  }
  if (!b.registration_date.empty()) {
    auto st = db->Prepare(kDeclarationValues);
    st.Bind(1, currency);
    if (st.Step() == SQLITE_ROW) {
      auto h = domain::ValueHistogram::Decode(st.Blob(0));
      if (h) b.national_declaration_values = std::move(*h);
    }
  }
  if (auto linked = LinkedViolators(*db, b.tax_id); linked.ok()) {
    b.linked_violators = std::move(linked.value());
  } else {
    return linked.error();
  }
  return b;
}

}  // namespace haiquan::storage::sqlite
