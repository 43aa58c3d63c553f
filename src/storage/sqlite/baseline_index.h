#pragma once

#include <atomic>
#include <bitset>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/declaration.h"
#include "domain/enterprise.h"
#include "domain/result.h"
#include "domain/value_histogram.h"
#include "risk/anomalies.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/offence_records.h"
#include "storage/sqlite/profile_delta.h"

namespace haiquan::storage::sqlite {

// What the anomaly checks (T3) need of every trader, in memory: chapters and origins seen,
// unit-value bands, the last ~100 days' totals, violations, the seizures naming it, and the
// registry's links between enterprises. A filing then answers its baseline with no SQL (the reads
// cost ~55 µs a filing and, at 5,000 filings/s, the CPU that the clearance bar needed). It mirrors
// the profile database: loaded from it once, then given each fold's changes as the fold commits,
// and the registry's changes as they commit (in this process) or appear in `registry_changes`
// (others); the seizures naming enterprises likewise through `offence_changes`. Memory: about 32
// bytes per (trader, HS6, unit, currency) band, ~100 MB at 10M declarations.
class BaselineIndex {
 public:
  // Reads everything from the two databases, then replaces what it held; callers of Baseline
  // wait for the first load only, later ones use the old state until the new one is ready.
  // Folder thread only, between folds. Gives up (Unavailable) once `stop` says so.
  domain::Status Load(
      Connection& profiles, Connection& main,
      const std::function<bool()>& stop = [] { return false; });
  // A fold's changes, as its transaction commits (folder thread only). Queued: the next
  // Baseline applies them. The folder runs at the lowest CPU priority, and if it held the
  // index's lock while the scheduler left it waiting, filings would wait behind it. The
  // folder has worked out everything that needs no index state (ProfileDelta), so applying
  // holds the lock for a lookup a trader and a few stores.
  void Post(ProfileDelta delta);
  // How far the folds it holds or has queued go: a fold that starts elsewhere (another process
  // folding the same files) means it must catch up.
  std::pair<int64_t, int64_t> Watermarks() const {
    std::lock_guard lock(posted_mu_);
    return watermarks_;
  }

  // The registry's rows for these enterprises as committed now (after a write, any thread).
  domain::Status ReloadEnterprises(Connection& main, const std::vector<std::string>& tax_ids);
  // Reloads the enterprises that `registry_changes` lists since the last call (folder thread).
  domain::Status FollowRegistry(Connection& main);
  // Reloads the offences of the enterprises that `offence_changes` lists since the last call,
  // whatever process wrote them: the folder at each look, and the enforcement store after its
  // own writes so that the next filing sees them (any thread; `main` outside a transaction).
  domain::Status FollowOffences(Connection& main);
  // Told of every enterprise as loaded and as reloaded after a change, whatever process made
  // it, so that a registry kept elsewhere in memory (app::TraderDirectory) follows too. Called
  // with no lock of the index held but one at a time, in commit order.
  using RegistryListener = std::function<void(const std::string& tax_id,
                                              domain::EnterpriseStatus status, bool provisional)>;
  void SetRegistryListener(RegistryListener listener) {
    std::lock_guard registry(registry_mu_);
    listener_ = std::move(listener);
  }

  // The baseline of the declaration's trader before this filing; Unavailable if loading failed.
  // Who loads the index when a Baseline finds it not loaded (the folder; null: nobody).
  void SetLoadRequest(std::function<void()> request) {
    std::lock_guard lock(request_mu_);
    request_ = std::move(request);
  }

  // Not const: it first applies what the folder queued.
  domain::Result<risk::TraderBaseline> Baseline(const domain::Declaration& d,
                                                const std::string& today);

 private:
  struct Band {
    uint64_t key = 0;  // see BandKey
    BandValues values;
  };
  struct Day {
    int32_t day = 0;  // days since 1970-01-01
    uint16_t currency = 0;
    int64_t count = 0;
    int64_t value = 0;
  };
  struct Trader {
    int64_t declarations = 0;
    int64_t violations = 0;
    std::string first_filed_at;
    std::bitset<100> chapters;
    std::vector<uint16_t> origins;  // sorted; two letters packed
    std::vector<Day> days;          // unordered, the last ~100 days
    std::vector<Band> bands;        // sorted by key
  };
  struct Enterprise {
    domain::EnterpriseStatus status = domain::EnterpriseStatus::kActive;
    std::string registration_date;
    bool provisional = false;
    std::string address_key;
    std::string address;
    std::vector<std::pair<std::string, std::string>> people;  // role, id number
  };
  struct Person {
    std::string name;
    std::vector<std::pair<std::string, std::string>> roles;  // tax id, role
  };

  // Load's reading, into this (fresh) index, with no lock.
  domain::Status ReadAll(Connection& profiles, Connection& main, const std::function<bool()>& stop);
  uint16_t Intern(const std::string& name);
  std::optional<uint64_t> BandKey(std::string_view hs6, const std::string& unit,
                                  const std::string& currency) const;
  void PutBand(Trader& t, const Band& band);
  void AddDay(Trader& t, int32_t day, uint16_t currency, int64_t count, int64_t value);
  void Apply(const ProfileDelta& delta);  // with mu_ held exclusively
  void ApplyPosted();                     // applies what Post queued, if anything
  void Unlink(const std::string& tax_id);
  void Link(const std::string& tax_id, Enterprise e);
  std::vector<risk::LinkedViolator> LinkedViolators(const std::string& tax_id) const;

  // Offences a baseline lists, of the trader and of each linked enterprise: the newest are the
  // ones a window of years keeps, and enough to word the reason.
  static constexpr size_t kOwnOffences = 20;
  static constexpr size_t kLinkedOffences = 10;

  std::mutex request_mu_;
  std::function<void()> request_;
  mutable std::shared_mutex mu_;
  mutable std::condition_variable_any loaded_cv_;
  bool loaded_ = false;
  domain::Status load_status_ = domain::Ok();

  std::unordered_map<std::string, uint16_t> names_;  // units and currencies
  std::unordered_map<std::string, Trader> traders_;
  std::unordered_map<uint64_t, Band> national_;
  std::unordered_map<uint16_t, domain::ValueHistogram> amounts_;  // by currency
  int32_t latest_day_ = 0;

  mutable std::mutex posted_mu_;  // held only to queue or take the queue
  std::vector<ProfileDelta> posted_;
  std::atomic<bool> has_posted_ = false;
  std::pair<int64_t, int64_t> watermarks_;  // declarations, inspections; with posted_mu_

  std::mutex registry_mu_;  // one registry reload at a time, so none applies stale rows
  RegistryListener listener_;
  int64_t registry_seq_ = 0;
  std::unordered_map<std::string, Enterprise> enterprises_;
  std::unordered_map<std::string, Person> persons_;
  std::unordered_map<std::string, std::vector<std::string>> addresses_;  // key: tax ids
  OffenceRecords offences_;                                              // with mu_
  int64_t offence_seq_ = 0;  // with registry_mu_: how far offence_changes was followed
};

}  // namespace haiquan::storage::sqlite
