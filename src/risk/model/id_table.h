#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace haiquan::risk {

// A hash table from a non-zero 64-bit id (an EntityId, a code's hash) to a value, for the feature
// builder's per-item look-ups: the ids are already well mixed, so their low bits pick the slot
// without hashing again; slots hold id and value side by side (one cache line for FilingStats,
// two FindingStats per line), so a hit costs one memory access where std::unordered_map costs
// several; linear probing at most half full keeps a miss short too. Id 0 marks a free slot.
// Nothing is ever erased (the histories only grow).
template <typename V>
class IdTable {
 public:
  size_t size() const { return size_; }

  // Null when `id` was never inserted (or is 0).
  const V* Find(uint64_t id) const {
    if (slots_.empty() || id == 0) return nullptr;
    for (size_t i = id & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.id == id) return &s.value;
      if (s.id == 0) return nullptr;
    }
  }

  // Starts loading the slot where `id` would be, so that several look-ups of one item wait for
  // memory together rather than one after another.
  void Prefetch(uint64_t id) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[id & mask_]);
  }

  // The value of `id` (which must not be 0), value-initialised when new; `*inserted` says which.
  V& FindOrInsert(uint64_t id, bool* inserted = nullptr) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    size_t i = id & mask_;
    while (slots_[i].id != id && slots_[i].id != 0) i = (i + 1) & mask_;
    Slot& s = slots_[i];
    const bool is_new = s.id == 0;
    if (is_new) {
      s.id = id;
      ++size_;
    }
    if (inserted) *inserted = is_new;
    return s.value;
  }

 private:
  // Aligned to its size (a power of two up to a cache line), so that no slot straddles two lines.
  static constexpr size_t kSlotAlign =
      std::min<size_t>(64, std::bit_ceil(sizeof(uint64_t) + sizeof(V)));
  struct alignas(kSlotAlign) Slot {
    uint64_t id = 0;
    V value{};
  };

  void Grow() {
    std::vector<Slot> old =
        std::exchange(slots_, std::vector<Slot>(std::max<size_t>(16, 2 * slots_.size())));
    mask_ = slots_.size() - 1;
    for (Slot& s : old) {
      if (s.id == 0) continue;
      size_t i = s.id & mask_;
      while (slots_[i].id != 0) i = (i + 1) & mask_;
      slots_[i] = std::move(s);
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace haiquan::risk
