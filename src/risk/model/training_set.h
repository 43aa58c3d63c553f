#pragma once

#include <functional>
#include <span>
#include <vector>

#include "risk/model/feature_matrix.h"
#include "risk/model/features.h"
#include "risk/model/kcs_csv.h"

namespace haiquan::risk {

// Where the finding-based features of a training item come from.
enum class TrainingFindings {
  // Findings on declarations filed on strictly earlier dates: exactly what scoring sees.
  kEarlierDates,
  // Findings on every other training item outside the item's fold (never its own): steadier
  // rates early in the period, at the price of using later training findings.
  kOutOfFold,
};

struct LabelledSet {
  FeatureMatrix x;
  std::vector<float> labels;  // Fraud, 0/1
};

// Features of the training items (rows in the items' order), computed as the items are fed in
// date order (ties: the given order). Afterwards `builder` has learnt every filing and every
// finding of `items` and its vocabulary is frozen: it is ready to score later items.
LabelledSet BuildTrainingSet(std::span<const KcsItem> items, FeatureBuilder& builder,
                             TrainingFindings mode = TrainingFindings::kEarlierDates,
                             int folds = 5);

// Features of items to score, fed in date order: each item's filing is learnt after it is
// computed, findings never (the file's labels are read only to score the ranking).
FeatureMatrix BuildScoringSet(std::span<const KcsItem> items, FeatureBuilder& builder);

// Feeds items to `builder` as they became known, the order training and every replay share:
// dates in order; within a date, each declaration (consecutive items with one declaration_id)
// is handed to `compute` (if any) item by item, then all its items are learnt as filings; after
// each date, the findings known by its end (KcsItem::found, else the filing date) are learnt;
// findings known only after the last date are learnt at the end.
void FeedInOrder(std::span<const KcsItem> items, FeatureBuilder& builder,
                 const std::function<void(size_t)>& compute);

// Item indexes in date order, ties in the given order.
std::vector<size_t> FilingOrder(std::span<const KcsItem> items);

}  // namespace haiquan::risk
