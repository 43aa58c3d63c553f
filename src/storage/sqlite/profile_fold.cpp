#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "domain/value_histogram.h"
#include "risk/anomalies.h"
#include "storage/sqlite/profile_folder.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;

// Read from the main database, oldest first.
constexpr const char* kDeclarations =
    "SELECT id, type, declarant_tax_id, coalesce(importer_tax_id, ''),"
    " coalesce(exporter_tax_id, ''), coalesce(importer_name, ''), coalesce(importer_country, ''),"
    " coalesce(exporter_name, ''), coalesce(exporter_country, ''), invoice_currency,"
    " invoice_amount, lane, filed_at FROM declarations WHERE id > ?1 AND id <= ?3"
    " ORDER BY id LIMIT ?2";
constexpr const char* kItems =
    "SELECT declaration_id, hs_code, origin_country, quantity, unit, value FROM goods_items"
    " WHERE declaration_id > ?1 AND declaration_id <= ?2";
constexpr const char* kInspections =
    "SELECT i.id, d.type, d.declarant_tax_id, coalesce(d.importer_tax_id, ''),"
    " coalesce(d.exporter_tax_id, ''), i.outcome, i.revenue_adjustment"
    " FROM inspections i JOIN declarations d ON d.id = i.declaration_id"
    " WHERE i.id > ?1 AND i.id <= ?3 ORDER BY i.id LIMIT ?2";

// Written to the profile database, each key once a batch.
constexpr const char* kWatermark = "SELECT value FROM fold_state WHERE name = ?1";
constexpr const char* kSetWatermark = "UPDATE fold_state SET value = ?2 WHERE name = ?1";
constexpr const char* kProfile =
    "INSERT INTO trader_profiles (tax_id, declarations, first_filed_at, last_filed_at)"
    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (tax_id) DO UPDATE SET"
    " declarations = declarations + excluded.declarations,"
    " first_filed_at = CASE WHEN first_filed_at IS NULL"
    "  OR excluded.first_filed_at < first_filed_at THEN excluded.first_filed_at"
    "  ELSE first_filed_at END,"
    " last_filed_at = CASE WHEN last_filed_at IS NULL"
    "  OR excluded.last_filed_at > last_filed_at THEN excluded.last_filed_at"
    "  ELSE last_filed_at END";
constexpr const char* kInspected =
    "INSERT INTO trader_profiles (tax_id, declarations, inspections, violations)"
    " VALUES (?1, 0, ?2, ?3) ON CONFLICT (tax_id) DO UPDATE SET"
    " inspections = inspections + excluded.inspections,"
    " violations = violations + excluded.violations";
constexpr const char* kMonth =
    "INSERT INTO trader_months VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO UPDATE SET"
    " declarations = declarations + excluded.declarations, value = value + excluded.value";
constexpr const char* kDay =
    "INSERT INTO trader_days VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET"
    " declarations = declarations + excluded.declarations, value = value + excluded.value";
constexpr const char* kGoods =
    "INSERT INTO trader_goods VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET"
    " items = items + excluded.items, value = value + excluded.value";
constexpr const char* kOrigin =
    "INSERT INTO trader_origins VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET"
    " items = items + excluded.items, value = value + excluded.value";
constexpr const char* kPartner =
    "INSERT INTO trader_partners VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO UPDATE SET"
    " declarations = declarations + excluded.declarations, value = value + excluded.value";
constexpr const char* kFinding =
    "INSERT INTO trader_findings VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET"
    " count = count + excluded.count,"
    " revenue_adjustment = revenue_adjustment + excluded.revenue_adjustment";
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

using Delta = ProfileDelta;
using Key2 = ProfileDelta::Key2;
using Key3 = ProfileDelta::Key3;
using Sum = ProfileDelta::Sum;

domain::Status Done(Connection& db, Statement& st) {
  if (st.Step() != SQLITE_DONE) {
    return Error::Unavailable("profile write failed: " + db.ErrorMessage());
  }
  return domain::Ok();
}

domain::Result<int64_t> Watermark(Connection& db, const char* name) {
  auto st = db.Prepare(kWatermark);
  st.Bind(1, name);
  if (st.Step() != SQLITE_ROW)
    return Error::Unavailable("profile read failed: " + db.ErrorMessage());
  return st.Int(0);
}

