#include "risk/model/tree_ensemble.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace haiquan::risk {

float TreeEnsemble::Sigmoid(float margin) { return 1.f / (1.f + std::exp(-margin)); }

template <bool kLeaves>
float TreeEnsemble::Walk(const float* slots, uint32_t* leaves) const {
  const Node* nodes = nodes_.data();
  float margin = base_margin_;
  for (size_t g = 0; g < depths_.size(); ++g) {
    uint32_t at[kLanes];
    std::copy_n(roots_.data() + g * kLanes, kLanes, at);
    for (int step = depths_[g]; step > 0; --step) {
#pragma GCC unroll 16
      for (size_t j = 0; j < kLanes; ++j) {
        const Node n = nodes[at[j]];
        // No branch: a split's direction is a coin toss to the branch predictor.
        at[j] += n.offset + 1 - static_cast<uint32_t>(slots[n.slot] < n.value);
      }
    }
    for (size_t j = 0; j < kLanes; ++j) margin += nodes[at[j]].value;
    if constexpr (kLeaves) {
      std::copy_n(at, kLanes, leaves + g * kLanes);
      // Contributions will read these leaves' credits (3 MB for the default model, mostly out
      // of the core's caches): ask for them now, and they arrive while the next trees are
      // walked.
      for (size_t j = 0; j < kLanes; ++j) __builtin_prefetch(credits_.data() + credits_at_[at[j]]);
    }
  }
  return margin;
}

void TreeEnsemble::WalkTogether(const float* slots, size_t count, float* margins,
                                uint32_t* leaves) const {
  assert(count <= kItemsTogether);
  const Node* nodes = nodes_.data();
  const size_t stride = num_slots();
  std::fill_n(margins, count, base_margin_);
  for (size_t g = 0; g < depths_.size(); ++g) {
    uint32_t at[kItemsTogether][kLanes];
    for (size_t i = 0; i < count; ++i) std::copy_n(roots_.data() + g * kLanes, kLanes, at[i]);
    for (int step = depths_[g]; step > 0; --step) {
      for (size_t i = 0; i < count; ++i) {
        const float* s = slots + i * stride;
#pragma GCC unroll 16
        for (size_t j = 0; j < kLanes; ++j) {
          const Node n = nodes[at[i][j]];
          at[i][j] += n.offset + 1 - static_cast<uint32_t>(s[n.slot] < n.value);
        }
      }
    }
    // In tree order per item, as Walk adds them: the same float sum.
    for (size_t i = 0; i < count; ++i) {
      for (size_t j = 0; j < kLanes; ++j) margins[i] += nodes[at[i][j]].value;
    }
    if (leaves) {
      for (size_t i = 0; i < count; ++i) {
        std::copy_n(at[i], kLanes, leaves + i * roots_.size() + g * kLanes);
      }
    }
  }
}

// Room on the stack for the usual model, on the heap past it.
template <typename T>
class TreeEnsemble::Scratch {
 public:
  explicit Scratch(size_t n) : data_(n <= kOnStack ? on_stack_ : (heap_.resize(n), heap_.data())) {}
  T* data() { return data_; }

 private:
  static constexpr size_t kOnStack = 1024;
  T on_stack_[kOnStack];
  std::vector<T> heap_;
  T* data_;
};

const float* TreeEnsemble::Slots(std::span<const float> features, float* out) const {
  assert(features.size() >= num_features_);
  constexpr float kInf = std::numeric_limits<float>::infinity();
  const size_t n = num_features_;
  for (size_t f = 0; f < n; ++f) {
    const float v = features[f];
    const bool missing = std::isnan(v);
    out[f] = missing ? kInf : v;
    out[n + f] = missing ? -kInf : v;
  }
  out[2 * n] = -kInf;
  return out;
}

float TreeEnsemble::Margin(std::span<const float> features) const {
  Scratch<float> slots(num_slots());
  return Walk<false>(Slots(features, slots.data()), nullptr);
}

void TreeEnsemble::Margins(std::span<const float> rows, std::span<float> out,
                           std::span<uint32_t> leaves) const {
  assert(rows.size() >= out.size() * num_features_);
  assert(leaves.empty() || leaves.size() >= out.size() * roots_.size());
  const size_t n = num_features_;
  Scratch<float> slots(kItemsTogether * num_slots());
  for (size_t first = 0; first < out.size(); first += kItemsTogether) {
    const size_t count = std::min(kItemsTogether, out.size() - first);
    for (size_t i = 0; i < count; ++i) {
      Slots(rows.subspan((first + i) * n, n), slots.data() + i * num_slots());
    }
    WalkTogether(slots.data(), count, out.data() + first,
                 leaves.empty() ? nullptr : leaves.data() + first * roots_.size());
  }
}

float TreeEnsemble::Probability(std::span<const float> features) const {
  return Sigmoid(Margin(features));
}

float TreeEnsemble::Contributions(std::span<const float> features, std::span<float> out) const {
  Scratch<float> slots(num_slots());
  Scratch<uint32_t> leaves(roots_.size());
  const float margin = Walk<true>(Slots(features, slots.data()), leaves.data());
  AddCredits(leaves.data(), out);
  return margin;
}

void TreeEnsemble::ContributionsAt(std::span<const uint32_t> leaves, std::span<float> out) const {
  assert(leaves.size() >= roots_.size());
  // The credits are mostly out of the caches (3 MB for a 400-round model): ask for all of them
  // before adding any.
  for (size_t t = 0; t < roots_.size(); ++t) {
    __builtin_prefetch(credits_.data() + credits_at_[leaves[t]]);
  }
  AddCredits(leaves.data(), out);
}

void TreeEnsemble::AddCredits(const uint32_t* leaves, std::span<float> out) const {
  assert(out.size() == num_features_ + 1);
  const size_t n = num_features_;
  // The features, the bias's place (unused here) and the spare credits' slots.
  Scratch<float> sums(n + 1 + credits_per_leaf_);
  float* s = sums.data();
  std::fill_n(s, n + 1 + credits_per_leaf_, 0.f);
  const Credit* credits = credits_.data();
  const uint32_t* at = credits_at_.data();
  for (size_t t = 0; t < roots_.size(); ++t) {
    const Credit* c = credits + at[leaves[t]];
    for (size_t k = 0; k < credits_per_leaf_; ++k) s[c[k].feature] += c[k].gain;
  }
  std::copy_n(s, n, out.data());
  out[n] = bias_;
}

}  // namespace haiquan::risk
