#include "risk/model/training_set.h"

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace haiquan::risk {
namespace {

// FNV-1a: a fold that depends on the declaration alone, the same on every platform.
int FoldOf(const KcsItem& item, int folds) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : item.declaration_id) h = (h ^ c) * 1099511628211ull;
  return static_cast<int>(h % static_cast<uint64_t>(folds));
}

FeatureMatrix EmptyMatrix(size_t rows) {
  FeatureMatrix x;
  x.names = FeatureBuilder::Names();
  x.values.resize(rows * x.names.size());
  return x;
}

std::span<float> MutableRow(FeatureMatrix& x, size_t r) {
  return {x.values.data() + r * x.cols(), x.cols()};
}

}  // namespace

std::vector<size_t> FilingOrder(std::span<const KcsItem> items) {
  std::vector<size_t> order(items.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return items[a].date < items[b].date; });
  return order;
}

LabelledSet BuildTrainingSet(std::span<const KcsItem> items, FeatureBuilder& builder,
                             TrainingFindings mode, int folds) {
  LabelledSet out;
  out.x = EmptyMatrix(items.size());
  out.labels.resize(items.size());
  for (size_t i = 0; i < items.size(); ++i) out.labels[i] = items[i].fraud == 1 ? 1.f : 0.f;

  std::vector<FindingHistory> out_of_fold;
  if (mode == TrainingFindings::kOutOfFold) {
    // Every fold's history starts from the builder's findings plus all the training findings,
    // then takes its own fold's back out.
    out_of_fold.assign(static_cast<size_t>(folds), builder.findings());
    for (const KcsItem& it : items) {
      int f = FoldOf(it, folds);
      for (int k = 0; k < folds; ++k) {
        if (k != f) out_of_fold[static_cast<size_t>(k)].Learn(it, it.fraud == 1);
      }
    }
  }

  std::vector<size_t> order = FilingOrder(items);
  for (size_t i = 0; i < order.size();) {
    // One date at a time: findings on that date's declarations are not known until it is over.
    size_t j = i;
    while (j < order.size() && items[order[j]].date == items[order[i]].date) ++j;
    for (size_t p = i; p < j; ++p) {
      const KcsItem& it = items[order[p]];
      if (mode == TrainingFindings::kOutOfFold) {
        builder.Compute(it, out_of_fold[static_cast<size_t>(FoldOf(it, folds))],
                        MutableRow(out.x, order[p]));
      } else {
        builder.Compute(it, MutableRow(out.x, order[p]));
      }
      builder.LearnFiling(it);
    }
    for (size_t p = i; p < j; ++p) {
      const KcsItem& it = items[order[p]];
      if (it.fraud >= 0) builder.LearnFinding(it, it.fraud == 1);
    }
    i = j;
  }
  builder.FreezeVocabulary();
  return out;
}

FeatureMatrix BuildScoringSet(std::span<const KcsItem> items, FeatureBuilder& builder) {
  FeatureMatrix x = EmptyMatrix(items.size());
  for (size_t i : FilingOrder(items)) {
    builder.Compute(items[i], MutableRow(x, i));
    builder.LearnFiling(items[i]);
  }
  return x;
}

}  // namespace haiquan::risk