// Reads up to `limit` declarations after `after` and sums them into `delta`; answers the last id.
domain::Result<int64_t> ReadDeclarations(Connection& main, int64_t after, int limit, Delta& delta,
                                         int64_t upto = INT64_MAX) {
  struct Row {
    std::string tax_id, currency;
  };
  std::map<int64_t, Row> rows;
  int64_t last = after;
  {
    auto st = main.Prepare(kDeclarations);
    st.Bind(1, after).Bind(2, limit).Bind(3, upto);
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) {
      last = st.Int(0);
      std::string type = st.Text(1), declarant = st.Text(2), importer = st.Text(3),
                  exporter = st.Text(4);
      auto kind = domain::ParseDeclarationType(type).value_or(domain::DeclarationType::kImport);
      std::string tax_id = risk::TraderOf(kind, declarant, importer, exporter);
      std::string currency = st.Text(9);
      int64_t amount = st.Int(10);
      std::string lane = st.Text(11), filed_at = st.Text(12);
      // The partner is the other side: the buyer of an export, the seller of anything else.
      std::string partner = type == "EX" ? st.Text(5) : st.Text(7);
      std::string partner_country = type == "EX" ? st.Text(6) : st.Text(8);
      auto& p = delta.profiles[tax_id];
      if (p.count++ == 0 || filed_at < p.first) p.first = filed_at;
      if (filed_at > p.last) p.last = filed_at;
      delta.months[{tax_id, filed_at.substr(0, 7), lane, currency}].Add(amount);
      delta.days[{tax_id, currency, filed_at.substr(0, 10)}].Add(amount);
      if (!partner.empty())
        delta.partners[{tax_id, partner, partner_country, currency}].Add(amount);
      if (amount > 0) delta.amounts[currency].push_back(static_cast<double>(amount) / 100.0);
      rows.emplace(last, Row{std::move(tax_id), std::move(currency)});
    }
    if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + main.ErrorMessage());
  }
  if (rows.empty()) return last;
  auto st = main.Prepare(kItems);
  st.Bind(1, after).Bind(2, last);
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    auto row = rows.find(st.Int(0));
    if (row == rows.end()) continue;
    const auto& [tax_id, currency] = row->second;
    std::string hs = st.Text(1), origin = st.Text(2), unit = st.Text(4);
    double quantity = st.Real(3);
    int64_t value = st.Int(5);
    delta.goods[{tax_id, hs.substr(0, 4), currency}].Add(value);
    delta.origins[{tax_id, origin, currency}].Add(value);
    if (quantity > 0 && value > 0) {
      double uv = static_cast<double>(value) / 100.0 / quantity;
      std::string hs6 = hs.substr(0, 6);
      delta.unit_values[{tax_id, hs6, unit, currency}].push_back(uv);
      delta.unit_values[{"", hs6, unit, currency}].push_back(uv);  // "": the whole country
    }
  }
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + main.ErrorMessage());
  return last;
}

domain::Result<int64_t> ReadInspections(Connection& main, int64_t after, int limit, Delta& delta,
                                        int64_t upto = INT64_MAX) {
  auto st = main.Prepare(kInspections);
  st.Bind(1, after).Bind(2, limit).Bind(3, upto);
  int64_t last = after;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    last = st.Int(0);
    auto kind = domain::ParseDeclarationType(st.Text(1)).value_or(domain::DeclarationType::kImport);
    std::string tax_id = risk::TraderOf(kind, st.Text(2), st.Text(3), st.Text(4));
    std::string outcome = st.Text(5);
    auto& i = delta.inspected[tax_id];
    ++i.first;
    if (outcome != "compliant") ++i.second;
    delta.findings[{tax_id, outcome}].Add(st.Int(6));
  }
  if (rc != SQLITE_DONE) return Error::Unavailable("storage read failed: " + main.ErrorMessage());
  return last;
}

// Reads a histogram, adds the batch's values and writes it back once into `h`.
domain::Status AddToHistogram(Connection& db, const char* get, const char* put,
                              const std::vector<std::string_view>& key,
                              const std::vector<double>& values, domain::ValueHistogram& h) {
  {
    auto st = db.Prepare(get);
    for (size_t i = 0; i < key.size(); ++i) st.Bind(static_cast<int>(i + 1), key[i]);
    int rc = st.Step();
    if (rc == SQLITE_ROW) {
      if (auto decoded = domain::ValueHistogram::Decode(st.Blob(0))) h = std::move(*decoded);
    } else if (rc != SQLITE_DONE) {
      return Error::Unavailable("profile read failed: " + db.ErrorMessage());
    }
  }
  for (double v : values) h.Add(v);
  auto st = db.Prepare(put);
  for (size_t i = 0; i < key.size(); ++i) st.Bind(static_cast<int>(i + 1), key[i]);
  st.BindBlob(static_cast<int>(key.size() + 1), h.Encode());
  return Done(db, st);
}

