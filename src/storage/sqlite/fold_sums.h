#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "domain/value_histogram.h"
#include "storage/sqlite/connection.h"
#include "storage/sqlite/profile_delta.h"

namespace haiquan::storage::sqlite {

// Open addressing with linear probing, keys and values inline: a lookup touches one or two
// cache lines, where std::unordered_map follows a pointer to a node for every key it looks at
// (perf showed those misses as the folder's main cost once the keys were integers). Grows at
// half full and keeps its space when cleared, for the next sums; iterating and clearing cost
// the entries used, not the space (a quiet node writes and clears after every filing).
template <typename K, typename V, typename Hash>
class FlatMap {
 public:
  V& operator[](const K& key) {
    if ((used_.size() + 1) * 2 > slots_.size()) Grow();
    size_t mask = slots_.size() - 1;
    for (size_t i = Hash{}(key)&mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (!s.used) {
        s.used = true;
        s.key = key;
        used_.push_back(static_cast<uint32_t>(i));
        return s.value;
      }
      if (s.key == key) return s.value;
    }
  }
  const V* find(const K& key) const {
    if (used_.empty()) return nullptr;
    size_t mask = slots_.size() - 1;
    for (size_t i = Hash{}(key)&mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (!s.used) return nullptr;
      if (s.key == key) return &s.value;
    }
  }
  template <typename F>
  void ForEach(F&& f) const {
    for (uint32_t i : used_) f(slots_[i].key, slots_[i].value);
  }
  size_t size() const { return used_.size(); }
  void clear() {
    for (uint32_t i : used_) slots_[i] = Slot{};
    used_.clear();
  }

 private:
  struct Slot {
    K key{};
    V value{};
    bool used = false;
  };
  void Grow() {
    std::vector<Slot> old(std::max<size_t>(16, slots_.size() * 2));
    old.swap(slots_);
    std::vector<uint32_t> used;
    used.swap(used_);
    for (uint32_t i : used) (*this)[old[i].key] = std::move(old[i].value);
  }
  std::vector<Slot> slots_;
  std::vector<uint32_t> used_;  // the slots in use, in the order they were taken
};

// Mixes the bits of up to four ids (murmur's finaliser): linear probing needs good low bits.
inline uint64_t MixIds(uint64_t x, uint64_t y) {
  uint64_t h = x * 0x9E3779B97F4A7C15ULL ^ (y + 0x632BE59BD9B4E019ULL);
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}

// Strings as small integers, each stored once: the folder's sums are keyed by tuples of tax
// ids, codes and names, and hashing and copying those strings for every key of every filing
// was most of its CPU (docs/benchmarks.md, issue 5). Looked up by string_view, so a lookup
// allocates nothing.
class NameTable {
 public:
  uint32_t Id(std::string_view s) {
    uint64_t hash = std::hash<std::string_view>{}(s);
    if ((names_.size() + 1) * 2 > slots_.size()) Grow();
    size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.id == kEmpty) {
        slot = {hash, static_cast<uint32_t>(names_.size())};
        names_.emplace_back(s);
        return slot.id;
      }
      if (slot.hash == hash && names_[slot.id] == s) return slot.id;
    }
  }
  // Stable: names are never moved.
  const std::string& operator[](uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint64_t hash = 0;
    uint32_t id = kEmpty;
  };
  void Grow() {
    std::vector<Slot> old(std::max<size_t>(64, slots_.size() * 2));
    old.swap(slots_);
    size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.id == kEmpty) continue;
      size_t i = s.hash & mask;
      while (slots_[i].id != kEmpty) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::deque<std::string> names_;
};

// The sums of one or more folds, keyed by interned ids, and the unit-value and amount
// histograms they touched, as the profile database will hold them once written. Reading a
// batch also fills, if asked, what the in-memory baseline needs of it (ProfileDelta), in the
// same pass over the rows. Folder thread only.
class FoldSums {
 public:
  enum class Mode {
    kFold,     // sums for the profile database; histograms: the file's plus what is read
    kCatchUp,  // no sums; histograms as the file has them (another process folded the rows)
  };
  explicit FoldSums(Mode mode = Mode::kFold) : mode_(mode) {}

