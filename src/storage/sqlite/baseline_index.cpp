#include "storage/sqlite/baseline_index.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>

#include "domain/date.h"

namespace haiquan::storage::sqlite {
namespace {

using domain::Error;

// Days older than this before the latest one are dropped: the checks look back 90.
constexpr int32_t kKeepDays = 100;
// Folds queued for the next filing to apply; beyond this the folder applies them itself.
constexpr size_t kMaxQueued = 16;
// Registry rows applied under one hold of the lock: a large import does not stall filings.
constexpr size_t kLinkChunk = 256;

constexpr const char* kWatermarks =
    "SELECT (SELECT value FROM fold_state WHERE name = 'declarations'),"
    " (SELECT value FROM fold_state WHERE name = 'inspections')";
constexpr const char* kTraders =
    "SELECT tax_id, declarations, coalesce(first_filed_at, ''), violations FROM trader_profiles";
constexpr const char* kGoods = "SELECT tax_id, heading FROM trader_goods";
constexpr const char* kOrigins = "SELECT tax_id, country FROM trader_origins";
constexpr const char* kLatestDay = "SELECT coalesce(max(day), '') FROM trader_days";
constexpr const char* kDays =
    "SELECT tax_id, currency, day, declarations, value FROM trader_days WHERE day >= ?1";
constexpr const char* kUnitValues = "SELECT scope, hs6, unit, currency, histogram FROM unit_values";
constexpr const char* kAmounts = "SELECT currency, histogram FROM declaration_values";

constexpr const char* kRegistrySeq = "SELECT coalesce(max(seq), 0) FROM registry_changes";
constexpr const char* kRegistryChanges =
    "SELECT seq, tax_id FROM registry_changes WHERE seq > ?1 ORDER BY seq LIMIT 5000";
constexpr const char* kEnterprises =
    "SELECT tax_id, coalesce(registration_date, ''), provisional, coalesce(address_key, ''),"
    " address, status FROM enterprises";
constexpr const char* kEnterprise =
    "SELECT tax_id, coalesce(registration_date, ''), provisional, coalesce(address_key, ''),"
    " address, status FROM enterprises WHERE tax_id = ?1";
constexpr const char* kPeople =
    "SELECT ep.tax_id, ep.role, ep.id_number, p.full_name FROM enterprise_people ep"
    " JOIN persons p ON p.id_number = ep.id_number ORDER BY ep.rowid";
constexpr const char* kPeopleOf =
    "SELECT ep.tax_id, ep.role, ep.id_number, p.full_name FROM enterprise_people ep"
    " JOIN persons p ON p.id_number = ep.id_number WHERE ep.tax_id = ?1 ORDER BY ep.rowid";

Error ReadFailed(Connection& db) {
  return Error::Unavailable("baseline read failed: " + db.ErrorMessage());
}

// Steps `st` to the end, calling `row` on each; Unavailable if SQLite fails on the way or
// `stop` says so (checked every few thousand rows).
template <typename F>
domain::Status Each(Connection& db, Statement& st, F&& row,
                    const std::function<bool()>* stop = nullptr) {
  int rc;
  for (uint32_t n = 1; (rc = st.Step()) == SQLITE_ROW; ++n) {
    row(st);
    if (stop && n % 4096 == 0 && (*stop)()) return Error::Unavailable("baseline load stopped");
  }
  if (rc != SQLITE_DONE) return ReadFailed(db);
  return domain::Ok();
}

using codes::Chapter;
using codes::Country;
using codes::DayNumber;
using codes::HsCode;

domain::EnterpriseStatus StatusOf(const std::string& s) {
  return domain::ParseEnterpriseStatus(s).value_or(domain::EnterpriseStatus::kActive);
}

domain::ValueBand ToValueBand(float q1, float median, float q3, float low, float high,
                              int64_t count) {
  return {count, q1, median, q3, low, high};
}

}  // namespace

uint16_t BaselineIndex::Intern(const std::string& name) {
  auto [it, added] = names_.try_emplace(name, static_cast<uint16_t>(names_.size()));
  return it->second;
}

std::optional<uint64_t> BaselineIndex::BandKey(std::string_view hs6, const std::string& unit,
                                               const std::string& currency) const {
  auto code = HsCode(hs6);
  auto u = names_.find(unit);
  auto c = names_.find(currency);
  if (!code || u == names_.end() || c == names_.end()) return std::nullopt;
  return *code << 32 | uint64_t{u->second} << 16 | c->second;
}

void BaselineIndex::PutBand(Trader& t, const Band& band) {
  auto at = std::lower_bound(t.bands.begin(), t.bands.end(), band.key,
                             [](const Band& b, uint64_t k) { return b.key < k; });
  if (at != t.bands.end() && at->key == band.key) {
    *at = band;
  } else {
    t.bands.insert(at, band);
  }
}

void BaselineIndex::AddDay(Trader& t, int32_t day, uint16_t currency, int64_t count,
                           int64_t value) {
  latest_day_ = std::max(latest_day_, day);
  for (auto& d : t.days) {
    if (d.day == day && d.currency == currency) {
      d.count += count;
      d.value += value;
      return;
    }
  }
  std::erase_if(t.days, [&](const Day& d) { return d.day < latest_day_ - kKeepDays; });
  if (day >= latest_day_ - kKeepDays) t.days.push_back({day, currency, count, value});
}

domain::Status BaselineIndex::ReadAll(Connection& profiles, Connection& main,
                                      const std::function<bool()>& stop) {
  {
    // The log's position first: a registry write committed after it is reloaded later.
    ReadSnapshot snapshot(main);
    auto seq = main.Prepare(kRegistrySeq);
    if (seq.Step() != SQLITE_ROW) return ReadFailed(main);
    registry_seq_ = seq.Int(0);
    auto st = main.Prepare(kEnterprises);
    auto s = Each(
        main, st,
        [&](const Statement& r) {
          Link(r.Text(0),
               {StatusOf(r.Text(5)), r.Text(1), r.Int(2) != 0, r.Text(3), r.Text(4), {}});
        },
        &stop);
    if (!s.ok()) return s;
    auto people = main.Prepare(kPeople);
    s = Each(
        main, people,
        [&](const Statement& r) {
          std::string tax_id = r.Text(0), role = r.Text(1), id = r.Text(2);
          auto e = enterprises_.find(tax_id);
          if (e == enterprises_.end()) return;
          e->second.people.emplace_back(role, id);
          auto& p = persons_[id];
          p.name = r.Text(3);
          p.roles.emplace_back(tax_id, std::move(role));
        },
        &stop);
    if (!s.ok()) return s;
    auto seq_after = offences_.ReadAll(main, stop);
    if (!seq_after.ok()) return seq_after.error();
    offence_seq_ = *seq_after;
  }
  ReadSnapshot snapshot(profiles);
  auto marks = profiles.Prepare(kWatermarks);
  if (marks.Step() != SQLITE_ROW) return ReadFailed(profiles);
  {
    // What was queued is in the file by now, or was not committed: either way, read here.
    std::lock_guard queue(posted_mu_);
    posted_.clear();
    has_posted_ = false;
    watermarks_ = {marks.Int(0), marks.Int(1)};
  }
  auto st = profiles.Prepare(kTraders);
  auto s = Each(
      profiles, st,
      [&](const Statement& r) {
        auto& t = traders_[r.Text(0)];
        t.declarations = r.Int(1);
        t.first_filed_at = r.Text(2);
        t.violations = r.Int(3);
      },
      &stop);
  if (!s.ok()) return s;
  auto goods = profiles.Prepare(kGoods);
  s = Each(
      profiles, goods,
      [&](const Statement& r) {
        if (auto c = Chapter(r.Text(1))) traders_[r.Text(0)].chapters.set(static_cast<size_t>(*c));
      },
      &stop);
  if (!s.ok()) return s;
  auto origins = profiles.Prepare(kOrigins);
  s = Each(
      profiles, origins,
      [&](const Statement& r) {
        if (auto c = Country(r.Text(1))) traders_[r.Text(0)].origins.push_back(*c);
      },
      &stop);
  if (!s.ok()) return s;
  auto latest = profiles.Prepare(kLatestDay);
  if (latest.Step() != SQLITE_ROW) return ReadFailed(profiles);
  if (auto last = DayNumber(latest.Text(0))) {
    latest_day_ = *last;
    auto days = profiles.Prepare(kDays);
    days.Bind(
        1, domain::FormatDate(std::chrono::sys_days(std::chrono::days(latest_day_ - kKeepDays))));
    s = Each(
        profiles, days,
        [&](const Statement& r) {
          if (auto day = DayNumber(r.Text(2))) {
            traders_[r.Text(0)].days.push_back({*day, Intern(r.Text(1)), r.Int(3), r.Int(4)});
          }
        },
        &stop);
    if (!s.ok()) return s;
  }
  auto units = profiles.Prepare(kUnitValues);
  s = Each(
      profiles, units,
      [&](const Statement& r) {
        auto h = domain::ValueHistogram::Decode(r.Blob(4));
        if (!h) return;
        std::string unit = r.Text(2), currency = r.Text(3);
        Intern(unit);
        Intern(currency);
        auto key = BandKey(r.Text(1), unit, currency);
        if (!key) return;
        std::string scope = r.Text(0);
        if (scope.empty()) {
          national_[*key] = {*key, BandValues::Of(*h)};
        } else {
          traders_[scope].bands.push_back({*key, BandValues::Of(*h)});  // sorted below
        }
      },
      &stop);
  if (!s.ok()) return s;
  auto amounts = profiles.Prepare(kAmounts);
  s = Each(
      profiles, amounts,
      [&](const Statement& r) {
        if (auto h = domain::ValueHistogram::Decode(r.Blob(1))) {
          amounts_[Intern(r.Text(0))] = std::move(*h);
        }
      },
      &stop);
  if (!s.ok()) return s;
  for (auto& [tax_id, t] : traders_) {
    std::sort(t.origins.begin(), t.origins.end());
    t.origins.erase(std::unique(t.origins.begin(), t.origins.end()), t.origins.end());
    std::sort(t.bands.begin(), t.bands.end(),
              [](const Band& a, const Band& b) { return a.key < b.key; });
    t.bands.shrink_to_fit();  // grown by doubling while loading: up to half was slack
    t.days.shrink_to_fit();
  }
  return domain::Ok();
}

domain::Status BaselineIndex::Load(Connection& profiles, Connection& main,
                                   const std::function<bool()>& stop) {
  // Read into a fresh index, with no lock held: filings go on with the old one meanwhile (a
  // reload takes seconds at 10M). Registry reloads wait, so that none is applied to the old
  // graph and then lost.
  std::lock_guard registry(registry_mu_);
  auto fresh = std::make_unique<BaselineIndex>();
  domain::Status s = fresh->ReadAll(profiles, main, stop);
  std::vector<std::tuple<std::string, domain::EnterpriseStatus, bool>> told;
  {
    std::unique_lock lock(mu_);
    if (s.ok()) {
      std::swap(names_, fresh->names_);
      std::swap(traders_, fresh->traders_);
      std::swap(national_, fresh->national_);
      std::swap(amounts_, fresh->amounts_);
      std::swap(latest_day_, fresh->latest_day_);
      std::swap(enterprises_, fresh->enterprises_);
      std::swap(persons_, fresh->persons_);
      std::swap(addresses_, fresh->addresses_);
      std::swap(offences_, fresh->offences_);
      registry_seq_ = fresh->registry_seq_;
      offence_seq_ = fresh->offence_seq_;
      {
        // What was queued is in the file by now, or was not written: either way, read here.
        std::lock_guard queue(posted_mu_);
        posted_.clear();
        has_posted_ = false;
        watermarks_ = fresh->Watermarks();
      }
      load_status_ = domain::Ok();
      if (listener_) {
        for (const auto& [tax_id, e] : enterprises_) {
          told.emplace_back(tax_id, e.status, e.provisional);
        }
      }
    } else if (!loaded_) {
      load_status_ = s;  // a failed reload keeps serving what was loaded before
    }
    loaded_ = true;
  }
  loaded_cv_.notify_all();
  for (const auto& [tax_id, status, provisional] : told) listener_(tax_id, status, provisional);
  return s;  // the old index is freed here, outside the lock
}

void BaselineIndex::Post(ProfileDelta delta) {
  bool long_queue;
  {
    std::lock_guard lock(posted_mu_);
    watermarks_ = {delta.to_declaration, delta.to_inspection};
    posted_.push_back(std::move(delta));
    has_posted_ = true;
    long_queue = posted_.size() >= kMaxQueued;
  }
  // No filing has come to apply them (a quiet server, a long catch-up): apply them here, if no
  // filing holds the lock, rather than let the queue and the first filing's wait grow.
  if (long_queue && mu_.try_lock()) {
    std::unique_lock lock(mu_, std::adopt_lock);
    std::vector<ProfileDelta> posted;
    {
      std::lock_guard queue(posted_mu_);
      posted.swap(posted_);
      has_posted_ = false;
    }
    for (const auto& p : posted) Apply(p);
  }
}

void BaselineIndex::ApplyPosted() {
  if (!has_posted_) return;
  std::unique_lock lock(mu_);
  std::vector<ProfileDelta> posted;
  {
    std::lock_guard queue(posted_mu_);
    posted.swap(posted_);
    has_posted_ = false;
  }
  for (const auto& p : posted) Apply(p);
  lock.unlock();
  // The folds are freed here, outside the lock.
}

void BaselineIndex::Apply(const ProfileDelta& p) {
  // The fold's units and currencies, as this index numbers them: once a fold, not once a key.
  std::vector<uint16_t> ids;
  ids.reserve(p.names.size());
  for (const auto& name : p.names) ids.push_back(Intern(name));
  auto key = [&](const ProfileDelta::Band& b) {
    return b.hs6 << 32 | uint64_t{ids[b.unit]} << 16 | ids[b.currency];
  };
  for (const auto& c : p.traders) {
    auto& t = traders_[c.tax_id];
    if (c.declarations > 0) {
      t.declarations += c.declarations;
      if (t.first_filed_at.empty() || c.first_filed_at < t.first_filed_at) {
        t.first_filed_at = c.first_filed_at;
      }
    }
    t.violations += c.violations;
    t.chapters |= c.chapters;
    for (uint16_t o : c.origins) {
      auto at = std::lower_bound(t.origins.begin(), t.origins.end(), o);
      if (at == t.origins.end() || *at != o) t.origins.insert(at, o);
    }
    for (const auto& d : c.days) AddDay(t, d.day, ids[d.currency], d.count, d.value);
    for (const auto& b : c.bands) PutBand(t, {key(b), b.values});
  }
  for (const auto& b : p.national) national_[key(b)] = {key(b), b.values};
  for (const auto& [currency, h] : p.amounts) amounts_[ids[currency]] = h;
}

void BaselineIndex::Unlink(const std::string& tax_id) {
  auto e = enterprises_.find(tax_id);
  if (e == enterprises_.end()) return;
  for (const auto& [role, id] : e->second.people) {
    auto p = persons_.find(id);
    if (p == persons_.end()) continue;
    std::erase_if(p->second.roles, [&](const auto& r) { return r.first == tax_id; });
    if (p->second.roles.empty()) persons_.erase(p);
  }
  if (auto a = addresses_.find(e->second.address_key); a != addresses_.end()) {
    std::erase(a->second, tax_id);
    if (a->second.empty()) addresses_.erase(a);
  }
  enterprises_.erase(e);
}

void BaselineIndex::Link(const std::string& tax_id, Enterprise e) {
  Unlink(tax_id);
  for (const auto& [role, id] : e.people) persons_[id].roles.emplace_back(tax_id, role);
  if (!e.address_key.empty()) addresses_[e.address_key].push_back(tax_id);
  enterprises_[tax_id] = std::move(e);
}

domain::Status BaselineIndex::ReloadEnterprises(Connection& main,
                                                const std::vector<std::string>& tax_ids) {
  std::lock_guard registry(registry_mu_);
  {
    std::shared_lock lock(mu_);
    if (!loaded_) return domain::Ok();  // the load to come reads these rows
  }
  struct Row {
    std::optional<Enterprise> enterprise;
    std::vector<std::string> names;  // of its people, in order
  };
  std::map<std::string, Row> rows;
  {
    ReadSnapshot snapshot(main);
    for (const auto& tax_id : tax_ids) {
      if (rows.contains(tax_id)) continue;
      Row row;
      auto st = main.Prepare(kEnterprise);
      st.Bind(1, tax_id);
      int rc = st.Step();
      if (rc == SQLITE_ROW) {
        row.enterprise = Enterprise{StatusOf(st.Text(5)), st.Text(1), st.Int(2) != 0,
                                    st.Text(3),           st.Text(4), {}};
        auto people = main.Prepare(kPeopleOf);
        people.Bind(1, tax_id);
        auto s = Each(main, people, [&](const Statement& r) {
          row.enterprise->people.emplace_back(r.Text(1), r.Text(2));
          row.names.push_back(r.Text(3));
        });
        if (!s.ok()) return s;
      } else if (rc != SQLITE_DONE) {
        return ReadFailed(main);
      }
      rows.emplace(tax_id, std::move(row));
    }
  }
  std::unique_lock lock(mu_);
  size_t n = 0;
  for (auto& [tax_id, row] : rows) {
    if (++n % kLinkChunk == 0) {
      lock.unlock();
      lock.lock();
    }
    if (!row.enterprise) {
      Unlink(tax_id);
      continue;
    }
    auto people = row.enterprise->people;
    Link(tax_id, *row.enterprise);
    for (size_t i = 0; i < people.size(); ++i) persons_[people[i].second].name = row.names[i];
  }
  lock.unlock();
  if (listener_) {
    for (const auto& [tax_id, row] : rows) {
      if (row.enterprise) listener_(tax_id, row.enterprise->status, row.enterprise->provisional);
    }
  }
  return domain::Ok();
}

domain::Status BaselineIndex::FollowRegistry(Connection& main) {
  for (;;) {
    std::vector<std::string> changed;
    int64_t last = registry_seq_;
    {
      auto st = main.Prepare(kRegistryChanges);
      st.Bind(1, registry_seq_);
      auto s = Each(main, st, [&](const Statement& r) {
        last = r.Int(0);
        changed.push_back(r.Text(1));
      });
      if (!s.ok()) return s;
    }
    if (changed.empty()) return domain::Ok();
    if (auto s = ReloadEnterprises(main, changed); !s.ok()) return s;
    registry_seq_ = last;
  }
}

domain::Status BaselineIndex::FollowOffences(Connection& main) {
  // One follower at a time, and none while a load reads the table and the log's position.
  std::lock_guard registry(registry_mu_);
  {
    std::shared_lock lock(mu_);
    if (!loaded_) return domain::Ok();  // the load to come reads them
  }
  for (;;) {
    // The log and the rows it names from one snapshot, taken after the lock: a follower that
    // waited reads at least what the one before it applied.
    ReadSnapshot snapshot(main);
    auto changes = OffenceRecords::ReadChanges(main, offence_seq_);
    if (!changes.ok()) return changes.error();
    if (changes->tax_ids.empty()) return domain::Ok();
    auto rows = OffenceRecords::Read(main, changes->tax_ids);
    if (!rows.ok()) return rows.error();
    {
      std::unique_lock lock(mu_);
      offences_.Put(std::move(*rows));
    }
    offence_seq_ = changes->position;
  }
}

std::vector<risk::LinkedViolator> BaselineIndex::LinkedViolators(const std::string& tax_id) const {
  std::vector<risk::LinkedViolator> out;
  auto e = enterprises_.find(tax_id);
  if (e == enterprises_.end()) return out;
  auto violations = [&](const std::string& other) -> int64_t {
    auto t = traders_.find(other);
    return t == traders_.end() ? 0 : t->second.violations;
  };
  // Violations found at inspection, or seizures naming it (the window of years that decides
  // whether those still count is the checks' setting: risk::AnomalySettings).
  auto bad_record = [&](const std::string& other, int64_t v) {
    return v > 0 || offences_.Has(other);
  };
  for (const auto& [role_here, id] : e->second.people) {
    auto p = persons_.find(id);
    if (p == persons_.end()) continue;
    for (const auto& [other, role_there] : p->second.roles) {
      if (other == tax_id) continue;
      if (int64_t v = violations(other); bad_record(other, v)) {
        out.push_back(
            {other,
             v,
             "a person (" + p->second.name + ", " + role_here + " here, " + role_there + " there)",
             {}});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.tax_id < b.tax_id; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const auto& a, const auto& b) { return a.tax_id == b.tax_id; }),
            out.end());
  if (out.size() > 50) out.resize(50);
  // An address links only registered enterprises (a provisional one's address is as filed,
  // unchecked, often just a city), and only if few share it: an address of dozens (an office
  // tower, a registered agent) says nothing about ownership.
  const auto& mine = e->second;
  if (mine.provisional || mine.address_key.empty()) return out;
  auto a = addresses_.find(mine.address_key);
  if (a == addresses_.end() || a->second.size() > 20) return out;
  std::vector<std::string> others = a->second;
  std::sort(others.begin(), others.end());
  for (const auto& other : others) {
    if (other == tax_id) continue;
    auto theirs = enterprises_.find(other);
    if (theirs == enterprises_.end() || theirs->second.provisional) continue;
    int64_t v = violations(other);
    if (!bad_record(other, v)) continue;
    bool seen =
        std::any_of(out.begin(), out.end(), [&](const auto& l) { return l.tax_id == other; });
    if (!seen) out.push_back({other, v, "the address " + theirs->second.address, {}});
  }
  return out;
}

domain::Result<risk::TraderBaseline> BaselineIndex::Baseline(const domain::Declaration& d,
                                                             const std::string& today) {
  ApplyPosted();
  std::shared_lock lock(mu_);
  if (!loaded_) {
    // Only a server loads at start; another process (a CLI filing) asks for it now.
    lock.unlock();
    {
      std::lock_guard request(request_mu_);
      if (request_) request_();
    }
    lock.lock();
    loaded_cv_.wait(lock, [this] { return loaded_; });
  }
  // A failed load must not pass for "no history" (that would say "first declaration").
  if (!load_status_.ok()) return load_status_.error();
  risk::TraderBaseline b;
  b.tax_id = risk::TraderOf(d).tax_id;
  const std::string& currency = d.invoice.currency;
  const Trader* t = nullptr;
  if (auto it = traders_.find(b.tax_id); it != traders_.end()) {
    t = &it->second;
    b.declarations = t->declarations;
    b.first_filed_at = t->first_filed_at;
  }
  if (auto e = enterprises_.find(b.tax_id); e != enterprises_.end() && !e->second.provisional) {
    b.registration_date = e->second.registration_date;
  }
  auto band = [](const Band& x) {
    const BandValues& v = x.values;
    return ToValueBand(v.q1, v.median, v.q3, v.low, v.high, v.count);
  };
  for (const auto& item : d.items) {
    risk::ItemBaseline ib;
    auto key = BandKey(std::string_view(item.hs_code).substr(0, 6), item.unit, currency);
    if (t && b.declarations > 0) {
      auto chapter = Chapter(item.hs_code);
      ib.chapter_seen = chapter && t->chapters.test(static_cast<size_t>(*chapter));
      auto origin = Country(item.origin_country);
      ib.origin_seen = origin && std::binary_search(t->origins.begin(), t->origins.end(), *origin);
      if (key) {
        auto at = std::lower_bound(t->bands.begin(), t->bands.end(), *key,
                                   [](const Band& x, uint64_t k) { return x.key < k; });
        if (at != t->bands.end() && at->key == *key && at->values.count > 0) {
          ib.trader_band = band(*at);
        }
      }
    }
    if (key) {
      if (auto n = national_.find(*key); n != national_.end() && n->second.values.count > 0) {
        ib.national_band = band(n->second);
      }
    }
    b.items.push_back(std::move(ib));
  }
  auto cur = names_.find(currency);
  auto now = DayNumber(today);
  if (t && b.declarations > 0 && cur != names_.end() && now) {
    for (const auto& day : t->days) {
      if (day.currency != cur->second) continue;
      if (day.day >= *now - 90 && day.day < *now) {
        b.trailing_declarations += day.count;
        b.trailing_value += day.value;
      } else if (day.day == *now) {
        b.today_declarations += day.count;
      }
    }
  }
  if (!b.registration_date.empty() && cur != names_.end()) {
    if (auto a = amounts_.find(cur->second); a != amounts_.end()) {
      b.national_declaration_values = a->second;
    }
  }
  b.linked_violators = LinkedViolators(b.tax_id);
  for (auto& l : b.linked_violators) l.offences = offences_.Newest(l.tax_id, kLinkedOffences);
  b.offences = offences_.Newest(b.tax_id, kOwnOffences);
  return b;
}

}  // namespace haiquan::storage::sqlite