domain::Status Write(Connection& db, Delta& d) {
  for (const auto& [tax, p] : d.profiles) {
    auto st = db.Prepare(kProfile);
    st.Bind(1, tax).Bind(2, p.count).Bind(3, p.first).Bind(4, p.last);
    if (auto s = Done(db, st); !s.ok()) return s;
  }
  for (const auto& [k, v] : d.months) {
    auto st = db.Prepare(kMonth);
    st.Bind(1, std::get<0>(k)).Bind(2, std::get<1>(k)).Bind(3, std::get<2>(k));
    st.Bind(4, std::get<3>(k)).Bind(5, v.count).Bind(6, v.value);
    if (auto s = Done(db, st); !s.ok()) return s;
  }
  auto three = [&](const char* sql, const ProfileDelta::Map<Key2, Sum>& m) -> domain::Status {
    for (const auto& [k, v] : m) {
      auto st = db.Prepare(sql);
      st.Bind(1, std::get<0>(k)).Bind(2, std::get<1>(k)).Bind(3, std::get<2>(k));
      st.Bind(4, v.count).Bind(5, v.value);
      if (auto s = Done(db, st); !s.ok()) return s;
    }
    return domain::Ok();
  };
  if (auto s = three(kDay, d.days); !s.ok()) return s;
  if (auto s = three(kGoods, d.goods); !s.ok()) return s;
  if (auto s = three(kOrigin, d.origins); !s.ok()) return s;
  for (const auto& [k, v] : d.partners) {
    auto st = db.Prepare(kPartner);
    st.Bind(1, std::get<0>(k)).Bind(2, std::get<1>(k)).Bind(3, std::get<2>(k));
    st.Bind(4, std::get<3>(k)).Bind(5, v.count).Bind(6, v.value);
    if (auto s = Done(db, st); !s.ok()) return s;
  }
  for (const auto& [k, values] : d.unit_values) {
    domain::ValueHistogram h;
    if (auto s = AddToHistogram(db, kGetUnitValues, kPutUnitValues,
                                {std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k)},
                                values, h);
        !s.ok())
      return s;
    d.unit_histograms.emplace_back(k, std::move(h));
  }
  for (const auto& [currency, values] : d.amounts) {
    domain::ValueHistogram h;
    if (auto s =
            AddToHistogram(db, kGetDeclarationValues, kPutDeclarationValues, {currency}, values, h);
        !s.ok())
      return s;
    d.amount_histograms.emplace(currency, std::move(h));
  }
  for (const auto& [tax, n] : d.inspected) {
    auto st = db.Prepare(kInspected);
    st.Bind(1, tax).Bind(2, n.first).Bind(3, n.second);
    if (auto s = Done(db, st); !s.ok()) return s;
  }
  for (const auto& [k, v] : d.findings) {
    auto st = db.Prepare(kFinding);
    st.Bind(1, k.first).Bind(2, k.second).Bind(3, v.count).Bind(4, v.value);
    if (auto s = Done(db, st); !s.ok()) return s;
  }
  return domain::Ok();
}

// Adds one read's sums to a buffer's (histogram values are kept apart, as histograms).
void Merge(Delta& into, const Delta& d) {
  for (const auto& [k, p] : d.profiles) {
    auto& q = into.profiles[k];
    if (q.count == 0 || p.first < q.first) q.first = p.first;
    if (p.last > q.last) q.last = p.last;
    q.count += p.count;
  }
  auto add = [](auto& to, const auto& from) {
    for (const auto& [k, v] : from) {
      auto& t = to[k];
      t.count += v.count;
      t.value += v.value;
    }
  };
  add(into.months, d.months);
  add(into.days, d.days);
  add(into.goods, d.goods);
  add(into.origins, d.origins);
  add(into.partners, d.partners);
  add(into.findings, d.findings);
  for (const auto& [k, n] : d.inspected) {
    into.inspected[k].first += n.first;
    into.inspected[k].second += n.second;
  }
}

domain::Result<domain::ValueHistogram> ReadHistogram(Connection& db, const char* get,
                                                     const std::vector<std::string_view>& key) {
  auto st = db.Prepare(get);
  for (size_t i = 0; i < key.size(); ++i) st.Bind(static_cast<int>(i + 1), key[i]);
  int rc = st.Step();
  if (rc == SQLITE_ROW) {
    if (auto h = domain::ValueHistogram::Decode(st.Blob(0))) return std::move(*h);
    return domain::ValueHistogram{};
  }
  if (rc != SQLITE_DONE) return Error::Unavailable("profile read failed: " + db.ErrorMessage());
  return domain::ValueHistogram{};
}

