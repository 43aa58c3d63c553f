#include "storage/sqlite/fold_sums.h"

#include <algorithm>
#include <limits>

#include "domain/declaration.h"
#include "risk/anomalies.h"

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

// Written to the profile database, each key once a write.
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

// Days of Day(): not looked at yet, or not a date.
constexpr int32_t kDayUnknown = std::numeric_limits<int32_t>::min();
constexpr int32_t kNotADay = kDayUnknown + 1;

Error ReadFailed(Connection& db) {
  return Error::Unavailable("storage read failed: " + db.ErrorMessage());
}

domain::Status Done(Connection& db, Statement& st) {
  if (st.Step() != SQLITE_DONE) {
    return Error::Unavailable("profile write failed: " + db.ErrorMessage());
  }
  return domain::Ok();
}

// The histogram the profile database holds for the key (empty if none, or not decodable).
domain::Result<domain::ValueHistogram> ReadHistogram(Connection& db, Statement& st) {
  int rc = st.Step();
  if (rc == SQLITE_ROW) {
    if (auto h = domain::ValueHistogram::Decode(st.Blob(0))) return std::move(*h);
    return domain::ValueHistogram{};
  }
  if (rc != SQLITE_DONE) return Error::Unavailable("profile read failed: " + db.ErrorMessage());
  return domain::ValueHistogram{};
}

}  // namespace

void FoldSums::Begin(ProfileDelta* delta) {
  ++batch_;
  delta_ = delta;
  touched_units_.clear();
  touched_amounts_.clear();
}

int32_t FoldSums::Slot(uint32_t trader) {
  if (!delta_) return -1;
  if (trader >= slots_.size()) slots_.resize(names_.size(), {0, -1});
  auto& [batch, slot] = slots_[trader];
  if (batch != batch_) {
    batch = batch_;
    slot = static_cast<int32_t>(delta_->traders.size());
    delta_->traders.emplace_back().tax_id = names_[trader];
  }
  return slot;
}

uint16_t FoldSums::Local(uint32_t name) {
  if (name >= locals_.size()) locals_.resize(names_.size(), {0, 0});
  auto& [batch, index] = locals_[name];
  if (batch != batch_) {
    batch = batch_;
    index = static_cast<uint16_t>(delta_->names.size());
    delta_->names.push_back(names_[name]);
  }
  return index;
}

std::optional<int32_t> FoldSums::Day(uint32_t name) {
  if (name >= days_of_.size()) days_of_.resize(names_.size(), kDayUnknown);
  int32_t& day = days_of_[name];
  if (day == kDayUnknown) day = codes::DayNumber(names_[name]).value_or(kNotADay);
  if (day == kNotADay) return std::nullopt;
  return day;
}

domain::Status FoldSums::TouchUnitValue(Connection& profiles, const Key& key, double value) {
  const uint32_t* found = units_.find(key);
  uint32_t at;
  if (found) {
    at = *found;
  } else {
    // The buffer's histogram, else the file's: values are added to what is written.
    auto st = profiles.Prepare(kGetUnitValues);
    st.Bind(1, names_[key.a]).Bind(2, names_[key.b]).Bind(3, names_[key.c]);
    st.Bind(4, names_[key.d]);
    auto h = ReadHistogram(profiles, st);
    if (!h.ok()) return h.error();
    at = units_[key] = static_cast<uint32_t>(unit_hists_.size());
    unit_hists_.emplace_back(key, Histogram{std::move(*h)});
  }
  auto& hist = unit_hists_[at].second;
  if (mode_ == Mode::kFold) {
    hist.h.Add(value);
    if (!hist.dirty) {
      hist.dirty = true;
      dirty_units_.push_back(at);
    }
  }
  if (hist.batch != batch_) {
    hist.batch = batch_;
    touched_units_.push_back(at);
  }
  return domain::Ok();
}

domain::Status FoldSums::TouchAmount(Connection& profiles, uint32_t currency, double value) {
  const uint32_t* found = amounts_.find(currency);
  uint32_t at;
  if (found) {
    at = *found;
  } else {
    auto st = profiles.Prepare(kGetDeclarationValues);
    st.Bind(1, names_[currency]);
    auto h = ReadHistogram(profiles, st);
    if (!h.ok()) return h.error();
    at = amounts_[currency] = static_cast<uint32_t>(amount_hists_.size());
    amount_hists_.emplace_back(currency, Histogram{std::move(*h)});
  }
  auto& hist = amount_hists_[at].second;
  if (mode_ == Mode::kFold) {
    hist.h.Add(value);
    if (!hist.dirty) {
      hist.dirty = true;
      dirty_amounts_.push_back(at);
    }
  }
  if (hist.batch != batch_) {
    hist.batch = batch_;
    touched_amounts_.push_back(at);
  }
  return domain::Ok();
}

