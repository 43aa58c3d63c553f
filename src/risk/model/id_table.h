#pragma once

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <thread>
#include <type_traits>
#include <utility>

namespace haiquan::risk {

// A hash table from a non-zero 64-bit id (an EntityId, a code's hash) to a value, for the feature
// builder's per-item look-ups: the ids are already well mixed, so their low bits pick the slot
// without hashing again; slots hold id and value side by side (one cache line for FilingStats,
// two FindingStats per line), so a hit costs one memory access where std::unordered_map costs
// several; linear probing at most half full (5/8 while growing) keeps a miss short too. Id 0
// marks a free slot.
// Nothing is ever erased (the histories only grow).
// A growth happens a few steps per insert rather than all at once: the filing histories hold
// millions of entities, and doubling such a table in one go stalled the database writer (which
// learns each filing) for 50 to 130 ms, every commit waiting behind it. First the bigger table's
// pages are faulted in, by writes on a thread of its own, while the table in use keeps taking
// inserts past half full; then the slots move, the bigger table taking the inserts (an id may be in
// either table meanwhile: the bigger one is looked in first). The bigger table's memory comes from
// calloc, zero without being written (for large blocks, fresh pages from the kernel): had its
// pages been read before written, each would fault twice, the second time with a TLB shootdown
// across the process's threads, which made a spread-out growth slower than the stall. An
// all-zero slot is a free slot with a value-initialised value, which holds for the arithmetic
// members the tables keep.
template <typename V>
class IdTable {
  static_assert(std::is_trivially_copyable_v<V> && std::is_trivially_destructible_v<V>,
                "IdTable keeps plain values: slots are zeroed memory, copied as bytes");

 public:
  IdTable() = default;
  // A copy leaves out a bigger table being prepared (and grows again when it needs to).
  IdTable(const IdTable& o) : cur_(o.cur_), old_(o.old_), moved_(o.moved_), size_(o.size_) {}
  IdTable& operator=(const IdTable& o) {
    if (this != &o) *this = IdTable(o);
    return *this;
  }
  IdTable(IdTable&&) noexcept = default;
  IdTable& operator=(IdTable&&) noexcept = default;

  size_t size() const { return size_; }

  // Null when `id` was never inserted (or is 0).
  const V* Find(uint64_t id) const {
    if (id == 0) return nullptr;
    if (const Slot* s = cur_.Lookup(id)) return &s->value;
    // Not moved yet (a moved one is found above, with its latest value).
    if (const Slot* s = old_.Lookup(id)) return &s->value;
    return nullptr;
  }

  // Starts loading the slot where `id` would be, so that several look-ups of one item wait for
  // memory together rather than one after another.
  void Prefetch(uint64_t id) const {
    if (cur_.n != 0) __builtin_prefetch(&cur_.slots[id & cur_.mask()]);
  }

  // The value of `id` (which must not be 0), value-initialised when new; `*inserted` says which.
  V& FindOrInsert(uint64_t id, bool* inserted = nullptr) {
    if (next_.n != 0 || old_.n != 0) Advance();
    if (2 * (size_ + 1) > cur_.n && next_.n == 0) Grow();
    Slot& s = cur_.Probe(id);
    bool is_new = false;
    if (s.id == 0) {
      s.id = id;
      if (const Slot* o = old_.Lookup(id)) {
        s.value = o->value;  // not moved yet: moves now, and MoveSome will find it here
      } else {
        is_new = true;
        ++size_;
      }
    }
    if (inserted) *inserted = is_new;
    return s.value;
  }

 private:
  // Aligned to its size (a power of two up to a cache line), so that no slot straddles two lines.
  static constexpr size_t kSlotAlign =
      std::min<size_t>(64, std::bit_ceil(sizeof(uint64_t) + sizeof(V)));
  struct alignas(kSlotAlign) Slot {
    uint64_t id;
    V value;
  };
  // While growing from n to 2n slots: the bigger table's pages are faulted in on a thread of
  // its own (tens of thousands of faults for a big table, 5 to 10 µs each on a virtual machine:
  // spread over the writer's inserts they still cost it 20 to 30 ms a batch), while the table in
  // use keeps taking inserts, up to 5/8 full (then the insert waits for the thread). Then
  // kMovesPerCall old slots move per insert (n/8 inserts, while the bigger one fills to 5/16 at
  // the most). Tables up to kInlineBytes grow at once.
  static constexpr size_t kMovesPerCall = 8;
  static constexpr size_t kPage = 4096;
  static constexpr size_t kInlineBytes = size_t{1} << 20;