domain::Status PutHistogram(Connection& db, const char* put,
                            const std::vector<std::string_view>& key,
                            const domain::ValueHistogram& h) {
  auto st = db.Prepare(put);
  for (size_t i = 0; i < key.size(); ++i) st.Bind(static_cast<int>(i + 1), key[i]);
  st.BindBlob(static_cast<int>(key.size() + 1), h.Encode());
  return Done(db, st);
}

}  // namespace

domain::Result<int64_t> FoldBuffer::Read(Connection& profiles, Connection& main, int limit,
                                         std::pair<int64_t, int64_t> index_marks,
                                         ProfileDelta& for_index) {
  // One snapshot of the profile file for its marks and the histograms read below: if another
  // process folded since this buffer began, its histograms already count what we would add.
  ReadSnapshot profile_snapshot(profiles);
  auto declared = Watermark(profiles, "declarations");
  auto inspected = Watermark(profiles, "inspections");
  if (!declared.ok()) return declared.error();
  if (!inspected.ok()) return inspected.error();
  std::pair<int64_t, int64_t> file_marks{*declared, *inspected};
  if (empty()) {
    base_ = to_ = file_marks;
  } else if (file_marks != base_) {
    return Error::Conflict("the profile database was folded elsewhere");
  }
  if (index_marks != to_) return Error::Conflict("the profile database was folded elsewhere");
  Delta delta;
  {
    ReadSnapshot snapshot(main);
    auto d = ReadDeclarations(main, to_.first, limit, delta);
    auto i = ReadInspections(main, to_.second, limit, delta);
    if (!d.ok()) return d.error();
    if (!i.ok()) return i.error();
    int64_t moved = (*d - to_.first) + (*i - to_.second);
    if (moved == 0) return int64_t{0};
    delta.to_declaration = *d;
    delta.to_inspection = *i;
  }
  // The histograms as they will stand once written: the buffer's, else the file's, plus these.
  for (const auto& [k, values] : delta.unit_values) {
    auto it = unit_values_.find(k);
    if (it == unit_values_.end()) {
      auto h = ReadHistogram(profiles, kGetUnitValues,
                             {std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k)});
      if (!h.ok()) return h.error();
      it = unit_values_.emplace(k, std::move(*h)).first;
    }
    for (double v : values) it->second.Add(v);
    delta.unit_histograms.emplace_back(k, it->second);
  }
  for (const auto& [currency, values] : delta.amounts) {
    auto it = amounts_.find(currency);
    if (it == amounts_.end()) {
      auto h = ReadHistogram(profiles, kGetDeclarationValues, {currency});
      if (!h.ok()) return h.error();
      it = amounts_.emplace(currency, std::move(*h)).first;
    }
    for (double v : values) it->second.Add(v);
    delta.amount_histograms.emplace(currency, it->second);
  }
  int64_t moved = (delta.to_declaration - to_.first) + (delta.to_inspection - to_.second);
  Merge(sums_, delta);
  if (buffered_ == 0) since_ = std::chrono::steady_clock::now();
  buffered_ += moved;
  to_ = {delta.to_declaration, delta.to_inspection};
  for_index = std::move(delta);
  return moved;
}

domain::Status FoldBuffer::Flush(Connection& profiles) {
  if (empty()) return domain::Ok();
  if (profiles.Exec("BEGIN IMMEDIATE") != SQLITE_OK) {
    return Error::Unavailable("profile database busy: " + profiles.ErrorMessage());
  }
  auto write = [&]() -> domain::Status {
    auto declared = Watermark(profiles, "declarations");
    auto inspected = Watermark(profiles, "inspections");
    if (!declared.ok()) return declared.error();
    if (!inspected.ok()) return inspected.error();
    if (std::pair{*declared, *inspected} != base_) {
      return Error::Conflict("the profile database was folded elsewhere");
    }
    if (auto s = Write(profiles, sums_); !s.ok()) return s;
    for (const auto& [k, h] : unit_values_) {
      if (auto s =
              PutHistogram(profiles, kPutUnitValues,
                           {std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k)}, h);
          !s.ok())
        return s;
    }
    for (const auto& [currency, h] : amounts_) {
      if (auto s = PutHistogram(profiles, kPutDeclarationValues, {currency}, h); !s.ok()) return s;
    }
    for (auto [name, value] :
         {std::pair{"declarations", to_.first}, std::pair{"inspections", to_.second}}) {
      auto st = profiles.Prepare(kSetWatermark);
      st.Bind(1, name).Bind(2, value);
      if (auto s = Done(profiles, st); !s.ok()) return s;
    }
    return domain::Ok();
  };
  auto s = write();
  if (s.ok() && profiles.Exec("COMMIT") != SQLITE_OK) {
    s = Error::Unavailable("profile commit failed: " + profiles.ErrorMessage());
  }
  if (!s.ok()) profiles.Exec("ROLLBACK");
  // Written or not, the buffer is spent: on failure the folder loads the index again and folds
  // from the file's marks.
  *this = FoldBuffer{};
  return s;
}