domain::Result<int64_t> FoldSums::ReadDeclarations(Connection& main, Connection& profiles,
                                                   int64_t after, int limit, int64_t upto) {
  rows_.clear();
  int64_t last = after;
  const bool sum = mode_ == Mode::kFold;
  {
    auto st = main.Prepare(kDeclarations);
    st.Bind(1, after).Bind(2, limit).Bind(3, upto);
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) {
      last = st.Int(0);
      std::string type = st.Text(1), declarant = st.Text(2), importer = st.Text(3),
                  exporter = st.Text(4);
      auto kind = domain::ParseDeclarationType(type).value_or(domain::DeclarationType::kImport);
      uint32_t trader = names_.Id(risk::TraderOf(kind, declarant, importer, exporter));
      uint32_t currency = names_.Id(st.Text(9));
      int64_t amount = st.Int(10);
      std::string filed_at = st.Text(12);
      std::string_view at(filed_at);
      if (at.substr(0, 10) != day_text_) {
        day_text_ = at.substr(0, 10);
        day_ = names_.Id(day_text_);
        month_ = names_.Id(at.substr(0, 7));
      }
      uint32_t day = day_;
      if (sum) {
        has_sums_ = true;
        auto& p = profiles_[trader];
        if (p.count++ == 0 || filed_at < p.first) p.first = filed_at;
        if (filed_at > p.last) p.last = filed_at;
        months_[{trader, month_, names_.Id(st.Text(11)), currency}].Add(amount);
        days_[{trader, currency, day}].Add(amount);
        // The partner is the other side: the buyer of an export, the seller of anything else.
        bool export_ = type == "EX";
        std::string partner = st.Text(export_ ? 5 : 7);
        if (!partner.empty()) {
          uint32_t country = names_.Id(st.Text(export_ ? 6 : 8));
          partners_[{trader, names_.Id(partner), country, currency}].Add(amount);
        }
      }
      if (amount > 0) {
        if (auto s = TouchAmount(profiles, currency, static_cast<double>(amount) / 100.0);
            !s.ok()) {
          return s.error();
        }
      }
      int32_t slot = Slot(trader);
      if (slot >= 0) {
        auto& t = delta_->traders[static_cast<size_t>(slot)];
        if (t.declarations++ == 0 || filed_at < t.first_filed_at) t.first_filed_at = filed_at;
        if (auto number = Day(day)) {
          uint16_t cur = Local(currency);
          auto d = std::find_if(t.days.begin(), t.days.end(), [&](const ProfileDelta::Day& x) {
            return x.day == *number && x.currency == cur;
          });
          if (d == t.days.end()) d = t.days.insert(d, {*number, cur, 0, 0});
          ++d->count;
          d->value += amount;
        }
      }
      rows_.push_back({last, trader, currency, slot});
    }
    if (rc != SQLITE_DONE) return ReadFailed(main);
  }
  if (rows_.empty()) return last;
  auto st = main.Prepare(kItems);
  st.Bind(1, after).Bind(2, last);
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    int64_t id = st.Int(0);
    auto row = std::lower_bound(rows_.begin(), rows_.end(), id,
                                [](const Row& r, int64_t i) { return r.id < i; });
    if (row == rows_.end() || row->id != id) continue;
    std::string hs = st.Text(1), origin = st.Text(2);
    std::string_view code(hs);
    double quantity = st.Real(3);
    int64_t value = st.Int(5);
    if (sum) {
      goods_[{row->trader, names_.Id(code.substr(0, 4)), row->currency}].Add(value);
      origins_[{row->trader, names_.Id(origin), row->currency}].Add(value);
    }
    if (row->slot >= 0) {
      auto& t = delta_->traders[static_cast<size_t>(row->slot)];
      if (auto c = codes::Chapter(code.substr(0, 4))) t.chapters.set(static_cast<size_t>(*c));
      if (auto c = codes::Country(origin)) {
        if (std::find(t.origins.begin(), t.origins.end(), *c) == t.origins.end()) {
          t.origins.push_back(*c);
        }
      }
    }
    if (quantity > 0 && value > 0) {
      double uv = static_cast<double>(value) / 100.0 / quantity;
      uint32_t hs6 = names_.Id(code.substr(0, 6)), unit = names_.Id(st.Text(4));
      for (uint32_t scope : {row->trader, empty_}) {  // empty_: the whole country
        if (auto s = TouchUnitValue(profiles, {scope, hs6, unit, row->currency}, uv); !s.ok()) {
          return s.error();
        }
      }
    }
  }
  if (rc != SQLITE_DONE) return ReadFailed(main);
  return last;
}

