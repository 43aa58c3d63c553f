#include "app/read_traders.h"

namespace haiquan::app {
namespace {

bool MaySeeTrader(const Caller& caller, const std::string& tax_id) {
  return !caller.principal.ActsForTrader() || caller.principal.trader_tax_id == tax_id;
}

}  // namespace

template <typename T>
void ReadTraders::Answer(const Caller& caller, const char* action, const std::string& tax_id,
                         domain::Result<T> result, Done<T> done) const {
  std::string outcome = "ok";
  if (!MaySeeTrader(caller, tax_id)) {
    outcome = "denied";
    result = domain::Error::NotFound("no enterprise " + tax_id);
  } else if (!result.ok()) {
    outcome = result.error().code == domain::ErrorCode::kNotFound ? "not_found" : "failed";
  }
  auto shared = std::make_shared<domain::Result<T>>(std::move(result));
  audit_.Append(caller.Event(FormatTimestamp(clock_.Now()), action, "enterprise", tax_id, outcome),
                [shared, done = std::move(done)](domain::Status s) {
                  // Fail closed: a read that cannot be recorded is not answered.
                  if (!s.ok()) return done(s.error());
                  done(std::move(*shared));
                });
}

void ReadTraders::Get(const Caller& caller, const std::string& tax_id,
                      Done<domain::Enterprise> done) const {
  auto r = MaySeeTrader(caller, tax_id) ? traders_.Get(tax_id)
                                        : domain::Result<domain::Enterprise>(domain::Enterprise{});
  Answer(caller, "enterprise.read", tax_id, std::move(r), std::move(done));
}

void ReadTraders::History(const Caller& caller, const std::string& tax_id,
                          Done<std::vector<domain::Enterprise>> done) const {
  auto r = MaySeeTrader(caller, tax_id)
               ? traders_.History(tax_id)
               : domain::Result<std::vector<domain::Enterprise>>(std::vector<domain::Enterprise>{});
  Answer(caller, "enterprise.history", tax_id, std::move(r), std::move(done));
}

void ReadTraders::Profile(const Caller& caller, const std::string& tax_id,
                          Done<ProfileView> done) const {
  domain::Result<ProfileView> r = ProfileView{};
  if (MaySeeTrader(caller, tax_id)) {
    auto profile = profiles_.Profile(tax_id);
    if (!profile.ok()) {
      r = profile.error();
    } else {
      r->profile = std::move(profile.value());
      auto e = traders_.Get(tax_id);
      if (e.ok()) {
        r->enterprise = std::move(e.value());
      } else if (e.error().code != domain::ErrorCode::kNotFound) {
        r = e.error();
      }
      if (r.ok() && !caller.principal.ActsForTrader()) {
        auto offences = traders_.Offences(tax_id);
        if (offences.ok()) {
          r->offences = std::move(offences.value());
        } else {
          r = offences.error();
        }
      }
    }
  }
  Answer(caller, "trader.profile", tax_id, std::move(r), std::move(done));
}

void ReadTraders::Relations(const Caller& caller, const std::string& tax_id,
                            Done<std::vector<Relation>> done) const {
  auto r = MaySeeTrader(caller, tax_id)
               ? profiles_.Relations(tax_id)
               : domain::Result<std::vector<Relation>>(std::vector<Relation>{});
  Answer(caller, "trader.relations", tax_id, std::move(r), std::move(done));
}

void ReadTraders::Person(const Caller& caller, const std::string& id_number,
                         Done<PersonRecord> done) const {
  domain::Result<PersonRecord> r = PersonRecord{};
  std::string outcome = "ok";
  if (caller.principal.ActsForTrader()) {
    // The route does not admit traders; kept here too, as every record rule is.
    outcome = "denied";
    r = domain::Error::NotFound("no person " + id_number);
  } else {
    r = traders_.Person(id_number);
    if (!r.ok()) {
      outcome = r.error().code == domain::ErrorCode::kNotFound ? "not_found" : "failed";
    }
  }
  auto shared = std::make_shared<domain::Result<PersonRecord>>(std::move(r));
  audit_.Append(
      caller.Event(FormatTimestamp(clock_.Now()), "person.read", "person", id_number, outcome),
      [shared, done = std::move(done)](domain::Status s) {
        if (!s.ok()) return done(s.error());
        done(std::move(*shared));
      });
}

}  // namespace haiquan::app
