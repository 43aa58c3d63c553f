// The learned model's outside inputs: labelled CSV files (`risk train`, `evaluate`, `backtest`),
// XGBoost model JSON inside a registered model file, and an analyst's activation request. The
// first byte picks the parser; the rest is the input.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_support.h"
#include "http/model_json.h"
#include "risk/model/kcs_csv.h"
#include "risk/model/tree_ensemble.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace haiquan;
  using namespace haiquan::fuzz;
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      auto items = risk::ParseKcsCsv(text);
      if (!items.ok()) return 0;
      // What is read is written back to the same values: a model trained on the database
      // carries its items this way.
      auto again = risk::ParseKcsCsv(risk::WriteKcsCsv(*items));
      Check(again.ok(), "written items do not read back");
      Check(again->size() == items->size(), "written items change in number");
      for (size_t i = 0; i < items->size(); ++i) {
        const auto& a = (*items)[i];
        const auto& b = (*again)[i];
        Check(a.declaration_id == b.declaration_id && a.hs6 == b.hs6 && a.date == b.date &&
                  a.net_mass_kg == b.net_mass_kg && a.item_price == b.item_price &&
                  a.fraud == b.fraud &&
                  (a.tax_rate == b.tax_rate || (std::isnan(a.tax_rate) && std::isnan(b.tax_rate))),
              "an item changed on its way through a file");
      }
      return 0;
    }
    case 1: {
      auto model = risk::TreeEnsemble::FromXgboostJson(text);
      if (!model.ok()) return 0;
      // A model that loads must score any item without reading out of bounds.
      std::vector<float> x(model->num_features(), NAN);
      std::vector<float> contributions(model->num_features() + 1);
      float p = model->Probability(x);
      Check(p >= 0 && p <= 1, "a probability out of [0, 1]");
      model->Contributions(x, contributions);
      for (auto& v : x) v = 1;
      (void)model->Probability(x);
      return 0;
    }
    default: {
      auto parsed = http::ParseJson(text);
      if (!parsed.ok()) return 0;
      http::JsonReader reader;
      auto request = http::ReadActivationRequest(*parsed, reader);
      if (!reader.ok()) {
        CheckProblem(reader.ToError("the activation"));
        return 0;
      }
      Check(request.budget.Faults().empty(), "an accepted budget is not valid");
      return 0;
    }
  }
}