domain::Result<int64_t> FoldSums::ReadInspections(Connection& main, int64_t after, int limit,
                                                  int64_t upto) {
  auto st = main.Prepare(kInspections);
  st.Bind(1, after).Bind(2, limit).Bind(3, upto);
  int64_t last = after;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    last = st.Int(0);
    auto kind = domain::ParseDeclarationType(st.Text(1)).value_or(domain::DeclarationType::kImport);
    uint32_t trader = names_.Id(risk::TraderOf(kind, st.Text(2), st.Text(3), st.Text(4)));
    std::string outcome = st.Text(5);
    bool violation = outcome != "compliant";
    if (mode_ == Mode::kFold) {
      has_sums_ = true;
      auto& i = inspected_[trader];
      ++i.first;
      if (violation) ++i.second;
      findings_[{trader, names_.Id(outcome)}].Add(st.Int(6));
    }
    if (violation && delta_) ++delta_->traders[static_cast<size_t>(Slot(trader))].violations;
  }
  if (rc != SQLITE_DONE) return ReadFailed(main);
  return last;
}

void FoldSums::End() {
  if (delta_) {
    for (uint32_t at : touched_units_) {
      const auto& [key, hist] = unit_hists_[at];
      auto code = codes::HsCode(names_[key.b]);
      if (!code) continue;
      ProfileDelta::Band band{*code, Local(key.c), Local(key.d), BandValues::Of(hist.h)};
      if (key.a == empty_) {
        delta_->national.push_back(band);
      } else {
        delta_->traders[static_cast<size_t>(Slot(key.a))].bands.push_back(band);
      }
    }
    for (uint32_t at : touched_amounts_) {
      const auto& [currency, hist] = amount_hists_[at];
      delta_->amounts.emplace_back(Local(currency), hist.h);
    }
  }
  touched_units_.clear();
  touched_amounts_.clear();
  delta_ = nullptr;
}

domain::Status FoldSums::Write(Connection& db) {
  domain::Status status = domain::Ok();
  // Runs `sql` with the binds that `bind` makes, unless a statement failed already.
  auto run = [&](const char* sql, auto&& bind) {
    if (!status.ok()) return;
    auto st = db.Prepare(sql);
    bind(st);
    status = Done(db, st);
  };
  profiles_.ForEach([&](uint32_t tax, const Profile& p) {
    run(kProfile, [&](Statement& st) {
      st.Bind(1, names_[tax]).Bind(2, p.count).Bind(3, p.first).Bind(4, p.last);
    });
  });
  auto four = [&](const char* sql, const FlatMap<Key, Sum, KeyHash>& m) {
    m.ForEach([&](const Key& k, const Sum& v) {
      run(sql, [&](Statement& st) {
        st.Bind(1, names_[k.a]).Bind(2, names_[k.b]).Bind(3, names_[k.c]);
        st.Bind(4, names_[k.d]).Bind(5, v.count).Bind(6, v.value);
      });
    });
  };
  auto three = [&](const char* sql, const FlatMap<Key, Sum, KeyHash>& m) {
    m.ForEach([&](const Key& k, const Sum& v) {
      run(sql, [&](Statement& st) {
        st.Bind(1, names_[k.a]).Bind(2, names_[k.b]).Bind(3, names_[k.c]);
        st.Bind(4, v.count).Bind(5, v.value);
      });
    });
  };
  four(kMonth, months_);
  three(kDay, days_);
  three(kGoods, goods_);
  three(kOrigin, origins_);
  four(kPartner, partners_);
  for (uint32_t at : dirty_units_) {
    const auto& [k, hist] = unit_hists_[at];
    run(kPutUnitValues, [&](Statement& st) {
      st.Bind(1, names_[k.a]).Bind(2, names_[k.b]).Bind(3, names_[k.c]).Bind(4, names_[k.d]);
      st.BindBlob(5, hist.h.Encode());
    });
  }
  for (uint32_t at : dirty_amounts_) {
    const auto& [currency, hist] = amount_hists_[at];
    run(kPutDeclarationValues,
        [&](Statement& st) { st.Bind(1, names_[currency]).BindBlob(2, hist.h.Encode()); });
  }
  inspected_.ForEach([&](uint32_t tax, const std::pair<int64_t, int64_t>& n) {
    run(kInspected,
        [&](Statement& st) { st.Bind(1, names_[tax]).Bind(2, n.first).Bind(3, n.second); });
  });
  findings_.ForEach([&](const Key& k, const Sum& v) {
    run(kFinding, [&](Statement& st) {
      st.Bind(1, names_[k.a]).Bind(2, names_[k.b]).Bind(3, v.count).Bind(4, v.value);
    });
  });
  if (!status.ok()) return status;  // the caller rolls back and starts again from the file
  for (uint32_t at : dirty_units_) unit_hists_[at].second.dirty = false;
  for (uint32_t at : dirty_amounts_) amount_hists_[at].second.dirty = false;
  dirty_units_.clear();
  dirty_amounts_.clear();
  profiles_.clear();
  months_.clear();
  days_.clear();
  goods_.clear();
  origins_.clear();
  partners_.clear();
  inspected_.clear();
  findings_.clear();
  has_sums_ = false;
  return status;
}

}  // namespace haiquan::storage::sqlite