  // n zeroed slots (n a power of two, or 0), from calloc.
  struct Slots {
    Slot* slots = nullptr;
    size_t n = 0;

    Slots() = default;
    explicit Slots(size_t count) : n(count) {
      if (count == 0) return;
      // calloc's alignment is 16: ask for one slot more and start at the first aligned one.
      raw_ = std::calloc(count + 1, sizeof(Slot));
      if (raw_ == nullptr) throw std::bad_alloc();
      auto at = reinterpret_cast<uintptr_t>(raw_);
      slots = reinterpret_cast<Slot*>((at + alignof(Slot) - 1) & ~(uintptr_t{alignof(Slot)} - 1));
    }
    Slots(const Slots& o) : Slots(o.n) {
      if (n != 0) std::memcpy(static_cast<void*>(slots), o.slots, n * sizeof(Slot));
    }
    Slots(Slots&& o) noexcept
        : slots(std::exchange(o.slots, nullptr)),
          n(std::exchange(o.n, 0)),
          raw_(std::exchange(o.raw_, nullptr)) {}
    Slots& operator=(Slots&& o) noexcept {
      std::swap(slots, o.slots);
      std::swap(n, o.n);
      std::swap(raw_, o.raw_);
      return *this;
    }
    Slots& operator=(const Slots&) = delete;
    ~Slots() { std::free(raw_); }

    size_t mask() const { return n - 1; }
    // The slot holding `id`, or the free slot where it would go. Requires n > 0 and a free slot.
    Slot& Probe(uint64_t id) {
      size_t i = id & mask();
      while (slots[i].id != id && slots[i].id != 0) i = (i + 1) & mask();
      return slots[i];
    }
    const Slot* Lookup(uint64_t id) const {
      if (n == 0) return nullptr;
      for (size_t i = id & mask();; i = (i + 1) & mask()) {
        if (slots[i].id == id) return &slots[i];
        if (slots[i].id == 0) return nullptr;
      }
    }

   private:
    void* raw_ = nullptr;
  };

  void Grow() {
    if (old_.n != 0) MoveSome(old_.n);  // the last growth's moves end first
    next_ = Slots(std::max<size_t>(16, 2 * cur_.n));
    size_t bytes = next_.n * sizeof(Slot);
    if (bytes <= kInlineBytes) {
      FaultIn(next_.slots, bytes);
      Switch();
      MoveSome(old_.n);
      return;
    }
    faulter_ = std::make_unique<Faulter>();
    faulter_->thread = std::thread([slots = next_.slots, bytes, done = &faulter_->done] {
      FaultIn(slots, bytes);
      done->store(true, std::memory_order_release);
    });
  }

  void Advance() {
    if (next_.n == 0) return MoveSome(kMovesPerCall);
    bool ready = faulter_->done.load(std::memory_order_acquire);
    if (!ready && 8 * (size_ + 1) <= 5 * cur_.n) return;  // still room: go on without it
    faulter_.reset();                                     // joins the thread
    Switch();
  }

  void Switch() {
    old_ = std::exchange(cur_, std::exchange(next_, Slots()));
    moved_ = 0;
  }

  // Writes every page of the block without changing it: an atomic add of 0 is a write, so each
  // page faults once, straight to a zeroed page of its own.
  static void FaultIn(Slot* slots, size_t bytes) {
    auto* at = reinterpret_cast<unsigned char*>(slots);
    for (size_t offset = 0; offset < bytes; offset += kPage) {
      __atomic_fetch_add(at + offset, 0, __ATOMIC_RELAXED);
    }
  }

  void MoveSome(size_t count) {
    size_t end = std::min(old_.n, moved_ + count);
    for (; moved_ < end; ++moved_) {
      const Slot& o = old_.slots[moved_];
      if (o.id == 0) continue;
      Slot& s = cur_.Probe(o.id);
      if (s.id == 0) s = o;  // else moved already, by FindOrInsert, with a newer value
    }
    if (moved_ == old_.n) old_ = Slots();
  }

  Slots cur_;
  Slots old_;   // the slots being moved into cur_; empty when no growth is under way
  Slots next_;  // the bigger table while its pages are faulted in
  struct Faulter {
    std::atomic<bool> done{false};
    std::thread thread;
    ~Faulter() {
      if (thread.joinable()) thread.join();
    }
  };
  // Declared after next_, so that it is gone (its thread joined) before next_ is freed.
  std::unique_ptr<Faulter> faulter_;
  size_t moved_ = 0;
  size_t size_ = 0;
};

}  // namespace haiquan::risk
