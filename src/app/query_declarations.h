#pragma once

#include "app/ports/declaration_store.h"

namespace haiquan::app {

class QueryDeclarations {
 public:
  static constexpr int kMaxPageSize = 500;

  explicit QueryDeclarations(DeclarationStore& store) : store_(store) {}

  domain::Result<StoredDeclaration> Get(int64_t id) const { return store_.Get(id); }

  domain::Result<DeclarationPage> List(DeclarationQuery q) const {
    if (q.limit < 1 || q.limit > kMaxPageSize) {
      return domain::Error::Invalid(
          "bad page size",
          {{"/limit", "out_of_range", "must be between 1 and " + std::to_string(kMaxPageSize)}});
    }
    return store_.List(q);
  }

 private:
  DeclarationStore& store_;
};

}  // namespace haiquan::app
