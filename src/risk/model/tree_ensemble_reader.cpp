// Reading XGBoost's JSON model into the flat layout TreeEnsemble walks: kept apart from the
// evaluation, which needs no JSON.
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "risk/model/tree_ensemble.h"

namespace haiquan::risk {
namespace json = boost::json;

namespace {

// One tree as XGBoost saves it: parallel arrays indexed by node id.
struct RawTree {
  std::vector<int64_t> left;
  std::vector<int64_t> right;
  std::vector<int64_t> feature;
  std::vector<double> condition;  // split condition, or the leaf's value
  std::vector<int64_t> default_left;
  std::vector<double> hessian;
  std::vector<int64_t> split_type;
};

// A node's slot (twice the features, and one) is 16 bits.
constexpr double kMaxFeatures = 32767;

domain::Error Bad(const std::string& what) {
  return domain::Error::Malformed("XGBoost JSON model: " + what);
}

const json::value* Find(const json::value* v, std::initializer_list<std::string_view> path) {
  for (std::string_view key : path) {
    const json::object* o = v ? v->if_object() : nullptr;
    v = o ? o->if_contains(key) : nullptr;
  }
  return v;
}

// XGBoost writes booleans as 0/1 and the model parameters as strings ("5E-1").
template <typename T>
bool ReadNumber(const json::value& v, T* out) {
  if (v.is_bool()) {
    *out = v.get_bool() ? 1 : 0;
    return true;
  }
  if (const json::string* s = v.if_string()) {
    char* end = nullptr;
    double d = std::strtod(s->c_str(), &end);
    if (s->empty() || end != s->c_str() + s->size()) return false;
    *out = static_cast<T>(d);
    return true;
  }
  json::error_code ec;
  T n = v.to_number<T>(ec);
  if (ec) return false;
  *out = n;
  return true;
}

template <typename T>
bool ReadNumbers(const json::value* v, std::vector<T>* out) {
  const json::array* a = v ? v->if_array() : nullptr;
  if (!a) return false;
  out->resize(a->size());
  for (size_t i = 0; i < a->size(); ++i) {
    if (!ReadNumber((*a)[i], &(*out)[i])) return false;
  }
  return true;
}

domain::Result<RawTree> ReadTree(const json::value& t, size_t index) {
  RawTree r;
  const std::string at = "trees[" + std::to_string(index) + "].";
  struct Column {
    const char* name;
    bool ok;
  };
  const Column columns[] = {
      {"left_children", ReadNumbers(Find(&t, {"left_children"}), &r.left)},
      {"right_children", ReadNumbers(Find(&t, {"right_children"}), &r.right)},
      {"split_indices", ReadNumbers(Find(&t, {"split_indices"}), &r.feature)},
      {"split_conditions", ReadNumbers(Find(&t, {"split_conditions"}), &r.condition)},
      {"default_left", ReadNumbers(Find(&t, {"default_left"}), &r.default_left)},
      {"sum_hessian", ReadNumbers(Find(&t, {"sum_hessian"}), &r.hessian)},
  };
  for (const Column& c : columns) {
    if (!c.ok) return Bad(at + c.name + " is missing or not numbers");
  }
  const size_t n = r.left.size();
  if (n == 0) return Bad(at + "left_children is empty");
  if (r.right.size() != n || r.feature.size() != n || r.condition.size() != n ||
      r.default_left.size() != n || r.hessian.size() != n) {
    return Bad(at + "node arrays differ in length");
  }
  // Older models have no split_type: all splits numerical.
  if (const json::value* st = Find(&t, {"split_type"})) {
    if (!ReadNumbers(st, &r.split_type) || r.split_type.size() != n) {
      return Bad(at + "split_type is not one number per node");
    }
  }
  return r;
}

}  // namespace

// Turns XGBoost's trees into the flat layout, checking on the way that each is a tree.
class TreeEnsembleBuilder {
 public:
  explicit TreeEnsembleBuilder(TreeEnsemble* e) : e_(*e) {}