domain::Result<int64_t> FoldOnce(Connection& profiles, Connection& main, int limit,
                                 BaselineIndex* index) {
  // IMMEDIATE: a second process folding the same files waits here, then sees our watermark.
  if (profiles.Exec("BEGIN IMMEDIATE") != SQLITE_OK) {
    return Error::Unavailable("profile database busy: " + profiles.ErrorMessage());
  }
  auto fold = [&]() -> domain::Result<int64_t> {
    auto declared = Watermark(profiles, "declarations");
    auto inspected = Watermark(profiles, "inspections");
    if (!declared.ok()) return declared.error();
    if (!inspected.ok()) return inspected.error();
    if (index && index->Watermarks() != std::pair{*declared, *inspected}) {
      return Error::Conflict("the profile database was folded elsewhere");
    }
    Delta delta;
    std::optional<ReadSnapshot> snapshot(std::in_place, main);  // one snapshot of main
    auto last_declaration = ReadDeclarations(main, *declared, limit, delta);
    auto last_inspection = ReadInspections(main, *inspected, limit, delta);
    snapshot.reset();
    if (!last_declaration.ok()) return last_declaration.error();
    if (!last_inspection.ok()) return last_inspection.error();
    int64_t folded = (*last_declaration - *declared) + (*last_inspection - *inspected);
    if (folded == 0) return int64_t{0};
    if (auto s = Write(profiles, delta); !s.ok()) return s.error();
    for (auto [name, value] : {std::pair{"declarations", *last_declaration},
                               std::pair{"inspections", *last_inspection}}) {
      auto st = profiles.Prepare(kSetWatermark);
      st.Bind(1, name).Bind(2, value);
      if (auto s = Done(profiles, st); !s.ok()) return s.error();
    }
    // Before the commit, so that whoever sees the profile see the checks agree with it; if the
    // commit fails the folder loads the index again.
    delta.to_declaration = *last_declaration;
    delta.to_inspection = *last_inspection;
    if (index) index->Post(std::move(delta));
    return folded;
  };
  auto r = fold();
  if (!r.ok() || profiles.Exec("COMMIT") != SQLITE_OK) {
    std::string why = r.ok() ? profiles.ErrorMessage() : r.error().message;
    profiles.Exec("ROLLBACK");
    return Error::Unavailable("profile fold failed: " + why);
  }
  return r;
}

domain::Status CatchUpIndex(Connection& profiles, Connection& main, BaselineIndex& index,
                            int limit) {
  ReadSnapshot profile_snapshot(profiles);  // the watermarks and histograms of one moment
  auto declared = Watermark(profiles, "declarations");
  auto inspected = Watermark(profiles, "inspections");
  if (!declared.ok()) return declared.error();
  if (!inspected.ok()) return inspected.error();
  for (;;) {
    auto [from_declaration, from_inspection] = index.Watermarks();
    if (from_declaration > *declared || from_inspection > *inspected) {
      return Error::Conflict("the index is ahead of the profile database");
    }
    if (from_declaration == *declared && from_inspection == *inspected) return domain::Ok();
    Delta delta;
    {
      ReadSnapshot snapshot(main);
      auto d = ReadDeclarations(main, from_declaration, limit, delta, *declared);
      auto i = ReadInspections(main, from_inspection, limit, delta, *inspected);
      if (!d.ok()) return d.error();
      if (!i.ok()) return i.error();
      // Ids the other fold passed over (rolled back) are not read again: jump to its marks.
      delta.to_declaration = *d == from_declaration ? *declared : *d;
      delta.to_inspection = *i == from_inspection ? *inspected : *i;
    }
    // The histograms as that fold left them: each replaces the index's copy.
    for (const auto& [k, values] : delta.unit_values) {
      auto h = ReadHistogram(profiles, kGetUnitValues,
                             {std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k)});
      if (!h.ok()) return h.error();
      delta.unit_histograms.emplace_back(k, std::move(*h));
    }
    for (const auto& [currency, values] : delta.amounts) {
      auto h = ReadHistogram(profiles, kGetDeclarationValues, {currency});
      if (!h.ok()) return h.error();
      delta.amount_histograms.emplace(currency, std::move(*h));
    }
    index.Post(std::move(delta));
  }
}

}  // namespace haiquan::storage::sqlite
