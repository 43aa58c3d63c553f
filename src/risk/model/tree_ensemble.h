#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace haiquan::risk {

// A trained XGBoost model (gbtree, binary:logistic) evaluated by our own code: XGBoost's C API
// costs about 50 microseconds per single-row call (a DMatrix or an array interface to parse, a
// predictor, locks), more than the whole budget of scoring an item at filing. Here the trees are
// flattened into one array of 8-byte nodes and walked 16 at a time without a branch (see Node),
// and the contributions' path credits are computed once per leaf. Immutable once built: share
// one between threads freely.
class TreeEnsemble {
 public:
  // Reads XGBoost 1.7's JSON model format (XGBoosterSaveModelToBuffer with format "json").
  static domain::Result<TreeEnsemble> FromXgboostJson(std::string_view model_json);

  size_t num_features() const { return num_features_; }
  size_t num_trees() const { return num_trees_; }
  size_t num_nodes() const { return num_nodes_; }
  // As the model was trained (empty if it was trained without names).
  const std::vector<std::string>& feature_names() const { return feature_names_; }

  // Log-odds. `features` has num_features() values, NaN where missing. XGBoost's rule: a missing
  // value takes the split's default branch, any other goes left when value < condition.
  float Margin(std::span<const float> features) const;
  float Probability(std::span<const float> features) const;
  // The margins of several items at once (`rows`: out.size() items of num_features() values
  // each, one after the other), equal to Margin's bit for bit. A declaration's items walk the
  // same trees together: each node is fetched once for all of them (at filing the trees are
  // mostly out of the core's caches), and their walks overlap.
  // With `leaves` (out.size() x walk_width() values), the leaf each item reached in every tree,
  // for ContributionsAt: the contributions of an item then need no second walk.
  void Margins(std::span<const float> rows, std::span<float> out,
               std::span<uint32_t> leaves = {}) const;
  size_t walk_width() const { return roots_.size(); }

  // Per-feature contributions to the margin, as XGBoost's pred_contribs with approx_contribs
  // (Saabas): along the item's path in every tree, each split credits its feature with the change
  // in the expected value (the cover-weighted mean of the leaves below) from the node to the
  // child taken. `out` has num_features() + 1 slots, the last the bias (the model's expected
  // value); it is overwritten, and its sum is the margin. Returns the margin, found on the way
  // (summed like Margin's, so equal to it bit for bit).
  float Contributions(std::span<const float> features, std::span<float> out) const;
  // The same from the leaves an item reached (walk_width() values from Margins); writes `out`
  // only, equal to Contributions's.
  void ContributionsAt(std::span<const uint32_t> leaves, std::span<float> out) const;

  static float Sigmoid(float margin);

 private:
  // 8 bytes, so that the whole default model (100k nodes) sits in a core's L2 cache.
  struct Node {
    // Split condition, or the leaf's value.
    float value;
    // Where the split reads its feature in the item's slots (see Slots): a split whose missing
    // values go left reads them as -inf, one whose go right as +inf, so that one comparison,
    // value < condition, decides every step. A leaf reads the last slot, -inf: it goes "left".
    uint16_t slot;
    // The left child is `offset` places on (the right one next to it); 0 for a leaf, which so
    // stays where it is: every walk takes the same number of steps, without a branch.
    uint16_t offset;
  };
  // What a leaf's path credits one feature: the sum over its splits on that feature of the
  // expected value of the child taken minus the node's.
  struct Credit {
    uint32_t feature;
    float gain;
  };
  // Trees walked side by side: their loads overlap instead of waiting on each other.
  static constexpr size_t kLanes = 16;
  // Items Margins walks together (more go round again).
  static constexpr size_t kItemsTogether = 4;
  static constexpr int kMaxDepth = 255;

  friend class TreeEnsembleBuilder;

  template <typename T>
  class Scratch;
  // num_slots() values: the features with missing as +inf, the same with missing as -inf, -inf.
  size_t num_slots() const { return 2 * num_features_ + 1; }
  const float* Slots(std::span<const float> features, float* out) const;
  // Returns the margin; with kLeaves, writes the leaf reached in every tree (roots_'s order).
  template <bool kLeaves>
  float Walk(const float* slots, uint32_t* leaves) const;
  // Walk<false> for `count` (at most kItemsTogether) items' slots, num_slots() apart.
  // With `leaves`, writes each item's leaves walk_width() apart.
  void WalkTogether(const float* slots, size_t count, float* margins, uint32_t* leaves) const;
  // Adds up the credits of the leaves reached into out (num_features() + 1 slots).
  void AddCredits(const uint32_t* leaves, std::span<float> out) const;

  size_t num_features_ = 0;
  size_t num_trees_ = 0;
  size_t num_nodes_ = 0;
  std::vector<std::string> feature_names_;
  std::vector<Node> nodes_;
  // Trees' first nodes, padded with empty trees (one leaf worth 0) to a multiple of kLanes.
  std::vector<uint32_t> roots_;
  // Per group of kLanes trees: the deepest one's depth, the steps every walk takes.
  std::vector<uint8_t> depths_;
  // Contributions add up leaves' credits, computed once here: a fixed number per leaf (the most
  // features a path splits on), so that the additions never branch; the spare ones credit 0 to
  // slots past the features, one per position so that they never wait on each other.
  size_t credits_per_leaf_ = 1;
  std::vector<Credit> credits_;
  // Per node: where its leaf's credits begin in credits_ (unused for a split).
  std::vector<uint32_t> credits_at_;
  float base_margin_ = 0;
  // base_margin_ plus every tree's expected value: the bias of Contributions.
  float bias_ = 0;
};

}  // namespace haiquan::risk