  domain::Status Add(const RawTree& t, size_t index) {
    const std::string at = "trees[" + std::to_string(index) + "]: ";
    const size_t n = t.left.size();
    if (n > kMaxTreeNodes) return Bad(at + "more than 65,535 nodes");
    // Breadth-first, giving both children of a node consecutive places; `order` holds the
    // XGBoost ids in the new order, so parents come before their children.
    std::vector<int64_t> order{0};
    std::vector<uint32_t> place(n, kUnplaced);
    std::vector<uint32_t> parent{0};
    std::vector<int> depth{0};
    place[0] = 0;
    for (size_t i = 0; i < order.size(); ++i) {
      const int64_t id = order[i];
      const int64_t l = t.left[id];
      const int64_t r = t.right[id];
      if (l == -1 && r == -1) continue;
      if (l < 0 || r < 0 || l >= static_cast<int64_t>(n) || r >= static_cast<int64_t>(n) ||
          l == 0 || r == 0 || l == r) {
        return Bad(at + "node " + std::to_string(id) + " has bad children");
      }
      if (place[l] != kUnplaced || place[r] != kUnplaced) {
        return Bad(at + "node " + std::to_string(l) + " has two parents");
      }
      if (t.feature[id] < 0 || t.feature[id] >= static_cast<int64_t>(e_.num_features_)) {
        return Bad(at + "split on feature " + std::to_string(t.feature[id]) + " of " +
                   std::to_string(e_.num_features_));
      }
      if (!t.split_type.empty() && t.split_type[id] != 0) {
        return Bad(at + "categorical splits are not supported");
      }
      if (depth[i] + 1 > TreeEnsemble::kMaxDepth) return Bad(at + "deeper than 255");
      for (int64_t child : {l, r}) {
        place[child] = static_cast<uint32_t>(order.size());
        order.push_back(child);
        parent.push_back(static_cast<uint32_t>(i));
        depth.push_back(depth[i] + 1);
      }
    }

    // Expected values, children before parents (the reverse of `order`), as XGBoost's
    // FillNodeMeanValues: a leaf's value, or the children's weighted by their hessian sums.
    std::vector<double> mean(order.size());
    for (size_t i = order.size(); i-- > 0;) {
      const int64_t id = order[i];
      if (t.left[id] == -1) {
        mean[i] = t.condition[id];
        continue;
      }
      const uint32_t l = place[t.left[id]];
      const double hl = t.hessian[t.left[id]];
      const double hr = t.hessian[t.right[id]];
      double h = t.hessian[id];
      // A node without cover would divide by zero; its children's cover is the same thing.
      if (!(h > 0)) h = hl + hr;
      mean[i] = h > 0 ? (mean[l] * hl + mean[l + 1] * hr) / h : (mean[l] + mean[l + 1]) / 2;
    }

    const uint32_t base = static_cast<uint32_t>(e_.nodes_.size());
    e_.nodes_.resize(base + order.size());
    for (size_t i = 0; i < order.size(); ++i) {
      const int64_t id = order[i];
      TreeEnsemble::Node& node = e_.nodes_[base + i];
      node.value = static_cast<float>(t.condition[id]);
      if (t.left[id] == -1) {
        node.slot = LeafSlot();
        node.offset = 0;
        leaves_.push_back(
            {base + static_cast<uint32_t>(i), PathCredits(t, order, parent, mean, i)});
        continue;
      }
      // -inf or +inf in for a missing value only works against a finite condition.
      if (!std::isfinite(node.value)) return Bad(at + "a split condition is not finite");
      node.slot =
          static_cast<uint16_t>(t.feature[id] + (t.default_left[id] != 0 ? e_.num_features_ : 0));
      node.offset = static_cast<uint16_t>(place[t.left[id]] - i);
    }
    e_.roots_.push_back(base);
    depths_.push_back(*std::max_element(depth.begin(), depth.end()));
    tree_means_.push_back(static_cast<float>(mean[0]));
    return domain::Ok();
  }

  void Finish() {
    e_.num_trees_ = e_.roots_.size();
    e_.num_nodes_ = e_.nodes_.size();
    // Padding trees share one leaf worth 0: adding 0 leaves a float sum as it was.
    const uint32_t zero = static_cast<uint32_t>(e_.nodes_.size());
    e_.nodes_.push_back({0.f, LeafSlot(), 0});
    leaves_.push_back({zero, {}});
    while (e_.roots_.size() % TreeEnsemble::kLanes != 0) {
      e_.roots_.push_back(zero);
      depths_.push_back(0);
    }
    for (size_t g = 0; g < e_.roots_.size(); g += TreeEnsemble::kLanes) {
      e_.depths_.push_back(static_cast<uint8_t>(
          *std::max_element(depths_.begin() + g, depths_.begin() + g + TreeEnsemble::kLanes)));
    }

    size_t width = 1;
    for (const Leaf& l : leaves_) width = std::max(width, l.credits.size());
    e_.credits_per_leaf_ = width;
    e_.credits_at_.assign(e_.nodes_.size(), 0);
    e_.credits_.reserve(leaves_.size() * width);
    for (const Leaf& l : leaves_) {
      e_.credits_at_[l.node] = static_cast<uint32_t>(e_.credits_.size());
      for (size_t k = 0; k < width; ++k) {
        e_.credits_.push_back(
            k < l.credits.size()
                ? l.credits[k]
                : TreeEnsemble::Credit{static_cast<uint32_t>(e_.num_features_ + 1 + k), 0.f});
      }
    }

    // XGBoost sums in float, base score first, trees in order; so does Margin.
    float bias = e_.base_margin_;
    for (float m : tree_means_) bias += m;
    e_.bias_ = bias;
  }