  // Starts a batch whose changes for the index go to `delta` (null: none wanted).
  void Begin(ProfileDelta* delta);
  // Reads the declarations after `after` up to `upto`, at most `limit`, from `main` in the
  // caller's read transaction, and adds them; histograms not held are read from `profiles`
  // (in the caller's transaction there). Answers the last id read (`after`: none).
  domain::Result<int64_t> ReadDeclarations(Connection& main, Connection& profiles, int64_t after,
                                           int limit, int64_t upto);
  // The same for inspection findings.
  domain::Result<int64_t> ReadInspections(Connection& main, int64_t after, int limit, int64_t upto);
  // Ends the batch: the delta gets the bands and amounts as they now stand.
  void End();

  // Adds the sums to the profile database and writes the histograms that changed, in the
  // caller's transaction; then forgets the sums. The histograms stay, as the file now has them
  // once the transaction commits: a later batch need not read them again.
  domain::Status Write(Connection& profiles);

  bool has_sums() const { return has_sums_; }
  size_t names() const { return names_.size(); }
  size_t histograms() const { return unit_hists_.size() + amount_hists_.size(); }

 private:
  struct Key {
    uint32_t a = 0, b = 0, c = 0, d = 0;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const noexcept {
      return static_cast<size_t>(MixIds(uint64_t{k.a} << 32 | k.b, uint64_t{k.c} << 32 | k.d));
    }
  };
  struct IdHash {
    size_t operator()(uint32_t id) const noexcept { return static_cast<size_t>(MixIds(id, 0)); }
  };
  struct Sum {
    int64_t count = 0;
    int64_t value = 0;
    void Add(int64_t v) {
      ++count;
      value += v;
    }
  };
  struct Profile {
    int64_t count = 0;
    std::string first, last;
  };
  struct Histogram {
    domain::ValueHistogram h;
    bool dirty = false;  // changed since written
    uint32_t batch = 0;  // the last batch that touched it
  };
  // The declarations of the batch being read, in id order, for their goods items.
  struct Row {
    int64_t id;
    uint32_t trader, currency;
    int32_t slot;  // in delta_->traders, or -1
  };

  // The trader's entry in the delta (created on first use), or -1 without a delta.
  int32_t Slot(uint32_t trader);
  // The name's index in the delta's `names` (added on first use).
  uint16_t Local(uint32_t name);
  // The day number of a YYYY-MM-DD name, cached by id; nullopt if it is not a date.
  std::optional<int32_t> Day(uint32_t name);
  domain::Status TouchUnitValue(Connection& profiles, const Key& key, double value);
  domain::Status TouchAmount(Connection& profiles, uint32_t currency, double value);

  Mode mode_;
  NameTable names_;
  uint32_t empty_ = names_.Id("");  // the national scope of unit values
  bool has_sums_ = false;
  FlatMap<uint32_t, Profile, IdHash> profiles_;
  FlatMap<Key, Sum, KeyHash> months_;    // tax, month, lane, currency
  FlatMap<Key, Sum, KeyHash> days_;      // tax, currency, day
  FlatMap<Key, Sum, KeyHash> goods_;     // tax, heading, currency
  FlatMap<Key, Sum, KeyHash> origins_;   // tax, country, currency
  FlatMap<Key, Sum, KeyHash> partners_;  // tax, name, country, currency
  FlatMap<uint32_t, std::pair<int64_t, int64_t>, IdHash> inspected_;  // inspections, violations
  FlatMap<Key, Sum, KeyHash> findings_;                               // tax, outcome
  // The histograms, by key an index into the vectors (which iterate faster than the maps).
  FlatMap<Key, uint32_t, KeyHash> units_;  // scope (tax id or ""), hs6, unit, currency
  std::vector<std::pair<Key, Histogram>> unit_hists_;
  FlatMap<uint32_t, uint32_t, IdHash> amounts_;  // currency
  std::vector<std::pair<uint32_t, Histogram>> amount_hists_;
  // The histograms changed since the last write: a write looks at these only, not at every
  // histogram kept (a quiet node writes after every filing).
  std::vector<uint32_t> dirty_units_, dirty_amounts_;

  // The batch being read.
  uint32_t batch_ = 0;
  ProfileDelta* delta_ = nullptr;
  std::vector<Row> rows_;
  std::vector<std::pair<uint32_t, int32_t>> slots_;    // by trader id: batch, slot
  std::vector<std::pair<uint32_t, uint16_t>> locals_;  // by name id: batch, index in names
  std::vector<int32_t> days_of_;                       // by name id; see Day
  std::vector<uint32_t> touched_units_;                // in unit_hists_
  std::vector<uint32_t> touched_amounts_;              // in amount_hists_
  // The last date read (filings come in time order) and its names.
  std::string day_text_;
  uint32_t day_ = 0, month_ = 0;
};

}  // namespace haiquan::storage::sqlite
