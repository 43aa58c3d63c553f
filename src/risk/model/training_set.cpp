#include "risk/model/training_set.h"

#include <algorithm>
#include <cstdint>
#include <functional>
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

void FeedInOrder(std::span<const KcsItem> items, FeatureBuilder& builder,
                 const std::function<void(size_t)>& compute) {
  std::vector<size_t> order = FilingOrder(items);
  auto known = [&](size_t i) {
    return items[i].found == std::chrono::sys_days{} ? items[i].date : items[i].found;
  };
  std::vector<size_t> findings;
  for (size_t i : order) {
    if (items[i].fraud >= 0) findings.push_back(i);
  }
  std::stable_sort(findings.begin(), findings.end(),
                   [&](size_t a, size_t b) { return known(a) < known(b); });
  size_t next_finding = 0;
  for (size_t i = 0; i < order.size();) {
    // One date at a time: findings are not known until the date they were made is over.
    size_t j = i;
    while (j < order.size() && items[order[j]].date == items[order[i]].date) ++j;
    for (size_t p = i; p < j;) {
      // A declaration's items are all computed before any is learnt: they are filed at once.
      size_t q = p;
      while (q < j && items[order[q]].declaration_id == items[order[p]].declaration_id) ++q;
      if (compute) {
        for (size_t r = p; r < q; ++r) compute(order[r]);
      }
      for (size_t r = p; r < q; ++r) builder.LearnFiling(items[order[r]]);
      p = q;
    }
    auto day = items[order[i]].date;
    while (next_finding < findings.size() && known(findings[next_finding]) <= day) {
      const KcsItem& it = items[findings[next_finding++]];
      builder.LearnFinding(it, it.fraud == 1);
    }
    i = j;
  }
  // Found after the last filing: known by now, for what is scored next.
  for (; next_finding < findings.size(); ++next_finding) {
    const KcsItem& it = items[findings[next_finding]];
    builder.LearnFinding(it, it.fraud == 1);
  }
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
  FeedInOrder(items, builder, [&](size_t i) {
    if (mode == TrainingFindings::kOutOfFold) {
      builder.Compute(items[i], out_of_fold[static_cast<size_t>(FoldOf(items[i], folds))],
                      MutableRow(out.x, i));
    } else {
      builder.Compute(items[i], MutableRow(out.x, i));
    }
  });
  builder.FreezeVocabulary();
  return out;
}

FeatureMatrix BuildScoringSet(std::span<const KcsItem> items, FeatureBuilder& builder) {
  FeatureMatrix x = EmptyMatrix(items.size());
  std::vector<size_t> order = FilingOrder(items);
  for (size_t p = 0; p < order.size();) {
    size_t q = p;
    while (q < order.size() && items[order[q]].declaration_id == items[order[p]].declaration_id &&
           items[order[q]].date == items[order[p]].date) {
      ++q;
    }
    for (size_t r = p; r < q; ++r) builder.Compute(items[order[r]], MutableRow(x, order[r]));
    for (size_t r = p; r < q; ++r) builder.LearnFiling(items[order[r]]);
    p = q;
  }
  return x;
}

}  // namespace haiquan::risk