 private:
  struct Leaf {
    uint32_t node;
    std::vector<TreeEnsemble::Credit> credits;
  };

  static constexpr uint32_t kUnplaced = std::numeric_limits<uint32_t>::max();
  static constexpr size_t kMaxTreeNodes = 65535;

  // Saabas' credits along the path to leaf `i` (in `order`'s numbering), one per feature.
  static std::vector<TreeEnsemble::Credit> PathCredits(const RawTree& t,
                                                       const std::vector<int64_t>& order,
                                                       const std::vector<uint32_t>& parent,
                                                       const std::vector<double>& mean, size_t i) {
    std::vector<std::pair<uint32_t, double>> sums;
    for (size_t c = i; c != 0; c = parent[c]) {
      const uint32_t f = static_cast<uint32_t>(t.feature[order[parent[c]]]);
      auto it = std::find_if(sums.begin(), sums.end(), [f](auto& s) { return s.first == f; });
      if (it == sums.end()) it = sums.insert(sums.end(), {f, 0.0});
      it->second += mean[c] - mean[parent[c]];
    }
    std::vector<TreeEnsemble::Credit> out;
    for (const auto& [f, gain] : sums) out.push_back({f, static_cast<float>(gain)});
    return out;
  }

  uint16_t LeafSlot() const { return static_cast<uint16_t>(2 * e_.num_features_); }

  TreeEnsemble& e_;
  std::vector<int> depths_;
  std::vector<float> tree_means_;
  std::vector<Leaf> leaves_;
};

domain::Result<TreeEnsemble> TreeEnsemble::FromXgboostJson(std::string_view model_json) {
  json::error_code ec;
  json::monotonic_resource arena;
  json::value doc = json::parse(model_json, ec, &arena);
  if (ec) return Bad("not JSON: " + ec.message());

  const json::value* learner = Find(&doc, {"learner"});
  if (!learner) return Bad("no learner");
  const json::value* objective = Find(learner, {"objective", "name"});
  const json::string* obj_name = objective ? objective->if_string() : nullptr;
  // Both predict the logistic of the margin, and take base_score as a probability.
  if (!obj_name || (*obj_name != "binary:logistic" && *obj_name != "reg:logistic")) {
    return Bad("objective must be binary:logistic");
  }
  const json::value* booster = Find(learner, {"gradient_booster", "name"});
  if (!booster || !booster->is_string() || booster->get_string() != "gbtree") {
    return Bad("booster must be gbtree");
  }

  TreeEnsemble e;
  const json::value* param = Find(learner, {"learner_model_param"});
  double base_score = 0.5;
  double num_feature = 0;
  double num_class = 0;
  if (!Find(param, {"base_score"}) || !ReadNumber(*Find(param, {"base_score"}), &base_score) ||
      !(base_score > 0 && base_score < 1)) {
    return Bad("base_score must be a probability");
  }
  if (!Find(param, {"num_feature"}) || !ReadNumber(*Find(param, {"num_feature"}), &num_feature) ||
      !(num_feature >= 1 && num_feature <= kMaxFeatures)) {
    return Bad("num_feature is missing or above 32,767");
  }
  if (const json::value* nc = Find(param, {"num_class"});
      nc && (!ReadNumber(*nc, &num_class) || num_class > 1)) {
    return Bad("multi-class models are not supported");
  }
  e.num_features_ = static_cast<size_t>(num_feature);
  e.base_margin_ = static_cast<float>(std::log(base_score / (1 - base_score)));

  if (const json::array* names =
          Find(learner, {"feature_names"}) ? Find(learner, {"feature_names"})->if_array() : nullptr;
      names && !names->empty()) {
    if (names->size() != e.num_features_) return Bad("feature_names do not match num_feature");
    for (const json::value& n : *names) {
      if (!n.is_string()) return Bad("feature_names must be strings");
      e.feature_names_.emplace_back(n.get_string());
    }
  }

  const json::value* trees_v = Find(learner, {"gradient_booster", "model", "trees"});
  const json::array* trees = trees_v ? trees_v->if_array() : nullptr;
  if (!trees) return Bad("no trees");
  TreeEnsembleBuilder builder(&e);
  for (size_t i = 0; i < trees->size(); ++i) {
    auto raw = ReadTree((*trees)[i], i);
    if (!raw) return raw.error();
    if (auto added = builder.Add(*raw, i); !added) return added.error();
  }
  builder.Finish();
  return e;
}

}  // namespace haiquan::risk
